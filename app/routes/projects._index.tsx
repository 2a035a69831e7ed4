// 協働事業: the projects that concern the viewer — a group member's groups', a department's (the
// proposals naming it), all of them for the coordinator — with status, fiscal year and amount, 50 a page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { hasRole } from "~/auth/viewer";
import { PageCount, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { formatCount, formatYen } from "~/domain/number-format";
import { listProjectsFor } from "~/domain/projects/queries.server";
import { requestedPage } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "協働事業 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "project:list");
  const { rows, ...paging } = await listProjectsFor(getDb(), viewer, requestedPage(args.request));
  return json({
    ...paging,
    heading: hasRole(viewer, "coordinator") ? "協働事業（すべて）" : "関係する協働事業",
    projects: rows.map((r) => ({
      id: r.id,
      title: r.title || "（無題）",
      groupName: r.group_name,
      callTitle: r.call_title,
      status: r.status,
      statusLabel: r.statusLabel,
      fiscalYear: formatFiscalYearWithWestern(r.fiscal_year),
      year: `${r.project_year}年目／全${r.total_years}年`,
      amount: formatYen(r.amount),
      agreementNumber: r.agreement_number,
      nextStep: r.nextStep,
    })),
  });
}

export default function Projects() {
  const { heading, projects, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{heading}</h1>
      <p>
        <Link to="/projects/summary">年度のまとめ</Link>（募集ごとの成果・支出・評価）
      </p>
      {total === 0 ? (
        <p>協働事業はまだありません。採択の結果が公表されると、採択された提案がここに協働事業として表示されます。</p>
      ) : (
        <>
          <PageCount total={total} page={page} pageCount={pageCount} />
          <div className="table-scroll">
            <table>
              <caption>協働事業の一覧（{formatCount(total)}）</caption>
              <thead>
                <tr>
                  <th scope="col">事業名</th>
                  <th scope="col">状態</th>
                  <th scope="col">次の手続き</th>
                  <th scope="col">年度</th>
                  <th scope="col">団体</th>
                  <th scope="col">募集</th>
                  <th scope="col">交付額（この年度）</th>
                  <th scope="col">協定番号</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    </td>
                    <td>
                      <span className={`status status-proposal-${p.status}`}>{p.statusLabel}</span>
                    </td>
                    <td>{p.nextStep}</td>
                    <td>
                      {p.fiscalYear}（{p.year}）
                    </td>
                    <td>{p.groupName}</td>
                    <td>{p.callTitle}</td>
                    <td className="num">{p.amount}</td>
                    <td>{p.agreementNumber ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}
