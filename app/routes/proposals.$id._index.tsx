// One proposal: its text (the draft for its group; the submitted version for staff), the buttons the
// viewer may press now (from the transition table), attachments, versions, the timeline and the
// consultation (事前相談) thread. Actions: submit / resubmit, a transition with its reason, deleting a
// draft, writing in the consultation. While the group may still submit, 「提出までに必要なこと」 lists what
// the saved draft lacks (the check the submission makes), each a link to the field or the attachments;
// submitting and deleting ask first.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { ConsultationPanel } from "~/components/proposals/consultation";
import { DeleteDraftForm, ProposalActionBar, ReturnedNotice } from "~/components/proposals/proposal-actions";
import { AttachmentsPanel } from "~/components/proposals/proposal-attachments";
import { ProposalContentPanel } from "~/components/proposals/proposal-content";
import { TimelinePanel, VersionsPanel } from "~/components/proposals/proposal-history";
import { ProposalFacts, ProposalStatusLine } from "~/components/proposals/proposal-summary";
import { TransitionsPanel } from "~/components/proposals/proposal-transitions";
import { RefusalProblems, SubmissionChecklist, type ProposalReply } from "~/components/proposals/submission-checklist";
import { getDb } from "~/db.server";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { hasRole, type Viewer } from "~/auth/viewer";
import { awardLinks } from "~/auth/access/awards.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { deleteDraft, moveProposal, openConsultation, postMessage, ProposalRefusedError, submitProposal } from "~/domain/proposals/commands.server";
import { contentSections, problemList } from "~/domain/proposals/content";
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


export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal, subject } = await loadProposalFor(args, "proposal:view");
  const form = Object.fromEntries(await readForm(args.request)) as Record<string, string>;
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return json<ProposalReply>({ fieldErrors, values: form }, { status: 400 });
  }
  const input = parsed.data;
  const db = getDb();
  const origin = args.context.origin;
  const refuse = (status: number, reply: ProposalReply) => json<ProposalReply>({ ...reply, values: form }, { status });
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

export default function ProposalPage() {
  const { proposal, sections, attachments, versions, timeline, messages, may, buttons, award, checklist } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // One panel per element: the order (and so React's ids) is the page's as it was written in one piece.
  return (
    <>
      <h1>{proposal.title || "（無題の提案）"}</h1>
      <ProposalStatusLine proposal={proposal} />
      <ProposalFacts proposal={proposal} />
      <RefusalProblems reply={reply} linked={may.edit} />
      {checklist && !reply?.formError ? <SubmissionChecklist checklist={checklist} /> : null}
      <ReturnedNotice status={proposal.status} returnReason={proposal.returnReason} />
      <ProposalActionBar proposal={proposal} may={may} award={award} />
      <TransitionsPanel buttons={buttons} reply={reply} />
      <ProposalContentPanel sections={sections} />
      <AttachmentsPanel proposalId={proposal.id} requiredAttachments={proposal.requiredAttachments} attachments={attachments} mayEdit={may.edit} />
      <VersionsPanel proposalId={proposal.id} versions={versions} />
      <TimelinePanel timeline={timeline} />
      <ConsultationPanel proposal={proposal} messages={messages} may={may} reply={reply} />
      {may.deleteDraft ? <DeleteDraftForm /> : null}
    </>
  );
}
