// Collaboration projects (協働事業): created by an award, then the agreement (both sides confirm), the
// start, results reports (accepted or returned), evidence on the plan's measures, evaluation and closing.
// Each command is one transaction; the proposal's status changes only through the proposals area's
// `applyTransition`, inside that transaction. Refusals are one error class, ProjectRefusedError, in
// Japanese, saying what to do next. Notifications are written inside; the route mails them after commit.
import type { DB } from "../../../db/index";
import { isUniqueViolation, newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { hasRole } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { openConditionCount } from "../awards/conditions.server";
import { coordinatorIds, groupMemberIds, notify, relatedStaffIds } from "../notifications/commands.server";
import { recordProjectEvidenceIn } from "../plans/commands.server";
import { readContent } from "../proposals/content";
import { applyTransition, createDraft, ProposalRefusedError, type AppliedTransition, type TransitionInput } from "../proposals/commands.server";
import type { ProposalStatus } from "../proposals/lifecycle";
import { agreementNumberPrefix, formatAgreementNumber } from "./agreement";
import { EVALUATION_SIDE_LABELS, toStoredItems, type EvaluationForm, type EvaluationSide } from "./evaluation";
import { initialReportContent, REPORT_KIND_LABELS, reportDueOn, reportStatusesFor, reportSubmissionProblems, type ReportContent, type ReportKind } from "./report";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields. */
export class ProjectRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

/**
 * The project an award creates, at the publication of its call's decisions (once: a second call for
 * the same proposal returns the existing project). `amounts` are the award in yen by project year.
 */
export async function createProjectForAward(trx: DB, proposalId: string, amounts: readonly number[]): Promise<string> {
  const existing = await trx.selectFrom("projects").where("proposal_id", "=", proposalId).select("id").executeTakeFirst();
  if (existing) return existing.id;
  const proposal = await trx
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .leftJoin("projects as previous", "previous.id", "proposals.renewal_of_project_id")
    .where("proposals.id", "=", proposalId)
    .select(["proposals.call_id", "proposals.group_id", "proposals.title", "proposals.renewal_of_project_id", "calls.fiscal_year", "previous.project_year as previous_year", "previous.total_years as previous_total"])
    .executeTakeFirstOrThrow();
  const id = newId();
  const stamp = now();
  await trx
    .insertInto("projects")
    .values({
      id,
      proposal_id: proposalId,
      call_id: proposal.call_id,
      group_id: proposal.group_id,
      title: proposal.title,
      fiscal_year: proposal.fiscal_year,
      project_year: (proposal.previous_year ?? 0) + 1,
      total_years: Math.max(amounts.length, proposal.previous_total ?? 1, 1),
      amounts: JSON.stringify(amounts),
      renewal_of_project_id: proposal.renewal_of_project_id,
      agreement_number: null,
      group_confirmed_by: null,
      group_confirmed_at: null,
      city_confirmed_by: null,
      city_confirmed_at: null,
      ended_at: null,
      ended_reason: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}

// ---- shared -----------------------------------------------------------------------------------------

/** The viewer's relation to the project, as the loader worked it out (app/auth/access/projects.server.ts). */
export interface ProjectRelation {
  isMember: boolean;
  isOwner: boolean;
  ofDepartment: boolean;
}

/** The city's side as the proposal's timeline names it: the related department, else the coordinator. */
export function cityActor(viewer: Viewer, relation: ProjectRelation): "department" | "coordinator" {
  return relation.ofDepartment && hasRole(viewer, "department_staff") ? "department" : "coordinator";
}

async function loadProject(trx: DB, projectId: string) {
  const project = await trx
    .selectFrom("projects")
    .innerJoin("proposals", "proposals.id", "projects.proposal_id")
    .innerJoin("calls", "calls.id", "projects.call_id")
    .where("projects.id", "=", projectId)
    .selectAll("projects")
    .select(["proposals.status", "proposals.sheet_id", "proposals.current_version", "proposals.draft", "calls.interim_report"])
    .executeTakeFirst();
  if (!project) throw new ProjectRefusedError("協働事業が見つかりません。", {}, 404);
  return { ...project, status: project.status as ProposalStatus };
}

/** The proposal's transition, its refusal turned into this area's. */
async function transitionProposal(trx: DB, viewer: Viewer, proposalId: string, input: TransitionInput): Promise<AppliedTransition> {
  try {
    return await applyTransition(trx, viewer, proposalId, input);
  } catch (error) {
    if (error instanceof ProposalRefusedError) throw new ProjectRefusedError(error.reason, error.problems, error.status);
    throw error;
  }
}


async function departmentNames(db: DB, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposal_departments")
    .innerJoin("departments", "departments.id", "proposal_departments.department_id")
    .where("proposal_departments.proposal_id", "=", proposalId)
    .select("departments.name")
    .orderBy("departments.name")
    .execute();
  return rows.map((r) => r.name);
}

const ENDED_STATUSES: readonly ProposalStatus[] = ["declined", "cancelled"];

function refuseIfEnded(project: { ended_at: string | null; status: ProposalStatus }) {
  if (project.ended_at || ENDED_STATUSES.includes(project.status)) {
    throw new ProjectRefusedError("この事業は辞退または取消により終了しています。これ以上の手続きはできません。", {}, 409);
  }
}

// ---- agreement (協定) ----------------------------------------------------------------------------------

export interface ConfirmResult {
  /** Both sides have confirmed: the agreement is concluded (協定締結済み). */
  concluded: boolean;
  agreementNumber: string | null;
  notificationIds: string[];
}

async function nextAgreementNumber(trx: DB, fiscalYear: number): Promise<string> {
  const prefix = agreementNumberPrefix(fiscalYear);
  const rows = await trx.selectFrom("projects").where("agreement_number", "like", `${prefix}%`).select("agreement_number").execute();
  const max = rows.reduce((m, r) => Math.max(m, Number((r.agreement_number ?? "").slice(prefix.length)) || 0), 0);
  return formatAgreementNumber(fiscalYear, max + 1);
}

/**
 * When the agreement is concluded the project is linked (measure_links, subject 'project') to every plan
 * measure linked to its matching sheet (or, without one, to its call's sheets) or to its call.
 */
async function linkMeasuresOfSheetAndCall(trx: DB, viewer: Viewer, project: Awaited<ReturnType<typeof loadProject>>) {
  const sheetIds = project.sheet_id
    ? [project.sheet_id]
    : (await trx.selectFrom("call_sheets").where("call_id", "=", project.call_id).select("sheet_id").execute()).map((r) => r.sheet_id);
  const links = await trx
    .selectFrom("measure_links")
    .where((eb) =>
      eb.or([
        ...(sheetIds.length ? [eb.and([eb("subject_type", "=", "matching_sheet"), eb("subject_id", "in", sheetIds)])] : []),
        eb.and([eb("subject_type", "=", "call"), eb("subject_id", "=", project.call_id)]),
      ]),
    )
    .select("measure_id")
    .execute();
  const measureIds = [...new Set(links.map((l) => l.measure_id))];
  const names = (await departmentNames(trx, project.proposal_id)).join("、") || null;
  for (const measureId of measureIds) {
    await linkMeasure(trx, viewer, project, measureId, names);
  }
  return measureIds;
}

async function linkMeasure(trx: DB, viewer: Viewer, project: { id: string; fiscal_year: number }, measureId: string, departmentName: string | null): Promise<boolean> {
  const existing = await trx
    .selectFrom("measure_links")
    .where("measure_id", "=", measureId)
    .where("subject_type", "=", "project")
    .where("subject_id", "=", project.id)
    .select("id")
    .executeTakeFirst();
  if (existing) return false;
  await trx
    .insertInto("measure_links")
    .values({ id: newId(), measure_id: measureId, subject_type: "project", subject_id: project.id, fiscal_year: project.fiscal_year, department_name: departmentName, linked_by: viewer.id, linked_at: now() })
    .execute();
  return true;
}

/**
 * One side confirms the agreement: the group's owner for the group, the related department's staff or
 * the coordinator for the city. Refused while a condition of a conditional adoption is open (naming
 * them), twice by the same side, or after the award ended. When the second side confirms, the agreement
 * gets its number (R9-協定-001), the proposal becomes 協定締結済み (conclude_agreement, by whoever
 * confirmed second) and the project is linked to the measures of its sheet and call.
 */
export async function confirmAgreement(db: DB, viewer: Viewer, projectId: string, side: "group" | "city", relation: ProjectRelation): Promise<ConfirmResult> {
  const run = () =>
    db.transaction().execute(async (trx) => {
      const project = await loadProject(trx, projectId);
      refuseIfEnded(project);
      if (side === "group" && !relation.isOwner) {
        throw new ProjectRefusedError("協定書の確認は、団体の代表者（団体のオーナー）が行います。代表者に確認を依頼してください。", {}, 403);
      }
      if (side === "city" && !relation.ofDepartment && !hasRole(viewer, "coordinator")) {
        throw new ProjectRefusedError("協定書の市側の確認は、担当課の職員または協働推進課が行います。", {}, 403);
      }
      if (project.status !== "adopted" && project.status !== "conditionally_adopted") {
        if (project.agreement_number) throw new ProjectRefusedError(`協定は既に締結されています（協定番号 ${project.agreement_number}）。`, {}, 409);
        throw new ProjectRefusedError("採択の結果が公表されるまで、協定書は確認できません。", {}, 409);
      }
      const open = await trx
        .selectFrom("decision_conditions")
        .where("proposal_id", "=", project.proposal_id)
        .where("status", "!=", "confirmed")
        .select(["position", "text"])
        .orderBy("position")
        .execute();
      if ((await openConditionCount(trx, project.proposal_id)) > 0) {
        throw new ProjectRefusedError(
          `採択の条件のうち${open.length}件がまだ確認されていないため、協定を締結できません。条件への回答と担当課・協働推進課の確認を済ませてください。`,
          { conditions: open.map((c) => `条件${c.position + 1}: ${c.text}`) },
          409,
        );
      }
      const mine = side === "group" ? project.group_confirmed_at : project.city_confirmed_at;
      if (mine) throw new ProjectRefusedError(`${side === "group" ? "団体" : "市"}側は既に協定書を確認しています。もう一方の確認を待っています。`, {}, 409);
      const stamp = now();
      const updated = await (side === "group"
        ? trx.updateTable("projects").set({ group_confirmed_by: viewer.id, group_confirmed_at: stamp, updated_at: stamp }).where("id", "=", projectId).where("group_confirmed_at", "is", null)
        : trx.updateTable("projects").set({ city_confirmed_by: viewer.id, city_confirmed_at: stamp, updated_at: stamp }).where("id", "=", projectId).where("city_confirmed_at", "is", null)
      ).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ProjectRefusedError("ほかの操作で確認済みになりました。ページを再読み込みしてください。", {}, 409);
      await recordAudit(trx, { actorId: viewer.id, action: "project.confirm-agreement", subjectType: "project", subjectId: projectId, detail: { label: side === "group" ? "団体" : "市" } });
      const other = side === "group" ? project.city_confirmed_at : project.group_confirmed_at;
      if (!other) {
        const recipients = side === "group" ? [...(await relatedStaffIds(trx, project.proposal_id)), ...(await coordinatorIds(trx))] : await groupMemberIds(trx, project.group_id);
        const ids = await notify(trx, recipients, {
          kind: "project_agreement",
          title: `協定書の確認をお願いします: 「${project.title}」`,
          body: `${side === "group" ? "団体" : "市"}側が協定書を確認しました。内容を確認し、「協定書を確認する」を押してください。`,
          link: `/projects/${projectId}/agreement`,
        });
        return { concluded: false, agreementNumber: null, notificationIds: ids };
      }
      const agreementNumber = await nextAgreementNumber(trx, project.fiscal_year);
      await trx.updateTable("projects").set({ agreement_number: agreementNumber }).where("id", "=", projectId).execute();
      const actor = side === "group" ? "group" : cityActor(viewer, relation);
      const applied = await transitionProposal(trx, viewer, project.proposal_id, { action: "conclude_agreement", actor, reason: null });
      await linkMeasuresOfSheetAndCall(trx, viewer, project);
      return { concluded: true, agreementNumber, notificationIds: applied.notificationIds };
    });
  // Two agreements concluded at the same moment may take the same number: the unique index refuses the second, which tries again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** The city starts the project (実施中); its reports are created with their due dates. */
export async function startProject(db: DB, viewer: Viewer, projectId: string, relation: ProjectRelation): Promise<AppliedTransition> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    refuseIfEnded(project);
    const applied = await transitionProposal(trx, viewer, project.proposal_id, { action: "start_project", actor: cityActor(viewer, relation), reason: null });
    const version = await trx.selectFrom("proposal_versions").where("proposal_id", "=", project.proposal_id).where("version", "=", project.current_version).select("content").executeTakeFirst();
    const initial = JSON.stringify(initialReportContent(readContent(version?.content ?? project.draft)));
    const kinds: ReportKind[] = Number(project.interim_report) === 1 ? ["interim", "final"] : ["final"];
    const stamp = now();
    for (const kind of kinds) {
      const exists = await trx.selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", kind).select("id").executeTakeFirst();
      if (exists) continue;
      await trx
        .insertInto("project_reports")
        .values({
          id: newId(),
          project_id: projectId,
          kind,
          due_on: reportDueOn(kind, project.fiscal_year),
          status: "draft",
          content: initial,
          summary: "",
          revision: 1,
          saved_by: null,
          saved_at: stamp,
          submitted_by: null,
          submitted_at: null,
          decided_by: null,
          decided_at: null,
          return_reason: null,
          reminded_at: null,
        })
        .execute();
    }
    return applied;
  });
}

/**
 * The award falls through before the project runs: the group declines it (辞退) or the coordinator
 * cancels it (取消), with a reason; the project records when and why it ended.
 */
export async function endAward(db: DB, viewer: Viewer, projectId: string, how: "decline" | "cancel_award", reason: string): Promise<AppliedTransition> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    refuseIfEnded(project);
    const applied = await transitionProposal(trx, viewer, project.proposal_id, { action: how, actor: how === "decline" ? "group" : "coordinator", reason });
    await trx.updateTable("projects").set({ ended_at: applied.at, ended_reason: applied.reason, updated_at: applied.at }).where("id", "=", projectId).execute();
    return applied;
  });
}

