// Reading projects (協働事業): the viewer's list, one project with what its pages need (proposal content,
// call, group, related departments, decision), its reports, evaluations, linked measures and timeline.
import type { DB } from "../../../db/index";
import type { Viewer } from "../../auth/viewer";
import { hasRole } from "../../auth/viewer";
import { readContent } from "../proposals/content";
import { statusLabel, type ProposalStatus } from "../proposals/lifecycle";
import { listTimeline } from "../proposals/queries.server";
import { formatTimelineEntry } from "../proposals/timeline";
import type { AgreementDocument } from "./agreement";
import { readItems, type EvaluationSide } from "./evaluation";
import { nextStep } from "./next-step";
import { readReportContent, type ReportKind, type ReportStatus } from "./report";
import { formatDateTime } from "../calendar/format";
import { listPage, readInOrder } from "../list-page";
import { auditActorName } from "../audit/actor";

const parseAmounts = (json: string): number[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.map(Number) : [];
};

/** The projects that concern the viewer: their groups', their department's, or every one for the coordinator. */
function projectsOf(db: DB, viewer: Viewer) {
  const query = db.selectFrom("projects");
  if (hasRole(viewer, "coordinator")) return query;
  return query.where((eb) => {
    const ors = [];
    if (hasRole(viewer, "group_member")) {
      ors.push(eb("projects.group_id", "in", eb.selectFrom("group_members").where("group_members.user_id", "=", viewer.id).select("group_members.group_id")));
    }
    if (hasRole(viewer, "department_staff") && viewer.departmentId) {
      ors.push(eb("projects.proposal_id", "in", eb.selectFrom("proposal_departments").where("proposal_departments.department_id", "=", viewer.departmentId).select("proposal_departments.proposal_id")));
    }
    return ors.length ? eb.or(ors) : eb("projects.id", "=", "");
  });
}

/** Those projects with what a list shows of them: the proposal's status, the group, the call. */
function projectListing(db: DB, viewer: Viewer) {
  return projectsOf(db, viewer)
    .innerJoin("proposals", "proposals.id", "projects.proposal_id")
    .innerJoin("groups", "groups.id", "projects.group_id")
    .innerJoin("calls", "calls.id", "projects.call_id")
    .select(["projects.id", "projects.call_id", "projects.title", "projects.fiscal_year", "projects.project_year", "projects.total_years", "projects.amounts", "projects.agreement_number", "projects.group_confirmed_at", "projects.city_confirmed_at", "proposals.status", "groups.name as group_name", "calls.title as call_title"]);
}

export const PROJECTS_PER_PAGE = 50;

/**
 * One page of the projects that concern the viewer (`/projects`), the latest 年度 first, then by title:
 * a city adopts dozens a year and the coordinator sees every one (issue 14). A page past the end shows
 * the last. The page's ids come first from the list's order index (projects_list_order_idx), then the
 * rows and joins of those ids only (`readInOrder`): sorting the joined rows of ten years' projects for
 * every page cost 5 ms on SQLite and 30 ms on PostgreSQL (docs/decisions/0015, "The second half of the
 * chain"). The reports and evaluations behind each project's next step are read for the page only.
 */
export async function listProjectsFor(db: DB, viewer: Viewer, requestedPage = 1) {
  const { n } = await projectsOf(db, viewer).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, PROJECTS_PER_PAGE);
  const pageIds = (await projectsOf(db, viewer).select("projects.id").orderBy("projects.fiscal_year", "desc").orderBy("projects.title").orderBy("projects.id").limit(limit).offset(offset).execute()).map((r) => r.id);
  const found = await readInOrder(pageIds, (ids) => projectListing(db, viewer).where("projects.id", "in", ids).execute());
  const ids = found.map((r) => r.id);
  const [reports, evaluations] = ids.length
    ? await Promise.all([
        db.selectFrom("project_reports").where("project_id", "in", ids).select(["project_id", "kind", "status", "due_on"]).orderBy("due_on").execute(),
        db.selectFrom("project_evaluations").where("project_id", "in", ids).select(["project_id", "side"]).execute(),
      ])
    : [[], []];
  const rows = found.map((r) => {
    const amounts = parseAmounts(r.amounts);
    const status = r.status as ProposalStatus;
    const next = nextStep({
      status,
      groupConfirmed: r.group_confirmed_at !== null,
      cityConfirmed: r.city_confirmed_at !== null,
      reports: reports.filter((x) => x.project_id === r.id).map((x) => ({ kind: x.kind as ReportKind, status: x.status as ReportStatus, dueOn: x.due_on })),
      hasGroupEvaluation: evaluations.some((e) => e.project_id === r.id && e.side === "group"),
      hasDepartmentEvaluation: evaluations.some((e) => e.project_id === r.id && e.side === "department"),
    });
    return { ...r, status, statusLabel: statusLabel(status), amount: amounts[0] ?? 0, totalAmount: amounts.reduce((a, b) => a + b, 0), nextStep: next };
  });
  return { rows, total, page, pageCount };
}

