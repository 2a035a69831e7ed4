import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { redirectWithNotice } from "~/components/flash.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/form";
import { DepartmentNameTakenError, updateDepartment } from "~/domain/departments/commands.server";
import { findDepartment } from "~/domain/departments/queries.server";
import { departmentSchema } from "~/domain/departments/schema";

export const meta: MetaFunction = () => [{ title: "担当課の編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:departments:manage");
  const department = (await findDepartment(getDb(), args.params.id ?? "")) ?? notFound();
  return json({ department });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "admin:departments:manage");
  const department = (await findDepartment(getDb(), args.params.id ?? "")) ?? notFound();
  const submission = parseWithZod(await args.request.formData(), { schema: departmentSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await updateDepartment(getDb(), viewer.id, department.id, submission.value);
  } catch (error) {
    if (!(error instanceof DepartmentNameTakenError)) throw error;
    return json(submission.reply({ fieldErrors: { name: ["この課名は既に登録されています。"] } }), { status: 400 });
  }
  return redirectWithNotice("/admin/departments", `「${submission.value.name}」を更新しました。`);
}

export default function EditDepartment() {
  const { department } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(departmentSchema, useActionData<typeof action>(), {
    name: department.name,
    parentDivision: department.parent_division ?? "",
    contact: department.contact ?? "",
  });
  return (
    <>
      <h1>{department.name}の編集</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="課名" />
        <TextField field={fields.parentDivision} label="部名" />
        <TextField field={fields.contact} label="連絡先" />
        <SubmitButton>保存する</SubmitButton>
      </Form>
      <p>
        <Link to="/admin/departments">担当課の一覧へ戻る</Link>
      </p>
    </>
  );
}