// ---- measures (evidence on the plan) ------------------------------------------------------------------

async function acceptedFinal(trx: DB, projectId: string) {
  return trx.selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", "final").where("status", "=", "accepted").select(["summary"]).executeTakeFirst();
}

async function writeEvidence(trx: DB, viewer: Viewer, project: { id: string; proposal_id: string; fiscal_year: number }, summary: string) {
  const measureIds = (
    await trx.selectFrom("measure_links").where("subject_type", "=", "project").where("subject_id", "=", project.id).select("measure_id").execute()
  ).map((r) => r.measure_id);
  if (measureIds.length === 0) return 0;
  await recordProjectEvidenceIn(trx, { projectId: project.id, measureIds, text: summary, fiscalYear: project.fiscal_year, departmentNames: await departmentNames(trx, project.proposal_id), actorId: viewer.id });
  return measureIds.length;
}

/** The coordinator links the project to a measure (by plan and code as printed), with a reason. */
export async function addProjectMeasure(db: DB, viewer: Viewer, projectId: string, input: { planSlug: string; code: string; reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const measure = await trx
      .selectFrom("measures")
      .innerJoin("plans", "plans.id", "measures.plan_id")
      .where("plans.slug", "=", input.planSlug)
      .where("measures.code", "=", input.code.trim())
      .select(["measures.id", "measures.code", "measures.title"])
      .executeTakeFirst();
    if (!measure) throw new ProjectRefusedError("その番号の施策が見つかりません。", { code: [`計画「${input.planSlug}」に番号「${input.code}」の施策はありません。計画のページに印刷どおりの番号を確かめてください`] });
    const names = (await departmentNames(trx, project.proposal_id)).join("、") || null;
    if (!(await linkMeasure(trx, viewer, project, measure.id, names))) throw new ProjectRefusedError("この施策は既に結び付いています。", { code: ["この施策は既に結び付いています"] }, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "project.measure-add", subjectType: "project", subjectId: projectId, detail: { label: `${measure.code} ${measure.title}`, reason: input.reason } });
    // Added after the final report was accepted: the measure gets its entry at once.
    const accepted = await acceptedFinal(trx, projectId);
    if (accepted) await writeEvidence(trx, viewer, project, accepted.summary);
  });
}

