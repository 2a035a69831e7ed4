// The group's form for a results report: what was done, the one-line summary, each indicator's actual
// value, spending per line against the plan (with rows for spending the plan did not foresee), saving
// (autosaved while typing) and submitting.
import { Form } from "@remix-run/react";
import type { RefObject } from "react";
import type { useAutosave } from "~/components/forms/autosave";
import { AutosaveNotices } from "~/components/forms/autosave-notices";
import { ConfirmSubmit, FieldErrors, SubmitButton } from "~/components/forms/form";
import { BUDGET_BEARERS } from "~/domain/proposals/content";
import { SPENDING_TOLERANCE, SUMMARY_MAX } from "~/domain/projects/report";
import type { ShownReportContent } from "./report-content";
import { errorsOf, typedOr, type ReportReply } from "./report-reply";

/** Rows for spending the plan did not foresee. */
const EXTRA_LINES = 2;

export function ReportForm({
  label,
  content,
  reply,
  formRef,
  autosave,
}: {
  label: string;
  content: ShownReportContent;
  reply: ReportReply | undefined;
  formRef: RefObject<HTMLFormElement>;
  /** Made by the page, which also reads the revision it keeps. */
  autosave: ReturnType<typeof useAutosave>;
}) {
  const v = (name: string, fallback: string | number | undefined) => typedOr(reply, name, fallback);
  const errors = (name: string) => errorsOf(reply, name);
  const tolerance = `${Math.round(SPENDING_TOLERANCE * 100)}%`;
  return (
    <Form method="post" noValidate ref={formRef} onInput={autosave.onInput} onSubmit={autosave.onSubmit}>
      <AutosaveNotices autosave={autosave} />
      <input type="hidden" name="revision" value={autosave.revision} />
      <div className="field">
        <label htmlFor="done">
          実施したこと<span className="required">（必須）</span>
        </label>
        <textarea id="done" name="done" rows={8} defaultValue={v("done", content.done)} aria-describedby="done-error" />
        <FieldErrors id="done-error" errors={errors("done")} />
      </div>
      <div className="field">
        <label htmlFor="summary">
          一行の要約（計画の進捗一覧に載ります・{SUMMARY_MAX}文字まで）<span className="required">（必須）</span>
        </label>
        <input id="summary" name="summary" maxLength={SUMMARY_MAX} defaultValue={v("summary", content.summary)} aria-describedby="summary-error" />
        <FieldErrors id="summary-error" errors={errors("summary")} />
      </div>

      <fieldset>
        <legend>成果指標（目標と実績）</legend>
        {content.indicators.length === 0 ? <p>提案書に成果指標はありません。</p> : null}
        {content.indicators.map((row, i) => (
          <div className="field" key={i}>
            <input type="hidden" name={`indicators[${i}].name`} value={row.name} />
            <input type="hidden" name={`indicators[${i}].target`} value={row.target} />
            <label htmlFor={`indicator-${i}`}>
              {row.name}（目標: {row.target}）の実績値
            </label>
            <input id={`indicator-${i}`} name={`indicators[${i}].actual`} defaultValue={v(`indicators[${i}].actual`, row.actual)} aria-describedby={`indicator-${i}-error`} />
            <FieldErrors id={`indicator-${i}-error`} errors={errors(`indicators[${i}].actual`)} />
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>支出（計画と実績）</legend>
        <p className="hint">計画額との差が{tolerance}を超える費目には、差の理由を書いてください。計画になかった支出は下の空欄に書きます（理由が必要です）。</p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">費目ごとの計画額と実績額</caption>
            <thead>
              <tr>
                <th scope="col">費目</th>
                <th scope="col">負担者</th>
                <th scope="col">計画額</th>
                <th scope="col">実績額（円）</th>
                <th scope="col">差</th>
                <th scope="col">差の理由</th>
              </tr>
            </thead>
            <tbody>
              {[...content.spending, ...Array.from({ length: EXTRA_LINES }, () => null)].map((line, i) => {
                const n = (f: string) => `spending[${i}].${f}`;
                return (
                  <tr key={i} className={line?.off ? "off-plan" : undefined}>
                    <td>
                      {line ? (
                        <>
                          <input type="hidden" name={n("item")} value={line.item} />
                          {line.item}
                        </>
                      ) : (
                        <input aria-label={`計画外の費目${i - content.spending.length + 1}`} name={n("item")} defaultValue={v(n("item"), "")} />
                      )}
                      <FieldErrors id={`${n("item")}-error`} errors={errors(n("item"))} />
                    </td>
                    <td>
                      {line ? (
                        <>
                          {line.bearer ? <input type="hidden" name={n("bearer")} value={line.bearer} /> : null}
                          {line.bearer ? BUDGET_BEARERS.label(line.bearer) : "未定"}
                        </>
                      ) : (
                        <select aria-label="負担者" name={n("bearer")} defaultValue={v(n("bearer"), "")}>
                          <option value="">—</option>
                          {BUDGET_BEARERS.codes.map((c) => (
                            <option key={c} value={c}>
                              {BUDGET_BEARERS.label(c)}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td className="num">
                      {line ? (
                        <>
                          <input type="hidden" name={n("planned")} value={line.planned ?? 0} />
                          {line.plannedLabel}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      <input
                        aria-label={`${line?.item ?? "計画外の費目"}の実績額`}
                        inputMode="numeric"
                        name={n("actual")}
                        defaultValue={v(n("actual"), line?.actual)}
                        aria-describedby={`${n("actual")}-error`}
                      />
                      <FieldErrors id={`${n("actual")}-error`} errors={errors(n("actual"))} />
                    </td>
                    <td>{line?.off ? <strong>{line.deviation}</strong> : line?.deviation}</td>
                    <td>
                      <input aria-label={`${line?.item ?? "計画外の費目"}の差の理由`} name={n("explanation")} defaultValue={v(n("explanation"), line?.explanation)} aria-describedby={`${n("explanation")}-error`} />
                      <FieldErrors id={`${n("explanation")}-error`} errors={errors(n("explanation"))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <div className="actions">
        <SubmitButton name="intent" value="save" className="button">
          保存する
        </SubmitButton>
        <ConfirmSubmit
          name="intent"
          value="submit"
          title={`${label}を提出しますか`}
          message={<p>保存して提出すると、協働推進課と担当課が内容を確認します。提出した報告は、差し戻されるまで変更できません。</p>}
          confirmLabel="提出する"
        >
          保存して提出する
        </ConfirmSubmit>
      </div>
    </Form>
  );
}
