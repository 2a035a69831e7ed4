import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { useSchemaForm } from "~/components/forms/form";
import { GroupProfileForm } from "~/components/groups/group-profile-form";
import { getDb } from "~/db.server";
import { registerGroup } from "~/domain/groups/commands.server";
import { groupProfileSchema } from "~/domain/groups/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "団体の登録 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "group:register");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "group:register");
  const submission = parseWithZod(await readForm(args.request), { schema: groupProfileSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const id = await registerGroup(getDb(), viewer, submission.value);
  return redirectWithNotice(`/groups/${id}`, `「${submission.value.name}」を登録しました。協働推進課の承認をお待ちください。`);
}

export default function NewGroup() {
  const [form] = useSchemaForm(groupProfileSchema, useActionData<typeof action>(), {
    emailVisibility: "staff",
    phoneVisibility: "staff",
    addressVisibility: "staff",
    websiteVisibility: "public",
  });
  return (
    <>
      <h1>団体の登録</h1>
      <p>
        登録した団体は、協働推進課が内容を確認して承認すると「団体をさがす」に公開され、各課のマッチングシートへ提案できるようになります。登録した方が団体の代表管理者になり、ほかのメンバーを招待できます。
      </p>
      <GroupProfileForm form={form} submitLabel="登録する" keptAs={{ key: "group:new", revision: "new" }} />
    </>
  );
}
