// The forms that change a measure: a progress entry (staff of its departments, the coordinator), its
// status (the coordinator), a link to a matching sheet (the owning department's staff, the coordinator).
// Each posts to its own route under /measures/$id/, which shows the form again with the errors.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { FormErrors, SelectField, SubmitButton, TextArea, TextField, useSchemaForm } from "~/components/forms/form";
import { linkSchema, measureStatusSchema, progressEntrySchema } from "~/domain/plans/schema";
import { MEASURE_STATUSES } from "~/domain/plans/types";
import { formatFiscalYear } from "~/domain/calendar/fiscal-year";
import { SEARCH_QUERY_MAX_LENGTH } from "~/domain/zod";
import { formatCount } from "~/domain/number-format";
import { SearchResult } from "~/components/search/search-result";

type LastResult = SubmissionResult<string[]> | null | undefined;

export function EntryForm({ measureId, departments, lastResult }: { measureId: string; departments: string[]; lastResult?: LastResult }) {
  const [form, fields] = useSchemaForm(progressEntrySchema, lastResult, { department: departments[0] ?? "" });
  return (
    <Form method="post" action={`/measures/${measureId}/entries`} {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextArea field={fields.text} label="実施したこと" rows={3} />
      <TextField field={fields.fiscalYearFrom} label="実施年度（から）" hint="「令和6年度」「R6」「2024」のように" />
      <TextField field={fields.fiscalYearTo} label="実施年度（まで）" hint="1年度だけなら空欄" />
      {departments.length > 0 ? <SelectField field={fields.department} label="担当課" options={departments.map((d) => ({ code: d, label: d }))} /> : null}
      <SubmitButton>実施したことを追加する</SubmitButton>
    </Form>
  );
}

export function StatusForm({ measureId, status, lastResult }: { measureId: string; status: string | null; lastResult?: LastResult }) {
  const [form, fields] = useSchemaForm(measureStatusSchema, lastResult, { status: status ?? "" });
  return (
    <Form method="post" action={`/measures/${measureId}/status`} {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField field={fields.status} label="状況" options={MEASURE_STATUSES.map((s) => ({ code: s, label: s }))} placeholder="選んでください" />
      <TextField field={fields.reason} label="理由（任意）" />
      <SubmitButton>状況を変更する</SubmitButton>
    </Form>
  );
}

export interface LinkableSheet {
  id: string;
  title: string;
  fiscal_year: number | null;
  department_name: string;
}

/** The sheets offered for linking (`sheetsToLink`): the likely ones, or those a search found. */
export interface LinkableSheets {
  sheets: LinkableSheet[];
  total: number;
  searched: boolean;
  q: string;
  shownAtMost: number;
}

/**
 * A select of at most `shownAtMost` sheets, and a search (GET, on the measure's link page) for any other:
 * ten years of sheets are not one select (issue 14). The link form has nothing else to lose by searching.
 */
export function LinkForm({ measureId, choices, lastResult }: { measureId: string; choices: LinkableSheets; lastResult?: LastResult }) {
  const [form, fields] = useSchemaForm(linkSchema, lastResult);
  const { sheets, total, searched, q, shownAtMost } = choices;
  if (total === 0 && !searched) return <p className="empty">結び付けられるマッチングシートがありません。所属課のマッチングシートを作成すると、ここで選べます。</p>;
  return (
    <>
      {searched ? <SearchResult q={q} what="結び付けられるマッチングシート" total={total} shownAtMost={shownAtMost} /> : null}
      {sheets.length > 0 ? (
        <Form method="post" action={`/measures/${measureId}/links`} {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="link" />
          <SelectField
            field={fields.sheetId}
            label="マッチングシート"
            placeholder="選んでください"
            hint={searched ? undefined : `新しいものから${shownAtMost}件まで表示しています${total > sheets.length ? `（ほかに${formatCount(total - sheets.length)}あります。下の欄で探せます）` : ""}。`}
            options={sheets.map((s) => ({ code: s.id, label: `${s.title}（${s.department_name}${s.fiscal_year ? `・${formatFiscalYear(s.fiscal_year)}` : ""}）` }))}
          />
          <SubmitButton>この施策に結び付ける</SubmitButton>
        </Form>
      ) : null}
      <Form method="get" action={`/measures/${measureId}/links`} role="search" aria-label="結び付けるシートの検索" className="filters">
        <div className="field">
          <label htmlFor="link-search-q">ほかのシートを探す（件名・担当課などの言葉）</label>
          <input id="link-search-q" name="q" type="search" defaultValue={q} maxLength={SEARCH_QUERY_MAX_LENGTH} />
        </div>
        <div className="field">
          <button type="submit" className="button">
            探す
          </button>
        </div>
      </Form>
    </>
  );
}
