// A results report (実績報告) of a project: interim (中間報告, only when the call asks for one) or final.
// The group writes what was done, each indicator's actual value against its target, spending per line
// against the plan (a line off by more than ±20 % is marked and needs an explanation) and a one-line
// summary for the plan's progress list; saves (revision check) and submits. The related department or
// the coordinator accepts it or returns it with a reason.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { can } from "~/auth/permissions";
import { forbidden, notFound } from "~/auth/guards.server";
import { useAutosave, type AutosaveReply } from "~/components/forms/autosave";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { ReportAttachmentsPanel } from "~/components/projects/report-attachments";
import { ReportDecisionPanel } from "~/components/projects/report-decision";
import { ReportForm } from "~/components/projects/report-form";
import { typedOr, type ReportReply } from "~/components/projects/report-reply";
import { ReportView } from "~/components/projects/report-view";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { announcesTooLarge, ATTACHMENT_MAX_SIZE, attachmentUploadHandler, removeAttachment, tooLargeMessage, type StoredAttachment } from "~/domain/attachments/store.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { formatFileSize, formatYen } from "~/domain/number-format";
import { loadProjectFor } from "~/auth/access/projects.server";
import { acceptReport, attachReportFile, ProjectRefusedError, reportAttachmentLabel, returnReport, saveReport, submitReport } from "~/domain/projects/commands.server";
import { listReportAttachments, listReports } from "~/domain/projects/queries.server";
import { formatDeviation, isOffPlan, isReportKind, REPORT_KIND_LABELS, REPORT_STATUS_LABELS, reportFormSchema, SUMMARY_MAX, type ReportKind } from "~/domain/projects/report";
import { z } from "~/domain/zod";
import { formatDate, formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "実績報告"} | 協働マッチングポータル` }];


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
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, size: formatFileSize(a.size) })),
    maxSize: ATTACHMENT_MAX_SIZE,
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


export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject, kind } = await load(args);
  if ((args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return attach(args, { viewer, project, subject, kind });
  const formData = await readForm(args.request);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  const db = getDb();
  const back = `/projects/${project.id}/reports/${kind}`;
  const refuse = (status: number, reply: ReportReply) => json<ReportReply>({ ...reply, values }, { status });
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
  if (announcesTooLarge(args.request)) {
    return json<ReportReply>({ fieldErrors: { file: [tooLargeMessage()] } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, attachmentUploadHandler("file"));
  } catch (error) {
    if (!(error instanceof Error) || !/malformed|boundary/i.test(error.message)) throw error;
    return json<ReportReply>({ fieldErrors: { file: ["ファイルを読み取れませんでした。ファイル名から「;」「=」などの記号を除いてから添付してください。"] } }, { status: 400 });
  }
  const file = form.get("file");
  if (typeof file !== "string" || !file) return json<ReportReply>({ fieldErrors: { file: ["添付するファイルを選んでください"] } }, { status: 400 });
  const stored = JSON.parse(file) as StoredAttachment | { refused: string };
  if ("refused" in stored) return json<ReportReply>({ fieldErrors: { file: [stored.refused] } }, { status: 400 });
  try {
    await attachReportFile(getDb(), viewer, project.id, kind, stored);
  } catch (error) {
    removeAttachment(stored.id);
    if (!(error instanceof ProjectRefusedError)) throw error;
    return json<ReportReply>({ formError: error.reason }, { status: error.status });
  }
  return redirectWithNotice(`/projects/${project.id}/reports/${kind}`, `「${stored.fileName}」を添付しました。`);
}

export default function ReportPage() {
  const { projectId, projectTitle, proposalId, attachments, maxSize, kind, label, report, content, may } = useLoaderData<typeof loader>();
  // Autosave replies go to the fetch; the page itself only gets the form's replies.
  const reply = useActionData<typeof action>() as ReportReply | undefined;
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save keeps the revision it started from: the member reloads to see the newer one.
  const autosave = useAutosave({ formRef, formKey: `report:${projectId}:${kind}`, revision: typedOr(reply, "revision", report?.revision), enabled: may.edit });
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
          {may.edit ? <ReportForm label={label} content={content} reply={reply} formRef={formRef} autosave={autosave} /> : <ReportView content={content} />}
          <ReportAttachmentsPanel proposalId={proposalId} attachments={attachments} maxSize={maxSize} mayEdit={may.edit} reply={reply} />
          {may.decide ? <ReportDecisionPanel kind={kind} summary={content.summary} reply={reply} /> : null}
        </>
      )}
      <p className="hint">種類: {kind === "final" ? "最終の実績報告（受理されると計画の進捗一覧に載ります）" : "中間報告"}</p>
    </>
  );
}
