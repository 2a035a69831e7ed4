// Writing the review (審査): stage settings, panels, assignments (never across a conflict), conflicts
// (a late one excludes the sheets already written), score sheets (draft with a revision check; submit
// once, before the deadline unless the stage accepts late ones), the coordinator's reopening, the call's
// aggregation rules, batch moves into a review stage (through the proposals area's applyTransition),
// external reviewers' invitations and the deadline reminders. One transaction per command; notifications
// are written inside it and mailed by the caller after commit.
import { randomBytes, createHash } from "node:crypto";
import type { DB } from "../../../db/index";
import type { ConflictKind, ReviewStageCode } from "../../../db/schema";
import { isUniqueViolation, newId, now } from "../../../db/values";
import { hashPassword } from "../../auth/password.server";
import type { Viewer } from "../../auth/viewer";
import { sendMail } from "../../mail/mailer.server";
import { recordAudit } from "../audit/commands.server";
import { AccountRefusedError, insertAccount } from "../accounts/commands.server";
import { coordinatorIds, mailNow, notify } from "../notifications/commands.server";
import { applyTransition, ProposalRefusedError } from "../proposals/commands.server";
import { aggregationRulesSchema, rulesProblems, type AggregationRules } from "./aggregation";
import { conflictsOf, findStage, isConflicted, rubricOf, STATUSES_IN_STAGE, type AssignmentDetail } from "./queries.server";
import { REVIEW_STAGES, type ScoreSheetInput } from "./schema";
import { formatDateTime } from "../calendar/format";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields. */
export class ReviewRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

interface CallRef {
  id: string;
  title: string;
  stages: readonly string[];
}

async function isReviewer(db: DB, userId: string): Promise<boolean> {
  return (await db.selectFrom("user_roles").where("user_id", "=", userId).where("role", "=", "reviewer").select("user_id").executeTakeFirst()) !== undefined;
}

function requireStage(call: CallRef, stage: ReviewStageCode) {
  if (!call.stages.includes(stage)) throw new ReviewRefusedError(`この募集には「${REVIEW_STAGES.label(stage)}」がありません。募集の設定を確認してください。`, { stage: ["この募集にない審査の段階です"] });
}

/** The stage's row, made on first use (two requests at once: the second reads the first's). */
export async function ensureStage(trx: DB, call: CallRef, stage: ReviewStageCode) {
  requireStage(call, stage);
  const existing = await findStage(trx, call.id, stage);
  if (existing) return existing;
  const at = now();
  try {
    await trx.insertInto("review_stages").values({ id: newId(), call_id: call.id, stage, deadline: null, created_at: at, updated_at: at }).execute();
  } catch (error) {
    // Another request made it at the same moment; on PostgreSQL this transaction is spoiled, so ask again.
    if (isUniqueViolation(error)) throw new ReviewRefusedError("ほかの操作と重なりました。もう一度お試しください。", {}, 409);
    throw error;
  }
  return (await findStage(trx, call.id, stage))!;
}

// ---- stages and panels ---------------------------------------------------------------------------

export async function saveStageSettings(db: DB, viewer: Viewer, call: CallRef, input: { stage: ReviewStageCode; deadline: string | null; latePolicy: "refuse" | "allow"; showOthers: boolean }) {
  await db.transaction().execute(async (trx) => {
    const stage = await ensureStage(trx, call, input.stage);
    await trx
      .updateTable("review_stages")
      .set({ deadline: input.deadline, late_policy: input.latePolicy, show_others: input.showOthers ? 1 : 0, updated_at: now() })
      .where("id", "=", stage.id)
      .execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.stage", subjectType: "call", subjectId: call.id, detail: input });
  });
}

export async function addPanelMember(db: DB, viewer: Viewer, call: CallRef, stageCode: ReviewStageCode, reviewerId: string) {
  if (!(await isReviewer(db, reviewerId))) throw new ReviewRefusedError("審査委員の役割を持つアカウントだけを委員にできます。", { reviewerId: ["審査委員を選んでください"] });
  await db.transaction().execute(async (trx) => {
    const stage = await ensureStage(trx, call, stageCode);
    const there = await trx.selectFrom("review_panel_members").where("stage_id", "=", stage.id).where("reviewer_id", "=", reviewerId).select("reviewer_id").executeTakeFirst();
    if (there) return;
    await trx.insertInto("review_panel_members").values({ stage_id: stage.id, reviewer_id: reviewerId, added_by: viewer.id, added_at: now() }).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.panel_add", subjectType: "call", subjectId: call.id, detail: { stage: stageCode, reviewerId } });
  });
}

