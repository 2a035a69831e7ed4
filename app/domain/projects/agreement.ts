// The agreement (協定書) of a project as a printed document: generated from the proposal's content and
// the decision — parties, purpose, content, role division, cost sharing by year, the award amount,
// period, contacts, reporting duties, and both sides' confirmation. The printable page and the PDF both
// draw `agreementOverview` then `agreementSections` (the same PrintSection shape as the proposal).
// Browser-safe.
import { formatFiscalYear, formatFiscalYearShort } from "../calendar/fiscal-year";
import { BUDGET_BEARERS, budgetTotals, type ProposalContent } from "../proposals/content";
import type { PrintSection, PrintTable } from "../proposals/document";
import { formatYen } from "../number-format";
import { reportDueOn } from "./report";
import { formatDate } from "../calendar/format";

export interface AgreementDocument {
  /** R9-協定-001; null until both sides have confirmed. */
  number: string | null;
  fiscalYear: number;
  projectYear: number;
  totalYears: number;
  title: string;
  callTitle: string;
  receiptNumber: string | null;
  groupName: string;
  /** The group's public contact (email / phone), if any. */
  groupContact: string;
  departments: { name: string; contact: string | null }[];
  /** The award in yen by project year (from the decision). */
  amounts: number[];
  content: ProposalContent;
  interimReport: boolean;
  groupConfirmation: { name: string; at: string } | null;
  cityConfirmation: { name: string; at: string } | null;
}

/** {2027, 1} → "R9-協定-001": the agreements of a fiscal year numbered in the order they are concluded. */
export function formatAgreementNumber(fiscalYear: number, sequence: number): string {
  return `${formatFiscalYearShort(fiscalYear)}-協定-${String(sequence).padStart(3, "0")}`;
}

/** "R9-協定-" — the prefix the next number of that year is counted under. */
export function agreementNumberPrefix(fiscalYear: number): string {
  return `${formatFiscalYearShort(fiscalYear)}-協定-`;
}

const dueLabel = (iso: string) => formatDate(iso);

export function periodLabel(doc: Pick<AgreementDocument, "fiscalYear">): string {
  return `${dueLabel(`${doc.fiscalYear}-04-01`)}から${dueLabel(`${doc.fiscalYear + 1}-03-31`)}まで（${formatFiscalYear(doc.fiscalYear)}）`;
}

export function agreementOverview(doc: AgreementDocument): { label: string; value: string }[] {
  return [
    { label: "協定番号", value: doc.number ?? "（双方の確認後に付番）" },
    { label: "事業名", value: doc.title || "（無題）" },
    { label: "団体（甲）", value: doc.groupName },
    { label: "市（乙）", value: doc.departments.length ? doc.departments.map((d) => d.name).join("、") : "協働推進課" },
    { label: "募集", value: doc.callTitle },
    { label: "提案の受付番号", value: doc.receiptNumber ?? "—" },
    { label: "事業年度", value: `${formatFiscalYear(doc.fiscalYear)}（${doc.projectYear}年目／全${doc.totalYears}年）` },
  ];
}

const table = (t: Omit<PrintTable, "rowHeaders" | "numeric"> & Partial<Pick<PrintTable, "rowHeaders" | "numeric">>): PrintTable => ({ rowHeaders: false, numeric: [], ...t });

function costTables(doc: AgreementDocument): PrintTable[] {
  const lines = [...doc.content.budget].sort((a, b) => (a.year ?? 1) - (b.year ?? 1));
  if (lines.length === 0) return [];
  const { yearlyTotals, requestedByYear } = budgetTotals(lines);
  return [
    table({
      caption: "費用の分担（費目ごと）",
      head: ["年目", "費目", "金額", "負担者"],
      rows: lines.map((l) => [`${l.year ?? 1}年目`, l.item, formatYen(l.amount ?? 0), l.bearer ? BUDGET_BEARERS.label(l.bearer) : "未定"]),
      numeric: [2],
      widths: [1, 4, 2, 3],
    }),
    table({
      caption: "費用の分担（年度ごと）",
      head: ["年目", "総事業費", "市の負担", "団体・その他の負担"],
      rows: yearlyTotals.map((total, i) => [`${i + 1}年目`, formatYen(total), formatYen(requestedByYear[i]), formatYen(total - requestedByYear[i])]),
      rowHeaders: true,
      numeric: [1, 2, 3],
      widths: [1, 2, 2, 2],
    }),
  ];
}

