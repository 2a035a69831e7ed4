import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireViewerWithSession, safeRedirectPath } from "~/auth/guards.server";
import { markSessionAuthenticated } from "~/auth/session.server";
import { THROTTLE } from "~/auth/throttle.server";
import { REAUTHENTICATION_MINUTES } from "~/auth/two-factor-policy";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { confirmPassword } from "~/domain/accounts/commands.server";
import { reauthenticateSchema } from "~/domain/accounts/schema";
import { readForm } from "~/http/form.server";

// Re-authentication (本人確認): the password again before changing the password, the address or the
// second factor. Any page can send here with `requireRecentAuthentication`; the user comes back to it.
export const meta: MetaFunction = () => [{ title: "本人確認 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer } = await requireViewerWithSession(args, "account:reauthenticate");
  return json({ email: viewer.email });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, sessionToken } = await requireViewerWithSession(args, "account:reauthenticate");
  const submission = parseWithZod(await readForm(args.request), { schema: reauthenticateSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const result = await confirmPassword(getDb(), viewer, submission.value.password, args.context.clientAddress);
  if (result === "throttled") {
    return json(
      submission.reply({
        hideFields,
        formErrors: [`パスワードの誤りが続いたため、一時的に受け付けを止めています。${THROTTLE.windowMinutes}分ほど待ってから、もう一度お試しください。`],
      }),
      { status: 429 },
    );
  }
  if (result === "invalid") {
    return json(submission.reply({ hideFields, fieldErrors: { password: ["パスワードが正しくありません。"] } }), { status: 400 });
  }
  await markSessionAuthenticated(sessionToken);
  return redirect(safeRedirectPath(submission.value.redirectTo, "/account/two-factor"));
}

export default function Reauthenticate() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(reauthenticateSchema, lastResult, { redirectTo: searchParams.get("redirectTo") ?? "" });
  return (
    <>
      <h1>本人確認</h1>
      <p>
        パスワード・メールアドレス・二段階認証を変更する前に、パスワードをもう一度入力してください。確認後{REAUTHENTICATION_MINUTES}
        分間は、再入力せずに変更できます。
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        {/* For password managers: whose password this is. */}
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <TextField field={fields.password} label="パスワード" type="password" autoComplete="current-password" />
        <SubmitButton>確認する</SubmitButton>
      </Form>
    </>
  );
}
