// One proposal: its text (the draft for its group; the submitted version for staff), the buttons the
// viewer may press now (from the transition table), attachments, versions, the timeline and the
// consultation (事前相談) thread. Actions: submit / resubmit, a transition with its reason, deleting a
// draft, writing in the consultation. While the group may still submit, 「提出までに必要なこと」 lists what
// the saved draft lacks (the check the submission makes), each a link to the field or the attachments;
// submitting and deleting ask first.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmSubmit, FieldErrors, SubmitButton } from "~/components/form";
import { redirectWithNotice } from "~/components/flash.server";
import { getDb } from "~/db.server";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { hasRole, type Viewer } from "~/auth/viewer";
import { awardLinks } from "~/auth/access/awards.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { deleteDraft, moveProposal, openConsultation, postMessage, ProposalRefusedError, submitProposal } from "~/domain/proposals/commands.server";
import { contentSections, problemList, TEXT_SECTIONS } from "~/domain/proposals/content";
import { availableActions, isProposalAction, statusLabel, type ProposalAction, type ProposalActor } from "~/domain/proposals/lifecycle";
import type { ProposalSubject } from "~/domain/proposals/permissions";
import { listMessages, listTimeline, listVersions, shownContent, submissionChecklist, type ProposalDetail } from "~/domain/proposals/queries.server";
import { PROPOSAL_TYPE_LABELS } from "~/domain/proposals/receipt";
import { formatTimelineEntry } from "~/domain/proposals/timeline";
import { z } from "~/domain/zod";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.proposal.title || "提案"} | 協働マッチングポータル` }];

/** Decisions and what follows them come with the review and award issues; here the review only starts. */
const STAFF_ACTIONS_HERE: readonly ProposalAction[] = ["return_for_correction", "start_review", "to_presentation"];

function buttonsFor(viewer: Viewer, proposal: ProposalDetail, subject: ProposalSubject) {
  const group = can(viewer, "proposal:act-as-group", subject)
    ? availableActions(proposal.status, "group", proposal.call.stages).filter((row) => row.action === "withdraw")
    : [];
  const staff = can(viewer, "proposal:manage", subject)
    ? availableActions(proposal.status, "coordinator", proposal.call.stages).filter((row) => STAFF_ACTIONS_HERE.includes(row.action))
    : [];
  return [...group, ...staff].map((row) => ({ action: row.action, label: row.label, reasonRequired: row.reasonRequired, reasonLabel: row.reasonLabel ?? "理由" }));
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, proposal, subject } = await loadProposalFor(args, "proposal:view");
  const db = getDb();
  const member = subject.isMember;
  const { version: shownVersion, content } = await shownContent(db, proposal, member);
  const [versions, timeline, messages, award] = await Promise.all([
    listVersions(db, proposal.id),
    listTimeline(db, proposal.id),
    listMessages(db, proposal.id),
    awardLinks(viewer, proposal, subject),
  ]);
  const lastReturn = proposal.status === "returned" ? [...timeline].reverse().find((t) => t.action === "return_for_correction") : undefined;
  const maySubmit = can(viewer, "proposal:act-as-group", subject) && (proposal.status === "draft" || proposal.status === "returned");
  const checklist = maySubmit ? problemList(proposal.id, await submissionChecklist(db, proposal)) : null;
  return json({
    proposal: {
      id: proposal.id,
      title: content.title,
      status: proposal.status,
      statusLabel: statusLabel(proposal.status),
      type: PROPOSAL_TYPE_LABELS[proposal.type],
      receiptNumber: proposal.receipt_number,
      revision: proposal.revision,
      callId: proposal.call.id,
      callTitle: proposal.call.title,
      closesAt: formatDateTime(proposal.call.closes_at),
      groupName: proposal.group_name,
      sheetTitle: proposal.sheet_title,
      sheetId: proposal.sheet_id,
      departments: proposal.departments.map((d) => d.name),
      shownVersion: shownVersion ? { version: shownVersion.version, submittedAt: formatDateTime(shownVersion.submitted_at) } : null,
      consultationOpen: proposal.consultation_opened_at !== null,
      requiredAttachments: proposal.call.required_attachments,
      returnReason: lastReturn?.reason ?? null,
    },
    sections: contentSections(content),
    attachments: proposal.attachments.map((a) => ({ id: a.id, label: a.label, fileName: a.file_name, size: a.size })),
    versions: versions.map((v) => ({ version: v.version, submittedAt: formatDateTime(v.submitted_at), by: v.submitted_by_name })),
    timeline: timeline.map((t) => ({ id: t.id, line: formatTimelineEntry(t) })),
    messages: messages.map((m) => ({ ...m, created_at: formatDateTime(m.created_at) })),
    may: {
      edit: can(viewer, "proposal:edit", subject),
      actAsGroup: can(viewer, "proposal:act-as-group", subject),
      consult: can(viewer, "proposal:consult", subject),
      deleteDraft: member && proposal.status === "draft" && proposal.current_version === 0,
    },
    buttons: buttonsFor(viewer, proposal, subject),
    award,
    checklist,
  });
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), revision: z.coerce.number().int().min(1) }),
  z.object({ intent: z.literal("transition"), action: z.string().max(40), reason: z.string().trim().max(2000, "理由は2000文字以内で入力してください").optional() }),
  z.object({ intent: z.literal("delete") }),
  z.object({
    intent: z.literal("message"),
    body: z.string({ error: "メッセージを入力してください" }).trim().min(1, "メッセージを入力してください").max(4000, "メッセージは4000文字以内で入力してください"),
  }),
]);

type ActionReply = {
  formError?: string;
  problems?: { field: string; text: string; href: string }[];
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal, subject } = await loadProposalFor(args, "proposal:view");
  const form = Object.fromEntries(await readForm(args.request)) as Record<string, string>;
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return json<ActionReply>({ fieldErrors, values: form }, { status: 400 });
  }
  const input = parsed.data;
  const db = getDb();
  const origin = args.context.origin;
  const refuse = (status: number, reply: ActionReply) => json<ActionReply>({ ...reply, values: form }, { status });
  try {
    switch (input.intent) {
      case "submit": {
        if (!can(viewer, "proposal:act-as-group", subject)) forbidden();
        const result = await submitProposal(db, viewer, proposal.id, input.revision);
        await mailNow(db, result.notificationIds, origin);
        const notice = result.alreadyDone
          ? `この提案は既に提出されています（受付番号 ${result.receiptNumber}）。`
          : `${result.resubmitted ? "再提出" : "提出"}しました。受付番号は ${result.receiptNumber} です。`;
        return redirectWithNotice(`/proposals/${proposal.id}`, notice);
      }
      case "transition": {
        if (!isProposalAction(input.action)) return refuse(400, { formError: "この操作はできません。" });
        const allowed = buttonsFor(viewer, proposal, subject).some((b) => b.action === input.action);
        if (!allowed) forbidden();
        const actor: ProposalActor = input.action === "withdraw" ? "group" : "coordinator";
        const result = await moveProposal(db, viewer, proposal, { action: input.action, actor, reason: input.reason ?? null });
        await mailNow(db, result.notificationIds, origin);
        return redirectWithNotice(`/proposals/${proposal.id}`, `状態を「${statusLabel(result.to)}」にしました。`);
      }
      case "delete": {
        if (!subject.isMember) forbidden();
        await deleteDraft(db, viewer, proposal);
        return redirectWithNotice("/proposals", "下書きを削除しました。");
      }
      case "message": {
        if (!can(viewer, "proposal:consult", subject)) forbidden();
        const side = subject.isMember ? "group" : hasRole(viewer, "coordinator") ? "coordinator" : "department";
        const ids =
          side === "group" && proposal.consultation_opened_at === null
            ? await openConsultation(db, viewer, proposal, input.body)
            : await postMessage(db, viewer, proposal, side, input.body);
        await mailNow(db, ids, origin);
        return redirect(`/proposals/${proposal.id}#consultation`);
      }
    }
  } catch (error) {
    if (!(error instanceof ProposalRefusedError)) throw error;
    const problems = problemList(
      proposal.id,
      Object.fromEntries(Object.entries(error.problems).filter(([field]) => field !== "reason" && field !== "body")),
    );
    const fieldErrors = Object.fromEntries(Object.entries(error.problems).filter(([field]) => field === "reason" || field === "body"));
    // A refusal about one field (the reason, the message) is shown beside that field only.
    const besideField = problems.length === 0 && Object.keys(fieldErrors).length > 0;
    return refuse(error.status, { formError: besideField ? undefined : error.reason, problems, fieldErrors });
  }
}