/** The coordinator removes a measure from the project, with a reason; its entry from the project goes too. */
export async function removeProjectMeasure(db: DB, viewer: Viewer, projectId: string, measureId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const measure = await trx.selectFrom("measures").where("id", "=", measureId).select(["code", "title"]).executeTakeFirst();
    const removed = await trx.deleteFrom("measure_links").where("measure_id", "=", measureId).where("subject_type", "=", "project").where("subject_id", "=", projectId).executeTakeFirst();
    if (!measure || Number(removed.numDeletedRows) === 0) throw new ProjectRefusedError("この施策は結び付いていません。ページを再読み込みしてください。", {}, 404);
    await trx.deleteFrom("progress_entries").where("measure_id", "=", measureId).where("source", "=", "project").where("source_id", "=", projectId).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "project.measure-remove", subjectType: "project", subjectId: projectId, detail: { label: `${measure.code} ${measure.title}`, reason } });
  });
}

// ---- results reports (実績報告) -------------------------------------------------------------------------

async function loadReport(trx: DB, projectId: string, kind: ReportKind) {
  const report = await trx.selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", kind).selectAll().executeTakeFirst();
  if (!report) throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}は、事業の開始後に書けるようになります。`, {}, 409);
  return report;
}

/** Saves the group's report from `baseRevision`; refused (409, the typed text kept) when someone saved meanwhile. */
export async function saveReport(db: DB, viewer: Viewer, projectId: string, kind: ReportKind, content: ReportContent, baseRevision: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    refuseIfEnded(project);
    const report = await loadReport(trx, projectId, kind);
    if (report.status === "submitted" || report.status === "accepted") {
      throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}は提出済みのため、編集できません${report.status === "submitted" ? "（差し戻されると編集できます）" : ""}。`, {}, 409);
    }
    if (report.revision !== baseRevision && report.saved_by !== viewer.id) {
      throw new ProjectRefusedError("ほかのメンバーがこの報告を保存しています。あなたの入力は消えていませんが、保存されていません。入力内容を控えてからページを開き直してください。", {}, 409);
    }
    const revision = report.revision + 1;
    const updated = await trx
      .updateTable("project_reports")
      .set({ content: JSON.stringify(content), summary: content.summary, revision, saved_by: viewer.id, saved_at: now() })
      .where("id", "=", report.id)
      .where("revision", "=", report.revision)
      .where("status", "in", reportStatusesFor("save"))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ProjectRefusedError("ほかの操作で報告が変わりました。入力内容を控えてからページを開き直してください。", {}, 409);
    return revision;
  });
}

