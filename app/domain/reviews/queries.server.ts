// Reading the review (審査): who is conflicted with what, a call's stages and panels, a reviewer's
// assignments (never a conflicted one), one assignment with its sheet, the other reviewers' scores
// (anonymised, after one's own submission, where the stage allows), and the result sheet.
import { sql } from "kysely";
import type { DB } from "../../../db/index";
import { KeyedProcessCache } from "../search/process-cache.server";
import { listPage, readInOrder } from "../list-page";
import type { CallStage, ReviewStageCode } from "../../../db/schema";
import { readContent, budgetTotals } from "../proposals/content";
import { PROPOSAL_STATUSES, statusLabel, type ProposalStatus } from "../proposals/lifecycle";
import { inReceiptOrder } from "../proposals/receipt-order.server";
import { aggregate, describeRules, readRules, runningTotals, selectWithinBudget, type Fraction, type AggregationRules, type ProposalResult, type RubricCriterion, type SheetInput } from "./aggregation";

// ---- conflicts of interest -----------------------------------------------------------------------

export interface ConflictIndex {
  /** reviewer id → proposal ids declared conflicted */
  proposals: Map<string, Set<string>>;
  /** reviewer id → group ids (declared, or the reviewer is a member of the group) */
  groups: Map<string, Set<string>>;
}

/** Every conflict of these reviewers: declared per proposal or per group, and their own groups. */
export async function conflictsOf(db: DB, reviewerIds: readonly string[]): Promise<ConflictIndex> {
  const index: ConflictIndex = { proposals: new Map(), groups: new Map() };
  if (reviewerIds.length === 0) return index;
  const ids = [...new Set(reviewerIds)];
  const [declared, memberships] = await Promise.all([
    db.selectFrom("review_conflicts").where("reviewer_id", "in", ids).select(["reviewer_id", "proposal_id", "group_id"]).execute(),
    db.selectFrom("group_members").where("user_id", "in", ids).select(["user_id", "group_id"]).execute(),
  ]);
  const put = (map: Map<string, Set<string>>, key: string, value: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
  for (const c of declared) {
    if (c.proposal_id) put(index.proposals, c.reviewer_id, c.proposal_id);
    if (c.group_id) put(index.groups, c.reviewer_id, c.group_id);
  }
  for (const m of memberships) put(index.groups, m.user_id, m.group_id);
  return index;
}

export function isConflicted(index: ConflictIndex, reviewerId: string, proposal: { id: string; group_id: string }): boolean {
  return (index.proposals.get(reviewerId)?.has(proposal.id) ?? false) || (index.groups.get(reviewerId)?.has(proposal.group_id) ?? false);
}

/** The reviewer is assigned to this proposal (any stage) and not conflicted with it. */
export async function isAssignedReviewer(db: DB, reviewerId: string, proposal: { id: string; group_id: string }): Promise<boolean> {
  const assigned = await reviewerAssignments(db, reviewerId).where("review_assignments.proposal_id", "=", proposal.id).select("review_assignments.id").executeTakeFirst();
  return assigned !== undefined;
}

// ---- the rubric and the rules --------------------------------------------------------------------

export async function rubricOf(db: DB, callId: string): Promise<RubricCriterion[]> {
  const rows = await db.selectFrom("call_criteria").where("call_id", "=", callId).orderBy("position").select(["id", "name", "description", "min_points", "max_points", "weight"]).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, minPoints: r.min_points, maxPoints: r.max_points, weight: r.weight }));
}

export async function rulesOf(db: DB, callId: string): Promise<AggregationRules> {
  const row = await db.selectFrom("review_rules").where("call_id", "=", callId).select("rules").executeTakeFirst();
  return readRules(row?.rules);
}

// ---- stages and panels ---------------------------------------------------------------------------

/** The review stages a call has (its `stages` without the formal check), in order. */
export function reviewStagesOf(stages: readonly CallStage[]): ReviewStageCode[] {
  return stages.filter((s): s is ReviewStageCode => s === "document_review" || s === "presentation");
}

/** Proposal statuses a stage reviews: submitted ones may be assigned before the stage starts. */
export const STATUSES_IN_STAGE: Record<ReviewStageCode, ProposalStatus[]> = {
  document_review: ["submitted", "in_review"],
  presentation: ["submitted", "in_review", "presentation"],
};

export async function reviewerAccounts(db: DB) {
  return db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .where("user_roles.role", "=", "reviewer")
    .select(["users.id", "users.display_name as name", "users.email"])
    .orderBy("users.display_name")
    .orderBy("users.id")
    .execute();
}

