// 「添付資料」 of a results report: the files attached (downloads) and, while the group can edit, the
// form to attach one more.
import { Form } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import { errorsOf, type ReportReply } from "./report-reply";

export function ReportAttachmentsPanel({
  proposalId,
  attachments,
  maxSize,
  mayEdit,
  reply,
}: {
  proposalId: string;
  attachments: { id: string; fileName: string; size: string }[];
  maxSize: string;
  mayEdit: boolean;
  reply: ReportReply | undefined;
}) {
  return (
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
      {mayEdit ? (
        <Form method="post" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="report-file">添付する資料（写真・チラシ・領収書の写しなど）</label>
            <p className="hint" id="report-file-hint">
              PDF、画像、Word・Excel・PowerPointのファイルを{maxSize}まで添付できます。
            </p>
            <input type="file" id="report-file" name="file" aria-describedby="report-file-hint report-file-error" />
            <FieldErrors id="report-file-error" errors={errorsOf(reply, "file")} />
          </div>
          <SubmitButton className="button">
            添付する
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