/**
 * The group submits its report (after saving it): refused with every problem beside its field — an
 * indicator without its actual value, a spending line off its plan by more than ±20 % without an
 * explanation. The final report moves the proposal to 実績報告済み (report).
 */
export async function submitReport(db: DB, viewer: Viewer, projectId: string, kind: ReportKind): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    refuseIfEnded(project);
    const report = await loadReport(trx, projectId, kind);
    if (report.status === "submitted" || report.status === "accepted") throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}は既に提出されています。`, {}, 409);
    const content = JSON.parse(report.content) as ReportContent;
    const problems = reportSubmissionProblems(content);
    if (Object.keys(problems).length > 0) throw new ProjectRefusedError("提出する前に、次の項目を入力してください。入力した内容は保存されています。", problems);
    if (kind === "interim" && project.status !== "in_progress") throw new ProjectRefusedError("中間報告は事業の実施中に提出します。", {}, 409);
    const stamp = now();
    const updated = await trx
      .updateTable("project_reports")
      .set({ status: "submitted", submitted_by: viewer.id, submitted_at: stamp, return_reason: null })
      .where("id", "=", report.id)
      .where("status", "in", reportStatusesFor("submit"))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}は既に提出されています。`, {}, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "project.report-submit", subjectType: "project", subjectId: projectId, detail: { label: REPORT_KIND_LABELS[kind] } });
    if (kind === "final") return (await transitionProposal(trx, viewer, project.proposal_id, { action: "report", actor: "group", reason: null })).notificationIds;
    return notify(trx, await relatedStaffIds(trx, project.proposal_id), {
      kind: "project_report",
      title: `${REPORT_KIND_LABELS[kind]}が提出されました: 「${project.title}」`,
      body: "内容を確認し、受理するか理由を付けて差し戻してください。",
      link: `/projects/${projectId}/reports/${kind}`,
    });
  });
}

