// 「提出された提案」 on the coordinator's review of a call: how many the call has in each status, one page
// of them, those that may move chosen by checkbox, and the buttons that move them into the call's
// review stages.
import { Form, Link } from "@remix-run/react";
import { Errors, type Reply } from "./fields";
import { SubmitButton } from "~/components/forms/form";
import { Pagination } from "~/components/layout/pagination";
import { formatCount } from "~/domain/number-format";

/** A submitted proposal as the review's pages list it. */
export interface ReviewedProposal {
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  receiptNumber: string | null;
  groupName: string;
}

const movable = (status: string) => status === "submitted" || status === "in_review";

export function SubmittedProposalsPanel({
  stages,
  proposals,
  paging,
  statusCounts,
  reply,
}: {
  stages: readonly string[];
  /** One page of the call's proposals. */
  proposals: ReviewedProposal[];
  paging: { total: number; page: number; pageCount: number };
  /** The whole call's, in the lifecycle's order. */
  statusCounts: { label: string; count: number }[];
  reply: Reply | undefined;
}) {
  return (
    <section className="panel" aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">提出された提案</h2>
      {proposals.length === 0 ? (
        <p className="empty">まだ提出された提案はありません。</p>
      ) : (
        <>
          {/* The call's total once, with its statuses, and the page of a list longer than one (in place of PageCount's line, which would repeat the total). */}
          <p>
            この募集の提案 {formatCount(paging.total)}（{statusCounts.map((s) => `${s.label} ${formatCount(s.count)}`).join("・")}）
            {paging.pageCount > 1 ? `、${paging.page}／${paging.pageCount}ページ（受付番号順）` : null}
          </p>
          {paging.pageCount > 1 ? <p className="hint">割り当てと利害関係の記録で選べる提案も、このページの提案です。</p> : null}
          <Form method="post">
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">選択</th>
                    <th scope="col">受付番号</th>
                    <th scope="col">団体</th>
                    <th scope="col">提案事業名</th>
                    <th scope="col">状態</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.map((p) => (
                    <tr key={p.id}>
                      <td>
                        {movable(p.status) ? <input type="checkbox" name="proposalIds" value={p.id} id={`move-${p.id}`} aria-label={`${p.receiptNumber ?? p.title} を選ぶ`} /> : null}
                      </td>
                      <td>{p.receiptNumber}</td>
                      <td>{p.groupName}</td>
                      <td>
                        <Link to={`/proposals/${p.id}`}>{p.title || "（無題）"}</Link>
                      </td>
                      <td>{p.statusLabel}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Errors reply={reply} intent="move" field="proposalIds" />
            <input type="hidden" name="intent" value="move" />
            <p className="actions">
              {stages.includes("document_review") ? (
                <SubmitButton name="action" value="start_review" className="button">
                  選んだ提案の一次審査（書類審査）を始める
                </SubmitButton>
              ) : null}{" "}
              {stages.includes("presentation") ? (
                <SubmitButton name="action" value="to_presentation" className="button">
                  選んだ提案を二次審査（プレゼンテーション）へ進める
                </SubmitButton>
              ) : null}
            </p>
          </Form>
          <Pagination page={paging.page} pageCount={paging.pageCount} label="提案のページ" />
        </>
      )}
    </section>
  );
}