/** Leaves the panel with the assignments not yet scored; refused while a sheet of theirs exists. */
export async function removePanelMember(db: DB, viewer: Viewer, call: CallRef, stageCode: ReviewStageCode, reviewerId: string) {
  await db.transaction().execute(async (trx) => {
    const stage = await findStage(trx, call.id, stageCode);
    if (!stage) return;
    const scored = await trx
      .selectFrom("review_assignments")
      .innerJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
      .where("review_assignments.stage_id", "=", stage.id)
      .where("review_assignments.reviewer_id", "=", reviewerId)
      .select("score_sheets.id")
      .executeTakeFirst();
    if (scored) throw new ReviewRefusedError("この委員は既に採点を始めているため、委員会から外せません。");
    await trx.deleteFrom("review_assignments").where("stage_id", "=", stage.id).where("reviewer_id", "=", reviewerId).execute();
    await trx.deleteFrom("review_panel_members").where("stage_id", "=", stage.id).where("reviewer_id", "=", reviewerId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.panel_remove", subjectType: "call", subjectId: call.id, detail: { stage: stageCode, reviewerId } });
  });
}

export interface AssignResult {
  created: number;
  /** Pairs left out because of a conflict (only with scope "all"). */
  skippedConflicts: number;
  notificationIds: string[];
}

/**
 * Assigns panel members to proposals of the call that this stage reviews. With scope "selected" a
 * conflicted pair refuses the whole request with the reason; with "all" conflicted pairs are left out
 * and counted. The reviewer's notification names no proposal (a count and the call).
 */
export async function assignReviewers(
  db: DB,
  viewer: Viewer,
  call: CallRef,
  input: { stage: ReviewStageCode; reviewerIds: string[]; scope: "all" | "selected"; proposalIds: string[] },
): Promise<AssignResult> {
  return db.transaction().execute(async (trx) => {
    const stage = await ensureStage(trx, call, input.stage);
    const panel = new Set((await trx.selectFrom("review_panel_members").where("stage_id", "=", stage.id).select("reviewer_id").execute()).map((m) => m.reviewer_id));
    const outsiders = input.reviewerIds.filter((id) => !panel.has(id));
    if (outsiders.length) throw new ReviewRefusedError("委員会に加えた審査委員だけを割り当てられます。先に委員会に加えてください。", { reviewerIds: ["委員会にいない審査委員が含まれています"] });
    let query = trx
      .selectFrom("proposals")
      .where("call_id", "=", call.id)
      .where("status", "in", STATUSES_IN_STAGE[input.stage])
      .select(["id", "group_id", "receipt_number"]);
    if (input.scope === "selected") {
      if (input.proposalIds.length === 0) throw new ReviewRefusedError("割り当てる提案を選んでください。", { proposalIds: ["提案を選んでください"] });
      query = query.where("id", "in", input.proposalIds);
    }
    const proposals = await query.execute();
    if (input.scope === "selected" && proposals.length !== new Set(input.proposalIds).size) {
      throw new ReviewRefusedError("この段階で審査できない提案が含まれています（提出前・取下げ済み・ほかの募集の提案など）。", { proposalIds: ["選び直してください"] });
    }
    const conflicts = await conflictsOf(trx, input.reviewerIds);
    const names = new Map((await trx.selectFrom("users").where("id", "in", input.reviewerIds).select(["id", "display_name"]).execute()).map((u) => [u.id, u.display_name]));
    const pairs: { reviewerId: string; proposalId: string }[] = [];
    let skipped = 0;
    const refusals: string[] = [];
    for (const reviewerId of input.reviewerIds) {
      for (const p of proposals) {
        if (isConflicted(conflicts, reviewerId, p)) {
          if (input.scope === "selected") refusals.push(`${names.get(reviewerId)} さんは受付番号 ${p.receipt_number ?? "（なし）"} の提案と利害関係があるため割り当てられません。`);
          skipped++;
          continue;
        }
        pairs.push({ reviewerId, proposalId: p.id });
      }
    }
    if (refusals.length) throw new ReviewRefusedError(refusals.join(" "), { proposalIds: refusals });
    const existing = new Set(
      (await trx.selectFrom("review_assignments").where("stage_id", "=", stage.id).where("reviewer_id", "in", input.reviewerIds).select(["reviewer_id", "proposal_id"]).execute()).map((a) => `${a.reviewer_id}/${a.proposal_id}`),
    );
    const fresh = pairs.filter((p) => !existing.has(`${p.reviewerId}/${p.proposalId}`));
    const at = now();
    if (fresh.length) {
      await trx
        .insertInto("review_assignments")
        .values(fresh.map((p) => ({ id: newId(), stage_id: stage.id, proposal_id: p.proposalId, reviewer_id: p.reviewerId, assigned_by: viewer.id, assigned_at: at })))
        .execute();
    }
    await recordAudit(trx, { actorId: viewer.id, action: "review.assign", subjectType: "call", subjectId: call.id, detail: { stage: input.stage, created: fresh.length, skippedConflicts: skipped } });
    const notificationIds: string[] = [];
    for (const reviewerId of new Set(fresh.map((p) => p.reviewerId))) {
      const count = fresh.filter((p) => p.reviewerId === reviewerId).length;
      notificationIds.push(
        ...(await notify(trx, [reviewerId], {
          kind: "review_assigned",
          title: `審査の割り当て: ${call.title}`,
          body: `「${call.title}」の${REVIEW_STAGES.label(input.stage)}で、提案 ${count} 件の審査が割り当てられました。` + (stage.deadline ? `\n締切: ${formatDateTime(stage.deadline)}` : ""),
          link: "/reviews",
        })),
      );
    }
    return { created: fresh.length, skippedConflicts: skipped, notificationIds };
  });
}

/** Removes an assignment not yet submitted (a draft sheet goes with it). */
export async function unassign(db: DB, viewer: Viewer, call: CallRef, assignmentId: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("review_assignments")
      .innerJoin("review_stages", "review_stages.id", "review_assignments.stage_id")
      .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
      .where("review_assignments.id", "=", assignmentId)
      .where("review_stages.call_id", "=", call.id)
      .select(["review_assignments.id", "score_sheets.status"])
      .executeTakeFirst();
    if (!row) throw new ReviewRefusedError("割り当てが見つかりません。", {}, 404);
    if (row.status === "submitted") throw new ReviewRefusedError("提出済みの採点票がある割り当ては外せません。利害関係がある場合は利害関係として記録してください。", {}, 409);
    await trx.deleteFrom("review_assignments").where("id", "=", assignmentId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.unassign", subjectType: "call", subjectId: call.id, detail: { assignmentId } });
  });
}