/**
 * The city accepts a submitted report. The final report's acceptance makes the project evidence on the
 * plan: a progress entry (the report's one-line summary, the fiscal year, the departments) on every
 * measure linked to the project.
 */
export async function acceptReport(db: DB, viewer: Viewer, projectId: string, kind: ReportKind, editedSummary?: string): Promise<{ measures: number; notificationIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const report = await loadReport(trx, projectId, kind);
    if (report.status !== "submitted") throw new ProjectRefusedError(report.status === "accepted" ? "この報告は既に受理されています。" : "提出された報告だけを受理できます。", {}, 409);
    const stamp = now();
    // The city may correct the line the progress list will print before accepting it.
    const summary = editedSummary?.trim() || report.summary;
    const updated = await trx.updateTable("project_reports").set({ status: "accepted", decided_by: viewer.id, decided_at: stamp, summary }).where("id", "=", report.id).where("status", "in", reportStatusesFor("accept")).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ProjectRefusedError("この報告は既に受理されています。", {}, 409);
    report.summary = summary;
    await recordAudit(trx, { actorId: viewer.id, action: "project.report-accept", subjectType: "project", subjectId: projectId, detail: { label: REPORT_KIND_LABELS[kind] } });
    const measures = kind === "final" ? await writeEvidence(trx, viewer, project, report.summary) : 0;
    const notificationIds = await notify(trx, await groupMemberIds(trx, project.group_id), {
      kind: "project_report",
      title: `${REPORT_KIND_LABELS[kind]}が受理されました: 「${project.title}」`,
      body: kind === "final" ? "実績報告が受理されました。次は評価（自己評価）を入力してください。" : "中間報告が受理されました。",
      link: `/projects/${projectId}`,
    });
    return { measures, notificationIds };
  });
}

