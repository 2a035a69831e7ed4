// 「利害関係」 on the coordinator's review of a call: the conflicts recorded for the call's reviewers and
// the form to record one for a reviewer.
import { Form } from "@remix-run/react";
import type { ReviewedProposal } from "./call-review-proposals";
import { ConflictFields, Errors, valueOf, type Reply } from "./fields";
import { SubmitButton } from "~/components/forms/form";

export interface RecordedConflict {
  id: string;
  reviewer_name: string;
  receipt_number: string | null;
  group_name: string | null;
  /** The kind's label. */
  kind: string;
  note: string | null;
  declared_side: string;
  declared_at: string;
}

export function ConflictsPanel({
  conflicts,
  reviewers,
  proposals,
  paged,
  reply,
}: {
  conflicts: RecordedConflict[];
  reviewers: { id: string; name: string }[];
  /** The page's proposals, to record a conflict with. */
  proposals: ReviewedProposal[];
  /** Whether the call's proposals take more than one page. */
  paged: boolean;
  reply: Reply | undefined;
}) {
  return (
    <section className="panel" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">利害関係</h2>
      <p className="hint">団体の構成員である審査委員は、申告がなくてもその団体の提案と利害関係があるものとして扱います。</p>
      {conflicts.length ? (
        <ul>
          {conflicts.map((c) => (
            <li key={c.id}>
              {c.reviewer_name}: {c.receipt_number ? `受付番号 ${c.receipt_number}` : `団体「${c.group_name}」のすべての提案`}（{c.kind}
              {c.note ? `: ${c.note}` : ""}）— {c.declared_side === "reviewer" ? "本人の申告" : "協働推進課の記録"}、{c.declared_at}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">記録された利害関係はありません。</p>
      )}
      {reviewers.length && proposals.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="conflict" />
          <div className="field">
            <label htmlFor="conflict-reviewer">審査委員</label>
            <select id="conflict-reviewer" name="reviewerId" defaultValue={valueOf(reply, "conflict", "reviewerId") ?? ""}>
              <option value="">選んでください</option>
              {reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <Errors reply={reply} intent="conflict" field="reviewerId" />
          </div>
          <div className="field">
            <label htmlFor="conflict-proposal">提案{paged ? "（このページの提案から）" : null}</label>
            <select id="conflict-proposal" name="proposalId" defaultValue={valueOf(reply, "conflict", "proposalId") ?? ""}>
              <option value="">選んでください</option>
              {proposals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.receiptNumber} {p.groupName}「{p.title}」
                </option>
              ))}
            </select>
            <Errors reply={reply} intent="conflict" field="proposalId" />
          </div>
          <ConflictFields reply={reply} />
          <SubmitButton className="button">
            利害関係を記録する
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
