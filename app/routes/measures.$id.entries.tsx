import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, notFound, requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { EntryForm } from "~/components/plans/measure-forms";
import { getDb } from "~/db.server";
import { addProgressEntry } from "~/domain/plans/commands.server";
import { measureEditing } from "~/domain/plans/editing.server";
import { findMeasureSubject, measureSubjectFor } from "~/domain/plans/queries.server";
import { progressEntrySchema } from "~/domain/plans/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "実施したことの追加 | 協働マッチングポータル" }];

/** The measure, and the viewer allowed to add an entry to it (staff of its departments, the coordinator). */
async function guard(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const db = getDb();
  const id = args.params.id ?? "";
  const measure = (await findMeasureSubject(db, id)) ?? notFound();
  const someone = await authorize(args, "public:view");
  const subject = (await measureSubjectFor(db, id, someone?.departmentId ?? null))!;
  const viewer = await requireViewer(args, "plan:add-entry", subject);
  return { measure, viewer, editing: measureEditing(viewer, subject) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { measure, editing } = await guard(args);
  return json({ measure, departments: editing.entryDepartments });
}

export async function action(args: ActionFunctionArgs) {
  const { measure, viewer, editing } = await guard(args);
  const submission = parseWithZod(await readForm(args.request), { schema: progressEntrySchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { text, fiscalYearFrom, fiscalYearTo, department } = submission.value;
  if (department !== null && !editing.entryDepartments.includes(department)) {
    return json(submission.reply({ fieldErrors: { department: ["この施策の担当課から選んでください"] } }), { status: 400 });
  }
  if (department === null && editing.entryDepartments.length > 0) {
    return json(submission.reply({ fieldErrors: { department: ["担当課を選んでください"] } }), { status: 400 });
  }
  await addProgressEntry(getDb(), viewer, { measureId: measure.id, text, fiscalYearFrom, fiscalYearTo, departments: department ? [department] : [] });
  return redirectWithNotice(`/measures/${measure.id}`, "実施したことを追加しました。");
}

export default function AddEntry() {
  const { measure, departments } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>実施したことの追加</h1>
      <p>
        施策: <Link to={`/measures/${measure.id}`}>{measure.code} {measure.title}</Link>
      </p>
      <EntryForm measureId={measure.id} departments={departments} lastResult={useActionData<typeof action>()} />
    </>
  );
}