// ---- conflicts of interest -----------------------------------------------------------------------

export interface ConflictInput {
  reviewerId: string;
  proposalId: string;
  scope: "proposal" | "group";
  kind: ConflictKind;
  note: string;
  side: "reviewer" | "coordinator";
}

/**
 * Records a conflict with one proposal or with its whole group. Score sheets the reviewer already wrote
 * for the proposals it covers are kept but marked excluded (left out of every aggregate), each with an
 * event in the sheet's history. Returns the number of sheets excluded.
 */
export async function declareConflict(db: DB, viewer: Viewer, input: ConflictInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const proposal = await trx.selectFrom("proposals").where("id", "=", input.proposalId).select(["id", "group_id", "receipt_number"]).executeTakeFirst();
    if (!proposal) throw new ReviewRefusedError("提案が見つかりません。", {}, 404);
    if (input.side === "coordinator" && !(await isReviewer(trx, input.reviewerId))) throw new ReviewRefusedError("審査委員を選んでください。", { reviewerId: ["審査委員を選んでください"] });
    const at = now();
    await trx
      .insertInto("review_conflicts")
      .values({
        id: newId(),
        reviewer_id: input.reviewerId,
        proposal_id: input.scope === "proposal" ? proposal.id : null,
        group_id: input.scope === "group" ? proposal.group_id : null,
        kind: input.kind,
        note: input.note,
        declared_by: viewer.id,
        declared_side: input.side,
        declared_at: at,
      })
      .execute();
    const reason = `利害関係（${{ member: "団体の構成員・役員", relative: "親族", business: "取引関係", other: "その他" }[input.kind]}）の申告により集計から除外`;
    const sheets = await excludeSheets(trx, viewer.id, input.reviewerId, input.scope === "proposal" ? { proposalId: proposal.id } : { groupId: proposal.group_id }, reason, at);
    await recordAudit(trx, { actorId: viewer.id, action: "review.conflict", subjectType: "proposal", subjectId: proposal.id, detail: { reviewerId: input.reviewerId, scope: input.scope, kind: input.kind, side: input.side, excludedSheets: sheets } });
    return sheets;
  });
}

