import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize, safeRedirectPath } from "~/auth/guards.server";
import { startPendingSignIn } from "~/auth/pending-sign-in.server";
import { startSession } from "~/auth/session.server";
import { THROTTLE } from "~/auth/throttle.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { authenticate } from "~/domain/accounts/commands.server";
import { signInSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "サインイン | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const submission = parseWithZod(await readForm(args.request), { schema: signInSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const result = await authenticate(getDb(), submission.value, args.context.clientAddress);
  if (!result.ok && result.reason === "throttled") {
    return json(
      submission.reply({
        hideFields,
        formErrors: [
          `サインインの失敗が続いたため、一時的に受け付けを止めています。${THROTTLE.windowMinutes}分ほど待ってから、もう一度お試しください。パスワードを忘れた場合は再設定できます。`,
        ],
      }),
      { status: 429 },
    );
  }
  if (!result.ok) {
    return json(
      submission.reply({ hideFields, formErrors: ["メールアドレスまたはパスワードが正しくありません。"] }),
      { status: 400 },
    );
  }
  const redirectTo = safeRedirectPath(submission.value.redirectTo);
  if (result.secondFactor) {
    // No session yet: the code comes first (login_.two-factor.tsx).
    const pending = await startPendingSignIn(getDb(), result.userId);
    return redirect(`/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: { "Set-Cookie": pending } });
  }
  const cookie = await startSession(result.userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
}

/** Where sign-in was asked for on the way to starting a proposal (`/calls/{id}/propose`). */
const PROPOSE_PATH = /^\/calls\/[^/?#]+\/propose(?:[?#]|$)/;

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useSchemaForm(signInSchema, lastResult, { redirectTo });
  const signUpPath = redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup";
  return (
    <>
      <h1>サインイン</h1>
      {PROPOSE_PATH.test(redirectTo) ? (
        <p className="notice" role="status">
          提案するには、団体のメンバーとしてサインインしてください。アカウントがない場合は登録してください。サインインまたは登録の後、この募集の提案書の作成に戻ります。
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        <TextField field={fields.email} label="メールアドレス" type="email" autoComplete="email" />
        <TextField field={fields.password} label="パスワード" type="password" autoComplete="current-password" />
        <SubmitButton>サインイン</SubmitButton>
      </Form>
      <p>
        <Link to="/password/forgot">パスワードを忘れた方</Link>
      </p>
      <p>
        アカウントをお持ちでない方は<Link to={signUpPath}>アカウント登録</Link>へ。
      </p>
    </>
  );
}
