// The coordinator's decision on one proposal: the outcome, the reason, the award by project year beside
// the proposal's budget and the call's limits, and the conditions of a conditional adoption. Works
// without JavaScript: every message comes back from the server beside its field with what was typed.
import { getFormProps } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { decisionSchema, DECISION_OUTCOMES, MAX_AWARD_YEARS } from "~/domain/awards/schema";
import { FieldErrors, FormErrors, SelectField, SubmitButton, TextArea, useSchemaForm } from "../forms/form";
import { formatYen } from "~/domain/number-format";

export interface YearLimit {
  total: number;
  requested: number;
  share: number;
  limit: number;
}

export function DecisionForm({
  lastResult,
  defaultValue,
  years,
  outcomes,
  submitLabel,
  correcting = false,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown>;
  years: YearLimit[];
  outcomes: readonly { code: string; label: string }[];
  submitLabel: string;
  /** A published decision being corrected: asks why (told to the group). */
  correcting?: boolean;
}) {
  const [form, fields] = useSchemaForm(decisionSchema, lastResult, defaultValue as never);
  const initial = ((form.initialValue as { amounts?: (string | undefined)[] } | undefined)?.amounts ?? []) as (string | undefined)[];
  const rows = Math.min(MAX_AWARD_YEARS, Math.max(years.length, initial.filter(Boolean).length, 1));
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decide" />
      <SelectField field={fields.outcome} label="審査結果" options={outcomes.length ? outcomes : DECISION_OUTCOMES.items} placeholder="選んでください" />
      <TextArea field={fields.reason} label="理由" hint="審査結果通知書に載り、団体に伝わります。不採択の場合は、何が足りなかったかが分かるように書いてください。" rows={5} />

      <fieldset>
        <legend>採択額（事業年度ごと、円）</legend>
        <p className="hint">採択・条件付き採択・採択候補のときに入力します。不採択のときは空欄のままにしてください。</p>
        <FieldErrors id={fields.amounts.errorId} errors={fields.amounts.errors} />
        {Array.from({ length: rows }, (_, i) => {
          const name = `amounts[${i}]`;
          const id = `${form.id}-amounts-${i}`;
          const errors = form.allErrors[name];
          const year = years[i];
          return (
            <div className="field" key={i}>
              <label htmlFor={id}>{i + 1}年目</label>
              {year ? (
                <p className="hint" id={`${id}-hint`}>
                  提案書の事業費 {formatYen(year.total)}（申請額 {formatYen(year.requested)}）· 市の負担割合 {year.share}% まで {formatYen(year.limit)}
                </p>
              ) : null}
              <input
                id={id}
                name={name}
                type="number"
                min={0}
                defaultValue={initial[i] ?? ""}
                aria-invalid={errors ? true : undefined}
                aria-describedby={[year ? `${id}-hint` : "", errors ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
              />
              <FieldErrors id={`${id}-error`} errors={errors} />
            </div>
          );
        })}
      </fieldset>

      <TextArea field={fields.conditions} label="採択の条件（条件付き採択のとき）" hint="1行に1つずつ書いてください。団体は条件ごとに対応を回答し、市が確認します。" rows={4} />
      {correcting ? <ChangeReason id={`${form.id}-changeReason`} errors={form.allErrors.changeReason} defaultValue={(form.initialValue as { changeReason?: string } | undefined)?.changeReason} /> : null}
      <SubmitButton className="button primary">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}

function ChangeReason({ id, errors, defaultValue }: { id: string; errors?: string[]; defaultValue?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        訂正の理由<span className="required">（必須）</span>
      </label>
      <p className="hint" id={`${id}-hint`}>
        公表済みの審査結果を訂正します。理由は記録され、団体に通知されます。
      </p>
      <textarea
        id={id}
        name="changeReason"
        rows={3}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[`${id}-hint`, errors ? `${id}-error` : ""].filter(Boolean).join(" ")}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
