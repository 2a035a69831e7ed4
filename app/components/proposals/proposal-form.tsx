// The proposal form (提案書) in the order cities print it. Works without JavaScript (保存する / 提出する
// post the whole form; every message comes back beside its field with what was typed, and a refused
// submission lists what is missing with links to the fields). With JavaScript the draft also saves itself
// a few seconds after the member stops typing (app/components/forms/autosave.ts: kept in the browser until the
// server has it, an ended session does not lose it); a save over someone else's newer save is refused and
// said so at the top, and the member's text stays in the form. （必須） marks what submitting needs.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useRef, useState } from "react";
import type { BudgetRules } from "~/domain/calls/rules";
import { BUDGET_BEARERS, MAX_PROJECT_YEARS, PROPOSAL_FORM_ID, REQUIRED_TEXTS, TEXT_SECTIONS, type TextKey } from "~/domain/proposals/content";
import { proposalFormSchema } from "~/domain/proposals/form";
import { useAutosave } from "../forms/autosave";
import { Checkboxes, ConfirmSubmit, FieldErrors, FormErrors, RequiredMark, SelectField, SubmitButton, TextArea, TextField, useSchemaForm } from "../forms/form";
import { BudgetTotal } from "./budget-total";
import { AutosaveNotices } from "../forms/autosave-notices";

type Column = { key: string; label: string; type?: "text" | "number" | "select"; options?: readonly { code: string; label: string }[]; wide?: boolean };

