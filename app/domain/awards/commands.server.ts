// Writing decisions: the coordinator prepares one per proposal (nothing reaches the group: the status
// stays, no notification), then publishes the call's decisions at one moment — the statuses move
// through the proposals area's `applyTransition`, letters get their numbers, awards get their project
// and each group is notified (mailed by the caller after commit). After publication a decision (a
// candidate's final one, a late one) is published at once. Conditions of a conditional adoption are
// answered by the group and confirmed or sent back by the department or the coordinator.
import type { DB } from "../../../db/index";
import type { DecisionOutcome } from "../../../db/schema";
import { isUniqueViolation, newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { coordinatorIds, groupMemberIds, notify, relatedStaffIds } from "../notifications/commands.server";
import { budgetTotals } from "../proposals/content";
import { applyTransition, ProposalRefusedError } from "../proposals/commands.server";
import type { ProposalAction, ProposalStatus } from "../proposals/lifecycle";
import { findVersion } from "../proposals/queries.server";
import { fiscalYearOf } from "../proposals/receipt";
import { inReceiptOrder } from "../proposals/receipt-order.server";
import { createProjectForAward } from "../projects/commands.server";
import { formatLetterNumber, letterNumberPrefix, outcomeLabel, parseLetterSequence } from "./letter";
import { otherAwardsFirstYear } from "./queries.server";
import { awardAmountProblems } from "./rules";
import { conditionStatusesFor, type DecisionInput } from "./schema";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields. */
export class AwardRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

export const DECISION_ACTIONS: Readonly<Record<DecisionOutcome, ProposalAction>> = {
  adopted: "decide_adopt",
  conditional: "decide_conditional",
  candidate: "decide_candidate",
  rejected: "decide_reject",
};

/** Statuses a decision may be prepared in before the call's publication. */
const PREPARABLE: readonly ProposalStatus[] = ["submitted", "in_review", "presentation"];
const AWARDS: readonly DecisionOutcome[] = ["adopted", "conditional"];

const untitled = (title: string) => title || "（無題の提案）";

// ---- preparing ---------------------------------------------------------------------------------------

export interface PreparedDecision {
  /** true when the call was already published, so this decision went out at once. */
  published: boolean;
  letterNumber: string | null;
  notificationIds: string[];
}

/**
 * Prepares (or replaces) the decision on one proposal. Before the call's publication this writes only
 * `decisions` (and its conditions): the proposal's status and everything the group sees stay as they
 * are. After the publication the decision is published at once — the way a 採択候補 becomes 採択 or
 * 不採択 once the council has voted the budget. A published decision is not changed here.
 */
export async function prepareDecision(db: DB, viewer: Viewer, proposalId: string, input: DecisionInput, at = new Date()): Promise<PreparedDecision> {
  return db.transaction().execute(async (trx) => {
    const proposal = await trx.selectFrom("proposals").where("id", "=", proposalId).select(["id", "status", "call_id", "current_version"]).executeTakeFirst();
    if (!proposal) throw new AwardRefusedError("提案が見つかりません。", {}, 404);
    const status = proposal.status as ProposalStatus;
    const published = (await trx.selectFrom("award_publications").where("call_id", "=", proposal.call_id).select("call_id").executeTakeFirst()) !== undefined;
    const existing = await trx.selectFrom("decisions").where("proposal_id", "=", proposalId).select(["revision", "published_at", "outcome"]).executeTakeFirst();
    if (status === "adoption_candidate") {
      if (input.outcome !== "adopted" && input.outcome !== "rejected") {
        throw new AwardRefusedError("採択候補の提案は「採択」か「不採択」に決定してください。", { outcome: ["「採択」か「不採択」を選んでください"] });
      }
    } else if (existing?.published_at) {
      throw new AwardRefusedError("この提案の審査結果は公表済みのため、ここでは変更できません。", {}, 409);
    } else if (!PREPARABLE.includes(status)) {
      throw new AwardRefusedError("この提案は審査中ではないため、審査結果を決められません（受付済み・審査中の提案だけが対象です）。", {}, 409);
    }

    const problems = await amountProblems(trx, proposal, input);
    if (Object.keys(problems).length > 0) throw new AwardRefusedError("採択額が募集の条件に合いません。金額を確認してください。", problems);

    const stamp = at.toISOString();
    const values = { outcome: input.outcome, reason: input.reason, amounts: JSON.stringify(input.amounts), prepared_by: viewer.id, prepared_at: stamp, updated_at: stamp };
    if (existing) {
      await trx.updateTable("decisions").set({ ...values, revision: existing.revision + 1 }).where("proposal_id", "=", proposalId).execute();
    } else {
      await trx.insertInto("decisions").values({ ...values, proposal_id: proposalId, call_id: proposal.call_id, letter_number: null, revision: 1, published_at: null }).execute();
    }
    await trx.deleteFrom("decision_conditions").where("proposal_id", "=", proposalId).execute();
    await insertConditions(trx, proposalId, input.conditions);
    await recordAudit(trx, { actorId: viewer.id, action: "award.prepare", subjectType: "proposal", subjectId: proposalId, detail: { outcome: input.outcome, amounts: input.amounts, previous: existing?.outcome ?? null } });
    if (!published) return { published: false, letterNumber: null, notificationIds: [] };
    const numbers = await letterNumbers(trx, at);
    const done = await publishOne(trx, viewer, proposalId, numbers(), at).catch((error: unknown) => {
      if (error instanceof ProposalRefusedError) throw new AwardRefusedError(error.reason, {}, error.status);
      throw error;
    });
    return { published: true, letterNumber: done.letterNumber, notificationIds: done.notificationIds };
  });
}

async function amountProblems(trx: DB, proposal: { id: string; call_id: string; current_version: number }, input: DecisionInput): Promise<Record<string, string[]>> {
  if (input.amounts.length === 0) return {};
  const [call, version, others, continued] = await Promise.all([
    trx.selectFrom("calls").where("id", "=", proposal.call_id).select(["budget_cap_per_proposal", "budget_cap_total", "city_share_by_year"]).executeTakeFirstOrThrow(),
    findVersion(trx, proposal.id, proposal.current_version),
    otherAwardsFirstYear(trx, proposal.call_id, proposal.id),
    // A renewal (継続) names the project it continues: the share schedule goes on from its year.
    trx
      .selectFrom("proposals")
      .innerJoin("projects", "projects.id", "proposals.renewal_of_project_id")
      .where("proposals.id", "=", proposal.id)
      .select("projects.project_year")
      .executeTakeFirst(),
  ]);
  return awardAmountProblems(input.amounts, {
    capPerProposal: call.budget_cap_per_proposal,
    capTotal: call.budget_cap_total,
    cityShareByYear: JSON.parse(call.city_share_by_year) as number[],
    yearlyTotals: budgetTotals(version?.content.budget ?? []).yearlyTotals,
    otherAwardsFirstYear: others,
    firstProjectYear: (continued?.project_year ?? 0) + 1,
  });
}

/** Statuses in which a published decision may still be corrected (before the agreement). */
const CORRECTABLE: readonly ProposalStatus[] = ["adopted", "conditionally_adopted", "rejected", "adoption_candidate"];

/**
 * Corrects a published decision — its reason, amounts or (while none is answered) conditions — by the
 * coordinator, with the reason for the correction: recorded (audit, revision), the project's amounts
 * follow, and the group is notified again. The outcome itself is not changed here: an award that falls
 * through is cancelled (採択取消) through the proposal's lifecycle, with its own reason.
 */
export async function reviseDecision(db: DB, viewer: Viewer, proposalId: string, input: DecisionInput, changeReason: string, at = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const proposal = await trx
      .selectFrom("proposals")
      .innerJoin("calls", "calls.id", "proposals.call_id")
      .where("proposals.id", "=", proposalId)
      .select(["proposals.id", "proposals.status", "proposals.call_id", "proposals.current_version", "proposals.title", "proposals.group_id", "calls.title as call_title"])
      .executeTakeFirst();
    const decision = await trx.selectFrom("decisions").where("proposal_id", "=", proposalId).selectAll().executeTakeFirst();
    if (!proposal || !decision?.published_at) throw new AwardRefusedError("公表済みの審査結果がありません。", {}, 404);
    if (!CORRECTABLE.includes(proposal.status as ProposalStatus)) {
      throw new AwardRefusedError("協定の手続きに進んだ提案の審査結果は訂正できません。", {}, 409);
    }
    if (input.outcome !== decision.outcome) {
      throw new AwardRefusedError("公表した審査結果の種類（採択・不採択など）はここでは変えられません。採択を取り消す場合は提案のページの「採択を取り消す」を使ってください。", {
        outcome: [`公表した結果（${outcomeLabel(decision.outcome)}）のまま訂正してください`],
      });
    }
    const problems = await amountProblems(trx, proposal, input);
    if (Object.keys(problems).length > 0) throw new AwardRefusedError("採択額が募集の条件に合いません。金額を確認してください。", problems);
    const existing = await trx.selectFrom("decision_conditions").where("proposal_id", "=", proposalId).orderBy("position").select(["text", "status"]).execute();
    const conditionsChanged = existing.map((c) => c.text).join("\n") !== input.conditions.join("\n");
    if (conditionsChanged && existing.some((c) => c.status !== "open")) {
      throw new AwardRefusedError("団体が回答済みの条件があるため、条件は変えられません。", { conditions: ["回答済みの条件があるため変更できません"] }, 409);
    }
    const stamp = at.toISOString();
    await trx
      .updateTable("decisions")
      .set({ reason: input.reason, amounts: JSON.stringify(input.amounts), revision: decision.revision + 1, updated_at: stamp })
      .where("proposal_id", "=", proposalId)
      .where("revision", "=", decision.revision)
      .execute();
    if (conditionsChanged) {
      await trx.deleteFrom("decision_conditions").where("proposal_id", "=", proposalId).execute();
      await insertConditions(trx, proposalId, input.conditions);
    }
    await trx.updateTable("projects").set({ amounts: JSON.stringify(input.amounts), total_years: Math.max(1, input.amounts.length), updated_at: stamp }).where("proposal_id", "=", proposalId).execute();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "award.revise",
      subjectType: "proposal",
      subjectId: proposalId,
      detail: { changeReason, before: { reason: decision.reason, amounts: JSON.parse(decision.amounts) as number[] }, after: { reason: input.reason, amounts: input.amounts } },
    });
    return notify(trx, await groupMemberIds(trx, proposal.group_id), {
      kind: "award_decision_revised",
      title: `審査結果が訂正されました（${decision.letter_number ?? ""}）`,
      body: `「${untitled(proposal.title)}」（${proposal.call_title}）の審査結果通知書が訂正されました。\n訂正の理由: ${changeReason}\n訂正後の通知書をポータルでご確認ください。`,
      link: `/proposals/${proposalId}/letter`,
    });
  });
}

