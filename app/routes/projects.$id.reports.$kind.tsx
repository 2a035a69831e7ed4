// A results report (実績報告) of a project: interim (中間報告, only when the call asks for one) or final.
// The group writes what was done, each indicator's actual value against its target, spending per line
// against the plan (a line off by more than ±20 % is marked and needs an explanation) and a one-line
// summary for the plan's progress list; saves (revision check) and submits. The related department or
// the coordinator accepts it or returns it with a reason.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { can } from "~/auth/permissions";
import { forbidden, notFound } from "~/auth/guards.server";
import { useAutosave, type AutosaveReply } from "~/components/autosave";
import { AutosaveNotices } from "~/components/autosave-notices";
import { ConfirmSubmit, FieldErrors, SubmitButton } from "~/components/form";
import { redirectWithNotice } from "~/components/flash.server";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { attachmentUploadHandler, DEFAULT_MAX_BYTES, removeAttachment, type StoredAttachment } from "~/domain/attachments/store.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { BUDGET_BEARERS } from "~/domain/proposals/content";
import { formatYen } from "~/domain/proposals/document";
import { loadProjectFor } from "~/auth/access/projects.server";
import { acceptReport, attachReportFile, ProjectRefusedError, reportAttachmentLabel, returnReport, saveReport, submitReport } from "~/domain/projects/commands.server";
import { listReportAttachments, listReports } from "~/domain/projects/queries.server";
import { formatDeviation, isOffPlan, isReportKind, REPORT_KIND_LABELS, REPORT_STATUS_LABELS, reportFormSchema, SPENDING_TOLERANCE, SUMMARY_MAX, type ReportKind } from "~/domain/projects/report";
import { z } from "~/domain/zod";
import { formatDate, formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "実績報告"} | 協働マッチングポータル` }];

const MAX_MB = Math.floor(DEFAULT_MAX_BYTES / 1024 / 1024);

/** Rows for spending the plan did not foresee. */
const EXTRA_LINES = 2;

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

async function load(args: Args) {
  const loaded = await loadProjectFor(args, "project:view");
  const kind = args.params.kind ?? "";
  if (!isReportKind(kind) || (kind === "interim" && !loaded.project.interimReport)) notFound();
  const report = (await listReports(getDb(), loaded.project.id)).find((r) => r.kind === kind) ?? null;
  return { ...loaded, kind: kind as ReportKind, report };
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, project, subject, kind, report } = await load(args);
  const editable = report !== null && (report.status === "draft" || report.status === "returned") && !project.ended_at;
  const content = report?.contentParsed ?? null;
  const attachments = await listReportAttachments(getDb(), project.proposal_id, reportAttachmentLabel(kind));
  return json({
    proposalId: project.proposal_id,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, size: `${Math.max(1, Math.round(a.size / 1024)).toLocaleString("ja-JP")}KB` })),
    maxMb: MAX_MB,
    projectId: project.id,
    projectTitle: project.title,
    kind,
    label: REPORT_KIND_LABELS[kind],
    report: report
      ? {
          status: report.status,
          statusLabel: REPORT_STATUS_LABELS[report.status],
          dueOn: formatDate(report.due_on),
          revision: report.revision,
          savedAt: report.saved_by ? formatDateTime(report.saved_at) : null,
          savedBy: report.saved_by_name,
          returnReason: report.status === "returned" ? report.return_reason : null,
        }
      : null,
    content: content
      ? {
          ...content,
          spending: content.spending.map((l) => ({ ...l, off: isOffPlan(l), deviation: formatDeviation(l), plannedLabel: formatYen(l.planned ?? 0), actualLabel: l.actual === undefined ? "" : formatYen(l.actual) })),
        }
      : null,
    may: {
      edit: editable && can(viewer, "project:act-as-group", subject),
      decide: report?.status === "submitted" && can(viewer, "project:act-as-city", subject),
    },
  });
}

const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), summary: z.string().trim().max(SUMMARY_MAX, `一行の要約は${SUMMARY_MAX}文字以内で入力してください`).optional() }),
  z.object({ intent: z.literal("return"), reason: z.string({ error: "差し戻す理由を入力してください" }).trim().min(1, "差し戻す理由を入力してください（団体に伝わります）").max(2000, "理由は2000文字以内で入力してください") }),
]);

type Reply = { formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject, kind } = await load(args);
  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return attach(args, { viewer, project, subject, kind });
  const formData = await readForm(args.request);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  const db = getDb();
  const back = `/projects/${project.id}/reports/${kind}`;
  const refuse = (status: number, reply: Reply) => json<Reply>({ ...reply, values }, { status });
  const autosave = values.intent === "autosave";
  try {
    if (values.intent === "accept" || values.intent === "return") {
      if (!can(viewer, "project:act-as-city", subject)) forbidden();
      const parsed = decisionSchema.safeParse(values);
      if (!parsed.success) return refuse(400, { fieldErrors: { [values.intent === "accept" ? "acceptSummary" : "reason"]: parsed.error.issues.map((i) => i.message) } });
      if (parsed.data.intent === "accept") {
        const result = await acceptReport(db, viewer, project.id, kind, parsed.data.summary);
        await mailNow(db, result.notificationIds, args.context.origin);
        return redirectWithNotice(`/projects/${project.id}`, `${REPORT_KIND_LABELS[kind]}を受理しました。${result.measures ? `計画の施策${result.measures}件に実績として記録しました。` : ""}`);
      }
      const ids = await returnReport(db, viewer, project.id, kind, parsed.data.reason, subject);
      await mailNow(db, ids, args.context.origin);
      return redirectWithNotice(back, `${REPORT_KIND_LABELS[kind]}を差し戻しました。`);
    }
    if (!can(viewer, "project:act-as-group", subject)) forbidden();
    // The page's script saves a few seconds after typing stops (intent autosave), answered as data.
    if (autosave) formData.set("intent", "save");
    const submission = parseWithZod(formData, { schema: reportFormSchema });
    if (submission.status !== "success") {
      if (autosave) return json<AutosaveReply>({ status: "error" }, { status: 400 });
      return refuse(400, { formError: "入力内容を確認してください。", fieldErrors: (submission.reply().error ?? {}) as Record<string, string[]> });
    }
    const { revision, intent, ...content } = submission.value;
    const saved = await saveReport(db, viewer, project.id, kind, content, revision);
    if (autosave) return json<AutosaveReply>({ revision: saved, savedAt: formatDateTime(new Date()) });
    if (intent === "save") return redirectWithNotice(back, "報告を保存しました。");
    const ids = await submitReport(db, viewer, project.id, kind);
    await mailNow(db, ids, args.context.origin);
    return redirectWithNotice(`/projects/${project.id}`, `${REPORT_KIND_LABELS[kind]}を提出しました。`);
  } catch (error) {
    if (!(error instanceof ProjectRefusedError)) throw error;
    if (autosave) return json<AutosaveReply>({ conflict: error.reason }, { status: error.status });
    return refuse(error.status, { formError: error.reason, fieldErrors: error.problems });
  }
}

/** A file for the report (the page's second form, multipart): only the group, only while it can edit. */
async function attach(args: ActionFunctionArgs, { viewer, project, subject, kind }: Pick<Awaited<ReturnType<typeof load>>, "viewer" | "project" | "subject" | "kind">) {
  if (!can(viewer, "project:act-as-group", subject)) forbidden();
  if (Number(args.request.headers.get("Content-Length") ?? 0) > DEFAULT_MAX_BYTES + 64 * 1024) {
    return json<Reply>({ fieldErrors: { file: [`ファイルが大きすぎます。${MAX_MB}MB以下のファイルを選んでください。`] } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, attachmentUploadHandler("file"));
  } catch (error) {
    if (!(error instanceof Error) || !/malformed|boundary/i.test(error.message)) throw error;
    return json<Reply>({ fieldErrors: { file: ["ファイルを読み取れませんでした。ファイル名から「;」「=」などの記号を除いてから添付してください。"] } }, { status: 400 });
  }
  const file = form.get("file");
  if (typeof file !== "string" || !file) return json<Reply>({ fieldErrors: { file: ["添付するファイルを選んでください"] } }, { status: 400 });
  const stored = JSON.parse(file) as StoredAttachment | { refused: string };
  if ("refused" in stored) return json<Reply>({ fieldErrors: { file: [stored.refused] } }, { status: 400 });
  try {
    await attachReportFile(getDb(), viewer, project.id, kind, stored);
  } catch (error) {
    removeAttachment(stored.id);
    if (!(error instanceof ProjectRefusedError)) throw error;
    return json<Reply>({ formError: error.reason }, { status: error.status });
  }
  return redirectWithNotice(`/projects/${project.id}/reports/${kind}`, `「${stored.fileName}」を添付しました。`);
}

export default function ReportPage() {
  const { projectId, projectTitle, proposalId, attachments, maxMb, kind, label, report, content, may } = useLoaderData<typeof loader>();
  // Autosave replies go to the fetch; the page itself only gets the form's replies.
  const reply = useActionData<typeof action>() as Reply | undefined;
  const v = (name: string, fallback: string | number | undefined) => reply?.values?.[name] ?? (fallback === undefined ? "" : String(fallback));
  const errors = (name: string) => reply?.fieldErrors?.[name];
  const tolerance = `${Math.round(SPENDING_TOLERANCE * 100)}%`;
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save keeps the revision it started from: the member reloads to see the newer one.
  const autosave = useAutosave({ formRef, formKey: `report:${projectId}:${kind}`, revision: v("revision", report?.revision), enabled: may.edit });
  return (
    <>
      <p>
        <Link to={`/projects/${projectId}`}>{projectTitle}</Link>
      </p>
      <h1>{label}</h1>
      {!report || !content ? (
        <p>報告は事業の開始後に書けるようになります。</p>
      ) : (
        <>
          <p>
            状態: <strong>{report.statusLabel}</strong> · 提出期限 {report.dueOn}
            {report.savedAt ? ` · 最終保存 ${report.savedAt}（${report.savedBy ?? ""}）` : ""}
          </p>
          {report.returnReason ? (
            <div className="status-reason">
              <p>差し戻されました。内容を修正して、もう一度提出してください。</p>
              <p className="profile-text">理由: {report.returnReason}</p>
            </div>
          ) : null}
          {reply?.formError ? (
            <div className="form-errors" role="alert">
              <p>{reply.formError}</p>
            </div>
          ) : null}

          {may.edit ? (
            <Form method="post" noValidate ref={formRef} onInput={autosave.onInput} onSubmit={autosave.onSubmit}>
              <AutosaveNotices autosave={autosave} />
              <input type="hidden" name="revision" value={autosave.revision} />
              <div className="field">
                <label htmlFor="done">
                  実施したこと<span className="required">（必須）</span>
                </label>
                <textarea id="done" name="done" rows={8} defaultValue={v("done", content.done)} aria-describedby="done-error" />
                <FieldErrors id="done-error" errors={errors("done")} />
              </div>
              <div className="field">
                <label htmlFor="summary">
                  一行の要約（計画の進捗一覧に載ります・{SUMMARY_MAX}文字まで）<span className="required">（必須）</span>
                </label>
                <input id="summary" name="summary" maxLength={SUMMARY_MAX} defaultValue={v("summary", content.summary)} aria-describedby="summary-error" />
                <FieldErrors id="summary-error" errors={errors("summary")} />
              </div>

              <fieldset>
                <legend>成果指標（目標と実績）</legend>
                {content.indicators.length === 0 ? <p>提案書に成果指標はありません。</p> : null}
                {content.indicators.map((row, i) => (
                  <div className="field" key={i}>
                    <input type="hidden" name={`indicators[${i}].name`} value={row.name} />
                    <input type="hidden" name={`indicators[${i}].target`} value={row.target} />
                    <label htmlFor={`indicator-${i}`}>
                      {row.name}（目標: {row.target}）の実績値
                    </label>
                    <input id={`indicator-${i}`} name={`indicators[${i}].actual`} defaultValue={v(`indicators[${i}].actual`, row.actual)} aria-describedby={`indicator-${i}-error`} />
                    <FieldErrors id={`indicator-${i}-error`} errors={errors(`indicators[${i}].actual`)} />
                  </div>
                ))}
              </fieldset>

              <fieldset>
                <legend>支出（計画と実績）</legend>
                <p className="hint">計画額との差が{tolerance}を超える費目には、差の理由を書いてください。計画になかった支出は下の空欄に書きます（理由が必要です）。</p>
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">費目ごとの計画額と実績額</caption>
                    <thead>
                      <tr>
                        <th scope="col">費目</th>
                        <th scope="col">負担者</th>
                        <th scope="col">計画額</th>
                        <th scope="col">実績額（円）</th>
                        <th scope="col">差</th>
                        <th scope="col">差の理由</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...content.spending, ...Array.from({ length: EXTRA_LINES }, () => null)].map((line, i) => {
                        const n = (f: string) => `spending[${i}].${f}`;
                        return (
                          <tr key={i} className={line?.off ? "off-plan" : undefined}>
                            <td>
                              {line ? (
                                <>
                                  <input type="hidden" name={n("item")} value={line.item} />
                                  {line.item}
                                </>
                              ) : (
                                <input aria-label={`計画外の費目${i - content.spending.length + 1}`} name={n("item")} defaultValue={v(n("item"), "")} />
                              )}
                              <FieldErrors id={`${n("item")}-error`} errors={errors(n("item"))} />
                            </td>
                            <td>
                              {line ? (
                                <>
                                  {line.bearer ? <input type="hidden" name={n("bearer")} value={line.bearer} /> : null}
                                  {line.bearer ? BUDGET_BEARERS.label(line.bearer) : "未定"}
                                </>
                              ) : (
                                <select aria-label="負担者" name={n("bearer")} defaultValue={v(n("bearer"), "")}>
                                  <option value="">—</option>
                                  {BUDGET_BEARERS.codes.map((c) => (
                                    <option key={c} value={c}>
                                      {BUDGET_BEARERS.label(c)}
                                    </option>
                                  ))}
                                </select>
                              )}
                            </td>
                            <td className="num">
                              {line ? (
                                <>
                                  <input type="hidden" name={n("planned")} value={line.planned ?? 0} />
                                  {line.plannedLabel}
                                </>
                              ) : (
                                "—"
                              )}
                            </td>
                            <td>
                              <input
                                aria-label={`${line?.item ?? "計画外の費目"}の実績額`}
                                inputMode="numeric"
                                name={n("actual")}
                                defaultValue={v(n("actual"), line?.actual)}
                                aria-describedby={`${n("actual")}-error`}
                              />
                              <FieldErrors id={`${n("actual")}-error`} errors={errors(n("actual"))} />
                            </td>
                            <td>{line?.off ? <strong>{line.deviation}</strong> : line?.deviation}</td>
                            <td>
                              <input aria-label={`${line?.item ?? "計画外の費目"}の差の理由`} name={n("explanation")} defaultValue={v(n("explanation"), line?.explanation)} aria-describedby={`${n("explanation")}-error`} />
                              <FieldErrors id={`${n("explanation")}-error`} errors={errors(n("explanation"))} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </fieldset>
              <div className="actions">
                <SubmitButton name="intent" value="save" className="button">
                  保存する
                </SubmitButton>
                <ConfirmSubmit
                  name="intent"
                  value="submit"
                  title={`${label}を提出しますか`}
                  message={<p>保存して提出すると、協働推進課と担当課が内容を確認します。提出した報告は、差し戻されるまで変更できません。</p>}
                  confirmLabel="提出する"
                >
                  保存して提出する
                </ConfirmSubmit>
              </div>
            </Form>
          ) : (
            <ReportView content={content} />
          )}

          <section aria-labelledby="report-files-heading">
            <h2 id="report-files-heading">添付資料</h2>
            {attachments.length ? (
              <ul>
                {attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/proposals/${proposalId}/attachments/${a.id}`}>{a.fileName}</a>（{a.size}）
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">添付資料はありません。</p>
            )}
            {may.edit ? (
              <Form method="post" encType="multipart/form-data">
                <div className="field">
                  <label htmlFor="report-file">添付する資料（写真・チラシ・領収書の写しなど）</label>
                  <p className="hint" id="report-file-hint">
                    PDF、画像、Word・Excel・PowerPointのファイルを{maxMb}MBまで添付できます。
                  </p>
                  <input type="file" id="report-file" name="file" aria-describedby="report-file-hint report-file-error" />
                  <FieldErrors id="report-file-error" errors={errors("file")} />
                </div>
                <button type="submit" className="button">
                  添付する
                </button>
              </Form>
            ) : null}
          </section>

          {may.decide ? (
            <section aria-labelledby="decide-heading">
              <h2 id="decide-heading">報告の確認</h2>
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                {kind === "final" ? (
                  <div className="field">
                    <label htmlFor="accept-summary">進捗一覧に載せる一行（受理の前に直せます）</label>
                    <input id="accept-summary" name="summary" maxLength={SUMMARY_MAX} defaultValue={v("summary", content.summary)} aria-describedby="accept-summary-error" />
                    <FieldErrors id="accept-summary-error" errors={errors("acceptSummary")} />
                  </div>
                ) : null}
                <button type="submit" className="button primary">
                  受理する
                </button>
              </Form>
              <Form method="post" className="transition-form">
                <input type="hidden" name="intent" value="return" />
                <div className="field">
                  <label htmlFor="return-reason">
                    差し戻す理由<span className="required">（必須）</span>
                  </label>
                  <textarea id="return-reason" name="reason" rows={3} defaultValue={v("reason", "")} aria-describedby="return-reason-error" />
                  <FieldErrors id="return-reason-error" errors={errors("reason")} />
                </div>
                <button type="submit" className="button">
                  差し戻す
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
      <p className="hint">種類: {kind === "final" ? "最終の実績報告（受理されると計画の進捗一覧に載ります）" : "中間報告"}</p>
    </>
  );
}

