import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { ConfirmSubmit, FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { requireGroup } from "~/auth/access/groups.server";
import { GroupRefusedError, inviteMember, removeMember, transferOwnership } from "~/domain/groups/commands.server";
import { groupName, listMembers, listOpenInvites } from "~/domain/groups/queries.server";
import { inviteSchema, memberChangeSchema } from "~/domain/groups/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "団体のメンバー | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, group } = await requireGroup(args, "group:edit");
  const db = getDb();
  const name = await groupName(db, group.id);
  const canManage = can(viewer, "group:manage-members", group);
  return json({
    group: { id: group.id, name },
    viewerId: viewer.id,
    canManage,
    members: await listMembers(db, group.id),
    invites: canManage ? await listOpenInvites(db, group.id) : [],
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, group } = await requireGroup(args, "group:manage-members");
  const formData = await readForm(args.request);
  const db = getDb();
  const back = `/groups/${group.id}/members`;
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: inviteSchema });
    if (submission.status !== "success") return json({ invite: submission.reply(), error: null }, { status: 400 });
    try {
      await inviteMember(db, viewer, group.id, submission.value.email, args.context.origin);
    } catch (error) {
      if (!(error instanceof GroupRefusedError)) throw error;
      return json({ invite: submission.reply({ fieldErrors: error.problems }), error: null }, { status: error.status });
    }
    return redirectWithNotice(back, `${submission.value.email} に招待メールを送りました。`);
  }
  const submission = parseWithZod(formData, { schema: memberChangeSchema });
  if (submission.status !== "success") {
    return json({ invite: null, error: "操作の指定が正しくありません。もう一度お試しください。" }, { status: 400 });
  }
  const { intent, userId } = submission.value;
  try {
    if (intent === "transfer") {
      const name = await transferOwnership(db, viewer, group.id, userId);
      return redirectWithNotice(back, `代表管理者を ${name} さんに引き継ぎました。`);
    }
    const name = await removeMember(db, viewer, group.id, userId);
    return redirectWithNotice(back, `${name} さんをメンバーから外しました。`);
  } catch (error) {
    if (!(error instanceof GroupRefusedError)) throw error;
    return json({ invite: null, error: error.reason }, { status: error.status });
  }
}

export default function GroupMembers() {
  const { group, members, invites, canManage, viewerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(inviteSchema, result?.invite ?? undefined);
  return (
    <>
      <h1>{group.name}のメンバー</h1>
      {result?.error ? (
        <p className="form-errors" role="alert">
          {result.error}
        </p>
      ) : null}
      <table>
        <caption className="visually-hidden">メンバーの一覧</caption>
        <thead>
          <tr>
            <th scope="col">お名前</th>
            <th scope="col">メールアドレス</th>
            <th scope="col">役割</th>
            {canManage ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.displayName}</td>
              <td>{m.email}</td>
              <td>{m.role === "owner" ? "代表管理者" : "メンバー"}</td>
              {canManage ? (
                <td>
                  {m.role === "member" ? (
                    <>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="transfer" />
                        <input type="hidden" name="userId" value={m.id} />
                        <ConfirmSubmit
                          className="button"
                          ariaLabel={`${m.displayName} さんに代表管理者を引き継ぐ`}
                          title={`${m.displayName} さんに代表管理者を引き継ぎますか`}
                          message={
                            <p>
                              {m.displayName} さんが代表管理者になり、あなたは一般のメンバーになります。メンバーの招待や外すこと、引き継ぎは、これからは {m.displayName} さんが行います。あなたから元に戻すことはできません。
                            </p>
                          }
                          confirmLabel="引き継ぐ"
                        >
                          代表管理者を引き継ぐ
                        </ConfirmSubmit>
                      </Form>{" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.id} />
                        <ConfirmSubmit
                          className="button"
                          ariaLabel={`${m.displayName} さんをメンバーから外す`}
                          title={`${m.displayName} さんをメンバーから外しますか`}
                          message={<p>{m.displayName} さんは、この団体の提案や下書きを見たり編集したりできなくなります。もう一度加わるには、新しい招待が必要です。</p>}
                          confirmLabel="外す"
                        >
                          外す
                        </ConfirmSubmit>
                      </Form>
                    </>
                  ) : m.id === viewerId ? (
                    <span className="empty">あなた</span>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <>
          <h2>メンバーを招待する</h2>
          <p>招待した人には、参加用のリンク（7日間有効・一度だけ使えます）をメールでお送りします。</p>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="invite" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.email} label="招待する人のメールアドレス" type="email" />
            <SubmitButton>招待メールを送る</SubmitButton>
          </Form>
          {invites.length > 0 ? (
            <>
              <h2>返事待ちの招待</h2>
              <ul>
                {invites.map((i) => (
                  <li key={i.email + i.createdAt}>
                    {i.email}（{formatDateTime(i.expiresAt)} まで有効）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="empty">メンバーの招待や代表管理者の引き継ぎは、代表管理者が行います。</p>
      )}
      <p>
        <Link to={`/groups/${group.id}`}>団体のページへ戻る</Link>
      </p>
    </>
  );
}