async function insertConditions(trx: DB, proposalId: string, conditions: readonly string[]): Promise<void> {
  if (conditions.length === 0) return;
  await trx
    .insertInto("decision_conditions")
    .values(
      conditions.map((text, position) => ({
        id: newId(),
        proposal_id: proposalId,
        position,
        text,
        status: "open" as const,
        answer: null,
        answer_attachment_id: null,
        answered_by: null,
        answered_at: null,
        resolved_by: null,
        resolved_at: null,
        return_reason: null,
      })),
    )
    .execute();
}

/** Withdraws a prepared (unpublished) decision. */
export async function discardDecision(db: DB, viewer: Viewer, proposalId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("decisions").where("proposal_id", "=", proposalId).select(["published_at"]).executeTakeFirst();
    if (!existing) return;
    if (existing.published_at) throw new AwardRefusedError("公表済みの審査結果は取り消せません。", {}, 409);
    await trx.deleteFrom("decision_conditions").where("proposal_id", "=", proposalId).execute();
    await trx.deleteFrom("decisions").where("proposal_id", "=", proposalId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "award.discard", subjectType: "proposal", subjectId: proposalId });
  });
}

// ---- publishing --------------------------------------------------------------------------------------

/** Hands out the next letter numbers of the fiscal year `at` falls in (9協推第1号, 第2号 …). */
async function letterNumbers(trx: DB, at: Date): Promise<() => string> {
  const fiscalYear = fiscalYearOf(at);
  const used = await trx.selectFrom("decisions").where("letter_number", "like", `${letterNumberPrefix(fiscalYear)}%`).select("letter_number").execute();
  let last = Math.max(0, ...used.map((r) => parseLetterSequence(r.letter_number ?? "", fiscalYear) ?? 0));
  return () => formatLetterNumber(fiscalYear, ++last);
}