export const REVIEW_PROPOSALS_PER_PAGE = 50;

/** A sheet's state as the review page counts it: excluded whatever its status, else submitted or draft. */
const SHEET_SUBMITTED = 1;
const SHEET_DRAFT = 2;
const SHEET_EXCLUDED = 3;

/** How a stage's assignments stand, over the whole call (the table shows one page of proposals). */
export interface AssignmentCounts {
  assigned: number;
  submitted: number;
  draft: number;
  notStarted: number;
  /** Sheets kept out of the results (a conflict found after scoring), whatever their state. */
  excluded: number;
}

/**
 * What the coordinator's review page shows for one call: the stages with their panels, and the call's
 * proposals past their draft in pages of 50 (receipt order) with the assignments of the page's proposals
 * only — a 200-proposal call with five reviewers has a thousand. How many proposals are in each status
 * and how each stage's assignments stand are counted over the whole call; the conflicts recorded for
 * the call are listed whole (they are few).
 */
export async function reviewOverview(db: DB, call: { id: string; stages: readonly CallStage[] }, requestedPage = 1) {
  const codes = reviewStagesOf(call.stages);
  const ofCall = db.selectFrom("proposals").where("proposals.call_id", "=", call.id).where("proposals.status", "not in", ["draft", "returned"]);
  // Four waves of queries, each asked together: what needs nothing but the call; then the page of
  // proposals and what needs only the stages; then the page's assignments; then their reviewers' conflicts.
  const [stageRows, byStatus, reviewers, conflictRows] = await Promise.all([
    db.selectFrom("review_stages").where("call_id", "=", call.id).selectAll().execute(),
    ofCall.select(["proposals.status", (eb) => eb.fn.countAll().as("n")]).groupBy("proposals.status").execute(),
    reviewerAccounts(db),
    // The call's recorded conflicts: those with one of its proposals, and those with a group that has a
    // proposal in it — two lookups by index (review_conflicts_proposal_idx, _group_idx), where one `or`
    // read every conflict ever recorded on both engines.
    db
      .selectFrom("review_conflicts")
      .innerJoin("users", "users.id", "review_conflicts.reviewer_id")
      .leftJoin("proposals", "proposals.id", "review_conflicts.proposal_id")
      .leftJoin("groups", "groups.id", "review_conflicts.group_id")
      .where("review_conflicts.id", "in", (eb) =>
        eb
          .selectFrom("review_conflicts as c")
          .innerJoin("proposals as p", "p.id", "c.proposal_id")
          .where("p.call_id", "=", call.id)
          .select("c.id")
          .union(eb.selectFrom("review_conflicts as c").where("c.group_id", "in", ofCall.select("proposals.group_id")).select("c.id")),
      )
      .select(["review_conflicts.id", "users.display_name as reviewer_name", "proposals.receipt_number", "groups.name as group_name", "review_conflicts.kind", "review_conflicts.note", "review_conflicts.declared_side", "review_conflicts.declared_at"])
      .orderBy("review_conflicts.declared_at")
      .orderBy("review_conflicts.id")
      .execute(),
  ]);
  const statusCounts = byStatus
    .map((r) => ({ status: r.status as ProposalStatus, label: statusLabel(r.status as ProposalStatus), count: Number(r.n) }))
    .sort((x, y) => PROPOSAL_STATUSES.indexOf(x.status) - PROPOSAL_STATUSES.indexOf(y.status));
  const total = statusCounts.reduce((sum, r) => sum + r.count, 0);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, REVIEW_PROPOSALS_PER_PAGE);
  const stageIds = stageRows.map((s) => s.id);
  const [proposals, members, counts] = await Promise.all([
    // The page first, then its groups' names: joined before the limit, PostgreSQL hashed every group
    // (`Seq Scan on groups`, 5,000 rows) for the call's 200 proposals; after it, 50 lookups by key.
    db
      .selectFrom(
        ofCall
          .select(["proposals.id", "proposals.group_id", "proposals.title", "proposals.status", "proposals.receipt_number", "proposals.receipt_fiscal_year", "proposals.receipt_sequence", "proposals.type"])
          .$call(inReceiptOrder)
          .limit(limit)
          .offset(offset)
          .as("proposals"),
      )
      .innerJoin("groups", "groups.id", "proposals.group_id")
      .select(["proposals.id", "proposals.group_id", "proposals.title", "proposals.status", "proposals.receipt_number", "groups.name as group_name"])
      .$call(inReceiptOrder)
      .execute(),
    stageIds.length ? db.selectFrom("review_panel_members").innerJoin("users", "users.id", "review_panel_members.reviewer_id").where("stage_id", "in", stageIds).select(["stage_id", "reviewer_id", "users.display_name as name"]).orderBy("users.display_name").execute() : [],
    // Each assignment's sheet as one state (null: not started), looked up by the sheet's unique
    // assignment, counted per state. The join this replaced had PostgreSQL hash every row of
    // score_sheets (`Seq Scan`, 150,000 on the full dataset, 11.7 ms) for a stage's thousand; SQLite
    // pays 0.2 ms more for the sub-select (docs/decisions/0015, "The call's review page").
    stageIds.length
      ? db
          .selectFrom((eb) =>
            eb
              .selectFrom("review_assignments as a")
              .where("a.stage_id", "in", stageIds)
              .select([
                "a.stage_id",
                sql<number | null>`(select case when s.excluded_at is not null then ${sql.lit(SHEET_EXCLUDED)} when s.status = 'submitted' then ${sql.lit(SHEET_SUBMITTED)} when s.status = 'draft' then ${sql.lit(SHEET_DRAFT)} else 0 end from score_sheets s where s.assignment_id = a.id)`.as("state"),
              ])
              .as("sheet_states"),
          )
          .groupBy(["sheet_states.stage_id", "sheet_states.state"])
          .select((eb) => ["sheet_states.stage_id", "sheet_states.state", eb.fn.countAll<string | number>().as("n")])
          .execute()
      : [],
  ]);
  const pageIds = proposals.map((p) => p.id);
  const assignments =
    stageIds.length && pageIds.length
      ? await db
          .selectFrom("review_assignments")
          .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
          .where("review_assignments.stage_id", "in", stageIds)
          .where("review_assignments.proposal_id", "in", pageIds)
          .select(["review_assignments.id", "review_assignments.stage_id", "review_assignments.proposal_id", "review_assignments.reviewer_id", "score_sheets.id as sheet_id", "score_sheets.status as sheet_status", "score_sheets.excluded_at", "score_sheets.submitted_late"])
          .execute()
      : [];
  // Whether each assignment shown crosses a conflict: asked for the reviewers of the page's assignments only.
  const conflicts = await conflictsOf(db, assignments.map((a) => a.reviewer_id));
  const names = new Map(reviewers.map((r) => [r.id, r.name]));
  for (const m of members) names.set(m.reviewer_id, m.name);
  const proposalAt = new Map(proposals.map((p, i) => [p.id, i]));
  // The assignment table reads in receipt order, then by reviewer: the same on every load and engine.
  const inTableOrder = (x: { proposalId: string; reviewerName: string; id: string }, y: typeof x) =>
    (proposalAt.get(x.proposalId) ?? -1) - (proposalAt.get(y.proposalId) ?? -1) || x.reviewerName.localeCompare(y.reviewerName, "ja") || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const stages = codes.map((code) => {
    const row = stageRows.find((s) => s.stage === code) ?? null;
    const mine = row ? assignments.filter((a) => a.stage_id === row.id) : [];
    const assignmentCounts: AssignmentCounts = { assigned: 0, submitted: 0, draft: 0, notStarted: 0, excluded: 0 };
    for (const c of row ? counts.filter((c) => c.stage_id === row.id) : []) {
      const n = Number(c.n);
      assignmentCounts.assigned += n;
      const state = c.state === null ? null : Number(c.state);
      if (state === null) assignmentCounts.notStarted += n;
      else if (state === SHEET_SUBMITTED) assignmentCounts.submitted += n;
      else if (state === SHEET_DRAFT) assignmentCounts.draft += n;
      else if (state === SHEET_EXCLUDED) assignmentCounts.excluded += n;
    }
    return {
      code,
      row,
      members: row ? members.filter((m) => m.stage_id === row.id).map((m) => ({ id: m.reviewer_id, name: m.name })) : [],
      assignmentCounts,
      assignments: mine.map((a) => {
        const at = proposalAt.get(a.proposal_id);
        const proposal = at === undefined ? undefined : proposals[at];
        return {
          id: a.id,
          proposalId: a.proposal_id,
          reviewerId: a.reviewer_id,
          reviewerName: names.get(a.reviewer_id) ?? "",
          sheetId: a.sheet_id,
          sheetStatus: a.sheet_status as "draft" | "submitted" | null,
          excluded: a.excluded_at !== null,
          late: Number(a.submitted_late ?? 0) === 1,
          conflicted: proposal ? isConflicted(conflicts, a.reviewer_id, proposal) : false,
        };
      }).sort(inTableOrder),
    };
  });
  return {
    stages,
    proposals: proposals.map((p) => ({ ...p, statusLabel: statusLabel(p.status as ProposalStatus) })),
    paging: { total, page, pageCount },
    statusCounts,
    reviewers,
    conflicts: conflictRows,
  };
}

