// 「報告の確認」: the related department or the coordinator accepts a submitted report (for the final one,
// correcting the line the plan's progress list shows) or returns it with a reason.
import { Form } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import { SUMMARY_MAX, type ReportKind } from "~/domain/projects/report";
import { errorsOf, typedOr, type ReportReply } from "./report-reply";

export function ReportDecisionPanel({ kind, summary, reply }: { kind: ReportKind; summary: string; reply: ReportReply | undefined }) {
  return (
    <section aria-labelledby="decide-heading">
      <h2 id="decide-heading">報告の確認</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="accept" />
        {kind === "final" ? (
          <div className="field">
            <label htmlFor="accept-summary">進捗一覧に載せる一行（受理の前に直せます）</label>
            <input id="accept-summary" name="summary" maxLength={SUMMARY_MAX} defaultValue={typedOr(reply, "summary", summary)} aria-describedby="accept-summary-error" />
            <FieldErrors id="accept-summary-error" errors={errorsOf(reply, "acceptSummary")} />
          </div>
        ) : null}
        <SubmitButton className="button primary">
          受理する
        </SubmitButton>
      </Form>
      <Form method="post" className="transition-form">
        <input type="hidden" name="intent" value="return" />
        <div className="field">
          <label htmlFor="return-reason">
            差し戻す理由<span className="required">（必須）</span>
          </label>
          <textarea id="return-reason" name="reason" rows={3} defaultValue={typedOr(reply, "reason", "")} aria-describedby="return-reason-error" />
          <FieldErrors id="return-reason-error" errors={errorsOf(reply, "reason")} />
        </div>
        <SubmitButton className="button">
          差し戻す
        </SubmitButton>
      </Form>
    </section>
  );
}
