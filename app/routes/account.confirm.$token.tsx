// A confirmation link from a mail: after sign-up (the account's own address) or an address change
// (the new address). It is followed by the account that asked for it, signed in — the link proves the
// mailbox, the sign-in the password — with a button, so a mail scanner opening the link changes nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, requireViewer, safeRedirectPath } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SubmitButton } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { AccountRefusedError, confirmEmail } from "~/domain/accounts/commands.server";
import { findConfirmation } from "~/domain/accounts/queries.server";

export { noStoreHeaders as headers } from "~/auth/no-store";

export const meta: MetaFunction = () => [{ title: "メールアドレスの確認 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "account:open-confirmation-link");
  const link = await findConfirmation(getDb(), args.params.token ?? "");
  const url = new URL(args.request.url);
  const here = url.pathname + url.search; // with the `redirectTo` a sign-up made on the way to a page
  if (!link) return json({ state: "gone" as const, here, email: null, purpose: null });
  if (!viewer) return json({ state: "sign-in" as const, here, email: null, purpose: link.purpose });
  if (link.userId !== viewer.id) return json({ state: "other-account" as const, here, email: null, purpose: link.purpose });
  return json({ state: "ready" as const, here, email: link.email, purpose: link.purpose });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "account:confirm-email");
  try {
    const link = await confirmEmail(getDb(), viewer, args.params.token ?? "", args.context.origin);
    if (link.purpose === "change") {
      return redirectWithNotice("/account/email", `メールアドレスを ${link.email} に変更しました。前のアドレスにもお知らせを送りました。`);
    }
    const returnTo = safeRedirectPath(new URL(args.request.url).searchParams.get("redirectTo"), "");
    if (returnTo) return redirectWithNotice(returnTo, "メールアドレスを確認し、アカウントの登録が完了しました。");
    return redirectWithNotice("/dashboard", "メールアドレスを確認し、アカウントの登録が完了しました。次は団体の情報を登録しましょう。");
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ error: error.reason }, { status: error.status });
  }
}

export default function FollowConfirmationLink() {
  const { state, here, email, purpose } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (state === "gone" || result?.error) {
    return (
      <>
        <h1>リンクが無効です</h1>
        <p>{result?.error ?? "このリンクは使用済みか、有効期限（24時間）が切れています。新しいリンクは、サインインしてから送り直せます。"}</p>
        <p>
          <Link to="/dashboard">ダッシュボードへ</Link>
        </p>
      </>
    );
  }
  if (state === "sign-in") {
    return (
      <>
        <h1>メールアドレスの確認</h1>
        <p>
          {purpose === "change"
            ? "新しいメールアドレスを確認するには、いまのメールアドレスとパスワードでサインインしてください。"
            : "登録を完了するには、登録したメールアドレスとパスワードでサインインしてください。"}
        </p>
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="button primary">
            サインインして確認する
          </Link>
        </p>
        <p>お心当たりがない場合は、このページを閉じてください。確認しなければ、何も変わりません。</p>
      </>
    );
  }
  if (state === "other-account") {
    return (
      <>
        <h1>メールアドレスの確認</h1>
        <p>このリンクは、いまサインインしているアカウントのものではありません。サインアウトしてから、もう一度リンクを開いてください。</p>
      </>
    );
  }
  return (
    <>
      <h1>メールアドレスの確認</h1>
      {result?.error ? <FormErrors id="confirm-error" errors={[result.error]} /> : null}
      <p>
        {purpose === "change"
          ? `アカウントのメールアドレスを ${email} に変更します。`
          : `${email} をこのアカウントのメールアドレスとして確認します。`}
      </p>
      <Form method="post" action={here}>
        <SubmitButton>{purpose === "change" ? "メールアドレスを変更する" : "メールアドレスを確認する"}</SubmitButton>
      </Form>
    </>
  );
}
