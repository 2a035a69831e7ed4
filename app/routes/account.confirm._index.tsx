// What an account whose address is not yet confirmed sees, whatever it opens: the guards send it here.
// The one thing it can do is have the confirmation link sent again (throttled).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SubmitButton } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { AccountRefusedError, resendConfirmation } from "~/domain/accounts/commands.server";
import { isEmailConfirmed } from "~/domain/accounts/queries.server";

export const meta: MetaFunction = () => [{ title: "メールアドレスの確認 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "account:confirm-email");
  if (await isEmailConfirmed(getDb(), viewer.id)) throw redirect("/dashboard");
  return json({ email: viewer.email, displayName: viewer.displayName });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "account:confirm-email");
  try {
    await resendConfirmation(getDb(), viewer, { origin: args.context.origin, clientAddress: args.context.clientAddress });
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    if (error.status === 409) throw redirect("/dashboard");
    return json({ error: error.reason }, { status: error.status });
  }
  return redirectWithNotice("/account/confirm", `${viewer.email} 宛てに確認メールを再送しました。新しいメールのリンクを開いてください（前に送ったリンクは使えなくなりました）。`);
}

export default function ConfirmEmail() {
  const { email, displayName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>メールアドレスの確認</h1>
      <p>
        {displayName} さんのアカウントは、メールアドレスの確認が済んでいません。{email}{" "}
        宛てに送ったメールのリンクを開いて、確認を完了してください。確認が済むまで、ほかのページは使えません。
      </p>
      {result?.error ? <FormErrors id="resend-error" errors={[result.error]} /> : null}
      <Form method="post">
        <SubmitButton>確認メールを再送する</SubmitButton>
      </Form>
      <p>メールが届かない場合は、迷惑メールフォルダも確かめてください。リンクは24時間有効で、最後に送ったものだけが使えます。</p>
      <p>メールアドレスを間違えて登録した場合は、サインアウトして、正しいアドレスでもう一度アカウント登録をしてください。</p>
    </>
  );
}
