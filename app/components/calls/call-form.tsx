// The coordinator's call form (new and edit). Works without JavaScript: every message comes back from
// the server beside its field with what was typed. Criteria are repeated rows like a group's activities.
import { getFormProps } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useBrowserCopy, type KeptAs } from "../forms/autosave";
import { AutosaveNotices } from "../forms/autosave-notices";
import { CALL_STAGES, CALL_TYPES, callSchema, MAX_CRITERIA } from "~/domain/calls/schema";
import { SEARCH_QUERY_MAX_LENGTH } from "~/domain/zod";
import { formatCount } from "~/domain/number-format";
import { SearchResult } from "../search/search-result";
import { Checkboxes, FieldErrors, FormErrors, SaveOrPublishButtons, SelectField, TextArea, TextField, useSchemaForm } from "../forms/form";
import { RowTextarea } from "../forms/row-textarea";

type Row = { name?: string; description?: string; maxPoints?: string; weight?: string } | undefined;

/** The criteria a new call starts with (the usual rubric of 協働事業提案制度); the coordinator edits them. */
export const DEFAULT_CRITERIA = ["公益性", "協働の必要性", "実現可能性", "先駆性", "予算の妥当性", "発展性"].map((name) => ({
  name,
  description: "",
  maxPoints: "10",
  weight: "1",
}));

type Choice = { code: string; label: string };

/** The sheets the form offers (`callSheetChoicesFor`) and the search that found some of them. */
export interface SheetChoicesView {
  linked: Choice[];
  kept: Choice[];
  found: Choice[];
  likely: Choice[];
  searched: boolean;
  foundTotal: number;
  notOffered: number;
  q: string;
  shownAtMost: number;
}

const SHEET_SEARCH_FORM = "call-sheet-search";
/**
 * The search for more sheets is a GET form of its own, so nothing typed in the call form is sent or saved
 * by searching: its field and button sit under the checkboxes but belong to it through the `form`
 * attribute. With JavaScript the page is not reloaded, so what was typed stays, and the sheets ticked so
 * far are asked for again (`sheet=`) so that they stay offered; without it, the page opens afresh.
 */
function SheetSearch({ sheets }: { sheets: SheetChoicesView }) {
  return (
    <div className="field">
      <label htmlFor="sheet-search-q">ほかのシートを探す（件名・担当課などの言葉）</label>
      <p className="hint" id="sheet-search-hint">
        {sheets.notOffered > 0 ? `公開中のマッチングシートのうち、上に表示していないものが${formatCount(sheets.notOffered)}あります。` : "公開中のマッチングシートはすべて表示しています。"}
        JavaScriptを使わない設定のブラウザーでは、探すとまだ保存していない入力が消えます。先に下書きを保存してください。
      </p>
      <input id="sheet-search-q" name="sheetq" type="search" form={SHEET_SEARCH_FORM} defaultValue={sheets.q} maxLength={SEARCH_QUERY_MAX_LENGTH} aria-describedby="sheet-search-hint" />{" "}
      <button type="submit" className="button" form={SHEET_SEARCH_FORM}>
        探す
      </button>
      {sheets.searched ? <SearchResult q={sheets.q} what="公開中のマッチングシート" total={sheets.foundTotal} shownAtMost={sheets.shownAtMost} /> : null}
    </div>
  );
}