/** One decision goes out: the status moves, the letter gets its number, an award its project, the group its notice. */
async function publishOne(trx: DB, viewer: Viewer, proposalId: string, letterNumber: string, at: Date): Promise<{ letterNumber: string; notificationIds: string[] }> {
  const decision = await trx
    .selectFrom("decisions")
    .innerJoin("proposals", "proposals.id", "decisions.proposal_id")
    .innerJoin("calls", "calls.id", "decisions.call_id")
    .where("decisions.proposal_id", "=", proposalId)
    .select(["decisions.outcome", "decisions.reason", "decisions.amounts", "proposals.title", "proposals.group_id", "proposals.receipt_number", "calls.title as call_title"])
    .executeTakeFirstOrThrow();
  await applyTransition(trx, viewer, proposalId, { action: DECISION_ACTIONS[decision.outcome], actor: "coordinator", reason: decision.reason, notify: false });
  const stamp = at.toISOString();
  await trx.updateTable("decisions").set({ letter_number: letterNumber, published_at: stamp, updated_at: stamp }).where("proposal_id", "=", proposalId).execute();
  if (AWARDS.includes(decision.outcome)) await createProjectForAward(trx, proposalId, JSON.parse(decision.amounts) as number[]);
  await recordAudit(trx, { actorId: viewer.id, action: "award.publish_decision", subjectType: "proposal", subjectId: proposalId, detail: { outcome: decision.outcome, letterNumber } });
  const notificationIds = await notify(trx, await groupMemberIds(trx, decision.group_id), {
    kind: "award_decision",
    title: `審査結果のお知らせ（受付番号 ${decision.receipt_number ?? "—"}）`,
    body:
      `「${untitled(decision.title)}」（${decision.call_title}）の審査結果: ${outcomeLabel(decision.outcome)}\n` +
      `審査結果通知書（${letterNumber}）をポータルでご確認ください。PDFでも保存できます。`,
    link: `/proposals/${proposalId}/letter`,
  });
  if (AWARDS.includes(decision.outcome)) {
    // The related departments carry the project with the group: they learn of the award with it.
    notificationIds.push(
      ...(await notify(trx, await relatedStaffIds(trx, proposalId), {
        kind: "award_project",
        title: `採択された提案: 「${untitled(decision.title)}」`,
        body: `「${untitled(decision.title)}」（${decision.call_title}）が${outcomeLabel(decision.outcome)}となりました。協定の準備を進めてください。`,
        link: `/proposals/${proposalId}`,
      })),
    );
  }
  return { letterNumber, notificationIds };
}

