// One project (協働事業): group, theme, call, departments, amounts by year, status, the agreement's state,
// reports, evaluations, the plan measures it is evidence for, and the timeline. Actions here: the city
// starts the project; the group declines the award (辞退) or the coordinator cancels it (取消), with a
// reason; the coordinator adds or removes a measure, with a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { AgreementPanel } from "~/components/projects/project-agreement";
import { MeasuresPanel } from "~/components/projects/project-measures";
import { EvaluationsPanel, ProjectTimelinePanel, ReportsPanel } from "~/components/projects/project-progress";
import { RenewalPanel } from "~/components/projects/project-renewal";
import type { ProjectReply } from "~/components/projects/project-reply";
import { ProjectFacts } from "~/components/projects/project-summary";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { formatFiscalYear, formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { statusLabel } from "~/domain/proposals/lifecycle";
import { formatYen } from "~/domain/number-format";
import { loadProjectFor } from "~/auth/access/projects.server";
import { addProjectMeasure, endAward, ProjectRefusedError, removeProjectMeasure, renewable, startProject, startRenewal } from "~/domain/projects/commands.server";
import { EVALUATION_SIDE_LABELS } from "~/domain/projects/evaluation";
import { findRenewal, listEvaluations, listPlanChoices, listProjectMeasures, listRenewalCalls, listReports, projectTimeline } from "~/domain/projects/queries.server";
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS } from "~/domain/projects/report";
import { z } from "~/domain/zod";
import { formatDate } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.title || "協働事業"} | 協働マッチングポータル` }];

const reasonField = (label: string) => z.string({ error: `${label}を入力してください` }).trim().min(1, `${label}を入力してください`).max(2000, `${label}は2000文字以内で入力してください`);

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("decline"), reason: reasonField("辞退の理由") }),
  z.object({ intent: z.literal("cancel"), reason: reasonField("取消の理由") }),
  z.object({
    intent: z.literal("add_measure"),
    planSlug: z.string({ error: "計画を選んでください" }).min(1, "計画を選んでください").max(100),
    code: z.string({ error: "施策の番号を入力してください" }).trim().min(1, "施策の番号を入力してください").max(60, "番号は60文字以内で入力してください"),
    reason: reasonField("追加する理由"),
  }),
  z.object({ intent: z.literal("remove_measure"), measureId: z.string().min(1).max(64), reason: reasonField("外す理由") }),
  z.object({ intent: z.literal("renew"), callId: z.string({ error: "次の年度の募集を選んでください" }).min(1, "次の年度の募集を選んでください").max(64) }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const db = getDb();
  const [reports, evaluations, measures, timeline, plans] = await Promise.all([
    listReports(db, project.id),
    listEvaluations(db, project.id),
    listProjectMeasures(db, project.id),
    projectTimeline(db, project),
    can(viewer, "project:coordinate", subject) ? listPlanChoices(db) : Promise.resolve([]),
  ]);
  const canRenew = can(viewer, "project:act-as-group", subject) && renewable(project);
  const [renewalCalls, renewal] = canRenew ? await Promise.all([listRenewalCalls(db, project), findRenewal(db, project.id)]) : [[], undefined];
  const awarded = project.status === "adopted" || project.status === "conditionally_adopted";
  const ended = project.ended_at !== null;
  return json({
    project: {
      id: project.id,
      title: project.title || "（無題）",
      status: project.status,
      statusLabel: project.statusLabel,
      groupName: project.group_name,
      callTitle: project.call_title,
      callId: project.call_id,
      proposalId: project.proposal_id,
      receiptNumber: project.receipt_number,
      theme: project.sheet_title,
      sheetId: project.sheet_id,
      departments: project.departments.map((d) => d.name),
      fiscalYear: formatFiscalYearWithWestern(project.fiscal_year),
      year: `${project.project_year}年目／全${project.total_years}年`,
      amounts: project.amountsByYear.map((amount, i) => ({ year: `${project.project_year + i}年目（${formatFiscalYear(project.fiscal_year + i)}）`, amount: formatYen(amount) })),
      agreementNumber: project.agreement_number,
      groupConfirmed: project.group_confirmed_at ? `${project.group_confirmer_name ?? ""}（${formatDate(project.group_confirmed_at)}）` : null,
      cityConfirmed: project.city_confirmed_at ? `${project.city_confirmer_name ?? ""}（${formatDate(project.city_confirmed_at)}）` : null,
      endedReason: project.ended_reason,
      endedAt: project.ended_at ? formatDate(project.ended_at) : null,
      decisionReason: project.decision_reason,
    },
    reports: reports.map((r) => ({ kind: r.kind, label: REPORT_KIND_LABELS[r.kind], status: REPORT_STATUS_LABELS[r.status], dueOn: formatDate(r.due_on), summary: r.summary })),
    evaluations: evaluations.map((e) => ({ side: EVALUATION_SIDE_LABELS[e.side], at: formatDate(e.submitted_at) })),
    measures: measures.map((m) => ({ id: m.id, code: m.code, title: m.title, planName: m.plan_name })),
    plans,
    timeline,
    renewal: canRenew ? { calls: renewalCalls, existingId: renewal?.id ?? null, nextYear: project.project_year + 1 } : null,
    may: {
      start: can(viewer, "project:act-as-city", subject) && project.status === "agreed" && !ended,
      decline: can(viewer, "project:act-as-group", subject) && awarded && !ended,
      cancel: can(viewer, "project:coordinate", subject) && (awarded || project.status === "agreed") && !ended,
      measures: can(viewer, "project:coordinate", subject),
    },
  });
}


export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const form = Object.fromEntries(await readForm(args.request)) as Record<string, string>;
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return json<ProjectReply>({ fieldErrors, values: form }, { status: 400 });
  }
  const input = parsed.data;
  const db = getDb();
  const back = `/projects/${project.id}`;
  const need = (ok: boolean) => {
    if (!ok) forbidden();
  };
  try {
    switch (input.intent) {
      case "start": {
        need(can(viewer, "project:act-as-city", subject));
        const applied = await startProject(db, viewer, project.id, subject);
        await mailNow(db, applied.notificationIds, args.context.origin);
        return redirectWithNotice(back, `事業を開始しました（${statusLabel(applied.to)}）。`);
      }
      case "decline":
      case "cancel": {
        need(can(viewer, input.intent === "decline" ? "project:act-as-group" : "project:coordinate", subject));
        const applied = await endAward(db, viewer, project.id, input.intent === "decline" ? "decline" : "cancel_award", input.reason);
        await mailNow(db, applied.notificationIds, args.context.origin);
        return redirectWithNotice(back, `「${statusLabel(applied.to)}」としました。`);
      }
      case "add_measure": {
        need(can(viewer, "project:coordinate", subject));
        await addProjectMeasure(db, viewer, project.id, input);
        return redirectWithNotice(back, "施策を追加しました。");
      }
      case "renew": {
        need(can(viewer, "project:act-as-group", subject));
        const proposalId = await startRenewal(db, viewer, project.id, input.callId, subject);
        return redirectWithNotice(`/proposals/${proposalId}/edit`, "継続の提案の下書きを作成しました。前年度の内容を確認し、必要なところを直してから提出してください。");
      }
      case "remove_measure": {
        need(can(viewer, "project:coordinate", subject));
        await removeProjectMeasure(db, viewer, project.id, input.measureId, input.reason);
        return redirectWithNotice(back, "施策を外しました。");
      }
    }
  } catch (error) {
    if (!(error instanceof ProjectRefusedError)) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.problems));
    return json<ProjectReply>({ formError: error.reason, fieldErrors, values: form }, { status: error.status });
  }
}

export default function ProjectPage() {
  const { project, reports, evaluations, measures, plans, timeline, renewal, may } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>{project.title}</h1>
      <p>
        <span className={`status status-proposal-${project.status}`}>{project.statusLabel}</span> · {project.groupName} · {project.fiscalYear}（{project.year}）
      </p>
      {reply?.formError ? (
        <div className="form-errors" role="alert">
          <p>{reply.formError}</p>
        </div>
      ) : null}
      {project.endedAt ? (
        <div className="status-reason">
          <p>この事業は{project.endedAt}に終了しました（{project.statusLabel}）。</p>
          {project.endedReason ? <p className="profile-text">理由: {project.endedReason}</p> : null}
        </div>
      ) : null}
      <ProjectFacts project={project} />
      <AgreementPanel project={project} may={may} reply={reply} />
      <ReportsPanel projectId={project.id} reports={reports} />
      <EvaluationsPanel projectId={project.id} evaluations={evaluations} />
      <MeasuresPanel measures={measures} plans={plans} mayEdit={may.measures} reply={reply} />
      {renewal ? <RenewalPanel renewal={renewal} reply={reply} /> : null}
      <ProjectTimelinePanel timeline={timeline} />
    </>
  );
}
