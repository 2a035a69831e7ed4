// The conditions of a conditional adoption (条件付き採択), once published: the group answers each (text,
// optional file), the related department or the coordinator confirms the answer or sends it back with
// a reason. Every step is recorded (audit) and notified; the agreement waits until all are confirmed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, FormErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { authorize } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDb } from "~/db.server";
import { announcesTooLarge, ATTACHMENT_MAX_SIZE, attachmentUploadHandler, removeAttachment, tooLargeMessage, type StoredAttachment } from "~/domain/attachments/store.server";
import { loadAwardFor } from "~/auth/access/awards.server";
import { answerCondition, AwardRefusedError, resolveCondition } from "~/domain/awards/commands.server";
import { conditionHistory, listConditions } from "~/domain/awards/queries.server";
import { CONDITION_STATUS_LABELS, conditionAnswerSchema, conditionResolveSchema } from "~/domain/awards/schema";
import { mailNow } from "~/domain/notifications/commands.server";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "採択の条件 | 協働マッチングポータル" }];


export async function loader(args: LoaderFunctionArgs) {
  const { viewer, proposal, award } = await loadAwardFor(args, "award:view-conditions");
  const [conditions, history] = await Promise.all([listConditions(getDb(), proposal.id), conditionHistory(getDb(), proposal.id)]);
  return json({
    proposal: { id: proposal.id, title: proposal.title || "（無題の提案）", groupName: proposal.group_name },
    published: award.published,
    // The limit lives in a server module: the page gets it from here (the browser bundle has no copy).
    maxSize: ATTACHMENT_MAX_SIZE,
    may: { answer: can(viewer, "award:answer-condition", award), resolve: can(viewer, "award:resolve-condition", award) },
    conditions: conditions.map((c) => ({
      id: c.id,
      number: c.position + 1,
      text: c.text,
      status: c.status,
      statusLabel: CONDITION_STATUS_LABELS[c.status],
      answer: c.answer,
      answeredBy: c.answered_by_name,
      answeredAt: c.answered_at ? formatDateTime(c.answered_at) : null,
      attachment: c.answer_attachment_id ? { id: c.answer_attachment_id, name: c.attachment_name ?? "添付ファイル" } : null,
      resolvedBy: c.resolved_by_name,
      resolvedAt: c.resolved_at ? formatDateTime(c.resolved_at) : null,
      returnReason: c.return_reason,
    })),
    history: history.map((h) => ({ ...h, at: formatDateTime(h.at) })),
  });
}

type Reply = { conditionId?: string; formErrors?: string[]; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

function issuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return fieldErrors;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal, award } = await loadAwardFor(args, "award:view-conditions");
  const db = getDb();
  const back = `/proposals/${proposal.id}/conditions`;
  const multipart = (args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart && announcesTooLarge(args.request)) {
    return json<Reply>({ formErrors: [tooLargeMessage()] }, { status: 413 });
  }
  const formData = multipart ? await unstable_parseMultipartFormData(args.request, attachmentUploadHandler("file")) : await readForm(args.request);
  const text = (key: string) => (typeof formData.get(key) === "string" ? String(formData.get(key)) : "");
  const values = { conditionId: text("conditionId"), answer: text("answer"), returnReason: text("returnReason") };
  // Only the upload handler writes the file field (a plain form's "file" is the client's text: ignored).
  const stored = multipart && text("file") ? (JSON.parse(text("file")) as StoredAttachment | { refused: string }) : null;
  const discardFile = () => stored && !("refused" in stored) && removeAttachment(stored.id);
  if (!["answer", "confirm", "return"].includes(text("intent"))) {
    discardFile();
    return json<Reply>({ formErrors: ["操作を選んでください。"] }, { status: 400 });
  }
  try {
    if (text("intent") === "answer") {
      await authorize(args, "award:answer-condition", award);
      const parsed = conditionAnswerSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success || (stored && "refused" in stored)) {
        discardFile();
        const fieldErrors = parsed.success ? {} : issuesOf(parsed.error.issues);
        if (stored && "refused" in stored) fieldErrors.file = [stored.refused];
        return json<Reply>({ conditionId: values.conditionId, fieldErrors, values }, { status: 400 });
      }
      const ids = await answerCondition(db, viewer, proposal.id, parsed.data.conditionId, parsed.data.answer, stored && !("refused" in stored) ? stored : null);
      await mailNow(db, ids, args.context.origin);
      return redirectWithNotice(back, "条件への対応を送りました。市の確認をお待ちください。");
    }
    discardFile();
    await authorize(args, "award:resolve-condition", award);
    const parsed = conditionResolveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json<Reply>({ conditionId: values.conditionId, fieldErrors: issuesOf(parsed.error.issues), values }, { status: 400 });
    const input = parsed.data;
    const ids = await resolveCondition(db, viewer, proposal.id, input.conditionId, input.intent === "confirm" ? { confirm: true } : { confirm: false, reason: input.returnReason });
    await mailNow(db, ids, args.context.origin);
    return redirectWithNotice(back, input.intent === "confirm" ? "条件への対応を確認しました。" : "条件への対応を差し戻しました。");
  } catch (error) {
    if (!(error instanceof AwardRefusedError)) {
      discardFile();
      throw error;
    }
    discardFile();
    return json<Reply>({ conditionId: values.conditionId, formErrors: [error.reason], values }, { status: error.status });
  }
}

