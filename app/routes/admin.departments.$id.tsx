import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SelectField, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { DepartmentRefusedError, updateDepartment } from "~/domain/departments/commands.server";
import { findDepartment, staffOf } from "~/domain/departments/queries.server";
import { departmentEditSchema } from "~/domain/departments/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "担当課の編集 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:departments:manage");
  const department = (await findDepartment(getDb(), args.params.id ?? "")) ?? notFound();
  return json({ department, staff: await staffOf(getDb(), department.id) });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "admin:departments:manage");
  const department = (await findDepartment(getDb(), args.params.id ?? "")) ?? notFound();
  const submission = parseWithZod(await readForm(args.request), { schema: departmentEditSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await updateDepartment(getDb(), viewer, department.id, submission.value);
  } catch (error) {
    if (!(error instanceof DepartmentRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems }), { status: error.status });
  }
  return redirectWithNotice("/admin/departments", `「${submission.value.name}」を更新しました。`);
}

export default function EditDepartment() {
  const { department, staff } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(departmentEditSchema, useActionData<typeof action>(), {
    name: department.name,
    parentDivision: department.parent_division ?? "",
    contact: department.contact ?? "",
    promoterUserId: department.promoter_user_id ?? "",
  });
  return (
    <>
      <h1>{department.name}の編集</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="課名" />
        <TextField field={fields.parentDivision} label="部名" />
        <TextField field={fields.contact} label="連絡先" />
        {staff.length === 0 ? (
          <p className="hint">協働推進員を選ぶには、先にユーザー管理でこの課の職員を登録してください。</p>
        ) : (
          <SelectField
            field={fields.promoterUserId}
            label="協働推進員"
            options={staff.map((s) => ({ code: s.id, label: s.display_name }))}
            placeholder="（未設定）"
          />
        )}
        <SubmitButton>保存する</SubmitButton>
      </Form>
      <p>
        <Link to="/admin/departments">担当課の一覧へ戻る</Link>
      </p>
    </>
  );
}