/** The city returns a submitted report with a reason; the final one moves the proposal back to 実施中 (return_report). */
export async function returnReport(db: DB, viewer: Viewer, projectId: string, kind: ReportKind, reason: string, relation: ProjectRelation): Promise<string[]> {
  const why = reason.trim();
  if (!why) throw new ProjectRefusedError("差し戻す理由を入力してください。", { reason: ["差し戻す理由を入力してください（団体に伝わります）"] });
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const report = await loadReport(trx, projectId, kind);
    if (report.status !== "submitted") throw new ProjectRefusedError("提出された報告だけを差し戻せます。", {}, 409);
    const updated = await trx.updateTable("project_reports").set({ status: "returned", decided_by: viewer.id, decided_at: now(), return_reason: why }).where("id", "=", report.id).where("status", "in", reportStatusesFor("return")).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ProjectRefusedError("ほかの操作で報告の状態が変わりました。ページを再読み込みしてください。", {}, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "project.report-return", subjectType: "project", subjectId: projectId, detail: { label: REPORT_KIND_LABELS[kind], reason: why } });
    if (kind === "final") return (await transitionProposal(trx, viewer, project.proposal_id, { action: "return_report", actor: cityActor(viewer, relation), reason: why })).notificationIds;
    return notify(trx, await groupMemberIds(trx, project.group_id), {
      kind: "project_report",
      title: `${REPORT_KIND_LABELS[kind]}が差し戻されました: 「${project.title}」`,
      body: `理由: ${why}\n内容を修正して、もう一度提出してください。`,
      link: `/projects/${projectId}/reports/${kind}`,
    });
  });
}

