import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { notFound, requireViewer } from "~/auth/guards.server";
import { TableRegion } from "~/components/layout/table-region";
import { FieldErrors } from "~/components/forms/form";
import { listAuditEntries } from "~/domain/audit/queries.server";
import { requestedAuditPosition } from "~/domain/audit/schema";
import { formatDate, formatDateTime } from "~/domain/calendar/format";
import { CursorPagination } from "~/components/layout/pagination";

export const meta: MetaFunction = () => [{ title: "監査ログ | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:audit:view");
  const address = requestedAuditPosition(args.request);
  if (!address.ok) notFound();
  const { position, until } = address;
  const page = await listAuditEntries(getDb(), position);
  if (!page) notFound();
  const { entries, hasOlder, hasNewer } = page;
  return json({
    position: position.kind,
    day: position.kind === "until" ? formatDate(position.day) : null,
    until: until ?? null,
    newer: hasNewer && entries.length > 0 ? `?after=${encodeURIComponent(entries[0].id)}` : null,
    older: hasOlder && entries.length > 0 ? `?before=${encodeURIComponent(entries[entries.length - 1].id)}` : null,
    entries: entries.map(({ createdAt, ...e }) => ({ ...e, at: formatDateTime(createdAt) })),
  });
}

const EMPTY = {
  newest: "記録はまだありません。",
  before: "これより古い記録はありません。",
  after: "これより新しい記録はありません。",
  until: "この日とそれより前の記録はありません。",
} as const;

export default function AuditLog() {
  const { entries, position, day, until, newer, older } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>監査ログ</h1>
      <p>誰が・いつ・何を・どれに行ったかの記録です。新しい順に表示しています。時刻は日本時間です。</p>
      <Form method="get" action="/admin/audit">
        <div className="field">
          <label htmlFor="audit-until">日付を指定</label>
          <p className="hint" id="audit-until-hint">
            その日（日本時間）とそれより前の記録を、新しい順に表示します。
          </p>
          <input
            id="audit-until"
            type="date"
            name="until"
            defaultValue={until?.typed}
            aria-describedby="audit-until-hint audit-until-errors"
            aria-invalid={until?.problem ? true : undefined}
          />
          <FieldErrors id="audit-until-errors" errors={until?.problem ? [until.problem] : undefined} />
        </div>
        <button type="submit" className="button">
          表示する
        </button>
      </Form>
      {day ? <p>{day}とそれより前の記録です。</p> : null}
      {entries.length === 0 ? (
        <p className="empty">{EMPTY[position]}</p>
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
      <CursorPagination
        newest={position === "newest" ? undefined : "/admin/audit"}
        newer={newer ?? undefined}
        older={older ?? undefined}
        newestText="最新の記録へ"
        newerText="新しい記録"
        olderText="古い記録"
      />
    </>
  );
}
