import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireGroup } from "~/auth/access/groups.server";
import { PROFILE_FIELD_LABELS } from "~/domain/groups/profile";
import { groupName, listChanges } from "~/domain/groups/queries.server";
import { formatDateTime } from "~/domain/calendar/format";
import { PageCount, Pagination } from "~/components/layout/pagination";
import { requestedPage } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "団体情報の変更履歴 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { group } = await requireGroup(args, "group:view-history");
  const db = getDb();
  const [name, { rows, ...paging }] = await Promise.all([groupName(db, group.id), listChanges(db, group.id, requestedPage(args.request))]);
  return json({ group: { id: group.id, name }, changes: rows, ...paging });
}

export default function GroupHistory() {
  const { group, changes, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{group.name}の変更履歴</h1>
      <PageCount total={total} page={page} pageCount={pageCount} order="新しい順" />
      <table>
        <caption className="visually-hidden">変更履歴（新しい順）</caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">変更した人</th>
            <th scope="col">内容</th>
            <th scope="col">変更した項目</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.changedAt)}</td>
              <td>{c.changedBy ?? "（削除されたユーザー）"}</td>
              <td>{c.summary}</td>
              <td>{c.fields.map((f) => PROFILE_FIELD_LABELS[f] ?? f).join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} />
      <p>
        <Link to={`/groups/${group.id}`}>団体のページへ戻る</Link>
      </p>
    </>
  );
}
