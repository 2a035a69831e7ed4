import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/flash.server";
import { SubmitButton } from "~/components/form";
import { getDb } from "~/db.server";
import { acceptInvite } from "~/domain/groups/commands.server";
import { findInvite } from "~/domain/groups/queries.server";

export const meta: MetaFunction = () => [{ title: "団体への招待 | 協働マッチングポータル" }];

// Signing in first (the guard sends anonymous visitors to sign in and back here) means the link joins
// the account of whoever opens it; the token is single-use and expires.
export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "group:accept-invite");
  const invite = await findInvite(getDb(), args.params.token ?? "");
  return json({ invite: invite ? { groupName: invite.groupName, email: invite.email } : null });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "group:accept-invite");
  const groupId = await acceptInvite(getDb(), viewer.id, args.params.token ?? "");
  if (!groupId) {
    return json({ error: "この招待リンクは使用済みか、有効期限が切れています。団体の代表管理者に、もう一度招待してもらってください。" }, { status: 400 });
  }
  return redirectWithNotice(`/groups/${groupId}`, "団体のメンバーになりました。");
}

export default function AcceptInvite() {
  const { invite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
