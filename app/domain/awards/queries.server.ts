// Reading decisions: the prepared or published decision of a proposal, the call's list for the
// coordinator, the letter, the conditions, and the awarded projects the public sees after publication.
import type { DB } from "../../../db/index";
import type { Decision, DecisionOutcome } from "../../../db/schema";
import { applicantFeedback } from "../reviews/feedback.server";
import { budgetTotals } from "../proposals/content";
import { statusLabel, visibleTo, type ProposalStatus } from "../proposals/lifecycle";
import { findVersion, type ProposalDetail } from "../proposals/queries.server";
import { beforeInReceiptOrder, inReceiptOrder } from "../proposals/receipt-order.server";
import type { DecisionLetter } from "./letter";
import { AMOUNT_OUTCOMES } from "./schema";
import { listPage } from "../list-page";
import { auditActorName } from "../audit/actor";

export type StoredDecision = Omit<Decision, "amounts"> & { amounts: number[] };

const readAmounts = (json: string): number[] => {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map(Number) : [];
};

export async function awardPublication(db: DB, callId: string) {
  return (await db.selectFrom("award_publications").where("call_id", "=", callId).selectAll().executeTakeFirst()) ?? null;
}

export async function isAwardPublished(db: DB, callId: string): Promise<boolean> {
  return (await awardPublication(db, callId)) !== null;
}

export async function findDecision(db: DB, proposalId: string): Promise<StoredDecision | null> {
  const row = await db.selectFrom("decisions").where("proposal_id", "=", proposalId).selectAll().executeTakeFirst();
  return row ? { ...row, amounts: readAmounts(row.amounts) } : null;
}

export async function listConditions(db: DB, proposalId: string) {
  return db
    .selectFrom("decision_conditions")
    .leftJoin("proposal_attachments", "proposal_attachments.id", "decision_conditions.answer_attachment_id")
    .leftJoin("users as answerer", "answerer.id", "decision_conditions.answered_by")
    .leftJoin("users as resolver", "resolver.id", "decision_conditions.resolved_by")
    .where("decision_conditions.proposal_id", "=", proposalId)
    .selectAll("decision_conditions")
    .select(["proposal_attachments.file_name as attachment_name", "answerer.display_name as answered_by_name", "resolver.display_name as resolved_by_name"])
    .orderBy("decision_conditions.position")
    .execute();
}

/** First-year amounts of the call's awards (adopted, conditional, candidate), other than this proposal's. */
export async function otherAwardsFirstYear(db: DB, callId: string, exceptProposalId: string): Promise<number> {
  const rows = await db
    .selectFrom("decisions")
    .where("call_id", "=", callId)
    .where("proposal_id", "!=", exceptProposalId)
    .where("outcome", "in", [...AMOUNT_OUTCOMES])
    .select("amounts")
    .execute();
  return rows.reduce((sum, r) => sum + (readAmounts(r.amounts)[0] ?? 0), 0);
}

/** What the decision page shows beside the form: the proposal's budget by year and the call's limits. */
export async function decisionContext(db: DB, proposal: ProposalDetail) {
  const [decision, version, call, others, published, conditions] = await Promise.all([
    findDecision(db, proposal.id),
    findVersion(db, proposal.id, proposal.current_version),
    db.selectFrom("calls").where("id", "=", proposal.call_id).select(["budget_cap_per_proposal", "budget_cap_total", "city_share_by_year"]).executeTakeFirstOrThrow(),
    otherAwardsFirstYear(db, proposal.call_id, proposal.id),
    isAwardPublished(db, proposal.call_id),
    db.selectFrom("decision_conditions").where("proposal_id", "=", proposal.id).select("text").orderBy("position").execute(),
  ]);
  const totals = budgetTotals(version?.content.budget ?? []);
  return {
    decision,
    conditions: conditions.map((c) => c.text),
    published,
    yearlyTotals: totals.yearlyTotals,
    requestedByYear: totals.requestedByYear,
    capPerProposal: call.budget_cap_per_proposal,
    capTotal: call.budget_cap_total,
    cityShareByYear: JSON.parse(call.city_share_by_year) as number[],
    otherAwardsFirstYear: others,
  };
}

export const CALL_DECISIONS_PER_PAGE = 50;

/** Statuses waiting for a decision: a proposal in one of them without a prepared decision is undecided. */
const WAITING_STATUSES: readonly ProposalStatus[] = ["submitted", "in_review", "presentation"];

