// One project (協働事業): group, theme, call, departments, amounts by year, status, the agreement's state,
// reports, evaluations, the plan measures it is evidence for, and the timeline. Actions here: the city
// starts the project; the group declines the award (辞退) or the coordinator cancels it (取消), with a
// reason; the coordinator adds or removes a measure, with a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FieldErrors } from "~/components/form";
import { redirectWithNotice } from "~/components/flash.server";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { formatFiscalYear, formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { statusLabel } from "~/domain/proposals/lifecycle";
import { formatYen } from "~/domain/proposals/document";
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

type Reply = { formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const form = Object.fromEntries(await readForm(args.request)) as Record<string, string>;
  const parsed = intentSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return json<Reply>({ fieldErrors, values: form }, { status: 400 });
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
    return json<Reply>({ formError: error.reason, fieldErrors, values: form }, { status: error.status });
  }
}

function ReasonForm({ intent, label, button, reply }: { intent: string; label: string; button: string; reply: Reply | undefined }) {
  const mine = reply?.values?.intent === intent;
  return (
    <Form method="post" className="transition-form">
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={`reason-${intent}`}>
          {label}
          <span className="required">（必須）</span>
        </label>
        <textarea id={`reason-${intent}`} name="reason" rows={3} defaultValue={mine ? reply?.values?.reason : ""} aria-describedby={`reason-${intent}-error`} />
        <FieldErrors id={`reason-${intent}-error`} errors={mine ? reply?.fieldErrors?.reason : undefined} />
      </div>
      <button type="submit" className="button">
        {button}
      </button>
    </Form>
  );
}