export interface Publication {
  count: number;
  notificationIds: string[];
}

/**
 * Publishes every prepared decision of the call at one moment, in one transaction: all go out or none.
 * Refused while a proposal under review has no decision, or when a proposal is not in a status its
 * decision can follow (e.g. still waiting for the document review the call uses) — the coordinator
 * moves it through its review stage first. Decisions on proposals withdrawn since are dropped.
 */
export async function publishDecisions(db: DB, viewer: Viewer, callId: string, at = new Date()): Promise<Publication> {
  // Two publications at the same moment (PostgreSQL) may take the same letter number: the unique index
  // refuses the second, which then runs again and numbers after the first (or finds the call published).
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => publishDecisionsIn(trx, viewer, callId, at));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** `publishDecisions` inside the caller's transaction (the demo loader publishes within its own). */
export async function publishDecisionsIn(trx: DB, viewer: Viewer, callId: string, at = new Date()): Promise<Publication> {
  const call = await trx.selectFrom("calls").where("id", "=", callId).select(["id", "title"]).executeTakeFirst();
  if (!call) throw new AwardRefusedError("募集が見つかりません。", {}, 404);
  const already = await trx.selectFrom("award_publications").where("call_id", "=", callId).select("published_at").executeTakeFirst();
  if (already) throw new AwardRefusedError("この募集の審査結果は既に公表しています。", {}, 409);
  const proposals = await trx
    .selectFrom("proposals")
    .leftJoin("decisions", "decisions.proposal_id", "proposals.id")
    .where("proposals.call_id", "=", callId)
    .where("proposals.status", "in", [...PREPARABLE, "withdrawn"])
    .select(["proposals.id", "proposals.status", "proposals.title", "proposals.receipt_number", "decisions.outcome"])
    // Receipt order, as the call's decision list: the letters are numbered in it.
    .$call(inReceiptOrder)
    .execute();
  const undecided = proposals.filter((p) => p.status !== "withdrawn" && !p.outcome);
  if (undecided.length > 0) {
    throw new AwardRefusedError(`審査結果が決まっていない提案が${undecided.length}件あります。すべての提案の結果を決めてから公表してください。`, {
      publish: undecided.map((p) => `${p.receipt_number ?? ""}「${untitled(p.title)}」: 審査結果が未決定です`),
    });
  }
  for (const p of proposals.filter((p) => p.status === "withdrawn" && p.outcome)) {
    await trx.deleteFrom("decision_conditions").where("proposal_id", "=", p.id).execute();
    await trx.deleteFrom("decisions").where("proposal_id", "=", p.id).execute();
  }
  const toPublish = proposals.filter((p) => p.status !== "withdrawn" && p.outcome);
  if (toPublish.length === 0) throw new AwardRefusedError("公表する審査結果がありません。先に提案ごとの審査結果を決めてください。");
  await trx.insertInto("award_publications").values({ call_id: callId, published_at: at.toISOString(), published_by: viewer.id }).execute();
  const next = await letterNumbers(trx, at);
  const notificationIds: string[] = [];
  const refusals: string[] = [];
  for (const p of toPublish) {
    try {
      notificationIds.push(...(await publishOne(trx, viewer, p.id, next(), at)).notificationIds);
    } catch (error) {
      if (!(error instanceof ProposalRefusedError)) throw error;
      // The check is made before anything is written for this proposal: keep checking the others.
      refusals.push(`${p.receipt_number ?? ""}「${untitled(p.title)}」: ${error.reason}`);
    }
  }
  if (refusals.length > 0) throw new AwardRefusedError("次の提案は今の状態から審査結果に進めないため、公表しませんでした。審査の段階を進めてから公表してください。", { publish: refusals });
  await recordAudit(trx, { actorId: viewer.id, action: "award.publish", subjectType: "call", subjectId: callId, detail: { count: toPublish.length } });
  return { count: toPublish.length, notificationIds };
}

