import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize } from "~/auth/guards.server";
import { weakPasswordReason } from "~/auth/password-policy.server";
import { startSession } from "~/auth/session.server";
import { redirectWithNotice } from "~/components/flash.server";
import { FormErrors, NewPasswordFields, SubmitButton, TextField, useSchemaForm } from "~/components/form";
import { EmailTakenError, registerUser } from "~/domain/accounts/commands.server";
import { PASSWORD_MIN_LENGTH, signUpSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "アカウント登録 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const submission = parseWithZod(await readForm(args.request), { schema: signUpSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const weak = weakPasswordReason(submission.value.password, submission.value);
  if (weak) return json(submission.reply({ hideFields, fieldErrors: { password: [weak] } }), { status: 400 });
  try {
    const userId = await registerUser(getDb(), { ...submission.value, roles: ["group_member"], source: "signup" });
    const cookie = await startSession(userId);
    return redirectWithNotice("/dashboard", "アカウントを登録しました。次は団体の情報を登録しましょう。", {
      headers: { "Set-Cookie": cookie },
    });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return json(
      submission.reply({
        hideFields,
        fieldErrors: { email: ["このメールアドレスは既に登録されています。サインインするか、パスワードの再設定をしてください。"] },
      }),
      { status: 400 },
    );
  }
}

export default function SignUp() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(signUpSchema, lastResult);
  return (
    <>
      <h1>アカウント登録</h1>
      <p>団体の方も、市の職員の方も、まずアカウントを登録してください。職員・審査委員の役割は管理者が付与します。</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.displayName} label="お名前" autoComplete="name" />
        <TextField field={fields.email} label="メールアドレス" type="email" autoComplete="email" />
        <NewPasswordFields
          password={fields.password}
          passwordConfirm={fields.passwordConfirm}
          label="パスワード"
          minLength={PASSWORD_MIN_LENGTH}
        />
        <SubmitButton>登録する</SubmitButton>
      </Form>
      <p>
        既にアカウントをお持ちの方は<Link to="/login">サインイン</Link>してください。
      </p>
    </>
  );
}
