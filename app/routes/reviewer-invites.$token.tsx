// An invited reviewer's link: without an account, they make one (name and password; the address is the
// invitation's) holding the reviewer role only; signed in with the invited address, the role is added to
// that account. The token is single-use and expires after 7 days.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/guards.server";
import { startSession } from "~/auth/session.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, NewPasswordFields, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { PASSWORD_MIN_LENGTH } from "~/domain/accounts/schema";
import { acceptInviteAsNewAccount, acceptInviteAsViewer, findReviewerInvite, ReviewRefusedError } from "~/domain/reviews/commands.server";
import { reviewerAccountSchema } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { SignOut } from "~/components/layout/sign-out";

export { noStoreHeaders as headers } from "~/auth/no-store";

export const meta: MetaFunction = () => [{ title: "審査委員への招待 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const invite = await findReviewerInvite(getDb(), args.params.token ?? "");
  return json({
    signedIn: viewer !== null,
    here: new URL(args.request.url).pathname,
    invite: invite ? { email: invite.email, name: invite.display_name, sameAccount: viewer?.email.toLowerCase() === invite.email } : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const token = args.params.token ?? "";
  const db = getDb();
  try {
    if (viewer) {
      await acceptInviteAsViewer(db, viewer, token);
      return redirectWithNotice("/reviews", "審査委員の役割が付きました。割り当てられた提案は「審査」のページに表示されます。");
    }
    const submission = parseWithZod(await readForm(args.request), { schema: reviewerAccountSchema });
    if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["password", "passwordConfirm"] }), error: null }, { status: 400 });
    const userId = await acceptInviteAsNewAccount(db, token, submission.value);
    const cookie = await startSession(userId);
    return redirectWithNotice("/reviews", "審査委員のアカウントを作りました。", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    return json({ result: null, error: error.reason }, { status: error.status === 410 ? 400 : error.status });
  }
}

export default function ReviewerInvite() {
  const { invite, signedIn, here } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(reviewerAccountSchema, reply?.result ?? undefined, invite ? { displayName: invite.name } : undefined);
  if (!invite) {
    return (
      <>
        <h1>招待リンクが無効です</h1>
        <p>この招待リンクは使用済みか、有効期限（7日間）が切れています。協働推進課に、もう一度招待してもらってください。</p>
      </>
    );
  }
  return (
    <>
      <h1>審査委員への招待</h1>
      {reply?.error ? <FormErrors id="invite-error" errors={[reply.error]} /> : null}
      {signedIn ? (
        invite.sameAccount ? (
          <>
            <p>いまサインインしているアカウント（{invite.email}）に審査委員の役割を付けます。</p>
            <Form method="post">
              <SubmitButton>承諾する</SubmitButton>
            </Form>
          </>
        ) : (
          <>
            <p>この招待は {invite.email} 宛てです。いまのアカウントからサインアウトしてから承諾してください。</p>
            <SignOut redirectTo={here}>サインアウトして、この招待を開き直す</SignOut>
          </>
        )
      ) : (
        <>
          <p>
            {invite.email} 宛ての招待です。お名前とパスワードを設定すると、審査委員のアカウントができます。既にアカウントをお持ちの場合は
            <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>サインイン</Link>してから承諾してください。
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.displayName} label="お名前" autoComplete="name" />
            <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} label="パスワード" minLength={PASSWORD_MIN_LENGTH} />
            <SubmitButton>アカウントを作って承諾する</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
