import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requestedPage } from "~/domain/zod";
import { getDb } from "~/db.server";
import { ROLES } from "../../db/schema";
import { requireViewer } from "~/auth/guards.server";
import { ROLE_LABELS, type Viewer } from "~/auth/permissions";
import { requiresSecondFactor } from "~/auth/two-factor-policy";
import { PageCount, pageLink, Pagination } from "~/components/layout/pagination";
import { TableRegion } from "~/components/layout/table-region";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { AccountRefusedError, grantRole, revokeRole, setUserDepartment } from "~/domain/accounts/commands.server";
import { findUserEmail, listUsers } from "~/domain/accounts/queries.server";
import { departmentChangeSchema, roleChangeSchema, twoFactorResetSchema } from "~/domain/accounts/schema";
import { resetSecondFactor, usersWithSecondFactor } from "~/domain/accounts/two-factor.server";
import { listDepartments } from "~/domain/departments/queries.server";
import { readForm } from "~/http/form.server";
import { SubmitButton } from "~/components/forms/form";

export const meta: MetaFunction = () => [{ title: "ユーザー管理 | 協働マッチングポータル" }];

/** The page of the list a form was sent from (the forms post to the page's own address), to go back to. */
const listUrl = (request: Request) => pageLink(requestedPage(request), "/admin/users");

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "admin:users:view");
  const users = await listUsers(getDb(), requestedPage(args.request));
  const withSecondFactor = await usersWithSecondFactor(getDb(), users.rows.map((u) => u.id));
  return json({ users, departments: await listDepartments(getDb()), withSecondFactor: [...withSecondFactor] });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "admin:roles:manage");
  const formData = await readForm(args.request);
  if (formData.get("intent") === "department") return changeDepartment(viewer, formData, listUrl(args.request));
  if (formData.get("intent") === "reset-two-factor") return resetTwoFactor(await requireViewer(args, "admin:two-factor:reset"), formData, listUrl(args.request));
  const submission = parseWithZod(formData, { schema: roleChangeSchema });
  if (submission.status !== "success") {
    return json({ error: "役割の指定が正しくありません。もう一度選んでください。" }, { status: 400 });
  }
  const { intent, userId, role } = submission.value;
  const db = getDb();
  const email = await findUserEmail(db, userId);
  if (!email) return json({ error: "そのユーザーは見つかりませんでした。" }, { status: 404 });
  if (intent === "grant") {
    try {
      await grantRole(db, viewer, userId, role);
    } catch (error) {
      if (!(error instanceof AccountRefusedError)) throw error;
      return json({ error: error.reason }, { status: error.status });
    }
    return redirectWithNotice(listUrl(args.request), `${email} に「${ROLE_LABELS[role]}」を付与しました。`);
  }
  try {
    await revokeRole(db, viewer, userId, role);
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ error: error.reason }, { status: error.status });
  }
  return redirectWithNotice(listUrl(args.request), `${email} から「${ROLE_LABELS[role]}」を外しました。`);
}

async function changeDepartment(admin: Viewer, formData: FormData, back: string) {
  const submission = parseWithZod(formData, { schema: departmentChangeSchema });
  if (submission.status !== "success") {
    return json({ error: "所属課の指定が正しくありません。もう一度選んでください。" }, { status: 400 });
  }
  const db = getDb();
  const { userId, departmentId } = submission.value;
  const email = await findUserEmail(db, userId);
  if (!email) return json({ error: "そのユーザーは見つかりませんでした。" }, { status: 404 });
  try {
    const department = await setUserDepartment(db, admin, userId, departmentId ?? null);
    return redirectWithNotice(
      back,
      department ? `${email} の所属課を「${department}」にしました。` : `${email} の所属課を外しました。`,
    );
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ error: error.reason }, { status: error.status });
  }
}

