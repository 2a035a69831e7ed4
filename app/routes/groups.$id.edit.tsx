import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { useSchemaForm } from "~/components/forms/form";
import { GroupProfileForm } from "~/components/groups/group-profile-form";
import { getDb } from "~/db.server";
import { requireGroup } from "~/auth/access/groups.server";
import { updateGroup } from "~/domain/groups/commands.server";
import { profileFormValues } from "~/domain/groups/profile";
import { loadGroupProfile } from "~/domain/groups/queries.server";
import { groupProfileSchema } from "~/domain/groups/schema";
import { STATUS_LABELS } from "~/domain/groups/lifecycle";
import { formatFiscalYear } from "~/domain/calendar/fiscal-year";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "団体情報の編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { group } = await requireGroup(args, "group:edit");
  const profile = (await loadGroupProfile(getDb(), group.id)) ?? notFound();
  return json({ profile, values: profileFormValues(profile, formatFiscalYear) });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, group } = await requireGroup(args, "group:edit");
  const submission = parseWithZod(await readForm(args.request), { schema: groupProfileSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const changed = await updateGroup(getDb(), viewer, group.id, submission.value);
  const notice =
    changed.length === 0
      ? "変更はありませんでした。"
      : group.status === "rejected"
        ? "団体情報を保存し、再審査を依頼しました。"
        : "団体情報を保存しました。";
  return redirectWithNotice(`/groups/${group.id}`, notice);
}

export default function EditGroup() {
  const { profile, values } = useLoaderData<typeof loader>();
  const [form] = useSchemaForm(groupProfileSchema, useActionData<typeof action>(), values);
  return (
    <>
      <h1>{profile.name}の編集</h1>
      <p>審査状況: {STATUS_LABELS[profile.status]}</p>
      {profile.status === "rejected" && profile.statusReason ? (
        <div className="status-reason">
          <strong>協働推進課からの差戻しの理由:</strong> {profile.statusReason}
          <br />
          内容を修正して保存すると、もう一度審査されます。
        </div>
      ) : null}
      <GroupProfileForm form={form} submitLabel="保存する" keptAs={{ key: `group:${profile.id}`, revision: profile.updatedAt }} />
      <p>
        <Link to={`/groups/${profile.id}`}>団体のページへ戻る</Link>
      </p>
    </>
  );
}
