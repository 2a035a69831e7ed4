// What stands between a proposal and its submission: the refusal of the last request with the problems
// it named, and 「提出までに必要なこと」 — what the saved draft still lacks, each a link to its field.

/** One thing the submission check found missing, with the link to where it is fixed. */
export interface SubmissionProblem {
  field: string;
  text: string;
  href: string;
}

/** The answer of the proposal page's action when it did not redirect. */
export interface ProposalReply {
  formError?: string;
  problems?: SubmissionProblem[];
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/** The refusal of the last request; its problems are links when the viewer may edit the proposal. */
export function RefusalProblems({ reply, linked }: { reply: ProposalReply | undefined; linked: boolean }) {
  if (!reply?.formError) return null;
  return (
    <div className="form-errors" role="alert">
      <p>{reply.formError}</p>
      {reply.problems?.length ? (
        <ul>
          {reply.problems.map((p) => (
            <li key={`${p.field}:${p.text}`}>{linked ? <a href={p.href}>{p.text}</a> : p.text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SubmissionChecklist({ checklist }: { checklist: SubmissionProblem[] }) {
  return (
    <section className="checklist" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">提出までに必要なこと</h2>
      {checklist.length === 0 ? (
        <p>保存されている内容で提出できます。</p>
      ) : (
        <>
          <p className="hint">保存されている下書きについて、提出の前にそろえる必要があるものです（項目を押すと、その入力欄へ移ります）。</p>
          <ul>
            {checklist.map((p) => (
              <li key={`${p.field}:${p.text}`}>
                <a href={p.href}>{p.text}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