export async function findStage(db: DB, callId: string, stage: ReviewStageCode) {
  return db.selectFrom("review_stages").where("call_id", "=", callId).where("stage", "=", stage).selectAll().executeTakeFirst();
}

// ---- the reviewer's assignments ------------------------------------------------------------------

const OPEN_STATUSES: readonly string[] = ["submitted", "in_review", "presentation"];

/** Assignments whose proposal is still being reviewed (the reviewer's work now); the rest are past. */
const CURRENT_STATUSES = OPEN_STATUSES as readonly ProposalStatus[];
/**
 * The same statuses written into the SQL as literals, not as parameters. The portal's named statements
 * (db/index.ts) get PostgreSQL's generic plan after five runs, planned without the parameters' values: it
 * takes each unknown status for 1/(statuses in the column's statistics) of the proposals, the three
 * together for their sum. Where the column holds few statuses (three in the ten-year dataset) that is
 * none for `not in` — so it joins the reviewer's assignments by nested loops over every proposal (the
 * finished reviews) — and all for `in` — so it probes every assignment's sheet (the dashboard's count);
 * docs/decisions/0015, "A reviewer's finished reviews". With the values in the text, every plan knows
 * them. They are the code's own constants, never input.
 */
const CURRENT_STATUS_LITERALS = CURRENT_STATUSES.map((status) => sql.lit(status));
export const PAST_ASSIGNMENTS_PER_PAGE = 100;