/** Marks the reviewer's sheets for a proposal (or every proposal of a group) excluded — kept — with an event each. */
async function excludeSheets(trx: DB, actorId: string | null, reviewerId: string, scope: { proposalId: string } | { groupId: string }, reason: string, at: string): Promise<number> {
  let query = trx
    .selectFrom("score_sheets")
    .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
    .innerJoin("proposals", "proposals.id", "review_assignments.proposal_id")
    .where("review_assignments.reviewer_id", "=", reviewerId)
    .where("score_sheets.excluded_at", "is", null)
    .select("score_sheets.id");
  query = "proposalId" in scope ? query.where("proposals.id", "=", scope.proposalId) : query.where("proposals.group_id", "=", scope.groupId);
  const sheets = await query.execute();
  for (const s of sheets) {
    await trx.updateTable("score_sheets").set({ excluded_at: at, excluded_reason: reason }).where("id", "=", s.id).execute();
    await trx.insertInto("score_sheet_events").values({ id: newId(), sheet_id: s.id, at, actor_id: actorId, action: "exclude", reason }).execute();
  }
  return sheets.length;
}

/**
 * Someone who joins a group is conflicted with its proposals from then on (membership needs no
 * declaration): score sheets they already wrote for them are marked excluded, kept, each with an event.
 * Called by the groups area inside the joining transaction.
 */
export async function excludeSheetsOfNewMember(trx: DB, userId: string, groupId: string): Promise<number> {
  return excludeSheets(trx, userId, userId, { groupId }, "審査の後に提案団体の構成員になったため集計から除外", now());
}

// ---- score sheets --------------------------------------------------------------------------------

export interface SheetResult {
  submitted: boolean;
  late: boolean;
  revision: number;
  notificationIds: string[];
}

export const STALE_SHEET = "別のタブや端末でこの採点票が先に保存されました。入力した内容はこのページに残っています。ページを再読み込みして最新の内容を確認してから、もう一度保存してください。";

/**
 * Saves the sheet as a draft (a save from an older revision is refused, what was typed is kept by the
 * page), then, for "submit", submits it: every criterion scored, before the stage's deadline unless
 * late ones are allowed (then marked late). A refused late submission keeps the draft and is recorded.
 */
