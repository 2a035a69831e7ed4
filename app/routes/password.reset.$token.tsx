import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize } from "~/auth/guards.server";
import { weakPasswordReason } from "~/auth/password-policy.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, NewPasswordFields, SubmitButton, useSchemaForm } from "~/components/forms/form";
import { findResetUser, resetPassword } from "~/domain/accounts/commands.server";
import { loadViewer } from "~/domain/accounts/queries.server";
import { PASSWORD_MIN_LENGTH, resetPasswordSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export { noStoreHeaders as headers } from "~/auth/no-store";

export const meta: MetaFunction = () => [{ title: "新しいパスワードの設定 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  const userId = await findResetUser(getDb(), args.params.token ?? "");
  return json({ valid: userId !== null });
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, "public:view");
  const submission = parseWithZod(await readForm(args.request), { schema: resetPasswordSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const account = await loadViewer(getDb(), (await findResetUser(getDb(), args.params.token ?? "")) ?? "");
  const weak = account && weakPasswordReason(submission.value.password, account);
  if (weak) return json(submission.reply({ hideFields, fieldErrors: { password: [weak] } }), { status: 400 });
  const userId = await resetPassword(getDb(), args.params.token ?? "", submission.value.password);
  if (!userId) {
    return json(
      submission.reply({
        hideFields,
        formErrors: ["このリンクは使用済みか、有効期限が切れています。もう一度、再設定用のリンクを申し込んでください。"],
      }),
      { status: 400 },
    );
  }
  return redirectWithNotice("/login", "新しいパスワードを設定しました。サインインしてください。");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(resetPasswordSchema, lastResult);
  if (!valid) {
    return (
      <>
        <h1>リンクが無効です</h1>
        <p>このリンクは使用済みか、有効期限（30分）が切れています。</p>
        <p>
          <Link to="/password/forgot">再設定用のリンクをもう一度申し込む</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>新しいパスワードの設定</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields
          password={fields.password}
          passwordConfirm={fields.passwordConfirm}
          label="新しいパスワード"
          minLength={PASSWORD_MIN_LENGTH}
        />
        <SubmitButton>設定する</SubmitButton>
      </Form>
    </>
  );
}