/** Every section of the agreement, in print order. */
export function agreementSections(doc: AgreementDocument): PrintSection[] {
  const c = doc.content;
  const content = [
    c.contentWho && `対象: ${c.contentWho}`,
    c.contentWhat && `内容: ${c.contentWhat}`,
    c.contentWhere && `場所: ${c.contentWhere}`,
    c.contentScale && `規模: ${c.contentScale}`,
  ]
    .filter(Boolean)
    .join("\n");
  const reporting = [
    doc.interimReport ? `中間報告: ${dueLabel(reportDueOn("interim", doc.fiscalYear))}までに、事業の進み具合を報告する。` : null,
    `実績報告: ${dueLabel(reportDueOn("final", doc.fiscalYear))}までに、実施したこと、成果指標の実績、費目ごとの支出（計画との差が20%を超える費目はその理由）を報告する。`,
    "市は報告を確認し、受理するか、理由を付けて差し戻す。差し戻された報告は修正して再提出する。",
    "事業の終了後、団体と市はそれぞれ評価（自己評価・相互評価）を行う。",
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
  const confirmation = (who: { name: string; at: string } | null) => (who ? `${who.name}（${formatDate(who.at)} 確認）` : "（未確認）");
  return [
    { kind: "text", key: "purpose", label: "目的", text: c.purpose },
    { kind: "text", key: "content", label: "事業の内容", text: content },
    {
      kind: "tables",
      key: "roles",
      label: "役割分担",
      tables: c.roles.length ? [table({ caption: "役割分担", head: ["作業", "団体の役割", "市の役割"], rows: c.roles.map((r) => [r.task, r.group, r.city]), rowHeaders: true, widths: [2, 3, 3] })] : [],
    },
    { kind: "tables", key: "costs", label: "費用の分担", tables: costTables(doc) },
    {
      kind: "tables",
      key: "award",
      label: "市の負担金額（交付額）",
      tables: [
        table({
          caption: "交付額（年度ごと）",
          head: ["年目", "年度", "金額"],
          rows: [
            ...doc.amounts.map((amount, i) => [`${doc.projectYear + i}年目`, formatFiscalYear(doc.fiscalYear + i), formatYen(amount)]),
            ["合計", "", formatYen(doc.amounts.reduce((a, b) => a + b, 0))],
          ],
          rowHeaders: true,
          numeric: [2],
          widths: [1, 2, 2],
        }),
      ],
    },
    { kind: "text", key: "period", label: "期間", text: periodLabel(doc) },
    {
      kind: "tables",
      key: "contacts",
      label: "連絡先",
      tables: [
        table({
          caption: "連絡先",
          head: ["", "名称", "連絡先"],
          rows: [["団体", doc.groupName, doc.groupContact || "—"], ...doc.departments.map((d) => ["市", d.name, d.contact ?? "—"])],
          rowHeaders: true,
          widths: [1, 3, 3],
        }),
      ],
    },
    { kind: "text", key: "reporting", label: "報告の義務", text: reporting },
    {
      kind: "tables",
      key: "confirmation",
      label: "確認",
      tables: [table({ caption: "双方の確認", head: ["", "確認した人・日"], rows: [["団体", confirmation(doc.groupConfirmation)], ["市", confirmation(doc.cityConfirmation)]], rowHeaders: true, widths: [1, 4] })],
    },
  ];
}

/** "協定書_R9-協定-001.pdf"; before the number is given "協定書_案.pdf". */
export function agreementPdfFileName(doc: Pick<AgreementDocument, "number">): string {
  return doc.number ? `協定書_${doc.number}.pdf` : "協定書_案.pdf";
}
