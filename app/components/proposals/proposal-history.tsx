// A proposal's past: the versions it was submitted in (each with the link to its difference from the one
// before) and the timeline of what happened to it.
import { Link } from "@remix-run/react";

export function VersionsPanel({ proposalId, versions }: { proposalId: string; versions: { version: number; submittedAt: string; by: string | null }[] }) {
  return (
    <section aria-labelledby="proposal-versions">
      <h2 id="proposal-versions">提出した版</h2>
      {versions.length === 0 ? (
        <p>まだ提出されていません。</p>
      ) : (
        <ul>
          {versions.map((v) => (
            <li key={v.version}>
              第{v.version}版 {v.submittedAt}
              {v.by ? `（${v.by}）` : ""}
              {v.version > 1 ? (
                <>
                  {" "}
                  · <Link to={`/proposals/${proposalId}/versions?from=${v.version - 1}&to=${v.version}`}>第{v.version - 1}版との違い</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TimelinePanel({ timeline }: { timeline: { id: string; line: string }[] }) {
  return (
    <section aria-labelledby="proposal-timeline">
      <h2 id="proposal-timeline">経過</h2>
      {timeline.length === 0 ? (
        <p>まだ記録はありません（提出すると記録されます）。</p>
      ) : (
        <ol className="timeline">
          {timeline.map((t) => (
            <li key={t.id}>{t.line}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
