import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize } from "~/auth/guards.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { AccountRefusedError, requestPasswordReset } from "~/domain/accounts/commands.server";
import { forgotPasswordSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "パスワードの再設定 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const submission = parseWithZod(await readForm(args.request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sentTo: null }, { status: 400 });
  try {
    await requestPasswordReset(getDb(), submission.value.email, { origin: args.context.origin, clientAddress: args.context.clientAddress });
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ result: submission.reply({ formErrors: [error.reason] }), sentTo: null }, { status: error.status });
  }
  return json({ result: submission.reply({ resetForm: true }), sentTo: submission.value.email });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(forgotPasswordSchema, data?.result);
  return (
    <>
      <h1>パスワードの再設定</h1>
      {data?.sentTo ? (
        <p className="notice" role="status">
          {data.sentTo} 宛てに、登録がある場合は再設定用のリンクを送信しました。メールが届かない場合は、迷惑メールフォルダもご確認ください。
        </p>
      ) : null}
      <p>登録したメールアドレスを入力してください。パスワードを再設定するためのリンク（30分間有効）をお送りします。</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="メールアドレス" type="email" autoComplete="email" />
        <SubmitButton>再設定用のリンクを送る</SubmitButton>
      </Form>
      <p>
        <Link to="/login">サインインへ戻る</Link>
      </p>
    </>
  );
}