type ShownContent = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["content"]>;

function ReportView({ content }: { content: ShownContent }) {
  return (
    <>
      <h2>実施したこと</h2>
      <p className="profile-text">{content.done || "（記入なし）"}</p>
      <h2>一行の要約</h2>
      <p>{content.summary || "（記入なし）"}</p>
      <h2>成果指標</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">成果指標の目標と実績</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">目標</th>
              <th scope="col">実績</th>
            </tr>
          </thead>
          <tbody>
            {content.indicators.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.name}</th>
                <td>{r.target}</td>
                <td>{r.actual || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>支出</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">費目ごとの計画額と実績額</caption>
          <thead>
            <tr>
              <th scope="col">費目</th>
              <th scope="col">負担者</th>
              <th scope="col">計画額</th>
              <th scope="col">実績額</th>
              <th scope="col">差</th>
              <th scope="col">差の理由</th>
            </tr>
          </thead>
          <tbody>
            {content.spending.map((l, i) => (
              <tr key={i} className={l.off ? "off-plan" : undefined}>
                <th scope="row">{l.item}</th>
                <td>{l.bearer ? BUDGET_BEARERS.label(l.bearer) : "未定"}</td>
                <td className="num">{l.plannedLabel}</td>
                <td className="num">{l.actualLabel || "—"}</td>
                <td>{l.off ? <strong>{l.deviation}（{Math.round(SPENDING_TOLERANCE * 100)}%超）</strong> : l.deviation}</td>
                <td>{l.explanation || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