// ---- evaluation (評価) -----------------------------------------------------------------------------------

/** Which evaluation sides the viewer writes: the group its self-evaluation, the department its own, the coordinator the third party's (or the department's when no staff is related). */
export function evaluationSidesFor(viewer: Viewer, relation: ProjectRelation): EvaluationSide[] {
  const sides: EvaluationSide[] = [];
  if (relation.isMember && hasRole(viewer, "group_member")) sides.push("group");
  if (relation.ofDepartment && hasRole(viewer, "department_staff")) sides.push("department");
  if (hasRole(viewer, "coordinator")) sides.push("department", "third_party");
  return [...new Set(sides)];
}

/** Writes (or rewrites) one side's evaluation, once the final report is in and until the evaluation is recorded. */
export async function submitEvaluation(db: DB, viewer: Viewer, projectId: string, form: EvaluationForm, relation: ProjectRelation): Promise<void> {
  if (!evaluationSidesFor(viewer, relation).includes(form.side)) throw new ProjectRefusedError(`${EVALUATION_SIDE_LABELS[form.side]}は入力できません。`, {}, 403);
  await db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    if (project.status !== "reported") {
      throw new ProjectRefusedError(
        project.status === "evaluated" || project.status === "closed" ? "評価は既に記録されています。" : "評価は、実績報告（最終）の提出後に入力できます。",
        {},
        409,
      );
    }
    await trx.deleteFrom("project_evaluations").where("project_id", "=", projectId).where("side", "=", form.side).execute();
    await trx
      .insertInto("project_evaluations")
      .values({ id: newId(), project_id: projectId, side: form.side, items: JSON.stringify(toStoredItems(form)), comment: form.comment, submitted_by: viewer.id, submitted_at: now() })
      .execute();
    await recordAudit(trx, { actorId: viewer.id, action: "project.evaluation", subjectType: "project", subjectId: projectId, detail: { label: EVALUATION_SIDE_LABELS[form.side] } });
  });
}

/** The city records the evaluation (評価済み): the final report accepted, the self and the department evaluations in. */
export async function recordEvaluation(db: DB, viewer: Viewer, projectId: string, relation: ProjectRelation): Promise<AppliedTransition> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    if (!(await acceptedFinal(trx, projectId))) throw new ProjectRefusedError("実績報告（最終）を受理してから、評価を記録してください。", {}, 409);
    const sides = (await trx.selectFrom("project_evaluations").where("project_id", "=", projectId).select("side").execute()).map((r) => r.side);
    const missing = (["group", "department"] as const).filter((side) => !sides.includes(side)).map((side) => EVALUATION_SIDE_LABELS[side]);
    if (missing.length) throw new ProjectRefusedError(`${missing.join("と")}がまだ入力されていません。両方がそろってから評価を記録してください。`, {}, 409);
    return transitionProposal(trx, viewer, project.proposal_id, { action: "evaluate", actor: cityActor(viewer, relation), reason: null });
  });
}

/** The coordinator closes the project (完了). */
export async function closeProject(db: DB, viewer: Viewer, projectId: string): Promise<AppliedTransition> {
  return db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    return transitionProposal(trx, viewer, project.proposal_id, { action: "close", actor: "coordinator", reason: null });
  });
}

// ---- renewal (継続) ------------------------------------------------------------------------------------

/** A renewal is open to the group once the project is evaluated or closed, while years remain. */
export function renewable(project: { status: ProposalStatus; project_year: number; total_years: number; ended_at: string | null }): boolean {
  return (project.status === "evaluated" || project.status === "closed") && project.project_year < project.total_years && project.ended_at === null;
}

/**
 * Next year's proposal, for a call of the next 年度: a draft prefilled from this project's proposal and
 * linked to it (proposals.renewal_of_project_id); the budget lines of the next year (or, when the
 * proposal planned only one, its lines again) become its year 1. The group reviews and submits it as
 * any proposal; the award of a renewal continues the project's years (createProjectForAward).
 */
