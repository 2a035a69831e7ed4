// 「協定」 on a project's page: the agreement's number and who confirmed it, the links to the agreement,
// and what ends or starts the project here (the city starts it; the group declines, the coordinator
// cancels, each with a reason).
import { Form, Link } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import type { ProjectReply } from "./project-reply";

function ReasonForm({ intent, label, button, reply }: { intent: string; label: string; button: string; reply: ProjectReply | undefined }) {
  const mine = reply?.values?.intent === intent;
  return (
    <Form method="post" className="transition-form">
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={`reason-${intent}`}>
          {label}
          <span className="required">（必須）</span>
        </label>
        <textarea id={`reason-${intent}`} name="reason" rows={3} defaultValue={mine ? reply?.values?.reason : ""} aria-describedby={`reason-${intent}-error`} />
        <FieldErrors id={`reason-${intent}-error`} errors={mine ? reply?.fieldErrors?.reason : undefined} />
      </div>
      <SubmitButton className="button">
        {button}
      </SubmitButton>
    </Form>
  );
}

export function AgreementPanel({
  project,
  may,
  reply,
}: {
  project: { id: string; agreementNumber: string | null; groupConfirmed: string | null; cityConfirmed: string | null };
  may: { start: boolean; decline: boolean; cancel: boolean };
  reply: ProjectReply | undefined;
}) {
  return (
    <section aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">協定</h2>
      <dl className="facts">
        <dt>協定番号</dt>
        <dd>{project.agreementNumber ?? "未締結"}</dd>
        <dt>団体の確認</dt>
        <dd>{project.groupConfirmed ?? "未確認"}</dd>
        <dt>市の確認</dt>
        <dd>{project.cityConfirmed ?? "未確認"}</dd>
      </dl>
      <p>
        <Link to={`/projects/${project.id}/agreement`}>協定書を見る・確認する</Link> · <a href={`/projects/${project.id}/agreement.pdf`}>協定書のPDF</a>
      </p>
      {may.start ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <SubmitButton className="button primary">
            事業を開始する
          </SubmitButton>
        </Form>
      ) : null}
      {may.decline ? <ReasonForm intent="decline" label="辞退の理由" button="採択を辞退する" reply={reply} /> : null}
      {may.cancel ? <ReasonForm intent="cancel" label="取消の理由" button="採択を取り消す" reply={reply} /> : null}
    </section>
  );
}
