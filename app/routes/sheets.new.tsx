import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { SheetForm } from "~/components/sheets/sheet-form";
import { getDb } from "~/db.server";
import { findDepartment } from "~/domain/departments/queries.server";
import { createSheet, SheetRefusedError } from "~/domain/sheets/commands.server";
import { sheetSchema } from "~/domain/sheets/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "マッチングシートの作成 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "sheet:create");
  const department = await findDepartment(getDb(), viewer.departmentId!);
  return json({ department });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "sheet:create");
  const submission = parseWithZod(await readForm(args.request), { schema: sheetSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const id = await createSheet(getDb(), viewer, viewer.departmentId!, submission.value);
    const published = submission.value.intent === "publish";
    return redirectWithNotice(`/sheets/${id}`, published ? "マッチングシートを公開しました。" : "下書きを保存しました。公開するまで団体には見えません。");
  } catch (error) {
    if (!(error instanceof SheetRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: error.status });
  }
}

export default function NewSheet() {
  const { department } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マッチングシートの作成</h1>
      <p>担当課: {department?.name}</p>
      <SheetForm lastResult={useActionData<typeof action>()} published={false} keptAs={{ key: "sheet:new", revision: "new" }} />
    </>
  );
}
