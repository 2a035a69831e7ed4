// The group profile form, shared by registration and editing. Works without JavaScript: every
// message comes back from the server beside its field with what was typed.
import { getFormProps, type FormMetadata, type FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useBrowserCopy, type KeptAs } from "../forms/autosave";
import { AutosaveNotices } from "../forms/autosave-notices";
import { ACTORS, AREAS, FIELDS, LEGAL_FORMS } from "~/domain/vocabulary";
import { groupProfileSchema, LONG_TEXT_MAX, MAX_ACTIVITIES, VISIBILITIES, VISIBILITY_LABELS } from "~/domain/groups/schema";
import type { z } from "zod";
import { Checkboxes, FieldErrors, FormErrors, SelectField, SubmitButton, TextArea, TextField } from "../forms/form";
import { RowTextarea } from "../forms/row-textarea";

const VISIBILITY_OPTIONS = VISIBILITIES.map((code) => ({ code, label: VISIBILITY_LABELS[code] }));
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, i) => ({ code: String(i + 1), label: `${i + 1}月` }));

export type GroupProfileFormMetadata = FormMetadata<z.input<typeof groupProfileSchema>, string[]>;

function ContactField({ value, visibility, label, type }: { value: FieldMetadata<string | undefined>; visibility: FieldMetadata<string | undefined>; label: string; type: "email" | "tel" | "text" | "url" }) {
  return (
    <div className="contact-row">
      <TextField field={value} label={label} type={type} />
      <SelectField field={visibility} label={`${label}の公開範囲`} options={VISIBILITY_OPTIONS} />
    </div>
  );
}

export function GroupProfileForm({ form, submitLabel, keptAs }: { form: GroupProfileFormMetadata; submitLabel: string; keptAs: KeptAs }) {
  const fields = form.getFieldset();
  const initialRows = ((form.initialValue as { activities?: unknown[] } | undefined)?.activities ?? []) as
    | ({ fiscalYear?: string; title?: string; description?: string } | undefined)[];
  const rowCount = Math.min(MAX_ACTIVITIES, Math.max(3, initialRows.filter((r) => r && (r.title || r.fiscalYear || r.description)).length + 2));
  const errorsOf = (name: string) => form.allErrors[name];
  const { copy, formProps } = useBrowserCopy(keptAs.key, keptAs.revision, getFormProps(form));
  return (
    <Form method="post" {...formProps}>
      <AutosaveNotices autosave={copy} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <h2>基本情報</h2>
      <TextField field={fields.name} label="団体名" />
      <TextField field={fields.nameKana} label="ふりがな" hint="ひらがなまたはカタカナで入力してください（例: しろいさとやまのかい）" />
      <SelectField field={fields.legalForm} label="法人格・団体の種類" options={LEGAL_FORMS.items} placeholder="選んでください" />
      <SelectField field={fields.actorType} label="協働主体の種類" options={ACTORS.items.filter((a) => a.code !== "government")} placeholder="選んでください" />
      <Checkboxes field={fields.fields} label="活動分野" options={FIELDS.items} hint="当てはまるものをすべて選んでください（特定非営利活動促進法の20分野）" />
      <Checkboxes field={fields.areas} label="活動地域" options={AREAS.items} />
      <TextField field={fields.foundedYear} label="設立年" hint="「2021」「令和3年」「R3」のどれでも入力できます" />
      <SelectField field={fields.foundedMonth} label="設立月" options={MONTH_OPTIONS} placeholder="わからない・選ばない" />
      <TextField field={fields.memberCount} label="会員数（人）" type="number" />
      <TextField field={fields.representativeName} label="代表者名" hint="市の職員と団体のメンバーにだけ表示され、一般には公開されません" />

      <h2>連絡先</h2>
      <p className="hint">項目ごとに「公開」か「市の職員のみ」を選べます。</p>
      <ContactField value={fields.email} visibility={fields.emailVisibility} label="メールアドレス" type="email" />
      <ContactField value={fields.phone} visibility={fields.phoneVisibility} label="電話番号" type="tel" />
      <ContactField value={fields.address} visibility={fields.addressVisibility} label="所在地" type="text" />
      <ContactField value={fields.website} visibility={fields.websiteVisibility} label="ウェブサイト" type="url" />

      <h2>活動について</h2>
      <TextArea field={fields.mission} label="活動の目的・内容" hint={`${LONG_TEXT_MAX}文字以内`} />
      <TextArea field={fields.wishes} label="市と取り組みたいこと（今後の希望）" hint={`${LONG_TEXT_MAX}文字以内`} />
      <TextArea field={fields.pastCollaboration} label="市との協働の経験" hint={`これまでに市と一緒に行った事業など（${LONG_TEXT_MAX}文字以内）`} rows={3} />

      <h2>活動実績</h2>
      <p className="hint">過去の主な活動を年度とともに入力してください。空欄の行は保存されません。行が足りない場合は保存すると空欄の行が増えます。</p>
      {Array.from({ length: rowCount }, (_, i) => {
        const row = initialRows[i] ?? {};
        const name = (part: string) => `activities[${i}].${part}`;
        const id = (part: string) => `${form.id}-activities-${i}-${part}`;
        const input = (part: "fiscalYear" | "title", label: string, hint?: string) => {
          const errors = errorsOf(name(part));
          return (
            <div className="field">
              <label htmlFor={id(part)}>{label}</label>
              {hint ? <p className="hint" id={`${id(part)}-hint`}>{hint}</p> : null}
              <input
                id={id(part)}
                name={name(part)}
                defaultValue={row[part] ?? ""}
                aria-invalid={errors ? true : undefined}
                aria-describedby={[hint ? `${id(part)}-hint` : "", errors ? `${id(part)}-error` : ""].filter(Boolean).join(" ") || undefined}
              />
              <FieldErrors id={`${id(part)}-error`} errors={errors} />
            </div>
          );
        };
        const descriptionErrors = errorsOf(name("description"));
        return (
          <fieldset key={i} className="activity-row">
            <legend>活動実績 {i + 1}</legend>
            {input("fiscalYear", "年度", "「令和5年度」「R5」「2023」など")}
            {input("title", "活動名")}
            <RowTextarea id={id("description")} name={name("description")} label="内容" defaultValue={row.description ?? ""} errors={descriptionErrors} />
          </fieldset>
        );
      })}
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