export async function saveScoreSheet(db: DB, viewer: Viewer, assignment: AssignmentDetail, input: ScoreSheetInput, at = new Date()): Promise<SheetResult> {
  if (!assignment.proposal_status || !STATUSES_IN_STAGE[assignment.stage as ReviewStageCode].includes(assignment.proposal_status as never)) {
    throw new ReviewRefusedError("この提案は審査の対象ではなくなりました（取下げ・決定済みなど）。", {}, 409);
  }
  const criteria = assignment.criteria;
  const revision = await db.transaction().execute(async (trx) => {
    const sheet = await trx.selectFrom("score_sheets").where("assignment_id", "=", assignment.id).select(["id", "status", "revision"]).executeTakeFirst();
    if (sheet?.status === "submitted") throw new ReviewRefusedError("この採点票は提出済みです。修正が必要な場合は協働推進課に再開を依頼してください。", {}, 409);
    const base = sheet?.revision ?? 0;
    if (input.revision !== base) throw new ReviewRefusedError(STALE_SHEET, {}, 409);
    const stamp = at.toISOString();
    let sheetId = sheet?.id;
    if (!sheetId) {
      sheetId = newId();
      try {
        await trx
          .insertInto("score_sheets")
          .values({ id: sheetId, assignment_id: assignment.id, status: "draft", comment_for_applicant: input.commentForApplicant, private_note: input.privateNote, revision: 1, saved_at: stamp, submitted_at: null, excluded_at: null, excluded_reason: null })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new ReviewRefusedError(STALE_SHEET, {}, 409);
        throw error;
      }
    } else {
      const updated = await trx
        .updateTable("score_sheets")
        .set({ comment_for_applicant: input.commentForApplicant, private_note: input.privateNote, revision: base + 1, saved_at: stamp })
        .where("id", "=", sheetId)
        .where("revision", "=", base)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ReviewRefusedError(STALE_SHEET, {}, 409);
      await trx.deleteFrom("scores").where("sheet_id", "=", sheetId).execute();
    }
    const rows = criteria.filter((c) => input.points[c.id] !== undefined).map((c) => ({ sheet_id: sheetId!, criterion_id: c.id, points: input.points[c.id] }));
    if (rows.length) await trx.insertInto("scores").values(rows).execute();
    return { id: sheetId, revision: base + 1 };
  });
  if (input.intent !== "submit") return { submitted: false, late: false, revision: revision.revision, notificationIds: [] };

  const missing = criteria.filter((c) => input.points[c.id] === undefined);
  if (missing.length) {
    throw new ReviewRefusedError(
      "採点していない審査項目があります。下書きとして保存しました。",
      Object.fromEntries(missing.map((c) => [`points.${c.id}`, [`「${c.name}」の点数を入力してください（${c.minPoints}〜${c.maxPoints}点）`]])),
    );
  }
  const late = assignment.deadline !== null && at.getTime() > Date.parse(assignment.deadline);
  if (late && assignment.late_policy !== "allow") {
    await db.insertInto("score_sheet_events").values({ id: newId(), sheet_id: revision.id, at: at.toISOString(), actor_id: viewer.id, action: "late_refused", reason: null }).execute();
    throw new ReviewRefusedError(
      `審査の締切（${formatDateTime(assignment.deadline!)}）を過ぎたため提出できません。入力した内容は下書きとして保存しました。協働推進課に連絡してください。`,
      {},
      409,
    );
  }
  const notificationIds = await db.transaction().execute(async (trx) => {
    const stamp = at.toISOString();
    const updated = await trx
      .updateTable("score_sheets")
      .set({ status: "submitted", submitted_at: stamp, submitted_late: late ? 1 : 0 })
      .where("id", "=", revision.id)
      .where("status", "=", "draft")
      .where("revision", "=", revision.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ReviewRefusedError("この採点票はほかの操作で先に提出または変更されました。ページを再読み込みしてください。", {}, 409);
    await trx.insertInto("score_sheet_events").values({ id: newId(), sheet_id: revision.id, at: stamp, actor_id: viewer.id, action: late ? "submit_late" : "submit", reason: null }).execute();
    return allInNotice(trx, assignment.stage_id);
  });
  return { submitted: true, late, revision: revision.revision, notificationIds };
}

/** When the last assigned sheet of a stage comes in, the coordinators hear it once. */
async function allInNotice(trx: DB, stageId: string): Promise<string[]> {
  const open = await trx
    .selectFrom("review_assignments")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
    .where("review_assignments.stage_id", "=", stageId)
    .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
    .select("review_assignments.id")
    .executeTakeFirst();
  if (open) return [];
  const stage = await trx.selectFrom("review_stages").innerJoin("calls", "calls.id", "review_stages.call_id").where("review_stages.id", "=", stageId).select(["calls.id", "calls.title", "review_stages.stage"]).executeTakeFirstOrThrow();
  const coordinators = await coordinatorIds(trx);
  const already = new Set((await trx.selectFrom("review_reminders").where("stage_id", "=", stageId).where("kind", "=", "all_in").select("reviewer_id").execute()).map((r) => r.reviewer_id));
  const to = coordinators.filter((id) => !already.has(id));
  if (to.length === 0) return [];
  await trx.insertInto("review_reminders").values(to.map((id) => ({ stage_id: stageId, reviewer_id: id, kind: "all_in" as const, sent_at: now() }))).execute();
  return notify(trx, to, {
    kind: "review_all_in",
    title: `採点票がそろいました: ${stage.title}`,
    body: `「${stage.title}」の${REVIEW_STAGES.label(stage.stage)}で、割り当てたすべての採点票が提出されました。審査結果一覧で確認してください。`,
    link: `/coordinator/calls/${stage.id}/results?stage=${stage.stage}`,
  });
}

/** The coordinator reopens a submitted sheet (with a reason, in the sheet's history). */
export async function reopenSheet(db: DB, viewer: Viewer, call: CallRef, sheetId: string, reason: string) {
  await db.transaction().execute(async (trx) => {
    const sheet = await trx
      .selectFrom("score_sheets")
      .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
      .innerJoin("review_stages", "review_stages.id", "review_assignments.stage_id")
      .where("score_sheets.id", "=", sheetId)
      .where("review_stages.call_id", "=", call.id)
      .select(["score_sheets.id", "score_sheets.status", "score_sheets.revision"])
      .executeTakeFirst();
    if (!sheet) throw new ReviewRefusedError("採点票が見つかりません。", {}, 404);
    if (sheet.status !== "submitted") throw new ReviewRefusedError("提出済みの採点票だけを再開できます。", {}, 409);
    const at = now();
    await trx.updateTable("score_sheets").set({ status: "draft", submitted_at: null, submitted_late: 0, revision: sheet.revision + 1, saved_at: at }).where("id", "=", sheet.id).execute();
    await trx.insertInto("score_sheet_events").values({ id: newId(), sheet_id: sheet.id, at, actor_id: viewer.id, action: "reopen", reason }).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.reopen", subjectType: "call", subjectId: call.id, detail: { sheetId, reason } });
  });
}

// ---- rules ---------------------------------------------------------------------------------------

/** The call's aggregation rules; refused with the reason when the rubric cannot carry them, or once scoring began. */
export async function saveRules(db: DB, viewer: Viewer, call: CallRef, rules: AggregationRules) {
  const criteria = await rubricOf(db, call.id);
  const problems = rulesProblems(rules, criteria);
  if (Object.keys(problems).length) throw new ReviewRefusedError("この設定ではこの募集の審査項目で集計できません。赤字の項目を直してください。", problems);
  await db.transaction().execute(async (trx) => {
    const scored = await trx
      .selectFrom("score_sheets")
      .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
      .innerJoin("review_stages", "review_stages.id", "review_assignments.stage_id")
      .where("review_stages.call_id", "=", call.id)
      .where("score_sheets.status", "=", "submitted")
      .select("score_sheets.id")
      .executeTakeFirst();
    if (scored) throw new ReviewRefusedError("採点票が提出された後は集計方法を変えられません（採点の途中で計算方法が変わらないように）。", {}, 409);
    const json = JSON.stringify(aggregationRulesSchema.parse(rules));
    const at = now();
    const updated = await trx.updateTable("review_rules").set({ rules: json, updated_by: viewer.id, updated_at: at }).where("call_id", "=", call.id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await trx.insertInto("review_rules").values({ call_id: call.id, rules: json, updated_by: viewer.id, updated_at: at }).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.rules", subjectType: "call", subjectId: call.id, detail: rules });
  });
}

/** The coordinator's recorded order among tied proposals (0 first), with the reason. */
export async function recordTieBreak(db: DB, viewer: Viewer, call: CallRef, stageCode: ReviewStageCode, order: string[], reason: string) {
  await db.transaction().execute(async (trx) => {
    const stage = await ensureStage(trx, call, stageCode);
    const at = now();
    await trx.deleteFrom("review_tie_breaks").where("stage_id", "=", stage.id).where("proposal_id", "in", order).execute();
    await trx.insertInto("review_tie_breaks").values(order.map((proposalId, position) => ({ stage_id: stage.id, proposal_id: proposalId, position, reason, decided_by: viewer.id, decided_at: at }))).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.tie_break", subjectType: "call", subjectId: call.id, detail: { stage: stageCode, order, reason } });
  });
}

// ---- moving proposals into a review stage --------------------------------------------------------

/** In one transaction, every chosen proposal of the call through the proposals area's own transition. */
export async function moveIntoStage(db: DB, viewer: Viewer, call: CallRef, action: "start_review" | "to_presentation", proposalIds: string[]): Promise<{ moved: number; notificationIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    const proposals = await trx.selectFrom("proposals").where("call_id", "=", call.id).where("id", "in", proposalIds).select(["id", "receipt_number"]).execute();
    if (proposals.length !== new Set(proposalIds).size) throw new ReviewRefusedError("この募集の提案ではないものが含まれています。", { proposalIds: ["選び直してください"] });
    const notificationIds: string[] = [];
    for (const p of proposals) {
      try {
        notificationIds.push(...(await applyTransition(trx, viewer, p.id, { action, actor: "coordinator", reason: null })).notificationIds);
      } catch (error) {
        if (error instanceof ProposalRefusedError) throw new ReviewRefusedError(`受付番号 ${p.receipt_number ?? "（なし）"}: ${error.reason}`, { proposalIds: [error.reason] }, error.status);
        throw error;
      }
    }
    return { moved: proposals.length, notificationIds };
  });
}