export function CallForm({
  lastResult,
  defaultValue,
  sheets,
  published,
  frozen,
  keptAs,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown>;
  sheets: SheetChoicesView;
  published: boolean;
  frozen: boolean;
  keptAs: KeptAs;
}) {
  const [form, fields] = useSchemaForm(callSchema, lastResult, defaultValue as never);
  const initialRows = ((form.initialValue as { criteria?: Row[] } | undefined)?.criteria ?? []) as Row[];
  const filled = initialRows.filter((r) => r && (r.name || r.description || r.maxPoints || r.weight)).length;
  const rowCount = Math.min(MAX_CRITERIA, Math.max(3, filled + 2));
  const { copy, formProps } = useBrowserCopy(keptAs.key, keptAs.revision, getFormProps(form));
  const submit = useSubmit();
  const searchKeepingTicks = (event: FormEvent<HTMLFormElement>) => {
    const callForm = formProps.ref.current;
    if (!callForm) return;
    event.preventDefault();
    const query = new FormData(event.currentTarget);
    for (const box of Array.from(callForm.querySelectorAll<HTMLInputElement>(`input[name="${fields.sheetIds.name}"]:checked`))) query.append("sheet", box.value);
    submit(query, { method: "get", preventScrollReset: true, replace: true });
  };
  return (
    <>
      <Form id={SHEET_SEARCH_FORM} method="get" role="search" aria-label="対象のシートの検索" onSubmit={searchKeepingTicks} />
      <Form method="post" {...formProps}>
        <AutosaveNotices autosave={copy} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {frozen ? (
          <p className="status-reason">最初の提案が提出されたため、審査項目と募集条件は変更できません。募集名と募集の内容（誤字の修正など）だけ変更できます。</p>
        ) : null}
        <h2>募集の概要</h2>
        <TextField field={fields.fiscalYear} label="年度" hint="「令和9年度」「R9」「2027」のどれでも入力できます" />
        <SelectField field={fields.type} label="募集の種類" options={CALL_TYPES.items} placeholder="選んでください" />
        <TextField field={fields.title} label="募集名" />
        <TextArea field={fields.description} label="募集の内容" rows={6} />
        <Checkboxes
          field={fields.sheetIds}
          label="対象のマッチングシート"
          options={[...sheets.linked, ...sheets.kept, ...sheets.found, ...sheets.likely]}
          hint={`行政提案型の募集で、提案を募るテーマ（公開中のマッチングシート）を選んでください。市民提案型では使いません。選んであるもの${sheets.searched ? "と探して見つかったもの" : ""}のほか、この年度のもの・受付中のものを先に、新しい順に${sheets.shownAtMost}件まで表示しています。`}
        />
        <SheetSearch sheets={sheets} />

        <h2>応募資格</h2>
        <p className="hint">承認済みの団体だけが応募できます。そのほかの条件がなければ空欄のままにしてください。</p>
        <TextField field={fields.minMembers} label="最低会員数（人）" type="number" />
        <TextField field={fields.minYearsActive} label="活動年数（年以上）" type="number" />

        <h2>受付期間</h2>
        <TextField field={fields.opensAt} label="受付開始日時" type="datetime-local" hint="日本時間で入力してください" />
        <TextField field={fields.closesAt} label="締切日時" type="datetime-local" hint="日本時間で入力してください" />
        <TextField field={fields.graceMinutes} label="締切後の猶予時間（分）" type="number" hint="締切直前に送信を始めた提案を受け付ける時間です（0なら猶予なし）" />

        <h2>予算と費用負担</h2>
        <TextField field={fields.budgetCapPerProposal} label="1提案あたりの上限額（円）" type="number" />
        <TextField field={fields.budgetCapTotal} label="募集全体の予算額（円）" type="number" />
        <TextField
          field={fields.cityShareByYear}
          label="市の負担割合（%、年ごと）"
          hint="複数年の事業で年ごとに下がる場合は「90, 80, 70」のように入力します。4年目以降は最後の割合が続きます。"
        />

        <h2>提出書類と審査</h2>
        <TextArea field={fields.requiredAttachments} label="必要な添付書類" hint="1行に1つずつ書いてください" rows={4} />
        <Checkboxes field={fields.stages} label="審査の段階" options={CALL_STAGES.items} />

        <h2>審査項目</h2>
        <p className="hint">項目名・説明・配点（1〜100点）・重み（1〜10）を入力してください。空欄の行は保存されません。行が足りない場合は保存すると空欄の行が増えます。</p>
        <FieldErrors id={fields.criteria.errorId} errors={fields.criteria.errors} />
        {Array.from({ length: rowCount }, (_, i) => {
          const row = initialRows[i] ?? {};
          const name = (part: string) => `criteria[${i}].${part}`;
          const id = (part: string) => `${form.id}-criteria-${i}-${part}`;
          const input = (part: "name" | "maxPoints" | "weight", label: string, type: "text" | "number") => {
            const errors = form.allErrors[name(part)];
            return (
              <div className="field">
                <label htmlFor={id(part)}>{label}</label>
                <input
                  id={id(part)}
                  name={name(part)}
                  type={type}
                  defaultValue={row[part] ?? ""}
                  aria-invalid={errors ? true : undefined}
                  aria-describedby={errors ? `${id(part)}-error` : undefined}
                />
                <FieldErrors id={`${id(part)}-error`} errors={errors} />
              </div>
            );
          };
          const descriptionErrors = form.allErrors[name("description")];
          return (
            <fieldset key={i} className="activity-row">
              <legend>審査項目 {i + 1}</legend>
              {input("name", "項目名", "text")}
              <RowTextarea id={id("description")} name={name("description")} label="説明" defaultValue={row.description ?? ""} errors={descriptionErrors} />
              {input("maxPoints", "配点", "number")}
              {input("weight", "重み", "number")}
            </fieldset>
          );
        })}
        <SaveOrPublishButtons published={published} />
      </Form>
    </>
  );
}