// ---- conditions (条件付き採択) -------------------------------------------------------------------------

async function conditionFor(trx: DB, proposalId: string, conditionId: string) {
  const condition = await trx
    .selectFrom("decision_conditions")
    .innerJoin("proposals", "proposals.id", "decision_conditions.proposal_id")
    .where("decision_conditions.id", "=", conditionId)
    .where("decision_conditions.proposal_id", "=", proposalId)
    .select(["decision_conditions.id", "decision_conditions.position", "decision_conditions.text", "decision_conditions.status", "proposals.title", "proposals.group_id", "proposals.status as proposal_status"])
    .executeTakeFirst();
  if (!condition) throw new AwardRefusedError("条件が見つかりません。", {}, 404);
  return condition;
}

export interface AnswerAttachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** The group answers an open (or sent back) condition; the related departments and the coordinator are notified. */
export async function answerCondition(db: DB, viewer: Viewer, proposalId: string, conditionId: string, answer: string, attachment: AnswerAttachment | null): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const condition = await conditionFor(trx, proposalId, conditionId);
    if (!conditionStatusesFor("answer").includes(condition.status)) {
      throw new AwardRefusedError(condition.status === "confirmed" ? "この条件は確認済みです。" : "この条件への対応は確認待ちです。市からの連絡をお待ちください。", {}, 409);
    }
    const stamp = now();
    const number = condition.position + 1;
    if (attachment) {
      await trx
        .insertInto("proposal_attachments")
        .values({ id: attachment.id, proposal_id: proposalId, label: `条件${number}への対応`, file_name: attachment.fileName, mime: attachment.mime, size: attachment.size, sha256: attachment.sha256, uploaded_by: viewer.id, uploaded_at: stamp })
        .execute();
    }
    const updated = await trx
      .updateTable("decision_conditions")
      .set({ status: "answered", answer, answered_by: viewer.id, answered_at: stamp, ...(attachment ? { answer_attachment_id: attachment.id } : {}) })
      .where("id", "=", conditionId)
      .where("status", "=", condition.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AwardRefusedError("ほかの操作で条件の状態が変わりました。ページを再読み込みしてください。", {}, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "award.condition_answer", subjectType: "proposal", subjectId: proposalId, detail: { condition: number } });
    const recipients = [...(await relatedStaffIds(trx, proposalId)), ...(await coordinatorIds(trx))];
    return notify(trx, recipients.filter((id) => id !== viewer.id), {
      kind: "award_condition_answered",
      title: `採択の条件${number}に団体が対応しました`,
      body: `「${untitled(condition.title)}」の条件${number}「${condition.text}」への対応が届きました。内容を確認してください。`,
      link: `/proposals/${proposalId}/conditions`,
    });
  });
}