export default function ProjectPage() {
  const { project, reports, evaluations, measures, plans, timeline, renewal, may } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const addValues = reply?.values?.intent === "add_measure" ? reply.values : undefined;
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

      <dl className="facts">
        <dt>団体</dt>
        <dd>{project.groupName}</dd>
        <dt>募集</dt>
        <dd>
          <Link to={`/calls/${project.callId}`}>{project.callTitle}</Link>
        </dd>
        {project.theme ? (
          <>
            <dt>テーマ</dt>
            <dd>
              <Link to={`/sheets/${project.sheetId}`}>{project.theme}</Link>
            </dd>
          </>
        ) : null}
        <dt>担当課</dt>
        <dd>{project.departments.length ? project.departments.join("、") : "協働推進課"}</dd>
        <dt>提案</dt>
        <dd>
          <Link to={`/proposals/${project.proposalId}`}>受付番号 {project.receiptNumber ?? "—"}</Link>
        </dd>
        <dt>交付額</dt>
        <dd>
          <ul className="plain">
            {project.amounts.map((a) => (
              <li key={a.year}>
                {a.year}: {a.amount}
              </li>
            ))}
          </ul>
        </dd>
      </dl>

      <section aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">協定</h2>
        <dl className="facts">
          <dt>協定番号</dt>
          <dd>{project.agreementNumber ?? "未締結"}</dd>
          <dt>団体の確認</dt>
          <dd>{project.groupConfirmed ?? "未確認"}</dd>
          <dt>市の確認</dt>
          <dd>{project.cityConfirmed ?? "未確認"}</dd>
        </dl>
        <p>
          <Link to={`/projects/${project.id}/agreement`}>協定書を見る・確認する</Link> · <a href={`/projects/${project.id}/agreement.pdf`}>協定書のPDF</a>
        </p>
        {may.start ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button primary">
              事業を開始する
            </button>
          </Form>
        ) : null}
        {may.decline ? <ReasonForm intent="decline" label="辞退の理由" button="採択を辞退する" reply={reply} /> : null}
        {may.cancel ? <ReasonForm intent="cancel" label="取消の理由" button="採択を取り消す" reply={reply} /> : null}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">実績報告</h2>
        {reports.length === 0 ? (
          <p>事業を開始すると、報告の様式と提出期限が表示されます。</p>
        ) : (
          <ul>
            {reports.map((r) => (
              <li key={r.kind}>
                <Link to={`/projects/${project.id}/reports/${r.kind}`}>{r.label}</Link>: {r.status}（提出期限 {r.dueOn}）{r.summary ? ` — ${r.summary}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="evaluation-heading">
        <h2 id="evaluation-heading">評価</h2>
        {evaluations.length === 0 ? <p>まだ評価は入力されていません。</p> : (
          <ul>
            {evaluations.map((e) => (
              <li key={e.side}>
                {e.side}（{e.at}）
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/projects/${project.id}/evaluation`}>評価のページ</Link>
        </p>
      </section>

      <section aria-labelledby="measures-heading">
        <h2 id="measures-heading">計画の施策（この事業が実績となる施策）</h2>
        {measures.length === 0 ? (
          <p>結び付いた施策はありません。協定の締結時に、テーマ（マッチングシート）や募集に結び付いた施策が自動で追加されます。</p>
        ) : (
          <ul>
            {measures.map((m) => (
              <li key={m.id}>
                <Link to={`/measures/${m.id}`}>
                  {m.code} {m.title}
                </Link>
                （{m.planName}）
                {may.measures ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove_measure" />
                    <input type="hidden" name="measureId" value={m.id} />
                    <label htmlFor={`remove-${m.id}`}>外す理由</label>
                    <input id={`remove-${m.id}`} name="reason" defaultValue={reply?.values?.measureId === m.id ? reply.values.reason : ""} />
                    <button type="submit" className="link-button">
                      外す
                    </button>
                    <FieldErrors id={`remove-${m.id}-error`} errors={reply?.values?.measureId === m.id ? reply?.fieldErrors?.reason : undefined} />
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {may.measures ? (
          <Form method="post">
            <input type="hidden" name="intent" value="add_measure" />
            <div className="field">
              <label htmlFor="measure-plan">計画</label>
              <select id="measure-plan" name="planSlug" defaultValue={addValues?.planSlug ?? ""} aria-describedby="measure-plan-error">
                <option value="">選んでください</option>
                {plans.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.name}
                  </option>
                ))}
              </select>
              <FieldErrors id="measure-plan-error" errors={addValues ? reply?.fieldErrors?.planSlug : undefined} />
            </div>
            <div className="field">
              <label htmlFor="measure-code">施策の番号（計画に印刷されているとおり。例: I-(1)-①）</label>
              <input id="measure-code" name="code" defaultValue={addValues?.code ?? ""} aria-describedby="measure-code-error" />
              <FieldErrors id="measure-code-error" errors={addValues ? reply?.fieldErrors?.code : undefined} />
            </div>
            <div className="field">
              <label htmlFor="measure-reason">
                追加する理由<span className="required">（必須）</span>
              </label>
              <input id="measure-reason" name="reason" defaultValue={addValues?.reason ?? ""} aria-describedby="measure-reason-error" />
              <FieldErrors id="measure-reason-error" errors={addValues ? reply?.fieldErrors?.reason : undefined} />
            </div>
            <button type="submit" className="button">
              施策を追加する
            </button>
          </Form>
        ) : null}
      </section>

      {renewal ? (
        <section aria-labelledby="renewal-heading">
          <h2 id="renewal-heading">継続（{renewal.nextYear}年目の提案）</h2>
          {renewal.existingId ? (
            <p>
              継続の提案は作成済みです: <Link to={`/proposals/${renewal.existingId}`}>継続の提案を開く</Link>
            </p>
          ) : renewal.calls.length === 0 ? (
            <p>次の年度の受付中の募集はまだありません。募集が公開されると、ここから継続の提案を作成できます。</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="renew" />
              <div className="field">
                <label htmlFor="renewal-call">提案する募集</label>
                <select id="renewal-call" name="callId" aria-describedby="renewal-call-error">
                  {renewal.calls.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
                <FieldErrors id="renewal-call-error" errors={reply?.values?.intent === "renew" ? reply.fieldErrors?.callId : undefined} />
              </div>
              <button type="submit" className="button">
                この事業の内容から継続の提案を作成する
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">経過</h2>
        {timeline.length === 0 ? <p>まだ記録はありません。</p> : (
          <ol className="timeline">
            {timeline.map((t, i) => (
              <li key={i}>{t.line}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