export async function startRenewal(db: DB, viewer: Viewer, projectId: string, callId: string, relation: ProjectRelation): Promise<string> {
  if (!relation.isMember) throw new ProjectRefusedError("継続の提案は団体のメンバーが作成します。", {}, 403);
  const project = await loadProject(db, projectId);
  if (!renewable(project)) {
    throw new ProjectRefusedError(
      project.project_year >= project.total_years ? `この事業は全${project.total_years}年の最終年です。継続の提案はできません。` : "継続の提案は、評価の記録後にできます。",
      {},
      409,
    );
  }
  const existing = await db.selectFrom("proposals").where("renewal_of_project_id", "=", projectId).where("status", "not in", ["withdrawn", "rejected"]).select("id").executeTakeFirst();
  if (existing) throw new ProjectRefusedError("この事業の継続の提案は既に作成されています。", { proposalId: [existing.id] }, 409);
  const call = await db.selectFrom("calls").where("id", "=", callId).select(["fiscal_year"]).executeTakeFirst();
  if (!call || call.fiscal_year !== project.fiscal_year + 1) throw new ProjectRefusedError("次の年度の募集を選んでください。", { callId: ["次の年度の募集を選んでください"] });
  const version = await db.selectFrom("proposal_versions").where("proposal_id", "=", project.proposal_id).where("version", "=", project.current_version).select("content").executeTakeFirst();
  const previous = readContent(version?.content ?? project.draft);
  const nextLines = previous.budget.filter((l) => (l.year ?? 1) === 2);
  const budget = (nextLines.length ? nextLines : previous.budget.filter((l) => (l.year ?? 1) === 1)).map((l) => ({ ...l, year: 1 }));
  const departmentIds = (await db.selectFrom("proposal_departments").where("proposal_id", "=", project.proposal_id).select("department_id").execute()).map((r) => r.department_id);
  try {
    return await createDraft(db, viewer, {
      callId,
      groupId: project.group_id,
      sheetId: project.sheet_id,
      renewal: { projectId, content: { ...previous, title: `${previous.title}（${project.project_year + 1}年目）`, budget }, departmentIds },
    });
  } catch (error) {
    if (error instanceof ProposalRefusedError) throw new ProjectRefusedError(error.reason, error.problems, error.status);
    throw error;
  }
}

/** The label a report's attached files carry among the proposal's attachments (where downloads are guarded). */
export const reportAttachmentLabel = (kind: ReportKind) => `${REPORT_KIND_LABELS[kind]}の添付資料`;

/**
 * A file attached to a results report (photos, leaflets, copies of receipts) by the group while the report
 * can still be edited. Kept with the proposal's attachments, so its download is guarded like theirs.
 */
export async function attachReportFile(db: DB, viewer: Viewer, projectId: string, kind: ReportKind, file: { id: string; fileName: string; mime: string; size: number; sha256: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom("project_reports")
      .innerJoin("projects", "projects.id", "project_reports.project_id")
      .where("project_reports.project_id", "=", projectId)
      .where("project_reports.kind", "=", kind)
      .select(["project_reports.status", "projects.proposal_id", "projects.ended_at"])
      .executeTakeFirst();
    if (!report) throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}はまだ作られていません（事業の開始後に作られます）。`, {}, 409);
    if (report.ended_at || !reportStatusesFor("save").includes(report.status)) {
      throw new ProjectRefusedError(`${REPORT_KIND_LABELS[kind]}は提出済みのため、ファイルを添付できません${report.status === "submitted" ? "（差し戻されると添付できます）" : ""}。`, {}, 409);
    }
    await trx
      .insertInto("proposal_attachments")
      .values({ id: file.id, proposal_id: report.proposal_id, label: reportAttachmentLabel(kind), file_name: file.fileName, mime: file.mime, size: file.size, sha256: file.sha256, uploaded_by: viewer.id, uploaded_at: now() })
      .execute();
    await recordAudit(trx, { actorId: viewer.id, action: "project.report-attach", subjectType: "project", subjectId: projectId, detail: { label: REPORT_KIND_LABELS[kind], file: file.fileName } });
  });
}
