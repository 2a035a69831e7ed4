// 「事前相談」: the messages between the group and the related departments, and the form to write one.
// Before the first message of a draft, the group is told what starting a consultation shows to whom.
import { Form } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import type { ProposalReply } from "./submission-checklist";

export interface ConsultationMessage {
  id: string;
  author_name: string;
  author_organization: string | null;
  body: string;
  created_at: string;
}

export function ConsultationPanel({
  proposal,
  messages,
  may,
  reply,
}: {
  proposal: { status: string; consultationOpen: boolean; departments: string[] };
  messages: ConsultationMessage[];
  may: { actAsGroup: boolean; consult: boolean };
  reply: ProposalReply | undefined;
}) {
  const started = proposal.consultationOpen || proposal.status !== "draft";
  return (
    <section aria-labelledby="consultation-heading" id="consultation">
      <h2 id="consultation-heading">事前相談</h2>
      {!proposal.consultationOpen && proposal.status === "draft" && may.actAsGroup ? (
        <p className="hint">
          提出の前に、関係する課（{proposal.departments.length ? proposal.departments.join("、") : "未選択"}）に下書きを見てもらい、相談できます。最初のメッセージを送ると、その課の職員がこの下書きとやり取りを見られるようになります。
        </p>
      ) : null}
      {messages.length === 0 ? (
        <p>メッセージはまだありません。</p>
      ) : (
        <ol className="messages">
          {messages.map((m) => (
            <li key={m.id}>
              <p className="meta">
                {m.author_organization ? `${m.author_organization}（${m.author_name}）` : m.author_name} · {m.created_at}
              </p>
              <p className="profile-text">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {may.consult ? (
        <Form method="post">
          <input type="hidden" name="intent" value="message" />
          <div className="field">
            <label htmlFor="message-body">{started ? "メッセージ" : "相談したいこと"}</label>
            <textarea id="message-body" name="body" rows={4} defaultValue={reply?.values?.intent === "message" ? reply.values.body : ""} aria-describedby="message-body-error" />
            <FieldErrors id="message-body-error" errors={reply?.values?.intent === "message" ? reply.fieldErrors?.body : undefined} />
          </div>
          <SubmitButton className="button">{started ? "送信する" : "事前相談を始める"}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
