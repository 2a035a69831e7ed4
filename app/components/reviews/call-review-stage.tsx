// One review stage on the coordinator's review of a call: its deadline and settings, its panel of
// reviewers, assigning them to proposals and the state of each assignment (reopen a submitted sheet,
// take back one not yet submitted).
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { reviewOverview } from "~/domain/reviews/queries.server";
import { LATE_POLICIES } from "~/domain/reviews/schema";
import type { ReviewedProposal } from "./call-review-proposals";
import { Errors, valueOf, type Reply } from "./fields";
import { SubmitButton } from "~/components/forms/form";

type OverviewStage = SerializeFrom<Awaited<ReturnType<typeof reviewOverview>>>["stages"][number];

/** A stage as the loader shows it: settings formatted, members and assignments as the overview has them. */
export interface ReviewStageView {
  code: OverviewStage["code"];
  label: string;
  deadlineLocal: string;
  latePolicy: string;
  showOthers: boolean;
  members: OverviewStage["members"];
  /** Over the whole call; `assignments` are those of the page's proposals. */
  assignmentCounts: OverviewStage["assignmentCounts"];
  assignments: OverviewStage["assignments"];
}

export function ReviewStagePanel({
  stage,
  reviewers,
  proposals,
  paged,
  reply,
}: {
  stage: ReviewStageView;
  reviewers: { id: string; name: string; email: string }[];
  /** The page's proposals. */
  proposals: ReviewedProposal[];
  /** Whether the call's proposals take more than one page. */
  paged: boolean;
  reply: Reply | undefined;
}) {
  const memberIds = new Set(stage.members.map((m) => m.id));
  const candidates = reviewers.filter((r) => !memberIds.has(r.id));
  return (
    <section className="panel" aria-labelledby={`stage-${stage.code}`}>
      <h2 id={`stage-${stage.code}`}>{stage.label}</h2>

      <h3>締切と設定</h3>
      <Form method="post">
        <input type="hidden" name="intent" value="stage" />
        <input type="hidden" name="stage" value={stage.code} />
        <div className="field">
          <label htmlFor={`deadline-${stage.code}`}>審査の締切（日本時間）</label>
          <input
            type="datetime-local"
            id={`deadline-${stage.code}`}
            name="deadline"
            defaultValue={reply?.intent === "stage" && reply.stage === stage.code ? (valueOf(reply, "stage", "deadline") ?? "") : stage.deadlineLocal}
          />
          <Errors reply={reply} intent="stage" stage={stage.code} field="deadline" />
        </div>
        <div className="field">
          <label htmlFor={`late-${stage.code}`}>締切後の提出</label>
          <select id={`late-${stage.code}`} name="latePolicy" defaultValue={stage.latePolicy}>
            {LATE_POLICIES.items.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <input type="checkbox" id={`others-${stage.code}`} name="showOthers" defaultChecked={stage.showOthers} />
          <label htmlFor={`others-${stage.code}`}>提出した委員に、ほかの委員の点数（氏名は伏せます）を見せる</label>
        </div>
        <SubmitButton className="button">
          設定を保存する
        </SubmitButton>
      </Form>

      <h3>委員会</h3>
      {stage.members.length === 0 ? (
        <p className="empty">まだ委員がいません。</p>
      ) : (
        <ul>
          {stage.members.map((m) => (
            <li key={m.id}>
              {m.name}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="remove_member" />
                <input type="hidden" name="stage" value={stage.code} />
                <input type="hidden" name="reviewerId" value={m.id} />
                <SubmitButton className="button small">
                  外す
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {candidates.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="add_member" />
          <input type="hidden" name="stage" value={stage.code} />
          <div className="field">
            <label htmlFor={`add-${stage.code}`}>委員会に加える審査委員</label>
            <select id={`add-${stage.code}`} name="reviewerId" defaultValue="">
              <option value="">選んでください</option>
              {candidates.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}（{r.email}）
                </option>
              ))}
            </select>
            <Errors reply={reply} intent="add_member" stage={stage.code} field="reviewerId" />
          </div>
          <SubmitButton className="button">
            加える
          </SubmitButton>
        </Form>
      ) : (
        <p className="hint">
          審査委員の役割を持つアカウントはすべて委員会にいます。外部の委員は<Link to="/coordinator/reviewers">審査委員</Link>のページから招待できます。
        </p>
      )}

      {stage.members.length ? (
        <>
          <h3>割り当て</h3>
          {stage.assignmentCounts.assigned ? <AssignmentSummary counts={stage.assignmentCounts} /> : null}
          <AssignForm stage={stage} proposals={proposals} paged={paged} reply={reply} />
          {stage.assignments.length ? <AssignmentTable stage={stage} proposals={proposals} paged={paged} reply={reply} /> : null}
        </>
      ) : null}
    </section>
  );
}

/** How the stage's assignments stand over the whole call, whichever page of proposals is shown. */
function AssignmentSummary({ counts }: { counts: ReviewStageView["assignmentCounts"] }) {
  return (
    <p>
      この段階の割り当て {counts.assigned}件（採点票 提出済み {counts.submitted}件・下書き {counts.draft}件・未着手 {counts.notStarted}件
      {counts.excluded ? `・集計から除外 ${counts.excluded}件` : null}）
    </p>
  );
}

function AssignForm({ stage, proposals, paged, reply }: { stage: ReviewStageView; proposals: ReviewedProposal[]; paged: boolean; reply: Reply | undefined }) {
  // The second stage may also take proposals already moved to the presentation.
  const inStage = stage.code === "document_review" ? ["submitted", "in_review"] : ["submitted", "in_review", "presentation"];
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="stage" value={stage.code} />
      <fieldset className="field choices">
        <legend>審査委員</legend>
        {stage.members.map((m) => (
          <span key={m.id} className="choice">
            <input type="checkbox" id={`assign-${stage.code}-${m.id}`} name="reviewerIds" value={m.id} />
            <label htmlFor={`assign-${stage.code}-${m.id}`}>{m.name}</label>
          </span>
        ))}
        <Errors reply={reply} intent="assign" stage={stage.code} field="reviewerIds" />
      </fieldset>
      <fieldset className="field choices">
        <legend>提案</legend>
        <span className="choice">
          <input type="radio" id={`scope-all-${stage.code}`} name="scope" value="all" defaultChecked />
          <label htmlFor={`scope-all-${stage.code}`}>この段階のすべての提案（利害関係のある組み合わせは除きます）</label>
        </span>
        <span className="choice">
          <input type="radio" id={`scope-selected-${stage.code}`} name="scope" value="selected" />
          <label htmlFor={`scope-selected-${stage.code}`}>次で選んだ提案だけ{paged ? "（このページの提案から）" : null}</label>
        </span>
        {proposals
          .filter((p) => inStage.includes(p.status))
          .map((p) => (
            <span key={p.id} className="choice">
              <input type="checkbox" id={`assign-p-${stage.code}-${p.id}`} name="proposalIds" value={p.id} />
              <label htmlFor={`assign-p-${stage.code}-${p.id}`}>
                {p.receiptNumber} {p.title}
              </label>
            </span>
          ))}
        <Errors reply={reply} intent="assign" stage={stage.code} field="proposalIds" />
      </fieldset>
      <SubmitButton className="button primary">
        割り当てる
      </SubmitButton>
    </Form>
  );
}

function AssignmentTable({ stage, proposals, paged, reply }: { stage: ReviewStageView; proposals: ReviewedProposal[]; paged: boolean; reply: Reply | undefined }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>割り当ての状況{paged ? "（このページの提案）" : null}</caption>
        <thead>
          <tr>
            <th scope="col">受付番号</th>
            <th scope="col">審査委員</th>
            <th scope="col">採点票</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {stage.assignments.map((a) => {
            const p = proposals.find((x) => x.id === a.proposalId);
            return (
              <tr key={a.id}>
                <td>{p?.receiptNumber}</td>
                <td>{a.reviewerName}</td>
                <td>
                  {a.conflicted || a.excluded ? "利害関係あり（集計から除外）" : a.sheetStatus === "submitted" ? (a.late ? "提出済み（遅延）" : "提出済み") : a.sheetStatus === "draft" ? "下書き" : "未着手"}
                </td>
                <td>
                  {a.sheetStatus === "submitted" && a.sheetId ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="reopen" />
                      <input type="hidden" name="sheetId" value={a.sheetId} />
                      <label htmlFor={`reopen-${a.id}`}>再開の理由</label>{" "}
                      <input type="text" id={`reopen-${a.id}`} name="reason" />{" "}
                      <SubmitButton className="button small">
                        再開する
                      </SubmitButton>
                    </Form>
                  ) : (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="unassign" />
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <SubmitButton className="button small">
                        外す
                      </SubmitButton>
                    </Form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Errors reply={reply} intent="reopen" field="reason" />
    </div>
  );
}
