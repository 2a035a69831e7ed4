// 「手続き」: one form per transition the viewer may make now (from the lifecycle table), with the reason
// field when the transition needs one; a refused reason is shown again beside its own form.
import { Form } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import type { ProposalReply } from "./submission-checklist";

export interface TransitionButton {
  action: string;
  label: string;
  reasonRequired: boolean;
  reasonLabel: string;
}

export function TransitionsPanel({ buttons, reply }: { buttons: TransitionButton[]; reply: ProposalReply | undefined }) {
  if (!buttons.length) return null;
  return (
    <section aria-labelledby="proposal-actions">
      <h2 id="proposal-actions">手続き</h2>
      {buttons.map((b) => (
        <Form method="post" key={b.action} className="transition-form">
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="action" value={b.action} />
          {b.reasonRequired ? (
            <div className="field">
              <label htmlFor={`reason-${b.action}`}>
                {b.reasonLabel}
                <span className="required">（必須）</span>
              </label>
              <textarea
                id={`reason-${b.action}`}
                name="reason"
                rows={3}
                defaultValue={reply?.values?.action === b.action ? reply.values.reason : ""}
                aria-describedby={`reason-${b.action}-error`}
              />
              <FieldErrors id={`reason-${b.action}-error`} errors={reply?.values?.action === b.action ? reply.fieldErrors?.reason : undefined} />
            </div>
          ) : null}
          <SubmitButton className="button">{b.label}</SubmitButton>
        </Form>
      ))}
    </section>
  );
}
