import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { TableRegion } from "~/components/layout/table-region";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { createDepartment, DepartmentRefusedError } from "~/domain/departments/commands.server";
import { listDepartments } from "~/domain/departments/queries.server";
import { departmentSchema } from "~/domain/departments/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "担当課の管理 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:departments:manage");
  return json({ departments: await listDepartments(getDb()) });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "admin:departments:manage");
  const submission = parseWithZod(await readForm(args.request), { schema: departmentSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await createDepartment(getDb(), viewer, submission.value);
  } catch (error) {
    if (!(error instanceof DepartmentRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems }), { status: error.status });
  }
  return redirectWithNotice("/admin/departments", `「${submission.value.name}」を登録しました。`);
}

export default function AdminDepartments() {
  const { departments } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(departmentSchema, useActionData<typeof action>());
  return (
    <>
      <h1>担当課の管理</h1>
      <p>
        課の一覧をCSVでまとめて登録・更新するときは<Link to="/admin/departments/import">CSVから取り込む</Link>を使ってください。
        職員の所属課は<Link to="/admin/users">ユーザー管理</Link>で設定します。
      </p>
      {departments.length === 0 ? (
        <p className="empty">課はまだ登録されていません。下のフォームかCSVから登録してください。</p>
      ) : (
        <TableRegion label="担当課の一覧">
        <table>
          <thead>
            <tr>
              <th scope="col">部</th>
              <th scope="col">課</th>
              <th scope="col">連絡先</th>
              <th scope="col">協働推進員</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>{d.parent_division ?? "—"}</td>
                <td>{d.name}</td>
                <td>{d.contact ?? "—"}</td>
                <td>{d.promoter_name ?? "未設定"}</td>
                <td>
                  <Link to={`/admin/departments/${d.id}`} aria-label={`${d.name}を編集`}>
                    編集
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      <h2>課を追加する</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="課名" />
        <TextField field={fields.parentDivision} label="部名" hint="例: 市民環境経済部" />
        <TextField field={fields.contact} label="連絡先" hint="電話番号や代表メールアドレスなど" />
        <SubmitButton>追加する</SubmitButton>
      </Form>
    </>
  );
}