// ---- external reviewers --------------------------------------------------------------------------

export const REVIEWER_INVITE_DAYS = 7;

export function hashReviewerToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Mails a one-time link (7 days) that makes an account holding the reviewer role only, or adds the role to the invitee's own account. */
export async function inviteReviewer(db: DB, viewer: Viewer, input: { email: string; displayName: string; affiliation?: string }, origin: string) {
  const token = randomBytes(32).toString("base64url");
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("reviewer_invites")
      .values({
        token_hash: hashReviewerToken(token),
        email: input.email,
        display_name: input.displayName,
        affiliation: input.affiliation || null,
        invited_by: viewer.id,
        created_at: at.toISOString(),
        expires_at: new Date(at.getTime() + REVIEWER_INVITE_DAYS * 86_400_000).toISOString(),
        accepted_at: null,
        accepted_by: null,
      })
      .execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.invite", subjectType: "user", subjectId: input.email, detail: { affiliation: input.affiliation ?? null } });
  });
  await sendMail({
    to: input.email,
    subject: "【協働マッチングポータル】審査委員へのご就任のお願い",
    text: [
      `${input.displayName} 様`,
      "",
      "協働事業提案の審査委員として、協働マッチングポータルにご招待します。",
      `次のリンクを開き、お名前とパスワードを設定してください（既にアカウントをお持ちの場合は、そのアカウントでサインインして承諾してください）。リンクは${REVIEWER_INVITE_DAYS}日間、一度だけ使えます。`,
      "",
      `${origin}/reviewer-invites/${token}`,
      "",
      "お心当たりがない場合は、このメールを破棄してください。",
    ].join("\n"),
  });
}