export type ProjectDetail = NonNullable<Awaited<ReturnType<typeof findProject>>>;

export async function findProject(db: DB, id: string) {
  const row = await db
    .selectFrom("projects")
    .innerJoin("proposals", "proposals.id", "projects.proposal_id")
    .innerJoin("calls", "calls.id", "projects.call_id")
    .innerJoin("groups", "groups.id", "projects.group_id")
    .leftJoin("matching_sheets", "matching_sheets.id", "proposals.sheet_id")
    .leftJoin("decisions", "decisions.proposal_id", "projects.proposal_id")
    .leftJoin("users as group_confirmer", "group_confirmer.id", "projects.group_confirmed_by")
    .leftJoin("users as city_confirmer", "city_confirmer.id", "projects.city_confirmed_by")
    .where("projects.id", "=", id)
    .selectAll("projects")
    .select([
      "proposals.status",
      "proposals.receipt_number",
      "proposals.current_version",
      "proposals.draft",
      "proposals.sheet_id",
      "calls.title as call_title",
      "calls.interim_report",
      "groups.name as group_name",
      "groups.email as group_email",
      "groups.email_visibility as group_email_visibility",
      "groups.phone as group_phone",
      "groups.phone_visibility as group_phone_visibility",
      "matching_sheets.title as sheet_title",
      "decisions.outcome as decision_outcome",
      "decisions.reason as decision_reason",
      "decisions.published_at as decision_published_at",
      "group_confirmer.display_name as group_confirmer_name",
      "city_confirmer.display_name as city_confirmer_name",
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const [departments, version] = await Promise.all([
    db
      .selectFrom("proposal_departments")
      .innerJoin("departments", "departments.id", "proposal_departments.department_id")
      .where("proposal_departments.proposal_id", "=", row.proposal_id)
      .select(["departments.id", "departments.name", "departments.contact"])
      .orderBy("departments.name")
      .execute(),
    db.selectFrom("proposal_versions").where("proposal_id", "=", row.proposal_id).where("version", "=", row.current_version).select("content").executeTakeFirst(),
  ]);
  const status = row.status as ProposalStatus;
  return {
    ...row,
    status,
    statusLabel: statusLabel(status),
    amountsByYear: parseAmounts(row.amounts),
    interimReport: Number(row.interim_report) === 1,
    // The agreement and the reports read the submitted version, never a later draft.
    content: readContent(version?.content ?? row.draft),
    departments,
  };
}

/** The agreement as printed, from the project, its proposal and its decision. */
export function agreementDocument(project: ProjectDetail): AgreementDocument {
  const contact = [project.group_email && project.group_email_visibility === "public" ? project.group_email : null, project.group_phone && project.group_phone_visibility === "public" ? project.group_phone : null]
    .filter(Boolean)
    .join(" / ");
  return {
    number: project.agreement_number,
    fiscalYear: project.fiscal_year,
    projectYear: project.project_year,
    totalYears: project.total_years,
    title: project.title,
    callTitle: project.call_title,
    receiptNumber: project.receipt_number,
    groupName: project.group_name,
    groupContact: contact,
    departments: project.departments.map((d) => ({ name: d.name, contact: d.contact })),
    amounts: project.amountsByYear,
    content: project.content,
    interimReport: project.interimReport,
    groupConfirmation: project.group_confirmed_at ? { name: project.group_confirmer_name ?? "団体", at: project.group_confirmed_at } : null,
    cityConfirmation: project.city_confirmed_at ? { name: project.city_confirmer_name ?? "市", at: project.city_confirmed_at } : null,
  };
}

export async function listReports(db: DB, projectId: string) {
  const rows = await db
    .selectFrom("project_reports")
    .leftJoin("users as saver", "saver.id", "project_reports.saved_by")
    .where("project_reports.project_id", "=", projectId)
    .selectAll("project_reports")
    .select("saver.display_name as saved_by_name")
    .orderBy("project_reports.due_on")
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as ReportKind, status: r.status as ReportStatus, contentParsed: readReportContent(r.content) }));
}

