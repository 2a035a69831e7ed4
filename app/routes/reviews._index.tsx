// The reviewer's assignments (審査の一覧) by call and stage, with the deadline and what is unfinished.
// Proposals the reviewer is conflicted with never appear here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listReviewerAssignments } from "~/domain/reviews/queries.server";
import { REVIEW_STAGES } from "~/domain/reviews/schema";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "審査 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "review:list");
  const rows = await listReviewerAssignments(getDb(), viewer.id);
  const at = Date.now();
  const groups = new Map<string, { key: string; callTitle: string; stage: string; deadline: string | null; overdue: boolean; items: { id: string; receiptNumber: string | null; title: string; sheet: string; done: boolean }[] }>();
  for (const r of rows) {
    const key = `${r.call_id}/${r.stage}`;
    if (!groups.has(key)) {
      groups.set(key, { key, callTitle: r.call_title, stage: REVIEW_STAGES.label(r.stage), deadline: r.deadline ? formatDateTime(r.deadline) : null, overdue: r.deadline !== null && Date.parse(r.deadline) < at, items: [] });
    }
    groups.get(key)!.items.push({
      id: r.id,
      receiptNumber: r.receipt_number,
      title: r.title || "（無題の提案）",
      sheet: r.sheet_status === "submitted" ? "提出済み" : r.sheet_status === "draft" ? "下書き" : "未着手",
      done: r.sheet_status === "submitted",
    });
  }
  return json({ groups: [...groups.values()] });
}

export default function Reviews() {
  const { groups } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>審査</h1>
      {groups.length === 0 ? (
        <p className="empty">割り当てられた提案はまだありません。協働推進課が審査を割り当てると、ここに表示されます。</p>
      ) : (
        groups.map((g) => {
          const open = g.items.filter((i) => !i.done).length;
          return (
            <section key={g.key} className="panel" aria-label={`${g.callTitle} ${g.stage}`}>
              <h2>
                {g.callTitle}（{g.stage}）
              </h2>
              <p>
                締切: {g.deadline ?? "未定"}
                {g.overdue ? "（締切を過ぎています）" : ""} · 未提出 {open} 件 / {g.items.length} 件
              </p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">受付番号</th>
                      <th scope="col">提案事業名</th>
                      <th scope="col">採点票</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.items.map((i) => (
                      <tr key={i.id}>
                        <td>{i.receiptNumber}</td>
                        <td>
                          <Link to={`/reviews/${i.id}`}>{i.title}</Link>
                        </td>
                        <td>{i.sheet}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })
      )}
    </>
  );
}
