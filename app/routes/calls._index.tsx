import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listPublishedCalls } from "~/domain/calls/queries.server";
import { callPhase, PHASE_LABELS } from "~/domain/calls/rules";
import { CALL_TYPES } from "~/domain/calls/schema";
import { formatPeriod } from "~/domain/calendar/format";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";

export const meta: MetaFunction = () => [{ title: "募集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const at = new Date();
  const calls = await listPublishedCalls(getDb());
  return json({
    calls: calls.map((c) => ({ id: c.id, title: c.title, fiscalYear: c.fiscal_year, type: c.type, phase: callPhase(c, at), period: formatPeriod(c.opens_at, c.closes_at) })),
  });
}

export default function Calls() {
  const { calls } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集</h1>
      <p>協働事業の提案の募集です。行政提案型は担当課のマッチングシートのテーマについて、市民提案型は団体が自由なテーマで提案できます。</p>
      {calls.length === 0 ? (
        <p className="empty">いま公開している募集はありません。</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">募集名</th>
                <th scope="col">年度</th>
                <th scope="col">種類</th>
                <th scope="col">受付期間</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/calls/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{formatFiscalYearWithWestern(c.fiscalYear)}</td>
                  <td>{CALL_TYPES.label(c.type)}</td>
                  <td>{c.period}</td>
                  <td>
                    <span className={`status status-phase-${c.phase}`}>{PHASE_LABELS[c.phase]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
