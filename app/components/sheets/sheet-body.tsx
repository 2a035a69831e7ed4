// The text of a matching sheet as the public reads it: the problem, the outcomes hoped for, what the city
// offers, the forms of collaboration, fields and areas, and the conditions with the contact person.
import type { SerializeFrom } from "@remix-run/node";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { formatDate } from "~/domain/calendar/format";
import { BUDGET_SCALES } from "~/domain/sheets/schema";
import type { SheetDetail } from "~/domain/sheets/queries.server";
import { AREAS, COLLABORATION_FORMS, FIELDS } from "~/domain/vocabulary";

export type SheetView = SerializeFrom<SheetDetail>;

function Paragraphs({ text }: { text: string }) {
  return text ? <p className="prose">{text}</p> : <p className="empty">（未記入）</p>;
}

function Tags({ codes, label, of }: { codes: string[]; label: string; of: (code: string) => string }) {
  return codes.length ? (
    <ul className="tags" aria-label={label}>
      {codes.map((c) => (
        <li key={c}>{of(c)}</li>
      ))}
    </ul>
  ) : (
    <p className="empty">（未選択）</p>
  );
}

export function SheetBody({ sheet }: { sheet: SheetView }) {
  return (
    <>
      <h2>現状と課題</h2>
      <Paragraphs text={sheet.background} />
      <h2>期待する成果</h2>
      <Paragraphs text={sheet.outcomes} />
      <h2>市が提供できるもの</h2>
      <dl className="facts">
        <dt>人</dt>
        <dd className="prose">{sheet.offer_people || "—"}</dd>
        <dt>場所</dt>
        <dd className="prose">{sheet.offer_places || "—"}</dd>
        <dt>資金</dt>
        <dd className="prose">{sheet.offer_money || "—"}</dd>
        <dt>情報</dt>
        <dd className="prose">{sheet.offer_information || "—"}</dd>
      </dl>
      <h2>協働の形態</h2>
      <Tags codes={sheet.forms} label="協働の形態" of={COLLABORATION_FORMS.label} />
      <h2>活動分野・対象地域</h2>
      <Tags codes={sheet.fields} label="活動分野" of={FIELDS.label} />
      <Tags codes={sheet.areas} label="対象地域" of={AREAS.label} />
      <h2>実施の条件と担当者</h2>
      <dl className="facts">
        <dt>予算規模</dt>
        <dd>{sheet.budget_scale ? BUDGET_SCALES.label(sheet.budget_scale) : "—"}</dd>
        <dt>年度</dt>
        <dd>{sheet.fiscal_year ? formatFiscalYearWithWestern(sheet.fiscal_year) : "—"}</dd>
        <dt>実施期間</dt>
        <dd>{sheet.period || "—"}</dd>
        <dt>受付期限</dt>
        <dd>{sheet.apply_until ? formatDate(sheet.apply_until) : "期限なし"}</dd>
        <dt>担当者</dt>
        <dd>
          {sheet.department_name} {sheet.contact_name}
          {sheet.contact_phone ? ` · 電話 ${sheet.contact_phone}` : null}
          {sheet.contact_email ? ` · ${sheet.contact_email}` : null}
        </dd>
        {sheet.promoter_name ? (
          <>
            <dt>協働推進員</dt>
            <dd>{sheet.promoter_name}（提案の相談窓口）</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
