import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { SheetForm } from "~/components/sheets/sheet-form";
import { getDb } from "~/db.server";
import { loadSheetFor } from "~/auth/access/sheets.server";
import { SheetRefusedError, updateSheet } from "~/domain/sheets/commands.server";
import { sheetFormValues, sheetSchema } from "~/domain/sheets/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "マッチングシートの編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { sheet } = await loadSheetFor(args, "sheet:edit");
  return json({ sheet: { id: sheet.id, title: sheet.title, status: sheet.status, department_name: sheet.department_name, updatedAt: sheet.updated_at }, values: sheetFormValues(sheet) });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, sheet } = await loadSheetFor(args, "sheet:edit");
  const submission = parseWithZod(await readForm(args.request), { schema: sheetSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const status = await updateSheet(getDb(), viewer!, sheet, submission.value);
    const published = sheet.status === "draft" && status === "published";
    return redirectWithNotice(`/sheets/${sheet.id}`, published ? "マッチングシートを公開しました。" : "保存しました。");
  } catch (error) {
    if (!(error instanceof SheetRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: error.status });
  }
}

export default function EditSheet() {
  const { sheet, values } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マッチングシートの編集</h1>
      <p>
        {sheet.department_name} · <Link to={`/sheets/${sheet.id}`}>シートに戻る</Link>
      </p>
      <SheetForm lastResult={useActionData<typeof action>()} defaultValue={values} published={sheet.status !== "draft"} keptAs={{ key: `sheet:${sheet.id}`, revision: sheet.updatedAt }} />
    </>
  );
}