export async function listEvaluations(db: DB, projectId: string) {
  const rows = await db
    .selectFrom("project_evaluations")
    .leftJoin("users", "users.id", "project_evaluations.submitted_by")
    .where("project_evaluations.project_id", "=", projectId)
    .select(["project_evaluations.side", "project_evaluations.items", "project_evaluations.comment", "project_evaluations.submitted_at", "users.display_name as submitted_by_name"])
    .execute();
  return rows.map((r) => ({ ...r, side: r.side as EvaluationSide, items: readItems(r.items) }));
}

/** The plan measures the project is linked to (measure_links, subject 'project'), with their plan. */
export async function listProjectMeasures(db: DB, projectId: string) {
  return db
    .selectFrom("measure_links")
    .innerJoin("measures", "measures.id", "measure_links.measure_id")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .where("measure_links.subject_type", "=", "project")
    .where("measure_links.subject_id", "=", projectId)
    .select(["measures.id", "measures.code", "measures.title", "plans.slug as plan_slug", "plans.name as plan_name"])
    .orderBy("plans.name")
    .orderBy("measures.code")
    .execute();
}

/** The plans (for the coordinator's "add a measure" form). */
export async function listPlanChoices(db: DB) {
  return db.selectFrom("plans").select(["slug", "name"]).orderBy("name").execute();
}

const AUDIT_LINES: Record<string, string> = {
  "project.confirm-agreement": "協定書を確認しました",
  "project.report-save": "",
  "project.report-submit": "報告を提出しました",
  "project.report-accept": "報告を受理しました",
  "project.report-return": "報告を差し戻しました",
  "project.evaluation": "評価を入力しました",
  "project.measure-add": "施策を追加しました",
  "project.measure-remove": "施策を外しました",
};

/**
 * The project's timeline: the proposal's transitions (who, when, why) and the project's own steps from
 * the audit log (each side's confirmation, reports, evaluations, measures), oldest first.
 */
export async function projectTimeline(db: DB, project: Pick<ProjectDetail, "id" | "proposal_id">): Promise<{ at: string; line: string }[]> {
  const [transitions, audits] = await Promise.all([
    listTimeline(db, project.proposal_id),
    db
      .selectFrom("audit_log")
      .leftJoin("users", "users.id", "audit_log.actor_user_id")
      .where("audit_log.subject_type", "=", "project")
      .where("audit_log.subject_id", "=", project.id)
      .select(["audit_log.action", "audit_log.detail", "audit_log.created_at", "audit_log.actor_deleted_at", "users.display_name as actor_name"])
      .execute(),
  ]);
  const lines = [
    ...transitions.map((t) => ({ at: typeof t.at === "string" ? t.at : t.at.toISOString(), line: formatTimelineEntry(t) })),
    ...audits
      .filter((a) => AUDIT_LINES[a.action])
      .map((a) => {
        const detail = JSON.parse(a.detail) as { label?: string; reason?: string };
        const what = `${AUDIT_LINES[a.action]}${detail.label ? `（${detail.label}）` : ""}`;
        return { at: a.created_at, line: `${formatDateTime(a.created_at)} ${auditActorName(a)}が${what}${detail.reason ? ` — 理由: ${detail.reason}` : ""}` };
      }),
  ];
  return lines.sort((a, b) => a.at.localeCompare(b.at));
}

/** Whether the viewer is a member / the owner of the group. */
export async function groupRelation(db: DB, groupId: string, userId: string): Promise<{ isMember: boolean; isOwner: boolean }> {
  const row = await db.selectFrom("group_members").where("group_id", "=", groupId).where("user_id", "=", userId).select("role").executeTakeFirst();
  return { isMember: row !== undefined, isOwner: row?.role === "owner" };
}

/** Published calls of the next 年度, still open, the project could continue in (a government call must offer its sheet). */
export async function listRenewalCalls(db: DB, project: Pick<ProjectDetail, "fiscal_year" | "sheet_id">, at = new Date()) {
  let query = db
    .selectFrom("calls")
    .where("calls.status", "=", "published")
    .where("calls.fiscal_year", "=", project.fiscal_year + 1)
    .where("calls.closes_at", ">", at.toISOString())
    .select(["calls.id", "calls.title"]);
  query = project.sheet_id
    ? query.where("calls.type", "=", "government").where("calls.id", "in", db.selectFrom("call_sheets").where("call_sheets.sheet_id", "=", project.sheet_id).select("call_sheets.call_id"))
    : query.where("calls.type", "=", "citizen");
  return query.orderBy("calls.closes_at").execute();
}

