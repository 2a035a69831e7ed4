import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requestedPage } from "~/domain/zod";
import { getDb } from "~/db.server";
import { requireViewer } from "~/auth/guards.server";
import { TableRegion } from "~/components/layout/table-region";
import { listAuditEntries } from "~/domain/audit/queries.server";
import { formatDateTime } from "~/domain/calendar/format";
import { NoSuchPage, pageLink, Pagination } from "~/components/layout/pagination";

export const meta: MetaFunction = () => [{ title: "監査ログ | 協働マッチングポータル" }];


export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:audit:view");
  const page = requestedPage(args.request);
  const { entries, hasNext } = await listAuditEntries(getDb(), { page });
  return json({ page, hasNext, entries: entries.map(({ createdAt, ...e }) => ({ ...e, at: formatDateTime(createdAt) })) });
}

export default function AuditLog() {
  const { entries, page, hasNext } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>監査ログ</h1>
      <p>誰が・いつ・何を・どれに行ったかの記録です。新しい順に表示しています。時刻は日本時間です。</p>
      {entries.length === 0 ? (
        page === 1 ? (
          <p className="empty">記録はまだありません。</p>
        ) : (
          <NoSuchPage firstPage={pageLink(1, "/admin/audit")} />
        )
      ) : (
        <TableRegion label="監査ログの一覧">
          <table className="audit-log">
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
                  <td>{e.at}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.subject}</td>
                  <td>
                    {e.detail.length > 0 ? (
                      <ul className="audit-detail">
                        {e.detail.map((line, i) => (
                          <li key={i}>{`${line.label}: ${line.value}`}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {entries.length > 0 ? <Pagination page={page} hasNext={hasNext} link={(p) => `?page=${p}`} previous="新しい記録" next="古い記録" /> : null}
    </>
  );
}
