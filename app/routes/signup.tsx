import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getInputProps } from "@conform-to/react";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize, safeRedirectPath } from "~/auth/guards.server";
import { weakPasswordReason } from "~/auth/password-policy.server";
import { FormErrors, NewPasswordFields, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { AccountRefusedError, signUp } from "~/domain/accounts/commands.server";
import { PASSWORD_MIN_LENGTH, signUpSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "アカウント登録 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  return null;
}

// The answer is the same page whether or not the address already has an account (the mail says which),
// and nobody is signed in: the account can be used once the link mailed to the address is followed.
export async function action(args: ActionFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const submission = parseWithZod(await readForm(args.request), { schema: signUpSchema });
  const hideFields = ["password", "passwordConfirm"];
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields }), sentTo: null }, { status: 400 });
  const weak = weakPasswordReason(submission.value.password, submission.value);
  if (weak) return json({ result: submission.reply({ hideFields, fieldErrors: { password: [weak] } }), sentTo: null }, { status: 400 });
  const { email, displayName, password, redirectTo } = submission.value;
  // Where the visitor was going (e.g. a call's proposal page): the confirmation link returns there.
  const returnTo = redirectTo ? safeRedirectPath(redirectTo, "") || undefined : undefined;
  try {
    await signUp(getDb(), { email, displayName, password }, { origin: args.context.origin, clientAddress: args.context.clientAddress, returnTo });
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ result: submission.reply({ hideFields, formErrors: [error.reason] }), sentTo: null }, { status: error.status });
  }
  return json({ result: null, sentTo: email });
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useSchemaForm(signUpSchema, data?.result ?? undefined, { redirectTo });
  if (data?.sentTo) {
    return (
      <>
        <h1>確認メールを送信しました</h1>
        <p className="notice" role="status">
          {data.sentTo} 宛てに、登録を完了するためのリンクを送りました。
        </p>
        <p>
          メールのリンクを開き、登録したメールアドレスとパスワードでサインインすると、アカウントが使えるようになります（リンクは24時間有効です）。
        </p>
        <p>
          メールが届かない場合は、迷惑メールフォルダを確かめてください。サインインすると、確認メールを再送できます。
        </p>
        <p>
          <Link to="/login">サインインへ</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>アカウント登録</h1>
      <p>
        団体の方も、市の職員の方も、まずアカウントを登録してください。登録したメールアドレスに確認のリンクを送ります。職員・審査委員の役割は、確認が済んだアカウントに管理者が付与します。
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
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
        既にアカウントをお持ちの方は<Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>サインイン</Link>してください。
      </p>
    </>
  );
}
