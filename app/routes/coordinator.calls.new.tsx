import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { CallForm, DEFAULT_CRITERIA } from "~/components/calls/call-form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { CallRefusedError, createCall } from "~/domain/calls/commands.server";
import { callSheetChoicesFor } from "~/domain/calls/queries.server";
import { fiscalYearOf } from "~/domain/proposals/receipt";
import { callSchema } from "~/domain/calls/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "募集の作成 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "call:manage");
  // A new call is most likely for this fiscal year: its sheets come first.
  const params = new URL(args.request.url).searchParams;
  return json({ sheets: await callSheetChoicesFor(getDb(), params, { linked: [], fiscalYear: fiscalYearOf(new Date()) }) });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "call:manage");
  const submission = parseWithZod(await readForm(args.request), { schema: callSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    const id = await createCall(getDb(), viewer, submission.value);
    const published = submission.value.intent === "publish";
    return redirectWithNotice(`/calls/${id}`, published ? "募集を公開しました。" : "下書きを保存しました。公開するまで団体には見えません。");
  } catch (error) {
    if (!(error instanceof CallRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: 400 });
  }
}

export default function NewCall() {
  const { sheets } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>募集の作成</h1>
      <p>
        <Link to="/coordinator/calls">募集の管理に戻る</Link>
      </p>
      <CallForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{ graceMinutes: "0", cityShareByYear: "100", stages: ["formal_check", "document_review"], criteria: DEFAULT_CRITERIA }}
        sheets={sheets}
        published={false}
        frozen={false}
        keptAs={{ key: "call:new", revision: "new" }}
      />
    </>
  );
}
