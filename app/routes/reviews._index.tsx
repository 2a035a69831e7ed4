// The reviewer's assignments (審査の一覧) by call and stage, with the deadline and what is unfinished:
// the proposals under review now, and the finished ones (?past=N) a page of 100 at a time — ten years
// of a busy reviewer are thousands. Proposals the reviewer is conflicted with never appear here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listReviewerAssignments } from "~/domain/reviews/queries.server";
import { REVIEW_STAGES } from "~/domain/reviews/schema";
import { formatDateTime } from "~/domain/calendar/format";
import { NoSuchPage, Pagination } from "~/components/layout/pagination";
import { requestedPage } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "審査 | 協働マッチングポータル" }];

/** `?past=N`: page N of the finished reviews (proposals no longer under review), newest calls first. */
function pastPage(request: Request): number | null {
  return new URL(request.url).searchParams.has("past") ? requestedPage(request, "past") : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "review:list");
  const page = pastPage(args.request);
  const { rows, more } = await listReviewerAssignments(getDb(), viewer.id, page === null ? { current: true } : { current: false, page });
  const at = Date.now();
  const groups = new Map<string, { key: string; callTitle: string; stage: string; deadline: string | null; overdue: boolean; items: { id: string; receiptNumber: string | null; title: string; sheet: string; done: boolean }[] }>();
  for (const r of rows) {
    const key = `${r.call_id}/${r.stage}`;
    if (!groups.has(key)) {
      groups.set(key, { key, callTitle: r.call_title, stage: REVIEW_STAGES.label(r.stage), deadline: r.deadline ? formatDateTime(r.deadline) : null, overdue: page === null && r.deadline !== null && Date.parse(r.deadline) < at, items: [] });
    }
    groups.get(key)!.items.push({
      id: r.id,
      receiptNumber: r.receipt_number,
      title: r.title || "（無題の提案）",
      sheet: r.sheet_status === "submitted" ? "提出済み" : r.sheet_status === "draft" ? "下書き" : "未着手",
      done: r.sheet_status === "submitted",
    });
  }
  return json({ groups: [...groups.values()], past: page === null ? null : { page, more } });
}

export default function Reviews() {
  const { groups, past } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{past ? "終わった審査" : "審査"}</h1>
      <p>
        {past ? (
          <Link to="/reviews">審査中の提案に戻る</Link>
        ) : (
          <Link to="/reviews?past=1">終わった審査（これまでの募集）を見る</Link>
        )}
      </p>
      {groups.length === 0 && past && past.page > 1 ? (
        <NoSuchPage firstPage="/reviews?past=1" />
      ) : groups.length === 0 ? (
        <p className="empty">
          {past ? "終わった審査はまだありません。" : "審査中の提案で、割り当てられたものはありません。協働推進課が審査を割り当てると、ここに表示されます。"}
        </p>
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
      {past && groups.length > 0 ? <Pagination page={past.page} hasNext={past.more} link={(p) => `/reviews?past=${p}`} label="終わった審査のページ" /> : null}
    </>
  );
}
