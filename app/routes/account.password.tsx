import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRecentAuthentication } from "~/auth/guards.server";
import { weakPasswordReason } from "~/auth/password-policy.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, NewPasswordFields, SubmitButton, useSchemaForm } from "~/components/forms/form";
import { changePassword } from "~/domain/accounts/commands.server";
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "パスワード変更 | 協働マッチングポータル" }];

// The current password is not asked here: the page needs a password entered within the last few
// minutes (at sign-in, or on the re-authentication page it sends to).
export async function loader(args: LoaderFunctionArgs) {
  await requireRecentAuthentication(args, "account:change-password");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, sessionToken } = await requireRecentAuthentication(args, "account:change-password");
  const submission = parseWithZod(await readForm(args.request), { schema: changePasswordSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const weak = weakPasswordReason(submission.value.password, viewer);
  if (weak) return json(submission.reply({ hideFields, fieldErrors: { password: [weak] } }), { status: 400 });
  await changePassword(getDb(), viewer.id, submission.value, sessionToken);
  return redirectWithNotice("/dashboard", "パスワードを変更しました。この端末以外でのサインインは終了しました。");
}

export default function ChangePassword() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changePasswordSchema, lastResult);
  return (
    <>
      <h1>パスワード変更</h1>
      <p>変更すると、この端末以外でのサインインはすべて終了します。</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields
          password={fields.password}
          passwordConfirm={fields.passwordConfirm}
          label="新しいパスワード"
          minLength={PASSWORD_MIN_LENGTH}
        />
        <SubmitButton>変更する</SubmitButton>
      </Form>
    </>
  );
}
