import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRecentAuthentication, safeRedirectPath } from "~/auth/guards.server";
import { formatKey, otpauthUri, qrCodeDataUrl } from "~/auth/totp.server";
import { requiresSecondFactor } from "~/auth/two-factor-policy";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { RecoveryCodeList } from "~/components/accounts/two-factor";
import { secondStepSchema } from "~/domain/accounts/schema";
import { AccountRefusedError } from "~/domain/accounts/commands.server";
import { beginEnrolment, confirmEnrolment, hasSecondFactor } from "~/domain/accounts/two-factor.server";
import { readForm } from "~/http/form.server";

// Setting up an authenticator app: a QR code and the same key to type by hand, confirmed with a code;
// then the ten recovery codes, shown this once. Accounts whose roles require two-step sign-in are sent
// here after signing in and can do nothing else until it is done.
export const meta: MetaFunction = () => [{ title: "二段階認証の設定 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer } = await requireRecentAuthentication(args, "account:two-factor");
  const db = getDb();
  const secret = await beginEnrolment(db, viewer);
  return json({
    qrCode: await qrCodeDataUrl(otpauthUri(secret, viewer.email)),
    manualKey: formatKey(secret),
    email: viewer.email,
    replacing: await hasSecondFactor(db, viewer.id),
    required: requiresSecondFactor(viewer.roles),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, sessionToken } = await requireRecentAuthentication(args, "account:two-factor");
  const submission = parseWithZod(await readForm(args.request), { schema: secondStepSchema });
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  try {
    const recoveryCodes = await confirmEnrolment(getDb(), viewer, submission.value.code, sessionToken);
    return json({ recoveryCodes, next: safeRedirectPath(submission.value.redirectTo, "/account/two-factor") });
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    return json({ result: submission.reply({ hideFields: ["code"], fieldErrors: { code: [error.reason] } }) }, { status: error.status });
  }
}

// Once the codes are shown, a new secret for the page behind them is not wanted.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "recoveryCodes" in actionResult ? false : defaultShouldRevalidate;

export default function SetUpSecondFactor() {
  const { qrCode, manualKey, email, replacing, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(secondStepSchema, actionData && "result" in actionData ? actionData.result : undefined, {
    redirectTo: searchParams.get("redirectTo") ?? "",
  });

  if (actionData && "recoveryCodes" in actionData) {
    return (
      <>
        <h1>二段階認証を設定しました</h1>
        <p>次回からは、パスワードのあとに認証アプリの確認コードを入力してサインインします。</p>
        <RecoveryCodeList codes={actionData.recoveryCodes} />
        <p>
          <Link to={actionData.next} className="button primary">
            リカバリーコードを保存したので続ける
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>二段階認証の設定</h1>
      {required ? (
        <p>
          あなたの役割（市の職員・審査委員・協働推進課・システム管理者）では、二段階認証が必須です。設定が終わるまで、ほかのページは使えません。
        </p>
      ) : null}
      {replacing ? <p>新しい端末の認証アプリを設定します。確認コードで設定を終えるまで、今の認証アプリがそのまま使えます。</p> : null}
      <ol className="steps">
        <li>
          スマートフォンに認証アプリ（Google Authenticator、Microsoft Authenticator、IIJ SmartKey など）を入れます。
        </li>
        <li>
          アプリで次のQRコードを読み取ります。読み取れない場合は、下のキーを手で入力してください（種類は「時間ベース」）。
          <figure className="two-factor-qr">
            <img src={qrCode} alt={`認証アプリに登録するQRコード（協働マッチングポータル ${email}）`} width={200} height={200} />
            <figcaption>
              手入力用のキー: <code id="manual-key">{manualKey}</code>
            </figcaption>
          </figure>
        </li>
        <li>アプリに表示された6桁の確認コードを入力して、設定を終えます。</li>
      </ol>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        <TextField field={fields.code} label="確認コード（6桁）" autoComplete="one-time-code" />
        <SubmitButton>設定を完了する</SubmitButton>
      </Form>
      <p>このキーとQRコードは、設定が終わると二度と表示されません。</p>
    </>
  );
}