/** The proposals of a call's decision list: every one past its draft and not withdrawn. */
const decisionListOf = (db: DB, callId: string) =>
  db.selectFrom("proposals").where("proposals.call_id", "=", callId).where("proposals.status", "not in", ["draft", "withdrawn"]);

/** The page of the call's decision list (`listCallDecisions`, receipt order) a proposal is on: where deciding it goes back to. */
export async function callDecisionsPageOf(
  db: DB,
  proposal: { id: string; call_id: string; type: string; receipt_fiscal_year: number | null; receipt_sequence: number | null },
): Promise<number> {
  const { before } = await decisionListOf(db, proposal.call_id)
    .where(beforeInReceiptOrder(proposal))
    .select((eb) => eb.fn.countAll().as("before"))
    .executeTakeFirstOrThrow();
  return Math.floor(Number(before) / CALL_DECISIONS_PER_PAGE) + 1;
}

/**
 * The coordinator's list for a call: one page of the proposals past their draft (50, receipt order) with
 * their prepared or published decisions, the total, and how many of the whole call are undecided and
 * prepared (what the one 「公表する」 acts on). A call's proposals are hundreds, sorted without an index.
 */
export async function listCallDecisions(db: DB, callId: string, requestedPage = 1) {
  const ofCall = decisionListOf(db, callId).leftJoin("decisions", "decisions.proposal_id", "proposals.id");
  const counted = await ofCall
    .select((eb) => [
      eb.fn.countAll().as("total"),
      eb.fn.sum<string | number>(eb.case().when(eb.and([eb("proposals.status", "in", WAITING_STATUSES), eb("decisions.outcome", "is", null)])).then(1).else(0).end()).as("undecided"),
      eb.fn.sum<string | number>(eb.case().when(eb.and([eb("decisions.outcome", "is not", null), eb("decisions.published_at", "is", null)])).then(1).else(0).end()).as("prepared"),
    ])
    .executeTakeFirstOrThrow();
  const total = Number(counted.total);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, CALL_DECISIONS_PER_PAGE);
  const rows = await ofCall
    .innerJoin("groups", "groups.id", "proposals.group_id")
    .select([
      "proposals.id",
      "proposals.title",
      "proposals.status",
      "proposals.receipt_number",
      "groups.name as group_name",
      "decisions.outcome",
      "decisions.reason",
      "decisions.amounts",
      "decisions.letter_number",
      "decisions.published_at",
    ])
    // Receipt order, as on the call's review page.
    .$call(inReceiptOrder)
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status as ProposalStatus,
      statusLabel: statusLabel(r.status as ProposalStatus),
      receiptNumber: r.receipt_number,
      groupName: r.group_name,
      decision: r.outcome
        ? { outcome: r.outcome as DecisionOutcome, reason: r.reason ?? "", amounts: readAmounts(r.amounts ?? "[]"), letterNumber: r.letter_number, publishedAt: r.published_at }
        : null,
    })),
    total,
    page,
    pageCount,
    undecided: Number(counted.undecided ?? 0),
    prepared: Number(counted.prepared ?? 0),
  };
}

/** The published letter, or the prepared one (for the coordinator's preview: no number or date yet). */
export async function decisionLetter(db: DB, proposal: ProposalDetail): Promise<DecisionLetter | null> {
  const decision = await findDecision(db, proposal.id);
  if (!decision) return null;
  const [conditions, feedback, corrections] = await Promise.all([
    db.selectFrom("decision_conditions").where("proposal_id", "=", proposal.id).select("text").orderBy("position").execute(),
    applicantFeedback(db, proposal.id),
    db
      .selectFrom("audit_log")
      .where("subject_type", "=", "proposal")
      .where("subject_id", "=", proposal.id)
      .where("action", "=", "award.revise")
      .select(["created_at", "detail"])
      .orderBy("created_at")
      .execute(),
  ]);
  const sheet = proposal.call.sheets.find((s) => s.id === proposal.sheet_id);
  return {
    letterNumber: decision.letter_number ?? "（公表時に付番）",
    publishedAt: decision.published_at ?? new Date().toISOString(),
    callTitle: proposal.call.title,
    groupName: proposal.group_name,
    receiptNumber: proposal.receipt_number,
    title: proposal.title,
    theme: sheet ? `${sheet.title}（${sheet.department_name}）` : proposal.departments.map((d) => d.name).join("、"),
    outcome: decision.outcome,
    reason: decision.reason,
    amounts: decision.amounts,
    conditions: conditions.map((c) => c.text),
    criteria: feedback.criteria,
    comments: feedback.comments,
    corrections: corrections.map((c) => ({ at: c.created_at, reason: String((JSON.parse(c.detail) as { changeReason?: string }).changeReason ?? "") })),
  };
}