/** An unused, unexpired invitation. */
export async function findReviewerInvite(db: DB, token: string) {
  if (!token) return undefined;
  return db
    .selectFrom("reviewer_invites")
    .where("token_hash", "=", hashReviewerToken(token))
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now())
    .select(["email", "display_name", "affiliation"])
    .executeTakeFirst();
}

/** Spends the link: false when it is already spent or expired (another acceptance came first). */
async function consume(trx: DB, token: string, userId: string | null): Promise<boolean> {
  const updated = await trx
    .updateTable("reviewer_invites")
    .set({ accepted_at: now(), accepted_by: userId })
    .where("token_hash", "=", hashReviewerToken(token))
    .where("accepted_at", "is", null)
    .where("expires_at", ">", now())
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

const INVITE_GONE = "この招待リンクは使用済みか、有効期限（7日間）が切れています。協働推進課に、もう一度招待してもらってください。";

/**
 * A new account holding the reviewer role only, made from the invitation (its address), in one
 * transaction with the link's spending: a failure anywhere leaves neither the account nor a spent link.
 * The link is spent first, so a second post of it waits for the first (PostgreSQL's row lock, SQLite's
 * one writer) and is then refused as spent, never as an address that already has an account.
 */
export async function acceptInviteAsNewAccount(db: DB, token: string, input: { displayName: string; password: string }): Promise<string> {
  const invite = await findReviewerInvite(db, token);
  if (!invite) throw new ReviewRefusedError(INVITE_GONE, {}, 410);
  // Before the transaction: hashing takes a while, and SQLite has one writer.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await consume(trx, token, null))) throw new ReviewRefusedError(INVITE_GONE, {}, 410);
      const userId = await insertAccount(trx, { email: invite.email, displayName: input.displayName, passwordHash, roles: ["reviewer"], source: "reviewer_invite", emailConfirmed: true });
      // accepted_by references the account, so it is named once the account exists.
      await trx.updateTable("reviewer_invites").set({ accepted_by: userId }).where("token_hash", "=", hashReviewerToken(token)).execute();
      // Recorded like an acceptance by a signed-in account.
      await recordAudit(trx, { actorId: userId, action: "review.invite_accept", subjectType: "user", subjectId: userId, detail: {} });
      return userId;
    });
  } catch (error) {
    // The address has an account already, or (PostgreSQL) got one from a sign-up at this same moment.
    if (error instanceof AccountRefusedError || isUniqueViolation(error)) {
      throw new ReviewRefusedError(`${invite.email} のアカウントは既にあります。そのアカウントでサインインしてから、もう一度このリンクを開いてください（パスワードが分からない場合は、サインインのページから再設定できます）。`, {}, 409);
    }
    throw error;
  }
}

