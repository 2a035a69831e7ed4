// The reviewers (審査委員) the coordinator can put on panels, the invitations not yet accepted, and the
// form that invites an external member (学識経験者, 市民委員 …) by e-mail: the account that comes of it
// holds the reviewer role only.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { getDb } from "~/db.server";
import { inviteReviewer, listPendingInvites } from "~/domain/reviews/commands.server";
import { reviewerAccounts } from "~/domain/reviews/queries.server";
import { reviewerInviteSchema } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "審査委員 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "review:invite");
  const db = getDb();
  const [reviewers, invites] = await Promise.all([reviewerAccounts(db), listPendingInvites(db)]);
  return json({
    reviewers,
    invites: invites.map((i) => ({ email: i.email, name: i.display_name, affiliation: i.affiliation, expiresAt: formatDateTime(i.expires_at) })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "review:invite");
  const submission = parseWithZod(await readForm(args.request), { schema: reviewerInviteSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await inviteReviewer(getDb(), viewer, submission.value, args.context.origin);
  return redirectWithNotice("/coordinator/reviewers", `${submission.value.email} に招待メールを送りました（有効期限7日）。`);
}

export default function Reviewers() {
  const { reviewers, invites } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(reviewerInviteSchema, useActionData<typeof action>());
  return (
    <>
      <h1>審査委員</h1>
      <section className="panel" aria-labelledby="reviewers-heading">
        <h2 id="reviewers-heading">審査委員の役割を持つアカウント</h2>
        {reviewers.length === 0 ? (
          <p className="empty">まだいません。下のフォームから招待するか、システム管理者に役割の付与を依頼してください。</p>
        ) : (
          <ul>
            {reviewers.map((r) => (
              <li key={r.id}>
                {r.name}（{r.email}）
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="invites-heading">
        <h2 id="invites-heading">招待中</h2>
        {invites.length === 0 ? (
          <p className="empty">承諾を待っている招待はありません。</p>
        ) : (
          <ul>
            {invites.map((i) => (
              <li key={`${i.email}-${i.expiresAt}`}>
                {i.name}（{i.email}
                {i.affiliation ? `、${i.affiliation}` : ""}）— {i.expiresAt} まで有効
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">外部の審査委員を招待する</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.displayName} label="お名前" />
          <TextField field={fields.email} label="メールアドレス" type="email" />
          <TextField field={fields.affiliation} label="区分・所属（任意）" hint="例: 学識経験者、市民委員" />
          <SubmitButton>招待メールを送る</SubmitButton>
        </Form>
      </section>
    </>
  );
}
