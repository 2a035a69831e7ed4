// Changing the account's address: with the current password, a link goes to the new address; the
// address changes only when it is followed, and the old one is told then.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { AccountRefusedError, requestEmailChange } from "~/domain/accounts/commands.server";
import { pendingEmailChange } from "~/domain/accounts/queries.server";
import { changeEmailSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "メールアドレス変更 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "account:change-email");
  return json({ email: viewer.email, pending: await pendingEmailChange(getDb(), viewer.id) });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "account:change-email");
  const submission = parseWithZod(await readForm(args.request), { schema: changeEmailSchema });
  const hideFields = ["currentPassword"];
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields }), sentTo: null }, { status: 400 });
  try {
    await requestEmailChange(getDb(), viewer, submission.value, { origin: args.context.origin, clientAddress: args.context.clientAddress });
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    const hasFieldProblems = Object.keys(error.problems).length > 0;
    return json(
      {
        result: submission.reply({ hideFields, fieldErrors: error.problems, formErrors: hasFieldProblems ? [] : [error.reason] }),
        sentTo: null,
      },
      { status: error.status },
    );
  }
  return json({ result: submission.reply({ resetForm: true }), sentTo: submission.value.email });
}

export default function ChangeEmail() {
  const { email, pending } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changeEmailSchema, data?.result);
  return (
    <>
      <h1>メールアドレス変更</h1>
      {data?.sentTo ? (
        <p className="notice" role="status">
          {data.sentTo} 宛てに確認のリンクを送りました。リンクを開いて確認するまで、メールアドレスは変わりません。
        </p>
      ) : null}
      <p>いまのメールアドレス: {email}</p>
      {pending && !data?.sentTo ? (
        <p>
          {pending.email} への変更の確認を待っています（リンクの有効期限: {formatDateTime(pending.expiresAt)}）。
        </p>
      ) : null}
      <p>新しいアドレスに確認のリンクを送ります。リンクを開くと変更され、いまのアドレスにもお知らせが届きます。</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="新しいメールアドレス" type="email" autoComplete="email" />
        <TextField field={fields.currentPassword} label="現在のパスワード" type="password" autoComplete="current-password" />
        <SubmitButton>確認のリンクを送る</SubmitButton>
      </Form>
    </>
  );
}