/** The renewal proposal already made from this project, if any. */
export async function findRenewal(db: DB, projectId: string) {
  return db.selectFrom("proposals").where("renewal_of_project_id", "=", projectId).where("status", "not in", ["withdrawn", "rejected"]).select(["id", "status"]).executeTakeFirst();
}

/** The 年度 the viewer has projects in, the latest first: the yearly summary's choice of year. */
export async function listProjectFiscalYears(db: DB, viewer: Viewer): Promise<number[]> {
  const rows = await projectsOf(db, viewer).select("projects.fiscal_year").distinct().orderBy("projects.fiscal_year", "desc").execute();
  return rows.map((r) => Number(r.fiscal_year));
}

export const SUMMARY_PROJECTS_PER_PAGE = 100;

/**
 * The yearly summary (年度のまとめ): one page of the viewer's projects of one 年度, by call and title,
 * grouped by call, each with its outcome (status), the award, the final report's spending against the
 * plan and its line, and the average score of each evaluation side. In pages of 100: a big city's 年度
 * held 890 projects on the bench, read and shown whole in 2.6 s (docs/decisions/0015, "The second half of
 * the chain"); only the page's reports and evaluations are read.
 */
export async function projectYearSummary(db: DB, viewer: Viewer, fiscalYear: number, requestedPage = 1) {
  const ofYear = () => projectsOf(db, viewer).where("projects.fiscal_year", "=", fiscalYear);
  const { n } = await ofYear().select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, SUMMARY_PROJECTS_PER_PAGE);
  const pageIds = (
    await ofYear().innerJoin("calls", "calls.id", "projects.call_id").select("projects.id").orderBy("calls.title").orderBy("projects.call_id").orderBy("projects.title").orderBy("projects.id").limit(limit).offset(offset).execute()
  ).map((r) => r.id);
  const found = await readInOrder(pageIds, (ids) => projectListing(db, viewer).where("projects.id", "in", ids).execute());
  const projects = found.map((r) => ({ ...r, statusLabel: statusLabel(r.status as ProposalStatus), amount: parseAmounts(r.amounts)[0] ?? 0 }));
  const ids = projects.map((p) => p.id);
  const [reports, evaluations] = ids.length
    ? await Promise.all([
        db.selectFrom("project_reports").where("project_id", "in", ids).where("kind", "=", "final").select(["project_id", "status", "content", "summary"]).execute(),
        db.selectFrom("project_evaluations").where("project_id", "in", ids).select(["project_id", "side", "items"]).execute(),
      ])
    : [[], []];
  // By project: a year of a big city's projects is close to a thousand, and a search of the lists per row would be a million steps.
  const reportOf = new Map(reports.map((r) => [r.project_id, r]));
  const evaluationOf = new Map(evaluations.map((e) => [`${e.project_id}:${e.side}`, e]));
  const calls = new Map<string, { callId: string; callTitle: string; rows: ReturnType<typeof summaryRow>[] }>();
  function summaryRow(p: (typeof projects)[number]) {
    const report = reportOf.get(p.id);
    const spending = report ? readReportContent(report.content).spending : [];
    const average = (side: EvaluationSide) => {
      const items = evaluationOf.get(`${p.id}:${side}`);
      const scores = items ? readItems(items.items).map((i) => i.score) : [];
      return scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
    };
    return {
      id: p.id,
      title: p.title,
      groupName: p.group_name,
      statusLabel: p.statusLabel,
      amount: p.amount,
      planned: spending.reduce((s, l) => s + (l.planned ?? 0), 0),
      actual: report && report.status !== "draft" ? spending.reduce((s, l) => s + (l.actual ?? 0), 0) : null,
      reportStatus: (report?.status ?? null) as ReportStatus | null,
      summary: report?.status === "accepted" ? report.summary : "",
      evaluation: { group: average("group"), department: average("department"), third_party: average("third_party") },
    };
  }
  for (const p of projects) {
    const entry = calls.get(p.call_id) ?? { callId: p.call_id, callTitle: p.call_title, rows: [] };
    entry.rows.push(summaryRow(p));
    calls.set(p.call_id, entry);
  }
  return { calls: [...calls.values()], total, page, pageCount };
}

/** The files attached to a project's report, as the proposal's attachments keep them (label per kind). */
export async function listReportAttachments(db: DB, proposalId: string, label: string) {
  return db
    .selectFrom("proposal_attachments")
    .where("proposal_id", "=", proposalId)
    .where("label", "=", label)
    .orderBy("uploaded_at")
    .select(["id", "file_name", "size"])
    .execute();
}