function RowTable({
  name,
  caption,
  hint,
  columns,
  rows,
  errors,
  formId,
  required,
}: {
  name: string;
  caption: string;
  hint?: string;
  columns: Column[];
  rows: Record<string, string | undefined>[];
  errors: Record<string, string[] | undefined>;
  formId: string;
  /** At least one row is needed to submit. */
  required?: boolean;
}) {
  const filled = rows.filter((r) => r && Object.values(r).some(Boolean)).length;
  const count = Math.max(3, filled + 2);
  return (
    <fieldset className="field row-table" id={`${formId}-${name}`} tabIndex={-1} aria-describedby={`${formId}-${name}-error`}>
      <legend>
        {caption}
        {required ? <RequiredMark announced /> : null}
      </legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors id={`${formId}-${name}-error`} errors={errors[name]} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              {columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: count }, (_, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                {columns.map((c) => {
                  const field = `${name}[${i}].${c.key}`;
                  const id = `${formId}-${name}-${i}-${c.key}`;
                  const fieldErrors = errors[field];
                  const common = {
                    id,
                    name: field,
                    defaultValue: rows[i]?.[c.key] ?? "",
                    "aria-label": `${caption} ${i + 1}行目 ${c.label}`,
                    "aria-invalid": fieldErrors ? true : undefined,
                    "aria-describedby": fieldErrors ? `${id}-error` : undefined,
                  };
                  return (
                    <td key={c.key} className={c.wide ? "wide" : undefined}>
                      {c.type === "select" ? (
                        <select {...common}>
                          <option value="">—</option>
                          {c.options!.map((o) => (
                            <option key={o.code} value={o.code}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      ) : c.wide ? (
                        <textarea {...common} rows={2} />
                      ) : (
                        <input {...common} type={c.type === "number" ? "number" : "text"} inputMode={c.type === "number" ? "numeric" : undefined} />
                      )}
                      <FieldErrors id={`${id}-error`} errors={fieldErrors} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">行が足りない場合は、保存すると空欄の行が増えます。空欄の行は保存されません。</p>
    </fieldset>
  );
}

export function ProposalForm({
  lastResult,
  defaultValue,
  revision,
  proposalId,
  type,
  sheetChoices,
  departmentChoices,
  budgetRules,
  editable,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: Record<string, unknown>;
  revision: number;
  proposalId: string;
  type: "government" | "citizen";
  sheetChoices: { code: string; label: string }[];
  departmentChoices: { code: string; label: string }[];
  budgetRules: BudgetRules;
  editable: boolean;
}) {
  const [form, fields] = useSchemaForm(proposalFormSchema, lastResult, defaultValue as never, { id: PROPOSAL_FORM_ID });
  const values = (form.initialValue ?? {}) as Record<string, unknown>;
  const rowsOf = (key: string) => ((values[key] as Record<string, string>[] | undefined) ?? []).filter(Boolean);
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useAutosave({ formRef, formKey: `proposal:${proposalId}`, revision: String(revision), enabled: editable });
  // The running budget total follows the table as it is typed.
  const [budgetTick, setBudgetTick] = useState(0);

  const formProps = getFormProps(form);
  const text = (key: TextKey, rows = 5) => (
    <TextArea key={key} field={fields[key]} label={TEXT_SECTIONS.find((s) => s.key === key)!.label} rows={rows} required={REQUIRED_TEXTS.includes(key)} />
  );

  return (
    <Form
      method="post"
      {...formProps}
      ref={formRef}
      onInput={(event) => {
        autosave.onInput();
        if ((event.target as HTMLElement).getAttribute("name")?.startsWith("budget[")) setBudgetTick((n) => n + 1);
      }}
      onSubmit={(event) => {
        autosave.onSubmit(event);
        if (!event.defaultPrevented) formProps.onSubmit(event);
      }}
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <AutosaveNotices autosave={autosave} />
      {editable ? (
        <p className="hint">
          <RequiredMark announced />
          の項目は、提出までに入力が必要です。下書きは書きかけでも保存できます。
        </p>
      ) : null}
      <input type="hidden" name="revision" value={autosave.revision} />

      <h2>1. 提案の種類とテーマ</h2>
      <TextField field={fields.title} label="提案事業名" required />
      {type === "government" ? (
        <SelectField field={fields.sheetId} label="テーマ（マッチングシート）" options={sheetChoices} placeholder="選んでください" required />
      ) : (
        <Checkboxes field={fields.departmentIds} label="関係する課" options={departmentChoices} hint="提案の内容に関係する市の担当課を選んでください（事前相談の相手になります）。" required />
      )}
      <h2>2. 地域の課題と目的</h2>
      {text("problem", 6)}
      {text("purpose", 5)}

      <h2>3. 事業の内容</h2>
      {text("contentWho", 3)}
      {text("contentWhat", 6)}
      {text("contentWhere", 2)}
      {text("contentScale", 2)}

      <h2>4. スケジュール</h2>
      <RowTable
        name="schedule"
        caption="月ごとのスケジュール"
        hint="時期は「4月」「5〜6月」のように入力してください。"
        columns={[
          { key: "month", label: "時期" },
          { key: "activity", label: "実施内容", wide: true },
        ]}
        rows={rowsOf("schedule")}
        errors={form.allErrors}
        formId={form.id}
        required
      />

      <h2>5. 役割分担</h2>
      <RowTable
        name="roles"
        caption="役割分担（団体／市）"
        columns={[
          { key: "task", label: "作業" },
          { key: "group", label: "団体の役割", wide: true },
          { key: "city", label: "市の役割", wide: true },
        ]}
        rows={rowsOf("roles")}
        errors={form.allErrors}
        formId={form.id}
        required
      />

      <h2>6. 協働の必要性</h2>
      {text("whyCollaboration", 5)}
      {text("groupBrings", 4)}
      {text("cityBrings", 4)}

      <h2>7. 期待される効果</h2>
      {text("effects", 4)}
      {text("beneficiaries", 3)}

      <h2>8. 予算</h2>
      <RowTable
        name="budget"
        caption="予算（費目ごと）"
        hint={`金額は円単位の半角数字で入力してください。複数年の事業は「年目」に1〜${MAX_PROJECT_YEARS}を入力します（空欄は1年目）。負担者が「市」の金額の合計が市への申請額です。`}
        columns={[
          { key: "year", label: "年目", type: "number" },
          { key: "item", label: "費目" },
          { key: "amount", label: "金額（円）", type: "number" },
          { key: "bearer", label: "負担者", type: "select", options: BUDGET_BEARERS.items },
        ]}
        rows={rowsOf("budget")}
        errors={form.allErrors}
        formId={form.id}
        required
      />
      <BudgetTotal formRef={formRef} rules={budgetRules} tick={budgetTick} initialLines={rowsOf("budget")} />

      <h2>9. 成果指標</h2>
      <RowTable
        name="indicators"
        caption="成果指標"
        columns={[
          { key: "name", label: "指標" },
          { key: "target", label: "目標値" },
        ]}
        rows={rowsOf("indicators")}
        errors={form.allErrors}
        formId={form.id}
        required
      />

      <h2>10. 継続性と実施体制</h2>
      {text("continuity", 4)}
      {text("team", 4)}

      <FieldErrors id={`${form.id}-attachments-error`} errors={form.allErrors.attachments} />
      {editable ? (
        <div className="actions">
          <SubmitButton name="intent" value="save" className="button">
            下書きを保存する
          </SubmitButton>
          <ConfirmSubmit
            name="intent"
            value="submit"
            title="提案を提出しますか"
            message={
              <p>
                保存して提出すると、この内容が審査される版として確定し、受付番号がつきます。提出した内容は変更できません（協働推進課から差し戻された場合だけ、直して再提出できます）。
              </p>
            }
            confirmLabel="提出する"
          >
            保存して提出する
          </ConfirmSubmit>
        </div>
      ) : null}
    </Form>
  );
}
