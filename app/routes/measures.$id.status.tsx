import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { StatusForm } from "~/components/plans/measure-forms";
import { getDb } from "~/db.server";
import { setMeasureStatus } from "~/domain/plans/commands.server";
import { findMeasureSubject } from "~/domain/plans/queries.server";
import { measureStatusSchema } from "~/domain/plans/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "状況の変更 | 協働マッチングポータル" }];

async function guard(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const measure = (await findMeasureSubject(getDb(), args.params.id ?? "")) ?? notFound();
  const viewer = await requireViewer(args, "plan:set-status", { kind: "measure", id: measure.id, departmentNames: measure.departmentNames });
  return { measure, viewer };
}

export async function loader(args: LoaderFunctionArgs) {
  const { measure } = await guard(args);
  return json({ measure });
}

export async function action(args: ActionFunctionArgs) {
  const { measure, viewer } = await guard(args);
  const submission = parseWithZod(await readForm(args.request), { schema: measureStatusSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const changed = await setMeasureStatus(getDb(), viewer, { measureId: measure.id, ...submission.value });
  return redirectWithNotice(`/measures/${measure.id}`, changed ? `状況を「${submission.value.status}」にしました。` : "状況は変わっていません。");
}

export default function SetStatus() {
  const { measure } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>状況の変更</h1>
      <p>
        施策: <Link to={`/measures/${measure.id}`}>{measure.code} {measure.title}</Link>（現在: {measure.status ?? "記載なし"}）
      </p>
      <StatusForm measureId={measure.id} status={measure.status} lastResult={useActionData<typeof action>()} />
    </>
  );
}