/**
 * The proposals one reviewer is conflicted with — `isConflicted`'s rule asked in SQL: a declared conflict
 * with the proposal, or with its group (every proposal of the group), or membership of the group. A
 * handful of ids, which both engines compute once per query (PostgreSQL's hashed subplan, SQLite's list
 * subquery), so a reviewer's assignments are filtered without reading each one's proposal.
 */
function conflictedProposalIds(db: DB, reviewerId: string) {
  return db
    .selectFrom("review_conflicts")
    .where("review_conflicts.reviewer_id", "=", reviewerId)
    .where("review_conflicts.proposal_id", "is not", null)
    .select((eb) => eb.ref("review_conflicts.proposal_id").$notNull().as("id"))
    .unionAll(
      db
        .selectFrom("review_conflicts")
        .innerJoin("proposals", "proposals.group_id", "review_conflicts.group_id")
        .where("review_conflicts.reviewer_id", "=", reviewerId)
        .select("proposals.id"),
    )
    .unionAll(
      db
        .selectFrom("group_members")
        .innerJoin("proposals", "proposals.group_id", "group_members.group_id")
        .where("group_members.user_id", "=", reviewerId)
        .select("proposals.id"),
    );
}

/**
 * A reviewer's assignments with their proposals, conflicted ones left out in the query itself
 * (`conflictedProposalIds`), so lists, counts and single lookups need no second round trip and stay bounded.
 */
function reviewerAssignments(db: DB, reviewerId: string) {
  return db
    .selectFrom("review_assignments")
    .innerJoin("review_stages", "review_stages.id", "review_assignments.stage_id")
    .innerJoin("calls", "calls.id", "review_stages.call_id")
    .innerJoin("proposals", "proposals.id", "review_assignments.proposal_id")
    .where("review_assignments.reviewer_id", "=", reviewerId)
    .where("review_assignments.proposal_id", "not in", conflictedProposalIds(db, reviewerId));
}

/**
 * A reviewer's assignments by call and stage: `current` — proposals still under review (all of them: a
 * panel's load for one round); otherwise the finished ones, newest calls first, a page at a time.
 * A page of the finished ones is read in two steps (docs/decisions/0015, "A reviewer's finished reviews"):
 * the page's ids, sorted from index entries alone (`review_assignments_reviewer_list_idx`,
 * `proposals_receipt_order_idx`) — every page sorts all of them, about 3,000 for ten years of a busy
 * reviewer — then those 100 rows with their call, proposal and sheet, put back in that order in code.
 */