/** The signed-in account whose address the invitation names gets the reviewer role. */
export async function acceptInviteAsViewer(db: DB, viewer: Viewer, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const invite = await findReviewerInvite(trx, token);
    if (!invite) throw new ReviewRefusedError(INVITE_GONE, {}, 410);
    if (invite.email !== viewer.email.toLowerCase()) throw new ReviewRefusedError(`この招待は ${invite.email} 宛てです。そのアドレスのアカウントでサインインしてください。`, {}, 403);
    if (!(await consume(trx, token, viewer.id))) throw new ReviewRefusedError(INVITE_GONE, {}, 410);
    const has = await trx.selectFrom("user_roles").where("user_id", "=", viewer.id).where("role", "=", "reviewer").select("user_id").executeTakeFirst();
    if (!has) await trx.insertInto("user_roles").values({ user_id: viewer.id, role: "reviewer", granted_at: now(), granted_by: null }).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "review.invite_accept", subjectType: "user", subjectId: viewer.id, detail: {} });
  });
}

/** Invitations not yet accepted, for the coordinator's list. */
export async function listPendingInvites(db: DB) {
  return db.selectFrom("reviewer_invites").where("accepted_at", "is", null).where("expires_at", ">", now()).select(["email", "display_name", "affiliation", "created_at", "expires_at"]).orderBy("created_at", "desc").execute();
}

// ---- reminders -----------------------------------------------------------------------------------

const REMIND_BEFORE_MS = 3 * 86_400_000;

/**
 * Three days before a stage's deadline, each reviewer with an unsubmitted, unconflicted assignment in it
 * is notified once (review_reminders), and mailed after the write. Run hourly by app/http/start.ts beside
 * the proposals' reminders. Returns the number of reviewers reminded.
 */
export async function sendReviewReminders(db: DB, at: Date, origin: string): Promise<number> {
  const stages = await db
    .selectFrom("review_stages")
    .innerJoin("calls", "calls.id", "review_stages.call_id")
    .where("review_stages.deadline", "is not", null)
    .where("review_stages.deadline", ">", at.toISOString())
    .where("review_stages.deadline", "<=", new Date(at.getTime() + REMIND_BEFORE_MS).toISOString())
    .select(["review_stages.id", "review_stages.stage", "review_stages.deadline", "calls.title"])
    .execute();
  const ids: string[] = [];
  for (const stage of stages) {
    const open = await db
      .selectFrom("review_assignments")
      .innerJoin("proposals", "proposals.id", "review_assignments.proposal_id")
      .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
      .where("review_assignments.stage_id", "=", stage.id)
      .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
      .select(["review_assignments.reviewer_id", "proposals.id", "proposals.group_id"])
      .execute();
    const conflicts = await conflictsOf(db, open.map((o) => o.reviewer_id));
    const counts = new Map<string, number>();
    for (const o of open) if (!isConflicted(conflicts, o.reviewer_id, o)) counts.set(o.reviewer_id, (counts.get(o.reviewer_id) ?? 0) + 1);
    for (const [reviewerId, count] of counts) {
      const sent = await db.transaction().execute(async (trx) => {
        const already = await trx.selectFrom("review_reminders").where("stage_id", "=", stage.id).where("reviewer_id", "=", reviewerId).where("kind", "=", "days_3").select("sent_at").executeTakeFirst();
        if (already) return [];
        await trx.insertInto("review_reminders").values({ stage_id: stage.id, reviewer_id: reviewerId, kind: "days_3", sent_at: at.toISOString() }).execute();
        return notify(trx, [reviewerId], {
          kind: "review_reminder",
          title: `審査の締切が近づいています: ${stage.title}`,
          body: `「${stage.title}」の${REVIEW_STAGES.label(stage.stage)}の締切は ${formatDateTime(stage.deadline!)} です。未提出の採点票が ${count} 件あります。`,
          link: "/reviews",
        });
      });
      ids.push(...sent);
    }
  }
  await mailNow(db, ids, origin);
  return ids.length;
}
