// Attaching files to a proposal (draft or returned, its group only): which required document a file is
// and the file itself. The upload is streamed to disk with a byte limit and its type is read from its
// content (attachments/store.server.ts); a body announced far over the limit is refused before reading.
// Deleting an attachment posts `intent=delete` here too.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, FormErrors, RequiredMark, SubmitButton } from "~/components/forms/form";
import { useUploadProgress } from "~/components/forms/upload";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { announcesTooLarge, ATTACHMENT_MAX_SIZE, attachmentUploadHandler, removeAttachment, tooLargeMessage, type StoredAttachment } from "~/domain/attachments/store.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { addAttachment, deleteAttachment, ProposalRefusedError } from "~/domain/proposals/commands.server";
import { z } from "~/domain/zod";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "ファイルの添付 | 協働マッチングポータル" }];

const OTHER = "その他の資料";
const UNREADABLE_NAME = "ファイルを読み取れませんでした。ファイル名に「;」「=」「\"」などの記号が含まれている場合は、記号を除いた名前に変えてから添付してください。";

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadProposalFor(args, "proposal:edit");
  return json({
    proposal: { id: proposal.id, title: proposal.title || "（無題の提案）" },
    labels: [...proposal.call.required_attachments, OTHER],
    attached: proposal.attachments.map((a) => a.label),
    // The limit is the server's: read there and sent, not read in the browser (where it was NaN).
    maxSize: ATTACHMENT_MAX_SIZE,
  });
}

type Reply = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; label?: string };

const fields = z.object({
  label: z.string({ error: "書類の種類を選んでください" }).trim().min(1, "書類の種類を選んでください").max(100),
  file: z.string({ error: "ファイルを選んでください" }).min(1, "ファイルを選んでください"),
});

export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal } = await loadProposalFor(args, "proposal:edit");
  const db = getDb();
  const contentType = args.request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    const form = await readForm(args.request);
    const id = String(form.get("attachmentId") ?? "");
    if (form.get("intent") !== "delete" || !proposal.attachments.some((a) => a.id === id)) return json<Reply>({ formErrors: ["削除する添付ファイルが見つかりません。"] }, { status: 400 });
    try {
      await deleteAttachment(db, proposal.id, id);
    } catch (error) {
      if (!(error instanceof ProposalRefusedError)) throw error;
      return json<Reply>({ formErrors: [error.reason] }, { status: error.status });
    }
    removeAttachment(id);
    return redirectWithNotice(`/proposals/${proposal.id}`, "添付ファイルを削除しました。");
  }
  if (announcesTooLarge(args.request)) {
    return json<Reply>({ fieldErrors: { file: [tooLargeMessage()] } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, attachmentUploadHandler("file"));
  } catch (error) {
    // Remix's multipart parser cannot read some names browsers send (見積書;最終=2026.pdf): nothing was
    // stored; the group hears what to change instead of getting a 500.
    if (!(error instanceof Error) || !/malformed|boundary/i.test(error.message)) throw error;
    return json<Reply>({ fieldErrors: { file: [UNREADABLE_NAME] } }, { status: 400 });
  }
  const parsed = fields.safeParse({ label: form.get("label") ?? undefined, file: form.get("file") ?? undefined });
  const label = String(form.get("label") ?? "");
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return json<Reply>({ fieldErrors, label }, { status: 400 });
  }
  const stored = JSON.parse(parsed.data.file) as StoredAttachment | { refused: string };
  if ("refused" in stored) return json<Reply>({ fieldErrors: { file: [stored.refused] }, label }, { status: 400 });
  const labels = [...proposal.call.required_attachments, OTHER];
  if (!labels.includes(parsed.data.label)) {
    removeAttachment(stored.id);
    return json<Reply>({ fieldErrors: { label: ["書類の種類を選択肢から選んでください"] }, label }, { status: 400 });
  }
  try {
    await addAttachment(db, viewer, proposal.id, stored, parsed.data.label);
  } catch (error) {
    removeAttachment(stored.id);
    if (!(error instanceof ProposalRefusedError)) throw error;
    return json<Reply>({ formErrors: [error.reason], label }, { status: error.status });
  }
  return redirectWithNotice(`/proposals/${proposal.id}`, `「${stored.fileName}」を添付しました。`);
}

export default function AttachFile() {
  const { proposal, labels, attached, maxSize } = useLoaderData<typeof loader>();
  const upload = useUploadProgress<Reply>();
  // The upload's own answer (sent with progress) or, without JavaScript, the page's.
  const pageReply = useActionData<typeof action>();
  const reply = upload.reply ?? pageReply;
  return (
    <>
      <h1>ファイルの添付</h1>
      <p>
        <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>
      </p>
      <p className="hint">PDF、画像（PNG・JPEG・GIF・WebP）、Word・Excel・PowerPointのファイルを{maxSize}まで添付できます。ファイルの種類は中身で確かめます。</p>
      <Form method="post" encType="multipart/form-data" onSubmit={upload.onSubmit} noValidate>
        <FormErrors id="attach-errors" errors={reply?.formErrors} />
        <div className="field">
          <div className="field-label">
            <label htmlFor="attach-label">書類の種類</label>
            <RequiredMark />
          </div>
          <select id="attach-label" name="label" required defaultValue={reply?.label ?? labels.find((l) => !attached.includes(l)) ?? ""} aria-describedby="attach-label-error">
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
                {attached.includes(l) ? "（添付済み）" : ""}
              </option>
            ))}
          </select>
          <FieldErrors id="attach-label-error" errors={reply?.fieldErrors?.label} />
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor="attach-file">ファイル</label>
            <RequiredMark />
          </div>
          <input id="attach-file" name="file" type="file" required aria-describedby="attach-file-error" />
          <FieldErrors id="attach-file-error" errors={reply?.fieldErrors?.file} />
        </div>
        {upload.failed ? (
          <p className="error" role="alert">
            {upload.failed}
          </p>
        ) : null}
        {upload.progress !== null ? (
          <p>
            <label htmlFor="attach-progress">送信中… {upload.progress}%</label>
            <progress id="attach-progress" className="upload-progress" max={100} value={upload.progress} />
          </p>
        ) : null}
        <SubmitButton className="button primary" disabled={upload.progress !== null}>
          {upload.progress !== null ? "送信中…" : "添付する"}
        </SubmitButton>
      </Form>
    </>
  );
}