export async function listReviewerAssignments(db: DB, reviewerId: string, which: { current: true } | { current: false; page: number }) {
  const mine = reviewerAssignments(db, reviewerId).where("proposals.status", which.current ? "in" : "not in", CURRENT_STATUS_LITERALS);
  const inOrder = mine
    .orderBy("calls.fiscal_year", "desc")
    .orderBy("calls.id")
    .orderBy("review_stages.stage")
    // Each stage's proposals in receipt order, as on the call's review page.
    .$call(inReceiptOrder);
  const withRows = (query: typeof mine) =>
    query
      .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
      .select([
        "review_assignments.id",
        "review_stages.stage",
        "review_stages.deadline",
        "calls.id as call_id",
        "calls.title as call_title",
        "calls.fiscal_year",
        "proposals.id as proposal_id",
        "proposals.title",
        "proposals.receipt_number",
        "proposals.status as proposal_status",
        "score_sheets.status as sheet_status",
      ]);
  const sheetStatus = <R extends { sheet_status: string | null }>(r: R) => ({ ...r, sheet_status: (r.sheet_status ?? null) as "draft" | "submitted" | null });
  if (which.current) return { rows: (await withRows(inOrder).execute()).map(sheetStatus), more: false };
  // One row more than a page says whether another page follows.
  const onPage = await inOrder
    .select("review_assignments.id")
    .limit(PAST_ASSIGNMENTS_PER_PAGE + 1)
    .offset((which.page - 1) * PAST_ASSIGNMENTS_PER_PAGE)
    .execute();
  const more = onPage.length > PAST_ASSIGNMENTS_PER_PAGE;
  const ids = onPage.slice(0, PAST_ASSIGNMENTS_PER_PAGE).map((r) => r.id);
  // Through `mine` again: a conflict declared between the two reads still hides its proposal.
  const rows = await readInOrder(ids, (ids) => withRows(mine.where("review_assignments.id", "in", ids)).execute());
  return { rows: rows.map(sheetStatus), more };
}

/**
 * Unfinished (of proposals under review) / all of a reviewer's unconflicted assignments, for the dashboard.
 * Asked of `review_assignments` alone (its stage, call and proposal always exist: foreign keys, cascading):
 * the total from the index on (reviewer, proposal) without reading a row, the unfinished ones from the
 * proposals now under review — not by reading every assignment of ten years with its proposal and sheet.
 */
export async function countReviewerAssignments(db: DB, reviewerId: string): Promise<{ total: number; open: number }> {
  const mine = db
    .selectFrom("review_assignments")
    .where("review_assignments.reviewer_id", "=", reviewerId)
    .where("review_assignments.proposal_id", "not in", conflictedProposalIds(db, reviewerId));
  const total = await mine.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const open = await mine
    .where("review_assignments.proposal_id", "in", db.selectFrom("proposals").where("proposals.status", "in", CURRENT_STATUS_LITERALS).select("proposals.id"))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("score_sheets")
            .select("score_sheets.id")
            .whereRef("score_sheets.assignment_id", "=", "review_assignments.id")
            .where("score_sheets.status", "=", "submitted"),
        ),
      ),
    )
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return { total: Number(total.n), open: Number(open.n) };
}

export type AssignmentDetail = NonNullable<Awaited<ReturnType<typeof findAssignmentFor>>>;

