// Pieces of the review's forms: a refusal's messages beside the field of the form that was posted
// (pages carry several forms told apart by `intent`), what was typed, and the conflict fields both the
// coordinator's and the reviewer's pages ask.
import { FieldErrors } from "~/components/forms/form";
import { CONFLICT_KINDS } from "~/domain/reviews/schema";

export type Reply = { intent?: string; stage?: string; formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string | string[]> };

export function Errors({ reply, intent, stage, field }: { reply: Reply | undefined; intent: string; stage?: string; field: string }) {
  if (!reply || reply.intent !== intent || (stage && reply.stage !== stage)) return null;
  return <FieldErrors id={`${intent}-${stage ?? ""}-${field}-error`} errors={reply.fieldErrors?.[field]} />;
}

export const valueOf = (reply: Reply | undefined, intent: string, field: string) => {
  const v = reply?.intent === intent ? reply.values?.[field] : undefined;
  return Array.isArray(v) ? v[0] : v;
};

/** Kind, scope and note — the same fields on the reviewer's page. */
export function ConflictFields({ reply }: { reply?: Reply }) {
  return (
    <>
      <div className="field">
        <label htmlFor="conflict-kind">利害関係の種類</label>
        <select id="conflict-kind" name="kind" defaultValue={valueOf(reply, "conflict", "kind") ?? ""}>
          <option value="">選んでください</option>
          {CONFLICT_KINDS.items.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label}
            </option>
          ))}
        </select>
        <Errors reply={reply} intent="conflict" field="kind" />
      </div>
      <fieldset className="field choices">
        <legend>対象</legend>
        <span className="choice">
          <input type="radio" id="conflict-scope-proposal" name="scope" value="proposal" defaultChecked />
          <label htmlFor="conflict-scope-proposal">この提案</label>
        </span>
        <span className="choice">
          <input type="radio" id="conflict-scope-group" name="scope" value="group" />
          <label htmlFor="conflict-scope-group">この団体のすべての提案</label>
        </span>
      </fieldset>
      <div className="field">
        <label htmlFor="conflict-note">内容（任意）</label>
        <textarea id="conflict-note" name="note" rows={2} defaultValue={valueOf(reply, "conflict", "note") ?? ""} />
        <Errors reply={reply} intent="conflict" field="note" />
      </div>
    </>
  );
}
