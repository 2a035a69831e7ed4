import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { SubmitButton } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { acceptInvite } from "~/domain/groups/commands.server";
import { findInvite } from "~/domain/groups/queries.server";

export { noStoreHeaders as headers } from "~/auth/no-store";

export const meta: MetaFunction = () => [{ title: "団体への招待 | 協働マッチングポータル" }];

// The link joins the account of whoever opens it while signed in; the token is single-use and expires.
// Anonymous visitors are told to sign in (and come back here) or to make an account first.
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await authorize(args, "public:view");
  const invite = await findInvite(getDb(), args.params.token ?? "");
  const url = new URL(args.request.url);
  return json({
    signedIn: viewer !== null,
    here: url.pathname,
    invite: invite ? { groupName: invite.groupName, email: viewer ? invite.email : null } : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "group:accept-invite");
  const groupId = await acceptInvite(getDb(), viewer, args.params.token ?? "");
  if (!groupId) {
    return json({ error: "この招待リンクは使用済みか、有効期限が切れています。団体の代表管理者に、もう一度招待してもらってください。" }, { status: 400 });
  }
  return redirectWithNotice(`/groups/${groupId}`, "団体のメンバーになりました。");
}

export default function AcceptInvite() {
  const { invite, signedIn, here } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (invite && !signedIn) {
    return (
      <>
        <h1>団体への招待</h1>
        <p>「{invite.groupName}」のメンバーとして招待されています。参加するには、サインインしてください。</p>
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="button primary">
            サインインして参加する
          </Link>
        </p>
        <p>
          アカウントをお持ちでない場合は、<Link to="/signup">アカウント登録</Link>をして、届いた確認メールのリンクで登録を完了してから、もう一度この招待のリンクを開いてください。
        </p>
      </>
    );
  }
  if (!invite || result?.error) {
    return (
      <>
        <h1>招待リンクが無効です</h1>
        <p>{result?.error ?? "この招待リンクは使用済みか、有効期限（7日間）が切れています。団体の代表管理者に、もう一度招待してもらってください。"}</p>
        <p>
          <Link to="/dashboard">ダッシュボードへ</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>団体への招待</h1>
      <p>
        「{invite.groupName}」のメンバーとして招待されています（招待先: {invite.email}）。参加すると、この団体の情報を編集できるようになります。
      </p>
      <Form method="post">
        <SubmitButton>参加する</SubmitButton>
      </Form>
    </>
  );
}
