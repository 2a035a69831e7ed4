import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, forbidden, notFound, requireViewer } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { LinkForm } from "~/components/plans/measure-forms";
import { getDb } from "~/db.server";
import { linkEvidence, unlinkEvidence } from "~/domain/plans/commands.server";
import { sheetsToLink } from "~/domain/plans/editing.server";
import { findLink, findMeasureSubject, findSheetForLink, recordDepartmentId } from "~/domain/plans/queries.server";
import { linkSchema } from "~/domain/plans/schema";
import { requestedSearch } from "~/domain/zod";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "記録の結び付け | 協働マッチングポータル" }];

// Linking needs "plan:link-evidence" twice: for the page (staff with a department, the coordinator) and
// for the record itself (its owning department's staff, or the coordinator).
async function guard(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const measure = (await findMeasureSubject(getDb(), args.params.id ?? "")) ?? notFound();
  const subject = { kind: "measure" as const, id: measure.id, departmentNames: measure.departmentNames };
  const viewer = await requireViewer(args, "plan:link-evidence", subject);
  return { measure, viewer, subject };
}

export async function loader(args: LoaderFunctionArgs) {
  const { measure, viewer } = await guard(args);
  return json({ measure, sheets: await sheetsToLink(getDb(), viewer, measure.id, requestedSearch(args.request)) });
}

export async function action(args: ActionFunctionArgs) {
  const { measure, viewer, subject } = await guard(args);
  const db = getDb();
  const formData = await readForm(args.request);
  if (formData.get("intent") === "unlink") {
    const link = (await findLink(db, measure.id, String(formData.get("linkId") ?? ""))) ?? notFound();
    const recordDepartment = await recordDepartmentId(db, link.subject_type, link.subject_id);
    if (!can(viewer, "plan:link-evidence", { ...subject, recordDepartmentId: recordDepartment })) forbidden();
    await unlinkEvidence(db, viewer, { measureId: measure.id, linkId: link.id });
    return redirectWithNotice(`/measures/${measure.id}`, "結び付けを外しました。");
  }
  const submission = parseWithZod(formData, { schema: linkSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const sheet = await findSheetForLink(db, submission.value.sheetId);
  if (!sheet) return json(submission.reply({ fieldErrors: { sheetId: ["そのマッチングシートは見つかりません"] } }), { status: 400 });
  await authorize(args, "plan:link-evidence", { ...subject, recordDepartmentId: sheet.department_id });
  const added = await linkEvidence(db, viewer, {
    measureId: measure.id,
    subjectType: "matching_sheet",
    subjectId: sheet.id,
    fiscalYear: sheet.fiscal_year,
    departmentName: sheet.department_name,
  });
  return redirectWithNotice(`/measures/${measure.id}`, added ? `マッチングシート「${sheet.title}」を結び付けました。` : "このマッチングシートは既に結び付いています。");
}

export default function LinkRecords() {
  const { measure, sheets } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マッチングシートを施策に結び付ける</h1>
      <p>
        施策: <Link to={`/measures/${measure.id}`}>{measure.code} {measure.title}</Link>
      </p>
      <LinkForm measureId={measure.id} choices={sheets} lastResult={useActionData<typeof action>()} />
    </>
  );
}