export interface AwardedProject {
  proposalId: string;
  groupName: string;
  title: string;
  department: string;
  amount: number;
  amounts: number[];
  fiscalYear: number;
  projectYear: number;
  totalYears: number;
  status: ProposalStatus;
  statusLabel: string;
  callId: string;
  callTitle: string;
}

/**
 * The awarded projects the public sees: only of published calls, only in awarded statuses (the
 * proposals area's `visibleTo(…, "public", {awardPublished})` decides). `callId` or `fiscalYear` narrows.
 */
export async function listAwardedProjects(db: DB, filter: { callId?: string; fiscalYear?: number }): Promise<AwardedProject[]> {
  let query = db
    .selectFrom("projects")
    .innerJoin("proposals", "proposals.id", "projects.proposal_id")
    .innerJoin("groups", "groups.id", "projects.group_id")
    .innerJoin("calls", "calls.id", "projects.call_id")
    .innerJoin("award_publications", "award_publications.call_id", "projects.call_id")
    .leftJoin("matching_sheets", "matching_sheets.id", "proposals.sheet_id")
    .leftJoin("departments as sheet_department", "sheet_department.id", "matching_sheets.department_id")
    .select([
      "projects.proposal_id",
      "projects.title",
      "projects.amounts",
      "projects.fiscal_year",
      "projects.project_year",
      "projects.total_years",
      "proposals.status",
      "groups.name as group_name",
      "calls.id as call_id",
      "calls.title as call_title",
      "sheet_department.name as sheet_department",
    ])
    .orderBy("calls.fiscal_year", "desc")
    // Within one call as its decision list; across the year's calls 市民 before 行政, as the text sorted them.
    .$call(inReceiptOrder);
  if (filter.callId) query = query.where("projects.call_id", "=", filter.callId);
  if (filter.fiscalYear !== undefined) query = query.where("projects.fiscal_year", "=", filter.fiscalYear);
  const rows = (await query.execute()).filter((r) => visibleTo(r.status as ProposalStatus, "public", { awardPublished: true }));
  const departments = rows.length
    ? await db
        .selectFrom("proposal_departments")
        .innerJoin("departments", "departments.id", "proposal_departments.department_id")
        .where("proposal_departments.proposal_id", "in", rows.map((r) => r.proposal_id))
        .select(["proposal_departments.proposal_id", "departments.name"])
        .orderBy("departments.name")
        .execute()
    : [];
  return rows.map((r) => {
    const amounts = readAmounts(r.amounts);
    const named = departments.filter((d) => d.proposal_id === r.proposal_id).map((d) => d.name);
    return {
      proposalId: r.proposal_id,
      groupName: r.group_name,
      title: r.title,
      department: r.sheet_department ?? named.join("、"),
      amount: amounts.reduce((a, b) => a + b, 0),
      amounts,
      fiscalYear: r.fiscal_year,
      projectYear: r.project_year,
      totalYears: r.total_years,
      status: r.status as ProposalStatus,
      statusLabel: statusLabel(r.status as ProposalStatus),
      callId: r.call_id,
      callTitle: r.call_title,
    };
  });
}


const CONDITION_STEPS: Record<string, string> = {
  "award.condition_answer": "団体が対応を回答",
  "award.condition_return": "市が差戻し",
  "award.condition_confirm": "市が確認",
};

/** Every step taken on the conditions, oldest first (from the audit log the commands write). */
export async function conditionHistory(db: DB, proposalId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .where("audit_log.subject_type", "=", "proposal")
    .where("audit_log.subject_id", "=", proposalId)
    .where("audit_log.action", "in", Object.keys(CONDITION_STEPS))
    .select(["audit_log.id", "audit_log.action", "audit_log.detail", "audit_log.created_at", "audit_log.actor_deleted_at", "users.display_name as actor_name"])
    .orderBy("audit_log.created_at")
    .orderBy("audit_log.id")
    .execute();
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { condition?: number; reason?: string };
    return { id: r.id, at: r.created_at, step: CONDITION_STEPS[r.action], condition: detail.condition ?? null, reason: detail.reason ?? null, by: auditActorName(r) };
  });
}
