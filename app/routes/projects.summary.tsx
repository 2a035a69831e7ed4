// 年度のまとめ: the viewer's projects of one 年度 per call — outcome, award, spending (planned / actual,
// from the final report), the line that went into the progress list, and the evaluations' averages —
// 100 a page, by call and title.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { PageCount, pageLink, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { formatYen } from "~/domain/number-format";
import { fiscalYearOf } from "~/domain/proposals/receipt";
import { listProjectFiscalYears, projectYearSummary } from "~/domain/projects/queries.server";
import { REPORT_STATUS_LABELS } from "~/domain/projects/report";
import { requestedPage, z } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "協働事業 年度のまとめ | 協働マッチングポータル" }];

const yearSchema = z.coerce.number().int().min(1989).max(2200);

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "project:list");
  const requested = yearSchema.safeParse(new URL(args.request.url).searchParams.get("year") ?? undefined);
  const db = getDb();
  const years = await listProjectFiscalYears(db, viewer);
  const year = requested.success ? requested.data : (years[0] ?? fiscalYearOf(new Date()));
  const { calls, ...paging } = await projectYearSummary(db, viewer, year, requestedPage(args.request));
  const score = (n: number | null) => (n === null ? "—" : n.toFixed(1));
  return json({
    ...paging,
    year,
    yearLabel: formatFiscalYearWithWestern(year),
    years: years.map((y) => ({ value: y, label: formatFiscalYearWithWestern(y) })),
    calls: calls.map((c) => ({
      callId: c.callId,
      callTitle: c.callTitle,
      rows: c.rows.map((r) => ({
        ...r,
        amount: formatYen(r.amount),
        planned: formatYen(r.planned),
        actual: r.actual === null ? "—" : formatYen(r.actual),
        report: r.reportStatus ? REPORT_STATUS_LABELS[r.reportStatus] : "—",
        evaluation: `${score(r.evaluation.group)} / ${score(r.evaluation.department)} / ${score(r.evaluation.third_party)}`,
      })),
    })),
  });
}

export default function ProjectSummary() {
  const { year, yearLabel, years, calls, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>協働事業 年度のまとめ（{yearLabel}）</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="summary-year">年度</label>
        <select id="summary-year" name="year" defaultValue={year}>
          {years.map((y) => (
            <option key={y.value} value={y.value}>
              {y.label}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          表示する
        </button>
      </Form>
      {calls.length === 0 ? <p>この年度の協働事業はありません。</p> : <PageCount total={total} page={page} pageCount={pageCount} />}
      {calls.map((c) => (
        <section key={c.callId} aria-label={c.callTitle}>
          <h2>{c.callTitle}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{c.callTitle}の協働事業</caption>
              <thead>
                <tr>
                  <th scope="col">事業名</th>
                  <th scope="col">団体</th>
                  <th scope="col">状態</th>
                  <th scope="col">交付額</th>
                  <th scope="col">支出（計画）</th>
                  <th scope="col">支出（実績）</th>
                  <th scope="col">実績報告</th>
                  <th scope="col">評価の平均（自己 / 相互 / 第三者）</th>
                  <th scope="col">進捗一覧に載せた一行</th>
                </tr>
              </thead>
              <tbody>
                {c.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/projects/${r.id}`}>{r.title}</Link>
                    </td>
                    <td>{r.groupName}</td>
                    <td>{r.statusLabel}</td>
                    <td className="num">{r.amount}</td>
                    <td className="num">{r.planned}</td>
                    <td className="num">{r.actual}</td>
                    <td>{r.report}</td>
                    <td>{r.evaluation}</td>
                    <td>{r.summary || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <Pagination page={page} pageCount={pageCount} link={(p) => pageLink(p, "", { year })} />
    </>
  );
}
