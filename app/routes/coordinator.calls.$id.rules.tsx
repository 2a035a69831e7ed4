// The call's aggregation rules (集計方法): how score sheets become a figure and a rank. Refused with the
// reason when the rubric cannot carry them, and frozen once a score sheet of the call is submitted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { Errors, type Reply } from "~/components/reviews/fields";
import { getDb } from "~/db.server";
import { describeRules } from "~/domain/reviews/aggregation";
import { loadReviewCall } from "~/auth/access/reviews.server";
import { ReviewRefusedError, saveRules } from "~/domain/reviews/commands.server";
import { rubricOf, rulesOf } from "~/domain/reviews/queries.server";
import { formFields, parseRulesForm, rulesFormValues } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction = () => [{ title: "集計方法 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const db = getDb();
  const [criteria, rules] = await Promise.all([rubricOf(db, call.id), rulesOf(db, call.id)]);
  return json({ call: { id: call.id, title: call.title }, criteria: criteria.map((c) => ({ id: c.id, name: c.name })), values: rulesFormValues(rules), explanation: describeRules(rules, criteria) });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await loadReviewCall(args);
  const fields = formFields(await readForm(args.request));
  const parsed = parseRulesForm(fields);
  if (!parsed.ok) return json<Reply>({ intent: "rules", formError: parsed.fieldErrors.form?.[0], fieldErrors: parsed.fieldErrors, values: fields }, { status: 400 });
  try {
    await saveRules(getDb(), viewer, call, parsed.value);
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    return json<Reply>({ intent: "rules", formError: error.reason, fieldErrors: error.problems, values: fields }, { status: error.status });
  }
  return redirectWithNotice(`/coordinator/calls/${call.id}/rules`, "集計方法を保存しました。");
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  const reply = useActionData<typeof action>();
  return (
    <div className="field">
      <label htmlFor={`rules-${name}`}>{label}</label>
      <select id={`rules-${name}`} name={name} defaultValue={value}>
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      <Errors reply={reply} intent="rules" field={name} />
    </div>
  );
}

function NumberBox({ name, label, value, hint }: { name: string; label: string; value: string; hint?: string }) {
  const reply = useActionData<typeof action>();
  return (
    <div className="field">
      <label htmlFor={`rules-${name}`}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      <input type="text" inputMode="decimal" id={`rules-${name}`} name={name} defaultValue={value} />
      <Errors reply={reply} intent="rules" field={name} />
    </div>
  );
}

export default function CallRules() {
  const { call, criteria, values: stored, explanation } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const values = (reply?.values ?? stored) as Record<string, string | string[]>;
  const v = (k: string) => {
    const x = values[k];
    return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
  };
  const ties = [values.tieBreakCriteria ?? []].flat();
  return (
    <>
      <h1>集計方法</h1>
      <p>
        募集: <Link to={`/calls/${call.id}`}>{call.title}</Link> · <Link to={`/coordinator/calls/${call.id}/review`}>審査の運営</Link> ·{" "}
        <Link to={`/coordinator/calls/${call.id}/results`}>審査結果一覧</Link>
      </p>
      <section className="panel" aria-labelledby="current-rules">
        <h2 id="current-rules">いまの集計方法</h2>
        <ul>
          {explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {reply?.formError ? <FormErrors id="rules-error" errors={[reply.formError]} /> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="rules" />
        <Select name="combine" label="委員の点数のまとめ方" value={v("combine")} options={[["average", "採点した委員の平均"], ["sum", "委員の合計点を足し合わせる"]]} />
        <div className="field">
          <input type="checkbox" id="rules-dropHighLow" name="dropHighLow" defaultChecked={v("dropHighLow") === "on"} />
          <label htmlFor="rules-dropHighLow">最高点と最低点を1つずつ除く（八戸市の方式）</label>
        </div>
        <NumberBox name="dropHighLowMinReviewers" label="除くのは採点した委員が何人以上のときか" value={v("dropHighLowMinReviewers")} />
        <Select
          name="conflictShare"
          label="利害関係のある委員の分"
          value={v("conflictShare")}
          options={[["exclude", "集計に含めない"], ["average_of_others", "ほかの委員の平均で補う（本巣市の方式・合計のとき）"]]}
        />
        <Select
          name="absentShare"
          label="採点票を提出していない委員の分"
          value={v("absentShare")}
          options={[["exclude", "集計に含めない"], ["average_of_others", "ほかの委員の平均で補う（合計のとき）"]]}
        />
        <Select name="shareRounding" label="補う平均の端数（下の「丸める桁」で）" value={v("shareRounding")} options={[["none", "丸めない"], ["half_up", "四捨五入"], ["floor", "切り捨て"]]} />
        <NumberBox name="scaleTo" label="換算後の満点（空欄: 換算しない）" value={v("scaleTo")} hint="例: 100（合計 ÷ 満点 × 100）" />
        <Select name="rounding" label="端数の扱い" value={v("rounding")} options={[["none", "丸めない"], ["half_up", "四捨五入"], ["floor", "切り捨て"]]} />
        <Select name="roundingDigits" label="丸める桁" value={v("roundingDigits")} options={[["0", "整数"], ["1", "小数第1位まで"], ["2", "小数第2位まで"]]} />
        <NumberBox name="passLineValue" label="合格ライン（空欄: なし）" value={v("passLineValue")} hint="例: 50（大府市は100点中50点）" />
        <Select name="passLineUnit" label="合格ラインの単位" value={v("passLineUnit")} options={[["points", "点"], ["percent", "満点に対する%"]]} />
        <fieldset className="field">
          <legend>合計にかかわらず不採択扱いとする条件（任意）</legend>
          <Select name="rejectCriterion" label="審査項目" value={v("rejectCriterion")} options={[["", "いずれかの審査項目"], ...criteria.map((c): [string, string] => [c.id, c.name])]} />
          <NumberBox name="rejectAtMost" label="この点数以下をつけた委員が（空欄: 条件なし）" value={v("rejectAtMost")} />
          <Select name="rejectShare" label="何人いたら" value={v("rejectShare")} options={[["half_or_more", "半数以上"], ["majority", "過半数"]]} />
        </fieldset>
        <Select
          name="tieBreak"
          label="同点のとき"
          value={v("tieBreak")}
          options={[["shared", "同順位とする"], ["criteria", "次の審査項目の平均が高い順"], ["requested_amount", "申請額の少ない順"], ["coordinator", "協働推進課が決めて記録する"]]}
        />
        <Select name="stages" label="二次審査の順位" value={v("stages")} options={[["last", "二次審査の点数だけで決める"], ["sum", "一次審査と二次審査の点数を合計する"]]} />
        <fieldset className="field choices">
          <legend>同点のときに比べる審査項目（上から順に）</legend>
          {criteria.map((c) => (
            <span key={c.id} className="choice">
              <input type="checkbox" id={`tie-${c.id}`} name="tieBreakCriteria" value={c.id} defaultChecked={ties.includes(c.id)} />
              <label htmlFor={`tie-${c.id}`}>{c.name}</label>
            </span>
          ))}
          <Errors reply={reply} intent="rules" field="tieBreakCriteria" />
        </fieldset>
        <SubmitButton className="button primary">
          集計方法を保存する
        </SubmitButton>
      </Form>
    </>
  );
}
