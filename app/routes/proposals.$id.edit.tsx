// Editing a proposal (提案書): the group's members, while it is a draft or returned for correction.
// 保存する saves; the page's script also saves a few seconds after typing stops (intent autosave, answered
// with the new revision); 保存して提出する saves and submits. A save over a newer one is refused (409)
// and the typed text comes back in the form. A refused submission lists what is missing at the top, each
// a link to its field (also without JavaScript).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { ProposalForm } from "~/components/proposals/proposal-form";
import { getDb } from "~/db.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadProposalFor } from "~/auth/access/proposals.server";
import { ProposalRefusedError, saveDraft, submitProposal } from "~/domain/proposals/commands.server";
import { contentFormValues, problemList } from "~/domain/proposals/content";
import { proposalFormSchema } from "~/domain/proposals/form";
import { statusLabel } from "~/domain/proposals/lifecycle";
import { budgetRulesFor } from "~/domain/proposals/queries.server";
import { readForm } from "~/http/form.server";
import { listDepartmentNames } from "~/domain/departments/queries.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "提案書の編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadProposalFor(args, "proposal:edit");
  const departments = proposal.type === "citizen" ? await listDepartmentNames(getDb()) : [];
  return json({
    proposal: {
      id: proposal.id,
      type: proposal.type,
      status: proposal.status,
      statusLabel: statusLabel(proposal.status),
      callId: proposal.call.id,
      callTitle: proposal.call.title,
      closesAt: formatDateTime(proposal.call.closes_at),
      groupName: proposal.group_name,
      revision: proposal.revision,
      savedAt: formatDateTime(proposal.saved_at),
      savedBy: proposal.saved_by_name,
    },
    values: contentFormValues(proposal.draftContent),
    budgetRules: await budgetRulesFor(getDb(), proposal),
    sheetChoices: proposal.call.sheets.map((s) => ({ code: s.id, label: `${s.title}（${s.department_name}）` })),
    departmentChoices: departments.map((d) => ({ code: d.id, label: d.name })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal } = await loadProposalFor(args, "proposal:edit");
  const submission = parseWithZod(await readForm(args.request), { schema: proposalFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { revision, intent, ...content } = submission.value;
  const db = getDb();
  try {
    const saved = await saveDraft(db, viewer, proposal, content, revision);
    if (intent === "autosave") return json({ revision: saved, savedAt: formatDateTime(new Date()) });
    if (intent === "save") return redirectWithNotice(`/proposals/${proposal.id}/edit`, "下書きを保存しました。");
    const result = await submitProposal(db, viewer, proposal.id, saved);
    await mailNow(db, result.notificationIds, args.context.origin);
    return redirectWithNotice(`/proposals/${proposal.id}`, `${result.resubmitted ? "再提出" : "提出"}しました。受付番号は ${result.receiptNumber} です。`);
  } catch (error) {
    if (!(error instanceof ProposalRefusedError)) throw error;
    if (intent === "autosave") return json({ conflict: error.reason }, { status: error.status });
    return json(
      { ...submission.reply({ formErrors: [error.reason], fieldErrors: error.problems }), problems: problemList(proposal.id, error.problems, { onEditor: true }) },
      { status: error.status },
    );
  }
}

export default function EditProposal() {
  const { proposal, values, sheetChoices, departmentChoices, budgetRules } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const problems = lastResult && "problems" in lastResult ? (lastResult.problems as ReturnType<typeof problemList>) : [];
  return (
    <>
      <h1>提案書の編集</h1>
      <p>
        {proposal.groupName} · <Link to={`/calls/${proposal.callId}`}>{proposal.callTitle}</Link> · 状態: {proposal.statusLabel} · 提出期限: {proposal.closesAt}
      </p>
      <p>
        <Link to={`/proposals/${proposal.id}`}>提案のページ（提出・事前相談・添付ファイル）</Link>
      </p>
      <p className="hint">
        最後の保存: {proposal.savedAt}
        {proposal.savedBy ? `（${proposal.savedBy}）` : ""}。団体のメンバーなら誰でも編集できます。ほかのメンバーが先に保存した場合は、上書きせずにお知らせします。
      </p>
      {problems.length ? (
        <section className="form-errors checklist" aria-labelledby="problems-heading">
          <h2 id="problems-heading">提出までに必要なこと</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.text}`}>
                <a href={p.href}>{p.text}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ProposalForm
        lastResult={lastResult && "status" in lastResult ? lastResult : undefined}
        defaultValue={values}
        revision={proposal.revision}
        proposalId={proposal.id}
        budgetRules={budgetRules}
        type={proposal.type}
        sheetChoices={sheetChoices}
        departmentChoices={departmentChoices}
        editable
      />
    </>
  );
}