/** One of the reviewer's assignments with its stage, call, rubric and sheet; undefined if not theirs or conflicted. */
export async function findAssignmentFor(db: DB, reviewerId: string, assignmentId: string) {
  const row = await reviewerAssignments(db, reviewerId)
    .where("review_assignments.id", "=", assignmentId)
    .select([
      "review_assignments.id",
      "review_assignments.stage_id",
      "review_assignments.proposal_id",
      "review_stages.stage",
      "review_stages.deadline",
      "review_stages.late_policy",
      "review_stages.show_others",
      "calls.id as call_id",
      "calls.title as call_title",
      "proposals.group_id",
      "proposals.status as proposal_status",
      "proposals.receipt_number",
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.proposal_status === "draft" || row.proposal_status === "returned") return undefined;
  const [criteria, sheet] = await Promise.all([rubricOf(db, row.call_id), db.selectFrom("score_sheets").where("assignment_id", "=", row.id).selectAll().executeTakeFirst()]);
  const scores = sheet ? await db.selectFrom("scores").where("sheet_id", "=", sheet.id).select(["criterion_id", "points"]).execute() : [];
  return {
    ...row,
    show_others: Number(row.show_others) === 1,
    criteria,
    sheet: sheet ? { ...sheet, points: Object.fromEntries(scores.map((s) => [s.criterion_id, s.points])) as Record<string, number> } : null,
  };
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The other reviewers' submitted, counted scores for this proposal in this stage, as 委員A, 委員B … in a
 * fixed order that says nothing of who they are — only once the viewer's own sheet is submitted and
 * where the stage shows them. Points only: neither comments nor private notes.
 */
export async function othersScores(db: DB, assignment: AssignmentDetail) {
  if (!assignment.show_others || assignment.sheet?.status !== "submitted") return null;
  const sheets = await db
    .selectFrom("score_sheets")
    .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
    .where("review_assignments.stage_id", "=", assignment.stage_id)
    .where("review_assignments.proposal_id", "=", assignment.proposal_id)
    .where("review_assignments.id", "!=", assignment.id)
    .where("score_sheets.status", "=", "submitted")
    .where("score_sheets.excluded_at", "is", null)
    .select(["score_sheets.id"])
    .orderBy("score_sheets.id")
    .execute();
  const scores = sheets.length ? await db.selectFrom("scores").where("sheet_id", "in", sheets.map((s) => s.id)).select(["sheet_id", "criterion_id", "points"]).execute() : [];
  return sheets.map((s, i) => ({
    label: `委員${LETTERS[i % LETTERS.length]}${i >= LETTERS.length ? Math.floor(i / LETTERS.length) : ""}`,
    points: Object.fromEntries(scores.filter((x) => x.sheet_id === s.id).map((x) => [x.criterion_id, x.points])) as Record<string, number>,
  }));
}

// ---- the result sheet ----------------------------------------------------------------------------

export interface ResultRow {
  proposalId: string;
  receiptNumber: string | null;
  groupName: string;
  title: string;
  status: string;
  statusLabel: string;
  requestedAmount: number;
  result: ProposalResult;
  assigned: number;
  submitted: number;
  /** Reviewers' names with their totals: the coordinator's sheet only. */
  reviewers: { name: string; status: "draft" | "submitted" | null; excluded: boolean; late: boolean }[];
  /** Running total of requested amounts in rank order. */
  runningTotal: number | null;
  /** Within the call's total budget in rank order, or the 次点 offered the remainder. */
  selection: { kind: "selected" } | { kind: "runner_up"; remainder: number } | null;
}

type CallForSheet = { id: string; budget_cap_total: number; updated_at: string };

const sheets = new KeyedProcessCache<Awaited<ReturnType<typeof computeResultSheet>>>();

/**
 * Everything the result sheet is computed from, as one stamp: the stage's sheets (every save raises a
 * revision), assignments, panel, tie-breaks; the call's rules, criteria and proposals; the conflicts and
 * group memberships of the stage's reviewers — those assigned and the panel, the only ones whose
 * conflicts the sheet reads (`conflictsOf`) — and their names; the names of groups. Cheap next to the
 * sheet itself (a few aggregates, none over a whole table but `groups`, whose newest change is an index's
 * last entry). A conflict or a membership is counted and its newest date kept: the portal changes
 * neither in place (a member's role is not read), and one removed and another added between two
 * requests still moves the newest date.
 */
async function resultStamp(db: DB, call: CallForSheet, stageId: string | null): Promise<string> {
  const stage = stageId ?? "";
  // The stage's assignments, read once: per reviewer, how many, the newest, and their sheets (every save
  // raises a revision), with the panel's rows after them — which also names the stage's reviewers, so
  // that both engines look their conflicts, memberships and names up by index below (asked inside one
  // statement, PostgreSQL guessed every reviewer of the table and scanned users and group_members). Each
  // sheet is one correlated sub-select by its unique assignment, kept (`materialized`) so it runs once:
  // a join had PostgreSQL hash every sheet of the table (11–20 ms). It packs the sheet's revision and
  // whether it is submitted and excluded into one number, read back out exactly (0015, twelfth pass).
  const stageRows = await sql<{ reviewer_id: string; panel: number | string; assignments: number | string; assigned: string | null; sheets: number | string; revisions: number | string | null; submitted: number | string; excluded: number | string }>`
    with sheet_states (reviewer_id, assigned_at, state) as materialized (
      select a.reviewer_id, a.assigned_at, (
        select s.revision * 4 + case when s.submitted_at is null then 0 else 2 end + case when s.excluded_at is null then 0 else 1 end
        from score_sheets s where s.assignment_id = a.id
      )
      from review_assignments a where a.stage_id = ${stage}
    )
    select reviewer_id, 0 as panel, count(*) as assignments, max(assigned_at) as assigned, count(state) as sheets, sum(state / 4) as revisions,
      count(case when state % 4 >= 2 then 1 end) as submitted, count(case when state % 2 = 1 then 1 end) as excluded
    from sheet_states group by reviewer_id
    union all
    select reviewer_id, 1, 0, added_at, 0, 0, 0, 0 from review_panel_members where stage_id = ${stage}
    order by 2, 1
  `.execute(db);
  const reviewerIds = [...new Set(stageRows.rows.map((r) => r.reviewer_id))];
  const reviewers = sql.join((reviewerIds.length ? reviewerIds : [""]).map((id) => sql`(${id})`));
  const row = await sql<Record<string, unknown>>`
    with stage_reviewers (reviewer_id) as (values ${reviewers})
    select
      (select max(decided_at) from review_tie_breaks where stage_id = ${stage}) as ties,
      (select deadline from review_stages where id = ${stage}) as deadline,
      (select updated_at from review_rules where call_id = ${call.id}) as rules,
      (select count(*) from call_criteria where call_id = ${call.id}) as criteria,
      (select max(updated_at) from proposals where call_id = ${call.id}) as proposals,
      (select count(*) from review_conflicts where reviewer_id in (select reviewer_id from stage_reviewers)) as conflicts,
      (select max(declared_at) from review_conflicts where reviewer_id in (select reviewer_id from stage_reviewers)) as declared,
      (select count(*) from group_members where user_id in (select reviewer_id from stage_reviewers)) as members,
      (select max(joined_at) from group_members where user_id in (select reviewer_id from stage_reviewers)) as joined,
      (select max(updated_at) from users where id in (select reviewer_id from stage_reviewers)) as users,
      (select max(updated_at) from groups) as groups
  `.execute(db);
  // Numbers as numbers: PostgreSQL returns its counts as text, and the stamp is compared only with itself.
  const stageState = stageRows.rows.map((r) => [r.reviewer_id, Number(r.panel), Number(r.assignments), r.assigned, Number(r.sheets), Number(r.revisions ?? 0), Number(r.submitted), Number(r.excluded)]);
  return `${call.updated_at}|${call.budget_cap_total}|${JSON.stringify(stageState)}|${JSON.stringify(row.rows[0])}`;
}

/**
 * The ranked result sheet of one stage of a call (審査結果一覧), for the coordinator: computed from the
 * sheets, and kept in the process until anything it is computed from changes (`resultStamp`).
 */
export async function resultSheet(db: DB, call: CallForSheet, stageCode: ReviewStageCode): Promise<ResultSheetData> {
  const stage = await findStage(db, call.id, stageCode);
  // Summed stages read the document review too: computed afresh (a rare setting).
  const rules = await rulesOf(db, call.id);
  if (stageCode === "presentation" && rules.stages === "sum") return computeResultSheet(db, call, stageCode);
  const stamp = await resultStamp(db, call, stage?.id ?? null);
  return sheets.get(db, `${call.id}/${stageCode}`, stamp, () => computeResultSheet(db, call, stageCode));
}

async function computeResultSheet(db: DB, call: CallForSheet, stageCode: ReviewStageCode) {
  const [criteria, rules, stage] = await Promise.all([rubricOf(db, call.id), rulesOf(db, call.id), findStage(db, call.id, stageCode)]);
  const base = { stage: stageCode, criteria, rules, explanation: describeRules(rules, criteria), budgetCapTotal: call.budget_cap_total };
  if (!stage) return { ...base, deadline: null, rows: [] as ResultRow[] };
  const assignments = await db
    .selectFrom("review_assignments")
    .innerJoin("proposals", "proposals.id", "review_assignments.proposal_id")
    .innerJoin("users", "users.id", "review_assignments.reviewer_id")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "review_assignments.id")
    .where("review_assignments.stage_id", "=", stage.id)
    .select([
      "review_assignments.proposal_id",
      "review_assignments.reviewer_id",
      "proposals.group_id",
      "users.display_name as reviewer_name",
      "score_sheets.id as sheet_id",
      "score_sheets.status",
      "score_sheets.excluded_at",
      "score_sheets.submitted_late",
    ])
    .orderBy("users.display_name")
    .execute();
  const proposalIds = [...new Set(assignments.map((a) => a.proposal_id))];
  if (proposalIds.length === 0) return { ...base, deadline: stage.deadline, rows: [] as ResultRow[] };
  const [proposals, scoreRows, tieBreaks, conflicts] = await Promise.all([
    db
      .selectFrom("proposals")
      .innerJoin("groups", "groups.id", "proposals.group_id")
      .leftJoin("proposal_versions", (join) => join.onRef("proposal_versions.proposal_id", "=", "proposals.id").onRef("proposal_versions.version", "=", "proposals.current_version"))
      .where("proposals.id", "in", proposalIds)
      .select(["proposals.id", "proposals.group_id", "proposals.title", "proposals.status", "proposals.receipt_number", "groups.name as group_name", "proposal_versions.content"])
      .execute(),
    db
      .selectFrom("scores")
      .innerJoin("score_sheets", "score_sheets.id", "scores.sheet_id")
      .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
      .where("review_assignments.stage_id", "=", stage.id)
      .where("score_sheets.status", "=", "submitted")
      .select(["scores.sheet_id", "scores.criterion_id", "scores.points"])
      .execute(),
    db.selectFrom("review_tie_breaks").where("stage_id", "=", stage.id).select(["proposal_id", "position"]).execute(),
    conflictsOf(db, [...new Set(assignments.map((a) => a.reviewer_id))]),
  ]);
  const panel = await db.selectFrom("review_panel_members").where("stage_id", "=", stage.id).select("reviewer_id").execute();
  const panelConflicts = await conflictsOf(db, panel.map((p) => p.reviewer_id));
  const requested = new Map(
    proposals.map((p) => {
      const content = p.content ? readContent(p.content) : null;
      return [p.id, content ? budgetTotals(content.budget).requested : 0];
    }),
  );
  const pointsBySheet = new Map<string, Record<string, number>>();
  for (const s of scoreRows) (pointsBySheet.get(s.sheet_id) ?? pointsBySheet.set(s.sheet_id, {}).get(s.sheet_id)!)[s.criterion_id] = s.points;
  const sheets: SheetInput[] = assignments
    .filter((a) => a.status === "submitted" && a.sheet_id)
    .map((a) => ({
      proposalId: a.proposal_id,
      reviewerId: a.reviewer_id,
      // A sheet whose reviewer is conflicted counts as excluded even before it is marked.
      excluded: a.excluded_at !== null || isConflicted(conflicts, a.reviewer_id, { id: a.proposal_id, group_id: a.group_id }),
      points: pointsBySheet.get(a.sheet_id!) ?? {},
    }));
  const inputs = proposals.map((p) => {
    const conflictedMembers = panel.filter((m) => isConflicted(panelConflicts, m.reviewer_id, p)).length;
    const excludedSheets = sheets.filter((s) => s.proposalId === p.id && s.excluded).length;
    const absentCount = assignments.filter((a) => a.proposal_id === p.id && a.status !== "submitted" && !isConflicted(conflicts, a.reviewer_id, p)).length;
    return { id: p.id, conflictedCount: Math.max(0, conflictedMembers - excludedSheets), absentCount, requestedAmount: requested.get(p.id), withdrawn: p.status === "withdrawn" };
  });
  // Under "sum" the presentation's ranking adds each proposal's document-review figure.
  let carryOver: Map<string, Fraction> | undefined;
  if (stageCode === "presentation" && rules.stages === "sum") {
    const first = await resultSheet(db, call, "document_review");
    carryOver = new Map(first.rows.filter((r) => r.result.figure).map((r) => [r.proposalId, r.result.figure!]));
  }
  const results = aggregate(rules, criteria, inputs, sheets, { tieBreaks: new Map(tieBreaks.map((t) => [t.proposal_id, t.position])), carryOver });
  const selection = selectWithinBudget(results, requested, call.budget_cap_total);
  const totals = runningTotals(results.map((r) => ({ ranked: r.rank !== null, amount: requested.get(r.proposalId) ?? 0 })));
  const rows: ResultRow[] = results.map((result, i) => {
    const p = proposals.find((x) => x.id === result.proposalId)!;
    const mine = assignments.filter((a) => a.proposal_id === p.id);
    const amount = requested.get(p.id) ?? 0;
    return {
      proposalId: p.id,
      receiptNumber: p.receipt_number,
      groupName: p.group_name,
      title: p.title,
      status: p.status,
      statusLabel: statusLabel(p.status as ProposalStatus),
      requestedAmount: amount,
      result,
      assigned: mine.length,
      submitted: mine.filter((a) => a.status === "submitted").length,
      reviewers: mine.map((a) => ({
        name: a.reviewer_name,
        status: (a.status ?? null) as "draft" | "submitted" | null,
        excluded: a.excluded_at !== null || isConflicted(conflicts, a.reviewer_id, p),
        late: Number(a.submitted_late ?? 0) === 1,
      })),
      runningTotal: totals[i],
      selection: selection.selected.includes(p.id)
        ? { kind: "selected" }
        : selection.runnerUp?.proposalId === p.id
          ? { kind: "runner_up", remainder: selection.runnerUp.remainder }
          : null,
    };
  });
  return { ...base, deadline: stage.deadline, rows };
}
type ResultSheetData = Awaited<ReturnType<typeof computeResultSheet>>;
export type ResultSheet = ResultSheetData;
