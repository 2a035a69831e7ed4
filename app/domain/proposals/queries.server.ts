// Reading proposals: one proposal with what its pages need (call rules, group, departments, versions,
// timeline, attachments, consultation), and the lists of the group's and the staff's proposals.
import type { DB } from "../../../db/index";
import type { CallStage } from "../../../db/schema";
import { continuedSchedule, type BudgetRules } from "../calls/rules";
import { readContent, submissionProblems, type ProposalContent } from "./content";
import type { ProposalDocument } from "./document";
import { statusLabel, type ProposalActor, type ProposalStatus } from "./lifecycle";
import { PROPOSAL_TYPE_LABELS } from "./receipt";
import type { TimelineEntry } from "./timeline";
import { listPage, readInOrder } from "../list-page";

export type ProposalDetail = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

export async function findProposal(db: DB, id: string) {
  const row = await db
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("groups", "groups.id", "proposals.group_id")
    .leftJoin("matching_sheets", "matching_sheets.id", "proposals.sheet_id")
    .leftJoin("users as saver", "saver.id", "proposals.saved_by")
    .where("proposals.id", "=", id)
    .selectAll("proposals")
    .select([
      "calls.title as call_title",
      "calls.fiscal_year as call_fiscal_year",
      "calls.status as call_status",
      "calls.opens_at as call_opens_at",
      "calls.closes_at as call_closes_at",
      "calls.grace_minutes as call_grace_minutes",
      "calls.stages as call_stages",
      "calls.budget_cap_per_proposal as call_budget_cap_per_proposal",
      "calls.city_share_by_year as call_city_share_by_year",
      "calls.required_attachments as call_required_attachments",
      "groups.name as group_name",
      "matching_sheets.title as sheet_title",
      "saver.display_name as saved_by_name",
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const [departments, callSheets, attachments] = await Promise.all([
    db
      .selectFrom("proposal_departments")
      .innerJoin("departments", "departments.id", "proposal_departments.department_id")
      .where("proposal_departments.proposal_id", "=", id)
      .select(["departments.id", "departments.name"])
      .orderBy("departments.name")
      .execute(),
    db
      .selectFrom("call_sheets")
      .innerJoin("matching_sheets", "matching_sheets.id", "call_sheets.sheet_id")
      .innerJoin("departments", "departments.id", "matching_sheets.department_id")
      .where("call_sheets.call_id", "=", row.call_id)
      .select(["matching_sheets.id", "matching_sheets.title", "matching_sheets.department_id", "departments.name as department_name"])
      .orderBy("matching_sheets.title")
      .execute(),
    db
      .selectFrom("proposal_attachments")
      .where("proposal_id", "=", id)
      .select(["id", "label", "file_name", "mime", "size", "uploaded_at"])
      .orderBy("uploaded_at")
      .execute(),
  ]);
  return {
    ...row,
    status: row.status as ProposalStatus,
    draftContent: readContent(row.draft),
    call: {
      id: row.call_id,
      title: row.call_title,
      fiscal_year: row.call_fiscal_year,
      status: row.call_status,
      opens_at: row.call_opens_at,
      closes_at: row.call_closes_at,
      grace_minutes: row.call_grace_minutes,
      stages: JSON.parse(row.call_stages) as CallStage[],
      budget_cap_per_proposal: row.call_budget_cap_per_proposal,
      city_share_by_year: JSON.parse(row.call_city_share_by_year) as number[],
      required_attachments: JSON.parse(row.call_required_attachments) as string[],
      sheets: callSheets,
    },
    departments,
    attachments,
  };
}

export async function findVersion(db: DB, proposalId: string, version: number): Promise<{ version: number; submitted_at: string; content: ProposalContent } | undefined> {
  const row = await db
    .selectFrom("proposal_versions")
    .where("proposal_id", "=", proposalId)
    .where("version", "=", version)
    .select(["version", "submitted_at", "content"])
    .executeTakeFirst();
  return row && { version: row.version, submitted_at: row.submitted_at, content: readContent(row.content) };
}

export async function listVersions(db: DB, proposalId: string) {
  return db
    .selectFrom("proposal_versions")
    .leftJoin("users", "users.id", "proposal_versions.submitted_by")
    .where("proposal_versions.proposal_id", "=", proposalId)
    .select(["proposal_versions.version", "proposal_versions.submitted_at", "users.display_name as submitted_by_name"])
    .orderBy("proposal_versions.version")
    .execute();
}

export async function listTimeline(db: DB, proposalId: string): Promise<(TimelineEntry & { id: string })[]> {
  const rows = await db
    .selectFrom("proposal_transitions")
    .where("proposal_id", "=", proposalId)
    .select(["id", "at", "actor_name", "actor_role", "actor_organization", "from_status", "to_status", "action", "reason"])
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role as ProposalActor,
    actorOrganization: r.actor_organization,
    from: r.from_status as ProposalStatus,
    to: r.to_status as ProposalStatus,
    action: r.action as TimelineEntry["action"],
    reason: r.reason,
  }));
}

