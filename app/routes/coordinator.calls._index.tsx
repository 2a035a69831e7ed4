import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requestedPage } from "~/domain/zod";
import { requireViewer } from "~/auth/guards.server";
import { CallsTable } from "~/components/calls/calls-table";
import { PageCount, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { listCalls } from "~/domain/calls/queries.server";
import { callPhase } from "~/domain/calls/rules";
import { formatPeriod } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "募集の管理 | 協働マッチングポータル" }];


export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "call:manage");
  const at = new Date();
  const { rows, ...paging } = await listCalls(getDb(), { publishedOnly: false }, requestedPage(args.request));
  return json({
    ...paging,
    calls: rows.map((c) => ({
      id: c.id,
      title: c.title,
      fiscalYear: c.fiscal_year,
      type: c.type,
      phase: callPhase(c, at),
      frozen: c.first_submitted_at !== null,
      period: formatPeriod(c.opens_at, c.closes_at),
    })),
  });
}

export default function CoordinatorCalls() {
  const { calls, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集の管理</h1>
      <p>
        <Link to="/coordinator/calls/new" className="button primary">
          募集を作成する
        </Link>
      </p>
      {total === 0 ? (
        <p className="empty">まだ募集がありません。「募集を作成する」から下書きを作り、準備ができたら公開してください。</p>
      ) : (
        <>
          <PageCount total={total} page={page} pageCount={pageCount} />
          <CallsTable
            calls={calls}
            actions={(c) => (
              <>
                <Link to={`/coordinator/calls/${c.id}/edit`}>編集</Link> · <Link to={`/coordinator/calls/${c.id}/review`}>審査</Link> ·{" "}
                <Link to={`/coordinator/calls/${c.id}/results`}>審査結果</Link> · <Link to={`/coordinator/calls/${c.id}/decisions`}>採択の決定</Link>
              </>
            )}
          />
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}
