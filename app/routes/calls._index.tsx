import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";
import { CallsTable } from "~/components/calls/calls-table";
import { PageCount, pageLink, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { listCalls } from "~/domain/calls/queries.server";
import { callPhase } from "~/domain/calls/rules";
import { formatPeriod } from "~/domain/calendar/format";
import { requestedPage } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "募集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const at = new Date();
  const { rows: calls, total, page, pageCount } = await listCalls(getDb(), { publishedOnly: true }, requestedPage(args.request));
  return json({
    calls: calls.map((c) => ({ id: c.id, title: c.title, fiscalYear: c.fiscal_year, type: c.type, phase: callPhase(c, at), period: formatPeriod(c.opens_at, c.closes_at) })),
    total,
    page,
    pageCount,
  });
}

export default function Calls() {
  const { calls, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集</h1>
      <p>協働事業の提案の募集です。行政提案型は担当課のマッチングシートのテーマについて、市民提案型は団体が自由なテーマで提案できます。</p>
      {calls.length === 0 ? (
        <p className="empty">いま公開している募集はありません。</p>
      ) : (
        <>
          <PageCount total={total} page={page} pageCount={pageCount} order="新しい年度から" />
          <CallsTable calls={calls} />
          <Pagination page={page} pageCount={pageCount} link={(p) => pageLink(p, "/calls")} />
        </>
      )}
    </>
  );
}
