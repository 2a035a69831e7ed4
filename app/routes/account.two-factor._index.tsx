import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRecentAuthentication, requireViewer } from "~/auth/guards.server";
import { REAUTHENTICATION_MINUTES, requiresSecondFactor } from "~/auth/two-factor-policy";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { RecoveryCodeList } from "~/components/accounts/two-factor";
import { AccountRefusedError } from "~/domain/accounts/commands.server";
import { twoFactorIntentSchema } from "~/domain/accounts/schema";
import { disableSecondFactor, regenerateRecoveryCodes, secondFactorStatus } from "~/domain/accounts/two-factor.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/domain/calendar/format";
import { SubmitButton } from "~/components/forms/form";

// The account's two-step sign-in: whether it is on, how many recovery codes are left; set up or change
// the app, new recovery codes, turn it off (only where the roles do not require it). Every change asks
// for the password again when it was last entered more than a few minutes ago.
export const meta: MetaFunction = () => [{ title: "二段階認証 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "account:two-factor");
  const status = await secondFactorStatus(getDb(), viewer.id);
  return json({
    ...status,
    confirmedOn: status.confirmedAt ? formatDate(status.confirmedAt) : null,
    required: requiresSecondFactor(viewer.roles),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer } = await requireRecentAuthentication(args, "account:two-factor");
  const submission = parseWithZod(await readForm(args.request), { schema: twoFactorIntentSchema });
  if (submission.status !== "success") return json({ error: "操作を選び直してください。" }, { status: 400 });
  try {
    if (submission.value.intent === "regenerate") {
      return json({ recoveryCodes: await regenerateRecoveryCodes(getDb(), viewer) });
    }
    await disableSecondFactor(getDb(), viewer);
    return redirectWithNotice("/account/two-factor", "二段階認証を解除しました。次回からはパスワードだけでサインインします。");
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ error: error.reason }, { status: error.status });
  }
}

export default function TwoFactorAccount() {
  const { enrolled, confirmedOn, recoveryCodesLeft, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>二段階認証</h1>
      <p>
        サインインのとき、パスワードに加えてスマートフォンの認証アプリに表示される確認コードを入力します。パスワードが漏れても、他人はサインインできません。
        {required ? "あなたの役割では必須です。" : "団体の方は任意ですが、設定をおすすめします。"}
      </p>
      {actionData && "error" in actionData ? (
        <p className="form-errors" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {actionData && "recoveryCodes" in actionData ? <RecoveryCodeList codes={actionData.recoveryCodes} /> : null}
      <h2>状態</h2>
      {enrolled ? (
        <p>
          設定済み（{confirmedOn}から）。未使用のリカバリーコード: {recoveryCodesLeft}個
        </p>
      ) : (
        <p>まだ設定されていません。</p>
      )}
      <h2>操作</h2>
      <p>変更の前に、{REAUTHENTICATION_MINUTES}分以上前にパスワードを入力した場合は、もう一度入力していただきます。</p>
      <ul className="actions">
        <li>
          <Link to="/account/two-factor/setup">{enrolled ? "認証アプリを変更する（機種変更など）" : "二段階認証を設定する"}</Link>
        </li>
        {enrolled ? (
          <li>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="regenerate" />
              <SubmitButton className="button">
                リカバリーコードを作り直す（今のコードは使えなくなります）
              </SubmitButton>
            </Form>
          </li>
        ) : null}
        {enrolled && !required ? (
          <li>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="disable" />
              <SubmitButton className="button">
                二段階認証を解除する
              </SubmitButton>
            </Form>
          </li>
        ) : null}
      </ul>
    </>
  );
}
