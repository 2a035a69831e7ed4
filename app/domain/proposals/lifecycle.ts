// The proposal (提案) lifecycle as data: the statuses, and one row per allowed transition saying who may
// make it, whether a reason is required and which optional stage of the call it needs. Everything else
// here (available actions, transition checks, freezing, visibility) is derived from these tables.
// Pure and browser-safe: the UI asks the same functions to decide which buttons to show.

import type { CallStage } from "../../../db/schema";
import { CALL_STAGES as CALL_STAGE_VOCABULARY } from "../calls/schema";

export const PROPOSAL_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "in_review",
  "presentation",
  "adoption_candidate",
  "adopted",
  "conditionally_adopted",
  "rejected",
  "agreed",
  "in_progress",
  "reported",
  "evaluated",
  "closed",
  "withdrawn",
  "declined",
  "cancelled",
] as const;

export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_STATUS_LABELS: Readonly<Record<ProposalStatus, string>> = {
  draft: "下書き",
  submitted: "受付済み",
  returned: "差戻し中",
  in_review: "一次審査中",
  presentation: "二次審査中",
  adoption_candidate: "採択候補",
  adopted: "採択",
  conditionally_adopted: "条件付き採択",
  rejected: "不採択",
  agreed: "協定締結済み",
  in_progress: "実施中",
  reported: "実績報告済み",
  evaluated: "評価済み",
  closed: "完了",
  withdrawn: "取下げ",
  declined: "辞退",
  cancelled: "採択取消",
};

/** Statuses nothing leaves. */
export const TERMINAL_STATUSES: readonly ProposalStatus[] = ["rejected", "closed", "withdrawn", "declined", "cancelled"];

/** The decision has been made (採択・条件付き採択・不採択) or the proposal has moved past it. */
export const DECIDED_STATUSES: readonly ProposalStatus[] = [
  "adoption_candidate",
  "adopted",
  "conditionally_adopted",
  "rejected",
  "agreed",
  "in_progress",
  "reported",
  "evaluated",
  "closed",
  "declined",
  "cancelled",
];

/** Adopted, and everything an adopted proposal goes on to become: what an award publication may show. */
export const AWARDED_STATUSES: readonly ProposalStatus[] = [
  "adopted",
  "conditionally_adopted",
  "agreed",
  "in_progress",
  "reported",
  "evaluated",
  "closed",
];

/**
 * Who makes transitions. Reviewers score but never move a proposal; the system administrator manages
 * accounts, not proposals, so neither appears here.
 */
export const PROPOSAL_ACTORS = ["group", "coordinator", "department"] as const;
export type ProposalActor = (typeof PROPOSAL_ACTORS)[number];

export const PROPOSAL_ACTOR_LABELS: Readonly<Record<ProposalActor, string>> = {
  group: "団体",
  coordinator: "協働推進課",
  department: "担当課",
};

/**
 * The review stages a call chooses (募集ごとの審査の段階; `calls.stages`, at least one). Each stage that
 * is used is a step a proposal must pass; a stage that is not used is skipped.
 */
export const CALL_STAGES = CALL_STAGE_VOCABULARY.codes;
export type { CallStage };
const CALL_STAGE_LABELS: Readonly<Record<CallStage, string>> = {
  formal_check: CALL_STAGE_VOCABULARY.label("formal_check"),
  document_review: CALL_STAGE_VOCABULARY.label("document_review"),
  presentation: CALL_STAGE_VOCABULARY.label("presentation"),
};

/** The short names, for sentences that mention a stage twice. */
export const CALL_STAGE_SHORT_LABELS: Readonly<Record<CallStage, string>> = {
  formal_check: "形式審査",
  document_review: "一次審査",
  presentation: "二次審査",
};

/** Statuses that exist only in calls using a stage (a proposal can never be in them otherwise). */
export const STAGE_OF_STATUS: Readonly<Partial<Record<ProposalStatus, CallStage>>> = {
  returned: "formal_check",
  in_review: "document_review",
  presentation: "presentation",
};