const sectionLabel = new Map<string, string>(TEXT_SECTIONS.map((s) => [s.key, s.label]));

export default function ProposalPage() {
  const { proposal, sections, attachments, versions, timeline, messages, may, buttons, award, checklist } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>{proposal.title || "（無題の提案）"}</h1>
      <p>
        <span className={`status status-proposal-${proposal.status}`}>{proposal.statusLabel}</span>
        {proposal.receiptNumber ? <> · 受付番号 <strong>{proposal.receiptNumber}</strong></> : null} · {proposal.type} · {proposal.groupName}
      </p>
      <dl className="facts">
        <dt>募集</dt>
        <dd>
          <Link to={`/calls/${proposal.callId}`}>{proposal.callTitle}</Link>（提出期限 {proposal.closesAt}）
        </dd>
        {proposal.sheetTitle ? (
          <>
            <dt>テーマ</dt>
            <dd>
              <Link to={`/sheets/${proposal.sheetId}`}>{proposal.sheetTitle}</Link>
            </dd>
          </>
        ) : null}
        <dt>関係する課</dt>
        <dd>{proposal.departments.length ? proposal.departments.join("、") : "未選択"}</dd>
        <dt>表示している内容</dt>
        <dd>{proposal.shownVersion ? `第${proposal.shownVersion.version}版（${proposal.shownVersion.submittedAt} 提出）` : "編集中の下書き（団体のメンバーだけが見られます）"}</dd>
      </dl>

      {reply?.formError ? (
        <div className="form-errors" role="alert">
          <p>{reply.formError}</p>
          {reply.problems?.length ? (
            <ul>
              {reply.problems.map((p) => (
                <li key={`${p.field}:${p.text}`}>{may.edit ? <a href={p.href}>{p.text}</a> : p.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {checklist && !reply?.formError ? (
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
      ) : null}

      {proposal.status === "returned" ? (
        <div className="status-reason">
          <p>協働推進課から差し戻されました。内容を修正して再提出してください。</p>
          {proposal.returnReason ? <p className="profile-text">理由: {proposal.returnReason}</p> : null}
        </div>
      ) : null}

      <div className="actions">
        {may.edit ? (
          <Link to={`/proposals/${proposal.id}/edit`} className="button">
            提案書を編集する
          </Link>
        ) : null}
        {may.actAsGroup && (proposal.status === "draft" || proposal.status === "returned") ? (
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="revision" value={proposal.revision} />
            <ConfirmSubmit
              title={proposal.status === "returned" ? "提案を再提出しますか" : "提案を提出しますか"}
              message={
                <p>
                  保存されている内容が審査される版として確定し、{proposal.status === "returned" ? "新しい版として記録されます" : "受付番号がつきます"}。提出した内容は変更できません（協働推進課から差し戻された場合だけ、直して再提出できます）。
                </p>
              }
              confirmLabel={proposal.status === "returned" ? "再提出する" : "提出する"}
            >
              {proposal.status === "returned" ? "再提出する" : "提出する"}
            </ConfirmSubmit>
          </Form>
        ) : null}
        <Link to={`/proposals/${proposal.id}/print`} className="button">
          印刷用の表示
        </Link>
        <a href={`/proposals/${proposal.id}.pdf`} className="button">
          PDFをダウンロード
        </a>
        {award.letter ? (
          <Link to={`/proposals/${proposal.id}/letter`} className="button">
            審査結果通知書
          </Link>
        ) : null}
        {award.conditions ? (
          <Link to={`/proposals/${proposal.id}/conditions`} className="button">
            採択の条件
          </Link>
        ) : null}
        {award.decision ? (
          <Link to={`/proposals/${proposal.id}/decision`} className="button">
            審査結果を決定する
          </Link>
        ) : null}
        {award.project ? (
          <Link to={`/projects/${award.project}`} className="button">
            協働事業のページ
          </Link>
        ) : null}
      </div>

      {buttons.length ? (
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
      ) : null}

      <section aria-labelledby="proposal-content">
        <h2 id="proposal-content">提案書</h2>
        <dl className="proposal-sections">
          {sections.slice(1).map((s) => (
            <div key={s.key}>
              <dt>{sectionLabel.get(s.key) ?? s.label}</dt>
              <dd className="profile-text">{s.text || "（記入なし）"}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="proposal-attachments">
        <h2 id="proposal-attachments">添付ファイル</h2>
        {proposal.requiredAttachments.length ? <p className="hint">この募集で必要な書類: {proposal.requiredAttachments.join("、")}</p> : null}
        {attachments.length === 0 ? (
          <p>添付ファイルはありません。</p>
        ) : (
          <ul>
            {attachments.map((a) => (
              <li key={a.id}>
                {a.label}: <a href={`/proposals/${proposal.id}/attachments/${a.id}`}>{a.fileName}</a>（{Math.ceil(a.size / 1024).toLocaleString("ja-JP")} KB）
                {may.edit ? (
                  <Form method="post" action={`/proposals/${proposal.id}/attachments`} className="inline-form">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <button type="submit" className="link-button">
                      削除
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {may.edit ? (
          <p>
            <Link to={`/proposals/${proposal.id}/attachments`}>ファイルを添付する</Link>
          </p>
        ) : null}
      </section>

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
                    · <Link to={`/proposals/${proposal.id}/versions?from=${v.version - 1}&to=${v.version}`}>第{v.version - 1}版との違い</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

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
              <label htmlFor="message-body">{proposal.consultationOpen || proposal.status !== "draft" ? "メッセージ" : "相談したいこと"}</label>
              <textarea id="message-body" name="body" rows={4} defaultValue={reply?.values?.intent === "message" ? reply.values.body : ""} aria-describedby="message-body-error" />
              <FieldErrors id="message-body-error" errors={reply?.values?.intent === "message" ? reply.fieldErrors?.body : undefined} />
            </div>
            <SubmitButton className="button">{proposal.consultationOpen || proposal.status !== "draft" ? "送信する" : "事前相談を始める"}</SubmitButton>
          </Form>
        ) : null}
      </section>

      {may.deleteDraft ? (
        <Form method="post" className="danger-zone">
          <input type="hidden" name="intent" value="delete" />
          <ConfirmSubmit
            className="button"
            title="この下書きを削除しますか"
            message={<p>下書きの内容と添付ファイルは削除され、元に戻せません。団体のほかのメンバーも見られなくなります。</p>}
            confirmLabel="削除する"
          >
            この下書きを削除する
          </ConfirmSubmit>
        </Form>
      ) : null}
    </>
  );
}