export default function ConditionsPage() {
  const { proposal, may, conditions, history, maxSize } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const open = conditions.filter((c) => c.status !== "confirmed").length;
  return (
    <>
      <h1>採択の条件</h1>
      <p>
        <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>（{proposal.groupName}）· <Link to={`/proposals/${proposal.id}/letter`}>審査結果通知書</Link>
      </p>
      <p className={open ? "status-reason" : "hint"}>
        {conditions.length === 0 ? "この提案に条件はありません。" : open ? `確認が済んでいない条件が${open}件あります。すべての条件が確認されるまで協定は結べません。` : "すべての条件が確認されました。"}
      </p>
      {conditions.map((c) => {
        const mine = reply?.conditionId === c.id ? reply : undefined;
        return (
          <section key={c.id} aria-labelledby={`condition-${c.number}`} className="condition">
            <h2 id={`condition-${c.number}`}>
              条件{c.number} <span className={`status status-condition-${c.status}`}>{c.statusLabel}</span>
            </h2>
            <p className="profile-text">{c.text}</p>
            {c.answer ? (
              <dl className="facts">
                <dt>団体の対応</dt>
                <dd className="profile-text">{c.answer}</dd>
                <dt>回答</dt>
                <dd>
                  {c.answeredAt}
                  {c.answeredBy ? `（${c.answeredBy}）` : ""}
                </dd>
                {c.attachment ? (
                  <>
                    <dt>添付</dt>
                    <dd>
                      <a href={`/proposals/${proposal.id}/attachments/${c.attachment.id}`}>{c.attachment.name}</a>
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            {c.status === "returned" && c.returnReason ? <p className="status-reason">差戻しの理由: {c.returnReason}</p> : null}
            {c.status === "confirmed" ? <p className="hint">{c.resolvedAt} に確認されました{c.resolvedBy ? `（${c.resolvedBy}）` : ""}。</p> : null}
            {mine?.formErrors ? <FormErrors id={`condition-${c.number}-errors`} errors={mine.formErrors} /> : null}
            {may.answer && (c.status === "open" || c.status === "returned") ? (
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="conditionId" value={c.id} />
                <div className="field">
                  <label htmlFor={`answer-${c.id}`}>
                    対応の内容<span className="required">（必須）</span>
                  </label>
                  <textarea id={`answer-${c.id}`} name="answer" rows={4} defaultValue={mine?.values?.answer ?? c.answer ?? ""} aria-describedby={`answer-${c.id}-error`} />
                  <FieldErrors id={`answer-${c.id}-error`} errors={mine?.fieldErrors?.answer} />
                </div>
                <div className="field">
                  <label htmlFor={`file-${c.id}`}>資料（任意、{maxSize}まで）</label>
                  <input id={`file-${c.id}`} name="file" type="file" aria-describedby={`file-${c.id}-error`} />
                  <FieldErrors id={`file-${c.id}-error`} errors={mine?.fieldErrors?.file} />
                </div>
                <SubmitButton className="button primary">
                  対応を送る
                </SubmitButton>
              </Form>
            ) : null}
            {may.resolve && c.status === "answered" ? (
              <div className="actions">
                <Form method="post">
                  <input type="hidden" name="intent" value="confirm" />
                  <input type="hidden" name="conditionId" value={c.id} />
                  <SubmitButton className="button primary">
                    確認する
                  </SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="return" />
                  <input type="hidden" name="conditionId" value={c.id} />
                  <div className="field">
                    <label htmlFor={`return-${c.id}`}>
                      差し戻す理由<span className="required">（必須）</span>
                    </label>
                    <textarea id={`return-${c.id}`} name="returnReason" rows={2} defaultValue={mine?.values?.returnReason ?? ""} aria-describedby={`return-${c.id}-error`} />
                    <FieldErrors id={`return-${c.id}-error`} errors={mine?.fieldErrors?.returnReason} />
                  </div>
                  <SubmitButton className="button">
                    差し戻す
                  </SubmitButton>
                </Form>
              </div>
            ) : null}
          </section>
        );
      })}
      <section aria-labelledby="condition-history">
        <h2 id="condition-history">経過</h2>
        {history.length === 0 ? (
          <p>まだ記録はありません。</p>
        ) : (
          <ol className="timeline">
            {history.map((h) => (
              <li key={h.id}>
                {h.at} 条件{h.condition}: {h.step}
                （{h.by}）
                {h.reason ? ` — 理由: ${h.reason}` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
