// The matching sheet form, in the order a department thinks it through: the challenge, what should
// change, what the city brings, how to work together, then the practical details. Used to create and edit.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useBrowserCopy, type KeptAs } from "~/components/forms/autosave";
import { AutosaveNotices } from "~/components/forms/autosave-notices";
import { Checkboxes, FormErrors, SaveOrPublishButtons, SelectField, TextArea, TextField, useSchemaForm } from "~/components/forms/form";
import { BUDGET_SCALES, SHEET_PRIORITIES, sheetSchema, type sheetFormValues } from "~/domain/sheets/schema";
import { AREAS, COLLABORATION_FORMS, FIELDS } from "~/domain/vocabulary";

export function SheetForm({
  lastResult,
  defaultValue,
  published,
  keptAs,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Partial<ReturnType<typeof sheetFormValues>>;
  published: boolean;
  keptAs: KeptAs;
}) {
  const [form, fields] = useSchemaForm(sheetSchema, lastResult, defaultValue ?? { priority: "normal" });
  const { copy, formProps } = useBrowserCopy(keptAs.key, keptAs.revision, getFormProps(form));
  return (
    <Form method="post" {...formProps}>
      <AutosaveNotices autosave={copy} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="hint">下書きは件名だけで保存できます。公開するには、団体が判断するのに必要な項目（現状と課題・期待する成果・市が提供できるもの・分野・地域・協働の形態・予算規模・期間・担当者）がすべて必要です。</p>
      <TextField field={fields.title} label="件名" hint="例: 放課後の子どもの居場所づくり" />
      <TextArea field={fields.background} label="現状と課題" hint="いま何が起きていて、何に困っているか。数字や現場の声があれば書いてください。" rows={6} />
      <TextArea field={fields.outcomes} label="期待する成果" hint="協働によって、誰にとって何がどう変わればよいか。" rows={5} />
      <h2>市が提供できるもの</h2>
      <TextArea field={fields.offerPeople} label="人（職員の関わり方など）" rows={3} />
      <TextArea field={fields.offerPlaces} label="場所（施設・会場など）" rows={3} />
      <TextArea field={fields.offerMoney} label="資金（委託料・補助金など）" rows={3} />
      <TextArea field={fields.offerInformation} label="情報（データ・広報・ネットワークなど）" rows={3} />
      <h2>協働のかたち</h2>
      <Checkboxes field={fields.forms} label="考えられる協働の形態" options={COLLABORATION_FORMS.items} />
      <Checkboxes field={fields.fields} label="活動分野" options={FIELDS.items} />
      <Checkboxes field={fields.areas} label="対象地域" options={AREAS.items} />
      <h2>実施の条件</h2>
      <SelectField field={fields.budgetScale} label="予算規模" options={BUDGET_SCALES.items} placeholder="選んでください" />
      <TextField field={fields.fiscalYear} label="年度" hint="「令和9年度」「R9」「2027」のどれでも入力できます。" />
      <TextField field={fields.period} label="実施期間" hint="例: 令和9年4月～令和10年3月" />
      <TextField field={fields.applyUntil} label="受付期限" type="date" hint="この日まで団体からの相談・提案を受け付けます（空欄なら期限なし）。" />
      <SelectField field={fields.priority} label="優先度" options={SHEET_PRIORITIES.items} />
      <h2>担当者</h2>
      <TextField field={fields.contactName} label="担当者名" />
      <TextField field={fields.contactPhone} label="電話番号" type="tel" />
      <TextField field={fields.contactEmail} label="メールアドレス" type="email" />
      <SaveOrPublishButtons published={published} />
    </Form>
  );
}