export const PROPOSAL_ACTIONS = [
  "submit",
  "return_for_correction",
  "resubmit",
  "start_review",
  "to_presentation",
  "decide_adopt",
  "decide_conditional",
  "decide_reject",
  "decide_candidate",
  "withdraw",
  "decline",
  "cancel_award",
  "conclude_agreement",
  "start_project",
  "report",
  "return_report",
  "evaluate",
  "close",
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export interface ProposalTransition {
  action: ProposalAction;
  from: readonly ProposalStatus[];
  to: ProposalStatus;
  actors: readonly ProposalActor[];
  reasonRequired: boolean;
  /** Button text. */
  label: string;
  /** The verb for the timeline: 「…が差し戻しました」. */
  done: string;
  /** What the other side is told it has become, in the notification: 「一次審査が始まりました」. */
  notice: string;
  /** What the reason is called on the form and in the timeline when not 理由 (a conditional adoption's conditions). */
  reasonLabel?: string;
  /** The row applies only when the call uses all of these stages. */
  requiresStages?: readonly CallStage[];
  /** The row applies only when the call uses none of these stages (otherwise they must come first). */
  skippedStages?: readonly CallStage[];
}

// One (action, from-status) pair appears in at most one row; an action may have several rows when its
// condition depends on where it starts. The review path is submitted → [formal check: may return] →
// in_review (document review, if used) → presentation (if used) → decision; an unused stage is skipped.
const DECIDE_AFTER = [
  { from: "submitted", skippedStages: ["document_review", "presentation"] },
  { from: "in_review", skippedStages: ["presentation"] },
  { from: "presentation", requiresStages: ["presentation"] },
] as const;

export const PROPOSAL_TRANSITIONS: readonly ProposalTransition[] = [
  { action: "submit", from: ["draft"], to: "submitted", actors: ["group"], reasonRequired: false, label: "提出する", done: "提出しました", notice: "提案が提出されました" },
  { action: "return_for_correction", from: ["submitted"], to: "returned", actors: ["coordinator"], reasonRequired: true, label: "差し戻す", done: "差し戻しました", notice: "提案が差し戻されました", requiresStages: ["formal_check"] },
  { action: "resubmit", from: ["returned"], to: "submitted", actors: ["group"], reasonRequired: false, label: "再提出する", done: "再提出しました", notice: "提案が再提出されました" },
  { action: "start_review", from: ["submitted"], to: "in_review", actors: ["coordinator"], reasonRequired: false, label: "一次審査（書類審査）を始める", done: "一次審査を始めました", notice: "一次審査が始まりました", requiresStages: ["document_review"] },
  { action: "to_presentation", from: ["submitted"], to: "presentation", actors: ["coordinator"], reasonRequired: false, label: "二次審査（プレゼンテーション）へ進める", done: "二次審査へ進めました", notice: "二次審査（プレゼンテーション）に進みました", requiresStages: ["presentation"], skippedStages: ["document_review"] },
  { action: "to_presentation", from: ["in_review"], to: "presentation", actors: ["coordinator"], reasonRequired: false, label: "二次審査（プレゼンテーション）へ進める", done: "二次審査へ進めました", notice: "二次審査（プレゼンテーション）に進みました", requiresStages: ["presentation"] },
  ...DECIDE_AFTER.map((when): ProposalTransition => ({ action: "decide_adopt", ...when, from: [when.from], to: "adopted", actors: ["coordinator"], reasonRequired: true, label: "採択する", done: "採択しました", notice: "採択が決まりました" })),
  ...DECIDE_AFTER.map((when): ProposalTransition => ({ action: "decide_conditional", ...when, from: [when.from], to: "conditionally_adopted", actors: ["coordinator"], reasonRequired: true, label: "条件付きで採択する", done: "条件付きで採択しました", notice: "条件付きの採択が決まりました", reasonLabel: "条件" })),
  // Not every proposal goes on to the presentation: a rejection may also follow the document review.
  { action: "decide_reject", from: ["submitted"], to: "rejected", actors: ["coordinator"], reasonRequired: true, label: "不採択とする", done: "不採択としました", notice: "不採択が決まりました", skippedStages: ["document_review", "presentation"] },
  { action: "decide_reject", from: ["in_review", "presentation"], to: "rejected", actors: ["coordinator"], reasonRequired: true, label: "不採択とする", done: "不採択としました", notice: "不採択が決まりました" },
  // 採択候補: adopted pending the council's budget vote, then adopted or rejected.
  ...DECIDE_AFTER.map((when): ProposalTransition => ({ action: "decide_candidate", ...when, from: [when.from], to: "adoption_candidate", actors: ["coordinator"], reasonRequired: true, label: "採択候補とする", done: "採択候補としました", notice: "採択候補になりました" })),
  { action: "decide_adopt", from: ["adoption_candidate"], to: "adopted", actors: ["coordinator"], reasonRequired: true, label: "採択する", done: "採択しました", notice: "採択が決まりました" },
  { action: "decide_reject", from: ["adoption_candidate"], to: "rejected", actors: ["coordinator"], reasonRequired: true, label: "不採択とする", done: "不採択としました", notice: "不採択が決まりました" },
  { action: "withdraw", from: ["submitted", "returned", "in_review", "presentation"], to: "withdrawn", actors: ["group"], reasonRequired: true, label: "取り下げる", done: "取り下げました", notice: "提案が取り下げられました" },
  // The agreement falls through: the group declines the award, or the city cancels it.
  { action: "decline", from: ["adopted", "conditionally_adopted"], to: "declined", actors: ["group"], reasonRequired: true, label: "採択を辞退する", done: "辞退しました", notice: "採択が辞退されました" },
  { action: "cancel_award", from: ["adopted", "conditionally_adopted", "agreed"], to: "cancelled", actors: ["coordinator"], reasonRequired: true, label: "採択を取り消す", done: "採択を取り消しました", notice: "採択が取り消されました" },
  // Recorded when the second side confirms the agreement, whichever side that is.
  { action: "conclude_agreement", from: ["adopted", "conditionally_adopted"], to: "agreed", actors: ["group", "coordinator", "department"], reasonRequired: false, label: "協定締結を記録する", done: "協定締結を記録しました", notice: "協定の締結が記録されました" },
  { action: "start_project", from: ["agreed"], to: "in_progress", actors: ["coordinator", "department"], reasonRequired: false, label: "事業を開始する", done: "事業を開始しました", notice: "事業が始まりました" },
  { action: "report", from: ["in_progress"], to: "reported", actors: ["group"], reasonRequired: false, label: "実績報告を提出する", done: "実績報告を提出しました", notice: "実績報告が提出されました" },
  { action: "return_report", from: ["reported"], to: "in_progress", actors: ["coordinator", "department"], reasonRequired: true, label: "実績報告を差し戻す", done: "実績報告を差し戻しました", notice: "実績報告が差し戻されました" },
  { action: "evaluate", from: ["reported"], to: "evaluated", actors: ["coordinator", "department"], reasonRequired: false, label: "評価を記録する", done: "評価を記録しました", notice: "評価が記録されました" },
  { action: "close", from: ["evaluated"], to: "closed", actors: ["coordinator"], reasonRequired: false, label: "完了とする", done: "完了としました", notice: "事業が完了しました" },
];

export function isProposalStatus(value: string): value is ProposalStatus {
  return (PROPOSAL_STATUSES as readonly string[]).includes(value);
}

export function isProposalAction(value: string): value is ProposalAction {
  return (PROPOSAL_ACTIONS as readonly string[]).includes(value);
}

export function statusLabel(status: ProposalStatus): string {
  return PROPOSAL_STATUS_LABELS[status];
}

function missingStage(row: ProposalTransition, callStages: readonly CallStage[]): CallStage | undefined {
  return row.requiresStages?.find((stage) => !callStages.includes(stage));
}

function pendingStage(row: ProposalTransition, callStages: readonly CallStage[]): CallStage | undefined {
  return row.skippedStages?.find((stage) => callStages.includes(stage));
}

function rowApplies(row: ProposalTransition, callStages: readonly CallStage[]): boolean {
  return !missingStage(row, callStages) && !pendingStage(row, callStages);
}

/** The rows a proposal in `status` may take in a call with these stages, for any actor. */
export function transitionsFrom(status: ProposalStatus, callStages: readonly CallStage[]): ProposalTransition[] {
  return PROPOSAL_TRANSITIONS.filter((row) => row.from.includes(status) && rowApplies(row, callStages));
}

/** The buttons to show: the transitions this actor may make now, in table order. */
export function availableActions(
  status: ProposalStatus,
  actor: ProposalActor,
  callStages: readonly CallStage[],
): ProposalTransition[] {
  return transitionsFrom(status, callStages).filter((row) => row.actors.includes(actor));
}

export function actionLabel(action: ProposalAction): string {
  return PROPOSAL_TRANSITIONS.find((row) => row.action === action)?.label ?? action;
}

export interface TransitionRequest {
  actor: ProposalActor;
  reason?: string | null;
  callStages: readonly CallStage[];
}

export type TransitionRefusal =
  /** The action has already been made (a double submit): the caller may treat it as done. */
  | "already_done"
  | "not_from_status"
  | "stage_not_used"
  | "stage_pending"
  | "wrong_actor"
  | "reason_required";

export type TransitionResult =
  | { ok: true; to: ProposalStatus; reason: string | null; row: ProposalTransition }
  | { ok: false; code: TransitionRefusal; message: string };

function actorList(actors: readonly ProposalActor[]): string {
  return actors.map((actor) => PROPOSAL_ACTOR_LABELS[actor]).join("または");
}

function refuse(code: TransitionRefusal, message: string): TransitionResult {
  return { ok: false, code, message };
}

/**
 * Checks one transition against the table. The refusal says, in Japanese, why and what to do next.
 * The order of the checks is the order a user would want to hear them: is it possible at all, is it
 * yours to do, what is missing.
 */
export function transition(
  status: ProposalStatus,
  action: ProposalAction,
  request: TransitionRequest,
): TransitionResult {
  const rows = PROPOSAL_TRANSITIONS.filter((row) => row.action === action);
  const label = actionLabel(action);
  const current = statusLabel(status);
  const candidates = rows.filter((row) => row.from.includes(status));

  if (action === "submit" && status === "returned") {
    return refuse("not_from_status", "差戻し中の提案は、修正してから「再提出する」で提出してください。");
  }
  if (action === "submit" && status !== "draft" && !TERMINAL_STATUSES.includes(status)) {
    // A double submit (two clicks, a retried request): the first one won.
    return refuse("already_done", `この提案は既に提出され、受け付けられています（現在の状態: ${current}）。もう一度提出する必要はありません。`);
  }
  if (candidates.length === 0) {
    if (TERMINAL_STATUSES.includes(status)) {
      return refuse("not_from_status", `この提案は「${current}」となっているため、これ以上の操作はできません。`);
    }
    if (action === "withdraw" && DECIDED_STATUSES.includes(status)) {
      return refuse("not_from_status", `審査結果の決定後は取り下げできません（現在の状態: ${current}）。事業をやめる場合は協働推進課にご相談ください。`);
    }
    if (action === "withdraw" && status === "draft") {
      return refuse("not_from_status", "下書きはまだ提出されていないため、取下げの手続きは不要です。不要な下書きは削除してください。");
    }
    if (rows.some((row) => row.to === status)) {
      return refuse("already_done", `「${label}」は既に行われています（現在の状態: ${current}）。`);
    }
    return refuse("not_from_status", `現在の状態（${current}）では「${label}」はできません。ページを再読み込みして、最新の状態を確認してください。`);
  }

  const allowed = [...new Set(candidates.flatMap((candidate) => candidate.actors))];
  if (!allowed.includes(request.actor)) {
    return refuse("wrong_actor", `「${label}」は${actorList(allowed)}が行う操作です。`);
  }

  const row = candidates.find((candidate) => rowApplies(candidate, request.callStages));
  if (!row) {
    const [candidate] = candidates;
    const missing = missingStage(candidate, request.callStages);
    if (missing) {
      return refuse("stage_not_used", `この募集では${CALL_STAGE_LABELS[missing]}を行わないため、「${label}」はできません。`);
    }
    const pending = pendingStage(candidate, request.callStages)!;
    return refuse("stage_pending", `この募集では${CALL_STAGE_LABELS[pending]}を行います。先に${CALL_STAGE_SHORT_LABELS[pending]}へ進めてから「${label}」を行ってください。`);
  }
  if (!row.actors.includes(request.actor)) {
    return refuse("wrong_actor", `「${label}」は${actorList(row.actors)}が行う操作です。`);
  }

  const reason = request.reason?.trim() ? request.reason.trim() : null;
  if (row.reasonRequired && !reason) {
    const what = row.reasonLabel ?? "理由";
    return refuse("reason_required", `「${label}」には${what}の入力が必要です。${what}は団体と職員が見るタイムラインに記録されます。`);
  }

  return { ok: true, to: row.to, reason, row };
}

/** The group may withdraw until the decision (not a draft: it was never received; delete it instead). */
export function canWithdraw(status: ProposalStatus): boolean {
  return PROPOSAL_TRANSITIONS.some((row) => row.action === "withdraw" && row.from.includes(status));
}

/**
 * Whether the proposal's text may be edited. A submitted version is frozen; the only way to change it is
 * a return for correction, which opens a new version until the group resubmits.
 */
export function isFrozen(status: ProposalStatus): boolean {
  return status !== "draft" && status !== "returned";
}

export const PROPOSAL_RELATIONS = [
  "group_member",
  "coordinator",
  "related_department",
  "assigned_reviewer",
  "public",
] as const;
export type ProposalRelation = (typeof PROPOSAL_RELATIONS)[number];

export interface VisibilityContext {
  /** The call's award (採択結果) has been published. */
  awardPublished: boolean;
}

/**
 * Who may see a proposal in this status. A draft is its group's alone; once submitted the coordinator,
 * the related departments and the assigned (non-conflicted) reviewers see it too — while it is returned
 * they see the last submitted version, not the group's unsent edits. The public sees adopted proposals
 * only, and only after the award is published; rejected and withdrawn proposals are never public.
 */
export function visibleTo(
  status: ProposalStatus,
  relation: ProposalRelation,
  context: VisibilityContext,
): boolean {
  switch (relation) {
    case "group_member":
      return true;
    case "coordinator":
    case "related_department":
    case "assigned_reviewer":
      return status !== "draft";
    case "public":
      return context.awardPublished && AWARDED_STATUSES.includes(status);
  }
}
