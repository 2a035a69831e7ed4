import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireViewer } from "~/auth/guards.server";
import { listAuditEntries } from "~/domain/audit/queries.server";

export const meta: MetaFunction = () => [{ title: "監査ログ | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:audit:view");
  return json({ entries: await listAuditEntries(getDb()) });
}

const ACTION_LABELS: Record<string, string> = {
  "user.create": "ユーザー登録",
  "user.password.change": "パスワード変更",
  "user.password.reset": "パスワード再設定",
  "user.email.confirm": "メールアドレスの確認",
  "user.email.change_request": "メールアドレス変更の申し込み",
  "user.email.change": "メールアドレスの変更",
  "role.grant": "役割の付与",
  "role.revoke": "役割の取り消し",
  "user.department.set": "所属課の変更",
  "group.register": "団体の登録",
  "group.update": "団体情報の更新",
  "group.approve": "団体の承認",
  "group.reject": "団体の差戻し",
  "group.suspend": "団体の停止",
  "group.invite": "団体メンバーの招待",
  "group.join": "団体への参加",
  "group.transfer": "団体の代表管理者の引き継ぎ",
  "group.remove-member": "団体メンバーの削除",
};

const timeFormat = new Intl.DateTimeFormat("ja-JP", { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Tokyo" });

export default function AuditLog() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>監査ログ</h1>
      <p>新しい順に最大200件を表示しています。時刻は日本時間です。</p>
      {entries.length === 0 ? (
        <p className="empty">記録はまだありません。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">操作した人</th>
              <th scope="col">操作</th>
              <th scope="col">対象</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{timeFormat.format(new Date(e.created_at))}</td>
                <td>{e.actor_email ?? "（システム）"}</td>
                <td>{ACTION_LABELS[e.action] ?? e.action}</td>
                <td>
                  {e.subject_type} {e.subject_id}
                </td>
                <td>
                  <code>{e.detail}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
