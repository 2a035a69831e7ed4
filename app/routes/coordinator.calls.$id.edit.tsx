import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CallForm } from "~/components/calls/call-form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { loadCallFor } from "~/auth/access/calls.server";
import { CallRefusedError, updateCall } from "~/domain/calls/commands.server";
import { callSheetChoicesFor } from "~/domain/calls/queries.server";
import { isFrozen } from "~/domain/calls/rules";
import { callFormValues, callSchema } from "~/domain/calls/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "募集の編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadCallFor(args, "call:manage");
  // The linked sheets are always offered (one closed since too, so saving the form does not drop it).
  const params = new URL(args.request.url).searchParams;
  const sheets = await callSheetChoicesFor(getDb(), params, { linked: call.sheets, fiscalYear: call.fiscal_year });
  return json({
    call: { id: call.id, title: call.title, status: call.status, frozen: isFrozen(call), updatedAt: call.updated_at },
    values: callFormValues(call),
    sheets,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await loadCallFor(args, "call:manage");
  const submission = parseWithZod(await readForm(args.request), { schema: callSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const status = await updateCall(getDb(), viewer!, call, submission.value);
    const published = call.status === "draft" && status === "published";
    return redirectWithNotice(`/calls/${call.id}`, published ? "募集を公開しました。" : "保存しました。");
  } catch (error) {
    if (!(error instanceof CallRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: 400 });
  }
}

export default function EditCall() {
  const { call, values, sheets } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集の編集</h1>
      <p>
        <Link to={`/calls/${call.id}`}>募集のページに戻る</Link> · <Link to="/coordinator/calls">募集の管理</Link>
      </p>
      <CallForm lastResult={useActionData<typeof action>()} defaultValue={values} sheets={sheets} published={call.status !== "draft"} frozen={call.frozen} keptAs={{ key: `call:${call.id}`, revision: call.updatedAt }} />
    </>
  );
}
