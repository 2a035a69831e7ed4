// A project's progress on its page: the results reports (each a link to its form), the evaluations
// entered, and the timeline of what happened.
import { Link } from "@remix-run/react";

export function ReportsPanel({ projectId, reports }: { projectId: string; reports: { kind: string; label: string; status: string; dueOn: string; summary: string | null }[] }) {
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">実績報告</h2>
      {reports.length === 0 ? (
        <p>事業を開始すると、報告の様式と提出期限が表示されます。</p>
      ) : (
        <ul>
          {reports.map((r) => (
            <li key={r.kind}>
              <Link to={`/projects/${projectId}/reports/${r.kind}`}>{r.label}</Link>: {r.status}（提出期限 {r.dueOn}）{r.summary ? ` — ${r.summary}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function EvaluationsPanel({ projectId, evaluations }: { projectId: string; evaluations: { side: string; at: string }[] }) {
  return (
    <section aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">評価</h2>
      {evaluations.length === 0 ? (
        <p>まだ評価は入力されていません。</p>
      ) : (
        <ul>
          {evaluations.map((e) => (
            <li key={e.side}>
              {e.side}（{e.at}）
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/projects/${projectId}/evaluation`}>評価のページ</Link>
      </p>
    </section>
  );
}

export function ProjectTimelinePanel({ timeline }: { timeline: { line: string }[] }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">経過</h2>
      {timeline.length === 0 ? (
        <p>まだ記録はありません。</p>
      ) : (
        <ol className="timeline">
          {timeline.map((t, i) => (
            <li key={i}>{t.line}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
