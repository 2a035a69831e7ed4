// What the viewer can do with a proposal as a whole: the notice of a return, the row of buttons (edit,
// submit or resubmit after a question, print, PDF, the award's pages) and deleting a draft.
import { Form, Link } from "@remix-run/react";
import { ConfirmSubmit } from "~/components/forms/form";

export function ReturnedNotice({ status, returnReason }: { status: string; returnReason: string | null }) {
  if (status !== "returned") return null;
  return (
    <div className="status-reason">
      <p>協働推進課から差し戻されました。内容を修正して再提出してください。</p>
      {returnReason ? <p className="profile-text">理由: {returnReason}</p> : null}
    </div>
  );
}

/** The award's pages this viewer may open (from `awardLinks`); a project's id when there is one. */
export interface AwardLinks {
  letter: boolean;
  conditions: boolean;
  decision: boolean;
  project: string | null;
}

export function ProposalActionBar({
  proposal,
  may,
  award,
}: {
  proposal: { id: string; status: string; revision: number };
  may: { edit: boolean; actAsGroup: boolean };
  award: AwardLinks;
}) {
  const resubmit = proposal.status === "returned";
  return (
    <div className="actions">
      {may.edit ? (
        <Link to={`/proposals/${proposal.id}/edit`} className="button">
          提案書を編集する
        </Link>
      ) : null}
      {may.actAsGroup && (proposal.status === "draft" || resubmit) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="revision" value={proposal.revision} />
          <ConfirmSubmit
            title={resubmit ? "提案を再提出しますか" : "提案を提出しますか"}
            message={
              <p>
                保存されている内容が審査される版として確定し、{resubmit ? "新しい版として記録されます" : "受付番号がつきます"}。提出した内容は変更できません（協働推進課から差し戻された場合だけ、直して再提出できます）。
              </p>
            }
            confirmLabel={resubmit ? "再提出する" : "提出する"}
          >
            {resubmit ? "再提出する" : "提出する"}
          </ConfirmSubmit>
        </Form>
      ) : null}
      <Link to={`/proposals/${proposal.id}/print`} className="button">
        印刷用の表示
      </Link>
      <a href={`/proposals/${proposal.id}.pdf`} className="button">
        PDFをダウンロード
      </a>
      {award.letter ? (
        <Link to={`/proposals/${proposal.id}/letter`} className="button">
          審査結果通知書
        </Link>
      ) : null}
      {award.conditions ? (
        <Link to={`/proposals/${proposal.id}/conditions`} className="button">
          採択の条件
        </Link>
      ) : null}
      {award.decision ? (
        <Link to={`/proposals/${proposal.id}/decision`} className="button">
          審査結果を決定する
        </Link>
      ) : null}
      {award.project ? (
        <Link to={`/projects/${award.project}`} className="button">
          協働事業のページ
        </Link>
      ) : null}
    </div>
  );
}

export function DeleteDraftForm() {
  return (
    <Form method="post" className="danger-zone">
      <input type="hidden" name="intent" value="delete" />
      <ConfirmSubmit
        className="button"
        title="この下書きを削除しますか"
        message={<p>下書きの内容と添付ファイルは削除され、元に戻せません。団体のほかのメンバーも見られなくなります。</p>}
        confirmLabel="削除する"
      >
        この下書きを削除する
      </ConfirmSubmit>
    </Form>
  );
}