export async function listMessages(db: DB, proposalId: string) {
  return db
    .selectFrom("proposal_messages")
    .where("proposal_id", "=", proposalId)
    .select(["id", "author_name", "author_side", "author_organization", "body", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

const LIST_COLUMNS = [
  "proposals.id",
  "proposals.title",
  "proposals.status",
  "proposals.type",
  "proposals.receipt_number",
  "proposals.submitted_at",
  "proposals.updated_at",
  "calls.title as call_title",
  "calls.closes_at as call_closes_at",
  "groups.name as group_name",
] as const;

/** The proposals of the viewer's groups (drafts included), newest first. */
export async function listGroupProposals(db: DB, userId: string) {
  return db
    .selectFrom("proposals")
    .innerJoin("group_members", (j) => j.onRef("group_members.group_id", "=", "proposals.group_id").on("group_members.user_id", "=", userId))
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("groups", "groups.id", "proposals.group_id")
    .select(LIST_COLUMNS)
    .orderBy("proposals.updated_at", "desc")
    .orderBy("proposals.id")
    .execute();
}

type StaffScope = { departmentId: string | null; all: boolean };

/**
 * The proposals a member of staff may see in the list — all of them for the coordinator, those naming
 * their department for department staff — before the filter of which ones staff see at all. Null for
 * staff without a department. A department's are found from its own rows (`in`, not a correlated
 * `exists`), so the database reads that department's proposals rather than every proposal of ten years.
 */
function staffScope(db: DB, scope: StaffScope) {
  const query = db.selectFrom("proposals");
  if (scope.all) return query;
  const departmentId = scope.departmentId;
  if (!departmentId) return null;
  return query.where("proposals.id", "in", db.selectFrom("proposal_departments").where("proposal_departments.department_id", "=", departmentId).select("proposal_departments.proposal_id"));
}

/** What staff see: submitted proposals (and drafts under consultation). */
function staffProposals(db: DB, scope: StaffScope) {
  return staffScope(db, scope)?.where((eb) => eb.or([eb("proposals.status", "!=", "draft"), eb("proposals.consultation_opened_at", "is not", null)]));
}

/**
 * How many proposals staff see, counted as the submitted ones plus the drafts under consultation: each
 * part is answered from the status index alone, where the `or` of the list itself read every row of the
 * table (30,000 proposals: 18–30 ms; docs/decisions/0015).
 */
async function countStaffProposals(db: DB, scope: StaffScope): Promise<number> {
  const query = staffScope(db, scope);
  if (!query) return 0;
  const [received, consulting] = await Promise.all([
    query.where("proposals.status", "!=", "draft").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    query
      .where("proposals.status", "=", "draft")
      .where("proposals.consultation_opened_at", "is not", null)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(received.n) + Number(consulting.n);
}

export const STAFF_PROPOSALS_PER_PAGE = 50;

/**
 * One page of the proposals staff see, with the total: ten years of a city's proposals (tens of
 * thousands) are never read whole (docs/decisions/0015). A page past the end shows the last.
 * Drafts under consultation come first (they wait for the staff's answer: `countWaitingProposals` counts
 * them with the received ones), then the received proposals, newest submission first; each group by
 * latest update, then id. A draft has no `submitted_at`, and `desc` alone sorts NULLs first on PostgreSQL
 * and last on SQLite, hence `nulls first`: PostgreSQL reads that from the index as it is (its `desc` is
 * `nulls first`), and SQLite, whose CREATE INDEX cannot say it, reads the index's NULL entries first and
 * then the rest — no sort on either. A row comparison against this order (a "page this proposal is on")
 * would need a key without NULLs, as receipt order has.
 * The page's ids come first, from the index `proposals_staff_list_idx` alone (the order, then the columns
 * the filter reads), so that OFFSET skips index entries; then the page's 50 rows with their call and group,
 * by those ids. Read in one go, the last of 600 pages joined and dropped 29,950 rows (38–51 ms).
 * A department's page is found from its own rows (`proposal_departments`, ~1,500 in ten years), each
 * looked up in `proposals_department_list_idx` (id, then the columns the list filters and sorts on), and
 * sorted: PostgreSQL read the whole staff index for it before (migration 2026-12-06-21).
 */
export async function listStaffProposals(db: DB, scope: StaffScope, requestedPage = 1) {
  const query = staffProposals(db, scope);
  if (!query) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const total = await countStaffProposals(db, scope);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, STAFF_PROPOSALS_PER_PAGE);
  const onPage = await query
    .select("proposals.id")
    .orderBy("proposals.submitted_at", (o) => o.desc().nullsFirst())
    .orderBy("proposals.updated_at", "desc")
    .orderBy("proposals.id")
    .limit(limit)
    .offset(offset)
    .execute();
  const ids = onPage.map((r) => r.id);
  const rows = await readInOrder(ids, (ids) =>
    db
      .selectFrom("proposals")
      .innerJoin("calls", "calls.id", "proposals.call_id")
      .innerJoin("groups", "groups.id", "proposals.group_id")
      .where("proposals.id", "in", ids)
      .select(LIST_COLUMNS)
      .execute(),
  );
  return { rows, total, page, pageCount };
}

/** How many of them wait for staff: received and not yet moved on, or drafts under consultation. */
export async function countWaitingProposals(db: DB, scope: StaffScope): Promise<number> {
  const query = staffProposals(db, scope);
  if (!query) return 0;
  const row = await query
    .where("proposals.status", "in", ["submitted", "draft"])
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a viewer reads of a proposal: its group reads the draft it is editing; everyone else (and the
 * group once it is frozen) reads the last submitted version — never the group's unsent edits.
 */
export async function shownContent(db: DB, proposal: ProposalDetail, isMember: boolean) {
  const editing = isMember && (proposal.status === "draft" || proposal.status === "returned");
  const version = editing ? undefined : await findVersion(db, proposal.id, proposal.current_version);
  return { version: version ?? null, content: version?.content ?? proposal.draftContent };
}

/** The proposal as the printed page and the PDF show it. */
export async function proposalDocument(db: DB, proposal: ProposalDetail, isMember: boolean): Promise<ProposalDocument> {
  const { version, content } = await shownContent(db, proposal, isMember);
  const sheet = proposal.call.sheets.find((s) => s.id === proposal.sheet_id);
  return {
    receiptNumber: proposal.receipt_number,
    statusLabel: statusLabel(proposal.status),
    version: version?.version ?? 0,
    submittedAt: version?.submitted_at ?? null,
    fiscalYear: proposal.call.fiscal_year,
    callTitle: proposal.call.title,
    typeLabel: PROPOSAL_TYPE_LABELS[proposal.type],
    theme: sheet ? `${sheet.title}（${sheet.department_name}）` : proposal.departments.map((d) => d.name).join("、"),
    groupName: proposal.group_name,
    content,
    attachments: proposal.attachments.map((a) => ({ label: a.label, fileName: a.file_name, size: a.size })),
  };
}

/**
 * The money rules a draft is checked against at submission (a renewal goes on with the city's share
 * from year k+1) — the editor shows its running total against them.
 */
export async function budgetRulesFor(db: DB, proposal: ProposalDetail): Promise<BudgetRules> {
  const continued = proposal.renewal_of_project_id
    ? await db.selectFrom("projects").where("id", "=", proposal.renewal_of_project_id).select("project_year").executeTakeFirst()
    : undefined;
  return { budget_cap_per_proposal: proposal.call.budget_cap_per_proposal, city_share_by_year: continuedSchedule(proposal.call.city_share_by_year, continued?.project_year ?? null) };
}

/**
 * 「提出までに必要なこと」: what would keep the saved draft from being submitted now, by field — the same
 * check `submitProposal` makes (deadline and group status aside), so the list and the refusal agree.
 */
export async function submissionChecklist(db: DB, proposal: ProposalDetail): Promise<Record<string, string[]>> {
  return submissionProblems(proposal.draftContent, {
    type: proposal.type,
    call: await budgetRulesFor(db, proposal),
    sheetIds: proposal.type === "government" ? proposal.call.sheets.map((s) => s.id) : [],
    missingAttachments: proposal.call.required_attachments.filter((label) => !proposal.attachments.some((a) => a.label === label)),
  });
}
