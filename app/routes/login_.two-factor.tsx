import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db.server";
import { authorize, safeRedirectPath } from "~/auth/guards.server";
import { endPendingSignIn, readPendingSignIn } from "~/auth/pending-sign-in.server";
import { startSession } from "~/auth/session.server";
import { isThrottled, recordAttempt, THROTTLE } from "~/auth/throttle.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { FormErrors, SubmitButton, TextField, useSchemaForm } from "~/components/forms/form";
import { secondStepSchema } from "~/domain/accounts/schema";
import { verifySecondStep } from "~/domain/accounts/two-factor.server";
import { readForm } from "~/http/form.server";

// The second step of sign-in: after a right password, an account with two-step sign-in gives a code from
// its authenticator app (or a recovery code). Only then is a session made. Failures count with the
// password's (per account and per client address), so guessing is throttled the same way.
export const meta: MetaFunction = () => [{ title: "二段階認証 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const pending = await readPendingSignIn(getDb(), args.request.headers.get("Cookie"));
  if (!pending) throw redirect("/login");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, "auth:anonymous-only");
  const db = getDb();
  const pending = await readPendingSignIn(db, args.request.headers.get("Cookie"));
  if (!pending) {
    return redirectWithNotice("/login", "時間が経ったため、サインインをやり直してください。", {
      headers: { "Set-Cookie": await endPendingSignIn(db, null) },
    });
  }
  const submission = parseWithZod(await readForm(args.request), { schema: secondStepSchema });
  const hideFields = ["code"];
  if (submission.status !== "success") return json(submission.reply({ hideFields }), { status: 400 });
  const address = args.context.clientAddress;
  if (await isThrottled(db, pending.email, address)) {
    return json(
      submission.reply({
        hideFields,
        formErrors: [
          `確認コードの誤りが続いたため、一時的に受け付けを止めています。${THROTTLE.windowMinutes}分ほど待ってから、サインインをやり直してください。`,
        ],
      }),
      { status: 429 },
    );
  }
  const result = await verifySecondStep(db, pending.userId, submission.value.code);
  await recordAttempt(db, pending.email, address, result.ok);
  if (!result.ok) {
    const message =
      result.reason === "replayed"
        ? "このコードは使用済みです。認証アプリに次のコードが表示されてから入力してください。"
        : "確認コードが正しくありません。認証アプリに今表示されている6桁の数字か、リカバリーコードを入力してください。";
    return json(submission.reply({ hideFields, fieldErrors: { code: [message] } }), { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await endPendingSignIn(db, pending));
  headers.append("Set-Cookie", await startSession(pending.userId));
  const to = safeRedirectPath(submission.value.redirectTo);
  if (result.recoveryCodesLeft !== null) {
    return redirectWithNotice(
      to,
      `リカバリーコードでサインインしました（使ったコードはもう使えません。残り${result.recoveryCodesLeft}個）。認証アプリが使えない場合は「二段階認証」のページで設定し直してください。`,
      { headers },
    );
  }
  return redirect(to, { headers });
}

export default function SecondStep() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm(secondStepSchema, lastResult, { redirectTo: searchParams.get("redirectTo") ?? "" });
  return (
    <>
      <h1>二段階認証</h1>
      <p>認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示されている6桁の確認コードを入力してください。</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        <TextField
          field={fields.code}
          label="確認コード"
          hint="スマートフォンが使えない場合は、保存しておいたリカバリーコード（例: abcd-efgh-jkmn-pqrs）を入力できます。各コードは一度だけ使えます。"
          autoComplete="one-time-code"
        />
        <SubmitButton>確認してサインイン</SubmitButton>
      </Form>
      <p>
        リカバリーコードもない場合は、システム管理者に二段階認証のリセットを依頼してください。<Link to="/login">サインインをやり直す</Link>
      </p>
    </>
  );
}
