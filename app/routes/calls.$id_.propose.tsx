// Starting a proposal for a call: the member chooses which of their approved groups proposes and, for a
// government call, which of the call's matching sheets it answers. The draft opens in the form.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { FormErrors, SelectField, SubmitButton, useSchemaForm } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { requireViewer } from "~/auth/guards.server";
import { loadCallFor } from "~/auth/access/calls.server";
import { callPhase, PHASE_LABELS } from "~/domain/calls/rules";
import { CALL_TYPES } from "~/domain/calls/schema";
import { createDraft, ProposalRefusedError } from "~/domain/proposals/commands.server";
import { z } from "~/domain/zod";
import { readForm } from "~/http/form.server";
import { groupsOfMember } from "~/domain/groups/queries.server";

export const meta: MetaFunction = () => [{ title: "提案書の作成 | 協働マッチングポータル" }];

const schema = z.object({
  groupId: z.string({ error: "提案する団体を選んでください" }).max(64),
  sheetId: z.string().max(64).optional(),
});

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const viewer = await requireViewer(args, "proposal:create");
  const { call } = await loadCallFor(args, "call:view");
  return { viewer, call };
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, call } = await load(args);
  const groups = await groupsOfMember(getDb(), viewer.id);
  const phase = callPhase(call, new Date());
  return json({
    call: { id: call.id, title: call.title, type: call.type, phase, sheets: call.sheets },
    groups: groups.filter((g) => g.status === "approved").map((g) => ({ code: g.id, label: g.name })),
    unapproved: groups.filter((g) => g.status !== "approved").map((g) => g.name),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await load(args);
  const submission = parseWithZod(await readForm(args.request), { schema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const id = await createDraft(getDb(), viewer, { callId: call.id, groupId: submission.value.groupId, sheetId: submission.value.sheetId ?? null });
    return redirect(`/proposals/${id}/edit`);
  } catch (error) {
    if (!(error instanceof ProposalRefusedError)) throw error;
    return json(submission.reply({ formErrors: [error.reason], fieldErrors: error.problems }), { status: 400 });
  }
}

export default function Propose() {
  const { call, groups, unapproved } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(schema, useActionData<typeof action>());
  const closed = call.phase === "closed";
  return (
    <>
      <h1>提案書の作成</h1>
      <p>
        <Link to={`/calls/${call.id}`}>{call.title}</Link>（{CALL_TYPES.label(call.type)}・{PHASE_LABELS[call.phase]}）
      </p>
      {closed ? (
        <p className="status-reason">この募集の受付は終了しました。</p>
      ) : groups.length === 0 ? (
        <div className="empty-state">
          <p>提案できるのは、協働推進課の承認を受けた団体のメンバーです。</p>
          {unapproved.length ? <p>{unapproved.join("、")}は承認を待っています。承認されると提案できます。</p> : <p><Link to="/groups/new">団体を登録する</Link>と、承認後に提案できます。</p>}
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField field={fields.groupId} label="提案する団体" options={groups} placeholder={groups.length > 1 ? "選んでください" : undefined} />
          {call.type === "government" ? (
            <SelectField
              field={fields.sheetId}
              label="提案するテーマ（マッチングシート）"
              options={call.sheets.map((s) => ({ code: s.id, label: `${s.title}（${s.department_name}）` }))}
              placeholder="選んでください"
            />
          ) : (
            <p className="hint">市民提案型です。関係する課は提案書の中で選びます。</p>
          )}
          <p className="hint">作成した下書きは、提出するまで団体のメンバーだけが見られます。</p>
          <SubmitButton>下書きを作成する</SubmitButton>
        </Form>
      )}
    </>
  );
}