async function resetTwoFactor(admin: Viewer, formData: FormData, back: string) {
  const submission = parseWithZod(formData, { schema: twoFactorResetSchema });
  if (submission.status !== "success") {
    return json({ error: "リセットするユーザーの指定が正しくありません。もう一度選んでください。" }, { status: 400 });
  }
  try {
    const email = await findUserEmail(getDb(), submission.value.userId);
    const reset = await resetSecondFactor(getDb(), admin, submission.value.userId);
    if (!reset) return json({ error: `${email} は二段階認証を設定していません。` }, { status: 409 });
    return redirectWithNotice(
      back,
      `${email} の二段階認証をリセットしました。すべての端末でサインインが終了し、次のサインインで設定し直します。`,
    );
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ error: error.reason }, { status: error.status });
  }
}

export default function AdminUsers() {
  const { users, departments, withSecondFactor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>ユーザー管理</h1>
      <p>
        役割の付与・取り消しと二段階認証のリセットは監査ログに記録されます。役割は、メールアドレスの確認が済んだアカウントにだけ付与できます（未確認のアカウントは、本人が確認メールのリンクを開くまで何もできません）。二段階認証のリセットは、本人がスマートフォンとリカバリーコードの両方をなくした場合に、本人確認をしてから行ってください。
      </p>
      {result && "error" in result ? (
        <p className="form-errors" role="alert">
          {result.error}
        </p>
      ) : null}
      <PageCount total={users.total} page={users.page} pageCount={users.pageCount} />
      <TableRegion label="登録ユーザーと役割の一覧">
      <table>
        <caption className="visually-hidden">登録ユーザーと役割の一覧</caption>
        <thead>
          <tr>
            <th scope="col">お名前</th>
            <th scope="col">メールアドレス</th>
            <th scope="col">確認</th>
            <th scope="col">所属課</th>
            <th scope="col">役割</th>
            <th scope="col">役割の付与</th>
            <th scope="col">二段階認証</th>
          </tr>
        </thead>
        <tbody>
          {users.rows.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{u.emailConfirmed ? "確認済み" : <strong className="status-unconfirmed">未確認</strong>}</td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="department" />
                  <input type="hidden" name="userId" value={u.id} />
                  <label htmlFor={`department-${u.id}`} className="visually-hidden">
                    {u.email} の所属課
                  </label>
                  <select id={`department-${u.id}`} name="departmentId" defaultValue={u.departmentId ?? ""}>
                    <option value="">所属なし</option>
                    {departments.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                  <SubmitButton className="button" aria-label={`${u.email} の所属課を変更`}>
                    変更
                  </SubmitButton>
                </Form>
              </td>
              <td>
                {u.roles.length === 0 ? <span className="empty">なし</span> : null}
                {u.roles.map((role) => (
                  <Form method="post" key={role} className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="role" value={role} />
                    <span>{ROLE_LABELS[role]}</span>
                    <SubmitButton className="button link" aria-label={`${u.email} から${ROLE_LABELS[role]}を外す`}>
                      外す
                    </SubmitButton>
                  </Form>
                ))}
              </td>
              <td>
                {u.emailConfirmed ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="grant" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`role-${u.id}`} className="visually-hidden">
                      {u.email} に付与する役割
                    </label>
                    <select id={`role-${u.id}`} name="role" defaultValue="">
                      <option value="" disabled>
                        役割を選ぶ
                      </option>
                      {ROLES.filter((r) => !u.roles.includes(r)).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                    <SubmitButton className="button">
                      付与
                    </SubmitButton>
                  </Form>
                ) : (
                  <span className="empty">メールアドレスの確認後に付与できます</span>
                )}
              </td>
              <td>
                {withSecondFactor.includes(u.id) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="reset-two-factor" />
                    <input type="hidden" name="userId" value={u.id} />
                    <span>設定済み</span>
                    <SubmitButton className="button link" aria-label={`${u.email} の二段階認証をリセット`}>
                      リセット
                    </SubmitButton>
                  </Form>
                ) : (
                  <span className="empty">{requiresSecondFactor(u.roles) ? "未設定（次のサインインで設定）" : "未設定"}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableRegion>
      <Pagination page={users.page} pageCount={users.pageCount} />
    </>
  );
}
