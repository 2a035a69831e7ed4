// The coordinator's review of one call (審査の運営): per stage the deadline and settings, the panel of
// reviewers, their assignments to proposals (never across a conflict), conflicts recorded for a
// reviewer, reopening a submitted sheet, and moving submitted proposals into the review stages.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/form";
import { Errors, valueOf, type Reply } from "~/components/reviews/fields";
import { redirectWithNotice } from "~/components/flash.server";
import { getDb } from "~/db.server";
import { isoToTokyoLocal } from "~/domain/calendar/tokyo-time";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadReviewCall } from "~/auth/access/reviews.server";
import {
  addPanelMember,
  assignReviewers,
  declareConflict,
  moveIntoStage,
  removePanelMember,
  reopenSheet,
  ReviewRefusedError,
  saveStageSettings,
  unassign,
} from "~/domain/reviews/commands.server";
import { reviewOverview } from "~/domain/reviews/queries.server";
import { ConflictFields } from "~/components/reviews/fields";
import { CONFLICT_KINDS, formFields, issuesByField, LATE_POLICIES, panelFormSchema, REVIEW_STAGES } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `審査の運営: ${data?.call.title ?? ""} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const overview = await reviewOverview(getDb(), call);
  return json({
    call: { id: call.id, title: call.title, stages: call.stages },
    proposals: overview.proposals.map((p) => ({ id: p.id, title: p.title, status: p.status, statusLabel: p.statusLabel, receiptNumber: p.receipt_number, groupName: p.group_name })),
    reviewers: overview.reviewers.map((r) => ({ id: r.id, name: r.name, email: r.email, conflictedWith: r.conflictedWith })),
    stages: overview.stages.map((s) => ({
      code: s.code,
      label: REVIEW_STAGES.label(s.code),
      deadline: s.row?.deadline ? formatDateTime(s.row.deadline) : null,
      deadlineLocal: s.row?.deadline ? isoToTokyoLocal(s.row.deadline) : "",
      latePolicy: s.row?.late_policy ?? "refuse",
      showOthers: Number(s.row?.show_others ?? 0) === 1,
      members: s.members,
      assignments: s.assignments,
    })),
    conflicts: overview.conflicts.map((c) => ({ ...c, kind: CONFLICT_KINDS.label(c.kind), declared_at: formatDateTime(c.declared_at) })),
  });
}


export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await loadReviewCall(args);
  const fields = formFields(await readForm(args.request));
  const parsed = panelFormSchema.safeParse(fields);
  const intent = typeof fields.intent === "string" ? fields.intent : undefined;
  const stageField = typeof fields.stage === "string" ? fields.stage : undefined;
  if (!parsed.success) return json<Reply>({ intent, stage: stageField, fieldErrors: issuesByField(parsed.error.issues), values: fields }, { status: 400 });
  const input = parsed.data;
  const db = getDb();
  const back = `/coordinator/calls/${call.id}/review`;
  try {
    switch (input.intent) {
      case "stage":
        await saveStageSettings(db, viewer, call, { stage: input.stage, deadline: input.deadline, latePolicy: input.latePolicy, showOthers: input.showOthers });
        return redirectWithNotice(back, `${REVIEW_STAGES.label(input.stage)}の設定を保存しました。`);
      case "add_member":
        await addPanelMember(db, viewer, call, input.stage, input.reviewerId);
        return redirectWithNotice(back, "審査委員を委員会に加えました。");
      case "remove_member":
        await removePanelMember(db, viewer, call, input.stage, input.reviewerId);
        return redirectWithNotice(back, "審査委員を委員会から外しました。");
      case "assign": {
        const result = await assignReviewers(db, viewer, call, input);
        await mailNow(db, result.notificationIds, args.context.origin);
        const skipped = result.skippedConflicts ? `利害関係のある ${result.skippedConflicts} 件は割り当てませんでした。` : "";
        return redirectWithNotice(back, `${result.created} 件を割り当てました。${skipped}`);
      }
      case "unassign":
        await unassign(db, viewer, call, input.assignmentId);
        return redirectWithNotice(back, "割り当てを外しました。");
      case "conflict": {
        const excluded = await declareConflict(db, viewer, { reviewerId: input.reviewerId, proposalId: input.proposalId, scope: input.scope, kind: input.kind, note: input.note, side: "coordinator" });
        return redirectWithNotice(back, `利害関係を記録しました。${excluded ? `提出済みの採点票 ${excluded} 件を集計から除外しました。` : ""}`);
      }
      case "move": {
        const result = await moveIntoStage(db, viewer, call, input.action, input.proposalIds);
        await mailNow(db, result.notificationIds, args.context.origin);
        return redirectWithNotice(back, `${result.moved} 件の提案を${input.action === "start_review" ? "一次審査中" : "二次審査中"}にしました。`);
      }
      case "reopen":
        await reopenSheet(db, viewer, call, input.sheetId, input.reason);
        return redirectWithNotice(back, "採点票を再開しました。審査委員が修正して提出し直せます。");
    }
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    return json<Reply>({ intent, stage: stageField, formError: error.reason, fieldErrors: error.problems, values: fields }, { status: error.status });
  }
}

export default function CallReview() {
  const { call, proposals, reviewers, stages, conflicts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const movable = (status: string) => status === "submitted" || status === "in_review";
  return (
    <>
      <h1>審査の運営</h1>
      <p>
        募集: <Link to={`/calls/${call.id}`}>{call.title}</Link> · <Link to={`/coordinator/calls/${call.id}/rules`}>集計方法</Link> ·{" "}
        <Link to={`/coordinator/calls/${call.id}/results`}>審査結果一覧</Link> · <Link to="/coordinator/reviewers">審査委員</Link>
      </p>
      {reply?.formError ? <FormErrors id="review-form-error" errors={[reply.formError]} /> : null}

      <section className="panel" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">提出された提案</h2>
        {proposals.length === 0 ? (
          <p className="empty">まだ提出された提案はありません。</p>
        ) : (
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
              {call.stages.includes("document_review") ? (
                <button type="submit" name="action" value="start_review" className="button">
                  選んだ提案の一次審査（書類審査）を始める
                </button>
              ) : null}{" "}
              {call.stages.includes("presentation") ? (
                <button type="submit" name="action" value="to_presentation" className="button">
                  選んだ提案を二次審査（プレゼンテーション）へ進める
                </button>
              ) : null}
            </p>
          </Form>
        )}
      </section>

      {stages.length === 0 ? <p className="empty">この募集には書類審査・プレゼンテーションの段階がありません。募集の編集で段階を設定してください。</p> : null}

      {stages.map((stage) => {
        const memberIds = new Set(stage.members.map((m) => m.id));
        const candidates = reviewers.filter((r) => !memberIds.has(r.id));
        return (
          <section key={stage.code} className="panel" aria-labelledby={`stage-${stage.code}`}>
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
              <button type="submit" className="button">
                設定を保存する
              </button>
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
                      <button type="submit" className="button small">
                        外す
                      </button>
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
                <button type="submit" className="button">
                  加える
                </button>
              </Form>
            ) : (
              <p className="hint">
                審査委員の役割を持つアカウントはすべて委員会にいます。外部の委員は<Link to="/coordinator/reviewers">審査委員</Link>のページから招待できます。
              </p>
            )}

            {stage.members.length ? (
              <>
                <h3>割り当て</h3>
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
                      <label htmlFor={`scope-selected-${stage.code}`}>次で選んだ提案だけ</label>
                    </span>
                    {proposals
                      .filter((p) => (stage.code === "document_review" ? ["submitted", "in_review"] : ["submitted", "in_review", "presentation"]).includes(p.status))
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
                  <button type="submit" className="button primary">
                    割り当てる
                  </button>
                </Form>

                {stage.assignments.length ? (
                  <div className="table-scroll">
                    <table>
                      <caption>割り当ての状況</caption>
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
                                    <button type="submit" className="button small">
                                      再開する
                                    </button>
                                  </Form>
                                ) : (
                                  <Form method="post" className="inline">
                                    <input type="hidden" name="intent" value="unassign" />
                                    <input type="hidden" name="assignmentId" value={a.id} />
                                    <button type="submit" className="button small">
                                      外す
                                    </button>
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
                ) : null}
              </>
            ) : null}
          </section>
        );
      })}

      <section className="panel" aria-labelledby="conflicts-heading">
        <h2 id="conflicts-heading">利害関係</h2>
        <p className="hint">団体の構成員である審査委員は、申告がなくてもその団体の提案と利害関係があるものとして扱います。</p>
        {conflicts.length ? (
          <ul>
            {conflicts.map((c) => (
              <li key={c.id}>
                {c.reviewer_name}: {c.receipt_number ? `受付番号 ${c.receipt_number}` : `団体「${c.group_name}」のすべての提案`}（{c.kind}
                {c.note ? `: ${c.note}` : ""}）— {c.declared_side === "reviewer" ? "本人の申告" : "協働推進課の記録"}、{c.declared_at}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">記録された利害関係はありません。</p>
        )}
        {reviewers.length && proposals.length ? (
          <Form method="post">
            <input type="hidden" name="intent" value="conflict" />
            <div className="field">
              <label htmlFor="conflict-reviewer">審査委員</label>
              <select id="conflict-reviewer" name="reviewerId" defaultValue={valueOf(reply, "conflict", "reviewerId") ?? ""}>
                <option value="">選んでください</option>
                {reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
              <Errors reply={reply} intent="conflict" field="reviewerId" />
            </div>
            <div className="field">
              <label htmlFor="conflict-proposal">提案</label>
              <select id="conflict-proposal" name="proposalId" defaultValue={valueOf(reply, "conflict", "proposalId") ?? ""}>
                <option value="">選んでください</option>
                {proposals.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.receiptNumber} {p.groupName}「{p.title}」
                  </option>
                ))}
              </select>
              <Errors reply={reply} intent="conflict" field="proposalId" />
            </div>
            <ConflictFields reply={reply} />
            <button type="submit" className="button">
              利害関係を記録する
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
