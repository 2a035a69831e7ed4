import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listAllCalls } from "~/domain/calls/queries.server";
import { callPhase, PHASE_LABELS } from "~/domain/calls/rules";
import { CALL_TYPES } from "~/domain/calls/schema";
import { formatPeriod } from "~/domain/calendar/format";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";

export const meta: MetaFunction = () => [{ title: "募集の管理 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "call:manage");
  const at = new Date();
  const calls = await listAllCalls(getDb());
  return json({
    calls: calls.map((c) => ({
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
  const { calls } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集の管理</h1>
      <p>
        <Link to="/coordinator/calls/new" className="button primary">
          募集を作成する
        </Link>
      </p>
      {calls.length === 0 ? (
        <p className="empty">まだ募集がありません。「募集を作成する」から下書きを作り、準備ができたら公開してください。</p>
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
                <th scope="col">操作</th>
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
                    {c.frozen ? "（提案あり・条件確定）" : ""}
                  </td>
                  <td>
                    <Link to={`/coordinator/calls/${c.id}/edit`}>編集</Link> · <Link to={`/coordinator/calls/${c.id}/review`}>審査</Link> ·{" "}
                    <Link to={`/coordinator/calls/${c.id}/results`}>審査結果</Link> · <Link to={`/coordinator/calls/${c.id}/decisions`}>採択の決定</Link>
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