/** The department or the coordinator confirms an answer, or sends it back with a reason; the group is notified. */
export async function resolveCondition(
  db: DB,
  viewer: Viewer,
  proposalId: string,
  conditionId: string,
  resolution: { confirm: true } | { confirm: false; reason: string },
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const condition = await conditionFor(trx, proposalId, conditionId);
    if (!conditionStatusesFor(resolution.confirm ? "confirm" : "return").includes(condition.status)) {
      throw new AwardRefusedError(condition.status === "confirmed" ? "この条件は確認済みです。" : "団体がまだこの条件に対応していません。", {}, 409);
    }
    const stamp = now();
    const updated = await trx
      .updateTable("decision_conditions")
      .set(resolution.confirm ? { status: "confirmed", resolved_by: viewer.id, resolved_at: stamp, return_reason: null } : { status: "returned", resolved_by: viewer.id, resolved_at: stamp, return_reason: resolution.reason })
      .where("id", "=", conditionId)
      .where("status", "in", conditionStatusesFor(resolution.confirm ? "confirm" : "return"))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AwardRefusedError("ほかの操作で条件の状態が変わりました。ページを再読み込みしてください。", {}, 409);
    const number = condition.position + 1;
    await recordAudit(trx, {
      actorId: viewer.id,
      action: resolution.confirm ? "award.condition_confirm" : "award.condition_return",
      subjectType: "proposal",
      subjectId: proposalId,
      detail: resolution.confirm ? { condition: number } : { condition: number, reason: resolution.reason },
    });
    return notify(trx, await groupMemberIds(trx, condition.group_id), {
      kind: resolution.confirm ? "award_condition_confirmed" : "award_condition_returned",
      title: resolution.confirm ? `採択の条件${number}が確認されました` : `採択の条件${number}への対応が差し戻されました`,
      body: resolution.confirm
        ? `「${untitled(condition.title)}」の条件${number}「${condition.text}」への対応を市が確認しました。`
        : `「${untitled(condition.title)}」の条件${number}「${condition.text}」への対応が差し戻されました。\n理由: ${resolution.reason}\n対応を見直して、もう一度回答してください。`,
      link: `/proposals/${proposalId}/conditions`,
    });
  });
}
