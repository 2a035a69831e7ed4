import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize, notFound } from "~/auth/guards.server";
import type { PageHandle } from "~/components/layout/page-handle";
import { FiscalYearChart, TierChart } from "~/components/plans/plan-charts";
import { getDb } from "~/db.server";
import { formatProgressEntry } from "~/domain/plans/export/progress-list";
import { entriesByFiscalYear, statusByTier, statusTotals, tierSummaryLines } from "~/domain/plans/export/statistics";
import { progressPage, progressPageOf } from "~/domain/plans/paging";
import { findPlan, storedPlanForPage, measureIdsByCode } from "~/domain/plans/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `進捗一覧 ${data?.plan.name ?? ""} | 協働マッチングポータル` }];

export const handle: PageHandle = { documentForVisitors: true };

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const slug = args.params.slug ?? "";
  const plan = (await findPlan(getDb(), slug)) ?? notFound();
  const stored = (await storedPlanForPage(getDb(), slug))!;
  const parents = new Set(stored.measures.map((m) => m.parentCode));
  // A long list comes in pages (`?page=N`, or `?page=all` to print it whole): thousands of measures
  // would be megabytes of HTML (docs/decisions/0015). The summary above the list is of the whole plan.
  const page = progressPage(stored.measures, progressPageOf(new URL(args.request.url).searchParams.get("page")));
  const ids = await measureIdsByCode(getDb(), plan.id, page.rows.map((m) => m.code));
  return json({
    plan: { slug: plan.slug, name: plan.name, title: plan.title, issued: plan.issued, levelNames: plan.levelNames },
    rows: page.rows.map((m) => ({
      id: ids.get(m.code)!,
      code: m.code,
      level: m.level,
      leaf: !parents.has(m.code),
      continued: m.continued,
      title: m.title,
      departments: m.departments,
      lines: m.entries.map(formatProgressEntry),
      status: m.status ?? null,
      tier: m.tier ?? null,
    })),
    page: { current: page.page, pages: page.pages, all: page.all, measures: stored.measures.length },
    tierSummary: tierSummaryLines(stored),
    byTier: statusByTier(stored),
    byYear: entriesByFiscalYear(stored),
    totals: statusTotals(stored),
  });
}

export default function ProgressList() {
  const { plan, rows, page, tierSummary, byTier, byYear, totals } = useLoaderData<typeof loader>();
  const leafName = plan.levelNames[plan.levelNames.length - 1] ?? "施策";
  return (
    <div className="progress-list">
      <p className="no-print">
        <Link to="/plans">協働の計画</Link> › <Link to={`/plans/${plan.slug}`}>{plan.name}</Link>
      </p>
      <h1>{plan.title}</h1>
      <p>進捗一覧（{plan.name}）{plan.issued ? ` — ${plan.issued}` : ""}</p>
      <ul className="downloads no-print" aria-label="ダウンロード">
        <li>
          <a href={`/plans/${plan.slug}/progress.xlsx`} download>
            Excel（xlsx）
          </a>
        </li>
        <li>
          <a href={`/plans/${plan.slug}/progress.csv`} download>
            CSV（UTF-8）
          </a>
        </li>
        <li>
          <a href={`/plans/${plan.slug}/progress.csv?encoding=sjis`} download>
            CSV（Shift_JIS・古いExcel向け）
          </a>
        </li>
        <li>印刷: ブラウザの印刷機能でこのページを印刷すると、メニューを除いた一覧になります。</li>
      </ul>

      {tierSummary.length > 0 ? (
        <section aria-labelledby="tier-summary-title">
          <h2 id="tier-summary-title">【達成状況】</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">優先度</th>
                <th scope="col">区分</th>
                <th scope="col">現在の状況から集計</th>
                <th scope="col">計画書に印刷された集計</th>
              </tr>
            </thead>
            <tbody>
              {tierSummary.map((line) => (
                <tr key={line.tier}>
                  <th scope="row">
                    【{line.tier}】{line.label ? `<${line.label}>` : ""}
                  </th>
                  <td>{line.description}</td>
                  <td>{line.computed}</td>
                  <td>
                    {line.printed === null ? "—" : line.differs ? <strong>{line.printed}（集計と異なります）</strong> : `${line.printed}（同じ）`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="charts-title">
        <h2 id="charts-title">進み具合</h2>
        <p>
          状況:{" "}
          {Object.entries(totals)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${s} ${n}件`)
            .join("、") || "記載なし"}
        </p>
        {byTier.length > 0 ? <TierChart rows={byTier} /> : null}
        {byYear.length > 0 ? <FiscalYearChart years={byYear} /> : null}
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">進捗一覧</h2>
        <ProgressPages slug={plan.slug} page={page} />
        <table className="progress-table">
          <thead>
            <tr>
              <th scope="col">{leafName}</th>
              <th scope="col">担当課</th>
              <th scope="col">実施したこと(実施年度)</th>
              <th scope="col">状況</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.leaf ? (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/measures/${row.id}`}>
                      {row.code} {row.title}
                    </Link>
                    {row.tier ? ` 【${row.tier}】` : ""}
                  </th>
                  <td>{row.departments.join("、")}</td>
                  <td>
                    {row.lines.length > 0 ? (
                      <ul className="entry-lines">
                        {row.lines.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>{row.status ?? ""}</td>
                </tr>
              ) : (
                <tr key={row.id} className={`heading-row level-${row.level}`}>
                  <th scope="rowgroup" colSpan={4}>
                    {plan.levelNames[row.level]} {row.code} {row.title}
                    {row.continued ? "（前のページから続く）" : ""}
                  </th>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <ProgressPages slug={plan.slug} page={page} />
      </section>
    </div>
  );
}

/** The pages of a long progress list: numbers, previous and next, and the whole list on one page (to print). */
function ProgressPages({ slug, page }: { slug: string; page: { current: number; pages: number; all: boolean; measures: number } }) {
  if (page.pages === 1) return null;
  const to = (n: number | "all") => `/plans/${slug}/progress?page=${n}#list-title`;
  if (page.all) {
    return (
      <p className="pages no-print">
        全 {page.measures}件を1ページに表示しています。<Link to={`/plans/${slug}/progress#list-title`}>ページに分けて表示</Link>
      </p>
    );
  }
  return (
    <nav className="pages no-print" aria-label="進捗一覧のページ">
      <span>
        {page.current} / {page.pages} ページ（全 {page.measures}件）
      </span>{" "}
      {page.current > 1 ? <Link to={to(page.current - 1)}>前のページ</Link> : null}{" "}
      {Array.from({ length: page.pages }, (_, i) => i + 1).map((n) =>
        n === page.current ? (
          <span key={n} aria-current="page">
            {" "}
            {n}{" "}
          </span>
        ) : (
          <Link key={n} to={to(n)}>
            {" "}
            {n}{" "}
          </Link>
        ),
      )}{" "}
      {page.current < page.pages ? <Link to={to(page.current + 1)}>次のページ</Link> : null}{" "}
      <Link to={to("all")}>すべてを1ページに表示（印刷用）</Link>
    </nav>
  );
}
