// One assignment of a reviewer: the submitted version of the proposal (frozen) beside the rubric form —
// points per criterion within its range, a comment for the applicant, a private note — saved as a draft
// or submitted; after submitting, the other reviewers' scores without names where the stage allows.
// A reviewer declares a conflict here; the proposal then disappears from them (404 like a proposal that
// does not exist, also for this page).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useAutosave, type AutosaveReply } from "~/components/forms/autosave";
import { ConfirmSubmit, FieldErrors, FormErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { ProposalPrint } from "~/components/proposals/proposal-print";
import { ConflictFields, type Reply } from "~/components/reviews/fields";
import { getDb } from "~/db.server";
import { notFound } from "~/auth/guards.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { findProposal, proposalDocument } from "~/domain/proposals/queries.server";
import { loadAssignmentFor } from "~/auth/access/reviews.server";
import { declareConflict, ReviewRefusedError, saveScoreSheet, STALE_SHEET } from "~/domain/reviews/commands.server";
import { findAssignmentFor, othersScores } from "~/domain/reviews/queries.server";
import { declareConflictSchema, formFields, issuesByField, parseScoreSheet, REVIEW_STAGES } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { AutosaveNotices } from "~/components/forms/autosave-notices";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `採点: ${data?.doc.receiptNumber ?? ""} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { assignment } = await loadAssignmentFor(args);
  const db = getDb();
  const proposal = (await findProposal(db, assignment.proposal_id)) ?? notFound();
  const [doc, others] = await Promise.all([proposalDocument(db, proposal, false), othersScores(db, assignment)]);
  const sheet = assignment.sheet;
  return json({
    id: assignment.id,
    proposalId: proposal.id,
    callTitle: assignment.call_title,
    stage: REVIEW_STAGES.label(assignment.stage),
    deadline: assignment.deadline ? formatDateTime(assignment.deadline) : null,
    overdue: assignment.deadline !== null && Date.parse(assignment.deadline) < Date.now(),
    latePolicy: assignment.late_policy,
    doc,
    attachments: proposal.attachments.map((a) => ({ id: a.id, label: a.label, fileName: a.file_name })),
    criteria: assignment.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description ?? "", minPoints: c.minPoints, maxPoints: c.maxPoints, weight: c.weight })),
    sheet: sheet
      ? {
          status: sheet.status,
          revision: sheet.revision,
          points: sheet.points,
          commentForApplicant: sheet.comment_for_applicant,
          privateNote: sheet.private_note,
          submittedAt: sheet.submitted_at ? formatDateTime(sheet.submitted_at) : null,
          late: Number(sheet.submitted_late) === 1,
          excluded: sheet.excluded_at !== null,
        }
      : null,
    others,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, assignment } = await loadAssignmentFor(args);
  const fields = formFields(await readForm(args.request));
  const db = getDb();
  if (fields.intent === "conflict") {
    const parsed = declareConflictSchema.safeParse(fields);
    if (!parsed.success) return json<Reply>({ intent: "conflict", fieldErrors: issuesByField(parsed.error.issues), values: fields }, { status: 400 });
    await declareConflict(db, viewer, { reviewerId: viewer.id, proposalId: assignment.proposal_id, scope: parsed.data.scope, kind: parsed.data.kind, note: parsed.data.note, side: "reviewer" });
    return redirectWithNotice("/reviews", "利害関係を申告しました。この提案はあなたの審査の対象から外れました。");
  }
  const flat = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // The page's script saves the draft a few seconds after typing stops (intent autosave), answered as data.
  const autosave = flat.intent === "autosave";
  const parsed = parseScoreSheet(flat, assignment.criteria);
  if (!parsed.ok) {
    if (autosave) return json<AutosaveReply>({ status: "error" }, { status: 400 });
    return json<Reply>({ intent: "sheet", fieldErrors: parsed.fieldErrors, formError: parsed.fieldErrors.form?.[0], values: fields }, { status: 400 });
  }
  try {
    const result = await saveScoreSheet(db, viewer, assignment, parsed.value);
    if (autosave) return json<AutosaveReply>({ revision: result.revision, savedAt: formatDateTime(new Date().toISOString()) });
    await mailNow(db, result.notificationIds, args.context.origin);
    if (result.submitted) return redirectWithNotice(`/reviews/${assignment.id}`, result.late ? "採点票を提出しました（締切後の提出として記録しました）。" : "採点票を提出しました。");
    return redirectWithNotice(`/reviews/${assignment.id}`, "下書きを保存しました。");
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    if (autosave) return json<AutosaveReply>({ conflict: error.reason }, { status: error.status });
    // The draft was saved before a submission was refused (a criterion left open, the deadline): go on from it.
    // After a stale save the old revision stays, so the reviewer reloads and sees the newer sheet first.
    const saved = error.reason === STALE_SHEET ? undefined : (await findAssignmentFor(db, viewer.id, assignment.id))?.sheet?.revision;
    const values = saved !== undefined ? { ...fields, revision: String(saved) } : fields;
    return json<Reply>({ intent: "sheet", formError: error.reason, fieldErrors: error.problems, values }, { status: error.status });
  }
}


export default function ScoreSheetPage() {
  const data = useLoaderData<typeof loader>();
  // Autosave replies go to the fetcher; the page itself only gets the form's replies.
  const reply = useActionData<typeof action>() as Reply | undefined;
  const { sheet, criteria } = data;
  const submitted = sheet?.status === "submitted";
  const typed = reply?.intent === "sheet" ? reply.values : undefined;
  const value = (field: string, stored: string) => {
    const v = typed?.[field];
    return v === undefined ? stored : Array.isArray(v) ? (v[0] ?? "") : v;
  };
  // A refused save keeps what was typed and the revision it started from: the reviewer reloads to see the newer one.
  const startRevision = typed?.revision !== undefined ? value("revision", "0") : String(sheet?.revision ?? 0);
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave({ formRef, formKey: `review:${data.id}`, revision: startRevision, enabled: !submitted });
  return (
    <>
      <p>
        <Link to="/reviews">審査の一覧に戻る</Link>
      </p>
      <h1>
        採点: {data.doc.receiptNumber}（{data.stage}）
      </h1>
      <p>
        {data.callTitle} · 締切: {data.deadline ?? "未定"}
        {data.overdue ? (data.latePolicy === "allow" ? "（締切を過ぎています。提出すると遅延として記録されます）" : "（締切を過ぎています）") : ""}
      </p>
      <div className="review-layout">
        <div className="review-document">
          <ProposalPrint doc={data.doc} />
          {data.attachments.length ? (
            <section aria-labelledby="review-attachments">
              <h2 id="review-attachments">添付ファイル</h2>
              <ul>
                {data.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/proposals/${data.proposalId}/attachments/${a.id}`}>
                      {a.label}: {a.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <div className="review-sheet">
          <h2>採点票</h2>
          {reply?.intent === "sheet" && reply.formError ? <FormErrors id="sheet-error" errors={[reply.formError]} /> : null}
          {submitted ? (
            <>
              <p>
                {sheet.submittedAt} に提出しました{sheet.late ? "（締切後の提出）" : ""}。修正が必要な場合は協働推進課に再開を依頼してください。
                {sheet.excluded ? "この採点票は利害関係のため集計から除外されています。" : ""}
              </p>
              <table>
                <caption>あなたの採点</caption>
                <tbody>
                  {criteria.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>
                        {sheet.points[c.id]} / {c.maxPoints}点
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>提案者へのコメント</h3>
              <p className="multiline">{sheet.commentForApplicant || "（なし）"}</p>
              <h3>委員会向けのメモ</h3>
              <p className="multiline">{sheet.privateNote || "（なし）"}</p>
            </>
          ) : (
            <Form method="post" ref={formRef} onInput={autosave.onInput} onSubmit={autosave.onSubmit}>
              <AutosaveNotices autosave={autosave} />
              <input type="hidden" name="revision" value={autosave.revision} />
              {criteria.map((c) => {
                const field = `points.${c.id}`;
                const errors = reply?.intent === "sheet" ? reply.fieldErrors?.[field] : undefined;
                return (
                  <div className="field" key={c.id}>
                    <label htmlFor={`score-${c.id}`}>
                      {c.name}（{c.minPoints}〜{c.maxPoints}点{c.weight !== 1 ? `、重み ${c.weight}` : ""}）
                    </label>
                    {c.description ? (
                      <p className="hint" id={`score-${c.id}-hint`}>
                        {c.description}
                      </p>
                    ) : null}
                    <input
                      type="text"
                      inputMode="numeric"
                      id={`score-${c.id}`}
                      name={field}
                      defaultValue={value(field, sheet?.points[c.id] !== undefined ? String(sheet.points[c.id]) : "")}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={`score-${c.id}-error`}
                      size={4}
                    />
                    <FieldErrors id={`score-${c.id}-error`} errors={errors} />
                  </div>
                );
              })}
              <div className="field">
                <label htmlFor="commentForApplicant">提案者へのコメント（委員の名前は伝わりません）</label>
                <textarea id="commentForApplicant" name="commentForApplicant" rows={5} defaultValue={value("commentForApplicant", sheet?.commentForApplicant ?? "")} />
                <FieldErrors id="commentForApplicant-error" errors={reply?.intent === "sheet" ? reply.fieldErrors?.commentForApplicant : undefined} />
              </div>
              <div className="field">
                <label htmlFor="privateNote">委員会向けのメモ（提案者には伝わりません）</label>
                <textarea id="privateNote" name="privateNote" rows={3} defaultValue={value("privateNote", sheet?.privateNote ?? "")} />
                <FieldErrors id="privateNote-error" errors={reply?.intent === "sheet" ? reply.fieldErrors?.privateNote : undefined} />
              </div>
              <p className="actions">
                <SubmitButton name="intent" value="save" className="button">
                  下書きを保存する
                </SubmitButton>{" "}
                <ConfirmSubmit
                  name="intent"
                  value="submit"
                  title="採点票を提出しますか"
                  message={<p>提出すると、この採点が集計に使われ、変更できなくなります（直す必要があるときは、協働推進課に差し戻しを頼んでください）。</p>}
                  confirmLabel="提出する"
                >
                  提出する
                </ConfirmSubmit>
              </p>
            </Form>
          )}

          {data.others ? (
            <section aria-labelledby="others-heading">
              <h3 id="others-heading">ほかの委員の採点</h3>
              {data.others.length === 0 ? (
                <p className="empty">ほかの委員の提出はまだありません。</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">委員</th>
                      {criteria.map((c) => (
                        <th key={c.id} scope="col">
                          {c.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.others.map((o) => (
                      <tr key={o.label}>
                        <th scope="row">{o.label}</th>
                        {criteria.map((c) => (
                          <td key={c.id}>{o.points[c.id] ?? "—"}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ) : null}

          <details>
            <summary>この提案と利害関係がある場合</summary>
            <p>申告すると、この提案はあなたの審査の対象から外れ、提出済みの採点は集計から除外されます（記録は残ります）。</p>
            <Form method="post">
              <input type="hidden" name="intent" value="conflict" />
              <ConflictFields reply={reply} />
              <SubmitButton className="button">利害関係を申告する</SubmitButton>
            </Form>
          </details>
        </div>
      </div>
    </>
  );
}
