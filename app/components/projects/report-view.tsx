// A results report as those who do not edit it read it: what was done, the summary, indicators against
// their targets and spending against the plan (lines off by more than the tolerance marked).
import { BUDGET_BEARERS } from "~/domain/proposals/content";
import { SPENDING_TOLERANCE } from "~/domain/projects/report";
import type { ShownReportContent } from "./report-content";

export function ReportView({ content }: { content: ShownReportContent }) {
  return (
    <>
      <h2>実施したこと</h2>
      <p className="profile-text">{content.done || "（記入なし）"}</p>
      <h2>一行の要約</h2>
      <p>{content.summary || "（記入なし）"}</p>
      <h2>成果指標</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">成果指標の目標と実績</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">目標</th>
              <th scope="col">実績</th>
            </tr>
          </thead>
          <tbody>
            {content.indicators.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.name}</th>
                <td>{r.target}</td>
                <td>{r.actual || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>支出</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">費目ごとの計画額と実績額</caption>
          <thead>
            <tr>
              <th scope="col">費目</th>
              <th scope="col">負担者</th>
              <th scope="col">計画額</th>
              <th scope="col">実績額</th>
              <th scope="col">差</th>
              <th scope="col">差の理由</th>
            </tr>
          </thead>
          <tbody>
            {content.spending.map((l, i) => (
              <tr key={i} className={l.off ? "off-plan" : undefined}>
                <th scope="row">{l.item}</th>
                <td>{l.bearer ? BUDGET_BEARERS.label(l.bearer) : "未定"}</td>
                <td className="num">{l.plannedLabel}</td>
                <td className="num">{l.actualLabel || "—"}</td>
                <td>{l.off ? <strong>{l.deviation}（{Math.round(SPENDING_TOLERANCE * 100)}%超）</strong> : l.deviation}</td>
                <td>{l.explanation || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
