// 「添付ファイル」 on the proposal's page: the documents the call asks for, the files attached (each a
// download, with a delete button for those who may edit) and the link to attach more.
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms/form";
import { formatFileSize } from "~/domain/number-format";

export interface AttachmentRow {
  id: string;
  label: string;
  fileName: string;
  size: number;
}

export function AttachmentsPanel({
  proposalId,
  requiredAttachments,
  attachments,
  mayEdit,
}: {
  proposalId: string;
  requiredAttachments: string[];
  attachments: AttachmentRow[];
  mayEdit: boolean;
}) {
  return (
    <section aria-labelledby="proposal-attachments">
      <h2 id="proposal-attachments">添付ファイル</h2>
      {requiredAttachments.length ? <p className="hint">この募集で必要な書類: {requiredAttachments.join("、")}</p> : null}
      {attachments.length === 0 ? (
        <p>添付ファイルはありません。</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              {a.label}: <a href={`/proposals/${proposalId}/attachments/${a.id}`}>{a.fileName}</a>（{formatFileSize(a.size)}）
              {mayEdit ? (
                <Form method="post" action={`/proposals/${proposalId}/attachments`} className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <SubmitButton className="link-button">
                    削除
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayEdit ? (
        <p>
          <Link to={`/proposals/${proposalId}/attachments`}>ファイルを添付する</Link>
        </p>
      ) : null}
    </section>
  );
}
