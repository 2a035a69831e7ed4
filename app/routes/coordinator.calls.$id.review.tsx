// The coordinator's review of one call (審査の運営): per stage the deadline and settings, the panel of
// reviewers, their assignments to proposals (never across a conflict), conflicts recorded for a
// reviewer, reopening a submitted sheet, and moving submitted proposals into the review stages. The
// proposals come 50 a page (receipt order), each page with their assignments; the counts are the call's.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms/form";
import { ConflictsPanel } from "~/components/reviews/call-review-conflicts";
import { SubmittedProposalsPanel } from "~/components/reviews/call-review-proposals";
import { ReviewStagePanel } from "~/components/reviews/call-review-stage";
import type { Reply } from "~/components/reviews/fields";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { pageLink, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { isoToTokyoLocal } from "~/domain/calendar/tokyo-time";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadReviewCall } from "~/auth/access/reviews.server";
import {
  addPanelMember,
  assignReviewers,
  declareConflict,
  moveIntoStage,
  removePanelMember,
  reopenSheet,
  ReviewRefusedError,
  saveStageSettings,
  unassign,
} from "~/domain/reviews/commands.server";
import { reviewOverview } from "~/domain/reviews/queries.server";
import { CONFLICT_KINDS, formFields, issuesByField, panelFormSchema, REVIEW_STAGES } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";
import { requestedPage } from "~/domain/zod";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `審査の運営: ${data?.call.title ?? ""} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const overview = await reviewOverview(getDb(), call, requestedPage(args.request));
  return json({
    call: { id: call.id, title: call.title, stages: call.stages },
    proposals: overview.proposals.map((p) => ({ id: p.id, title: p.title, status: p.status, statusLabel: p.statusLabel, receiptNumber: p.receipt_number, groupName: p.group_name })),
    paging: overview.paging,
    statusCounts: overview.statusCounts.map((s) => ({ label: s.label, count: s.count })),
    reviewers: overview.reviewers,
    stages: overview.stages.map((s) => ({
      code: s.code,
      label: REVIEW_STAGES.label(s.code),
      deadline: s.row?.deadline ? formatDateTime(s.row.deadline) : null,
      deadlineLocal: s.row?.deadline ? isoToTokyoLocal(s.row.deadline) : "",
      latePolicy: s.row?.late_policy ?? "refuse",
      showOthers: Number(s.row?.show_others ?? 0) === 1,
      members: s.members,
      assignmentCounts: s.assignmentCounts,
      assignments: s.assignments,
    })),
    conflicts: overview.conflicts.map((c) => ({ ...c, kind: CONFLICT_KINDS.label(c.kind), declared_at: formatDateTime(c.declared_at) })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await loadReviewCall(args);
  const fields = formFields(await readForm(args.request));
  const parsed = panelFormSchema.safeParse(fields);
  const intent = typeof fields.intent === "string" ? fields.intent : undefined;
  const stageField = typeof fields.stage === "string" ? fields.stage : undefined;
  if (!parsed.success) return json<Reply>({ intent, stage: stageField, fieldErrors: issuesByField(parsed.error.issues), values: fields }, { status: 400 });
  const input = parsed.data;
  const db = getDb();
  // Back to the page of proposals the form was sent from (the forms post to the page's own address).
  const back = pageLink(requestedPage(args.request), `/coordinator/calls/${call.id}/review`);
  try {
    switch (input.intent) {
      case "stage":
        await saveStageSettings(db, viewer, call, { stage: input.stage, deadline: input.deadline, latePolicy: input.latePolicy, showOthers: input.showOthers });
        return redirectWithNotice(back, `${REVIEW_STAGES.label(input.stage)}の設定を保存しました。`);
      case "add_member":
        await addPanelMember(db, viewer, call, input.stage, input.reviewerId);
        return redirectWithNotice(back, "審査委員を委員会に加えました。");
      case "remove_member":
        await removePanelMember(db, viewer, call, input.stage, input.reviewerId);
        return redirectWithNotice(back, "審査委員を委員会から外しました。");
      case "assign": {
        const result = await assignReviewers(db, viewer, call, input);
        await mailNow(db, result.notificationIds, args.context.origin);
        const skipped = result.skippedConflicts ? `利害関係のある ${result.skippedConflicts} 件は割り当てませんでした。` : "";
        return redirectWithNotice(back, `${result.created} 件を割り当てました。${skipped}`);
      }
      case "unassign":
        await unassign(db, viewer, call, input.assignmentId);
        return redirectWithNotice(back, "割り当てを外しました。");
      case "conflict": {
        const excluded = await declareConflict(db, viewer, { reviewerId: input.reviewerId, proposalId: input.proposalId, scope: input.scope, kind: input.kind, note: input.note, side: "coordinator" });
        return redirectWithNotice(back, `利害関係を記録しました。${excluded ? `提出済みの採点票 ${excluded} 件を集計から除外しました。` : ""}`);
      }
      case "move": {
        const result = await moveIntoStage(db, viewer, call, input.action, input.proposalIds);
        await mailNow(db, result.notificationIds, args.context.origin);
        return redirectWithNotice(back, `${result.moved} 件の提案を${input.action === "start_review" ? "一次審査中" : "二次審査中"}にしました。`);
      }
      case "reopen":
        await reopenSheet(db, viewer, call, input.sheetId, input.reason);
        return redirectWithNotice(back, "採点票を再開しました。審査委員が修正して提出し直せます。");
    }
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    return json<Reply>({ intent, stage: stageField, formError: error.reason, fieldErrors: error.problems, values: fields }, { status: error.status });
  }
}

export default function CallReview() {
  const { call, proposals, paging, statusCounts, reviewers, stages, conflicts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>審査の運営</h1>
      <p>
        募集: <Link to={`/calls/${call.id}`}>{call.title}</Link> · <Link to={`/coordinator/calls/${call.id}/rules`}>集計方法</Link> ·{" "}
        <Link to={`/coordinator/calls/${call.id}/results`}>審査結果一覧</Link> · <Link to="/coordinator/reviewers">審査委員</Link>
      </p>
      {reply?.formError ? <FormErrors id="review-form-error" errors={[reply.formError]} /> : null}
      <SubmittedProposalsPanel stages={call.stages} proposals={proposals} paging={paging} statusCounts={statusCounts} reply={reply} />
      {stages.length === 0 ? <p className="empty">この募集には書類審査・プレゼンテーションの段階がありません。募集の編集で段階を設定してください。</p> : null}
      {stages.map((stage) => (
        <ReviewStagePanel key={stage.code} stage={stage} reviewers={reviewers} proposals={proposals} paged={paging.pageCount > 1} reply={reply} />
      ))}
      <ConflictsPanel conflicts={conflicts} reviewers={reviewers} proposals={proposals} paged={paging.pageCount > 1} reply={reply} />
      <Pagination page={paging.page} pageCount={paging.pageCount} label="提案のページ（ページの末尾）" />
    </>
  );
}
