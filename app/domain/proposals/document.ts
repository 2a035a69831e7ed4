// The proposal as a printed document (提案書): what the printable page and the PDF show, in the form's
// order. Both render `headerRows` and `printSections`, so the page and the PDF cannot disagree on what
// is printed or in which order. Browser-safe.
import { formatDate } from "../calendar/format";
import { formatFiscalYear } from "../calendar/fiscal-year";
import { BUDGET_BEARERS, budgetTotals, contentSections, type ProposalContent, type TextKey } from "./content";
import { formatFileSize, formatYen } from "../number-format";

export interface ProposalDocument {
  /** "R9-市民-0003"; null for a draft. */
  receiptNumber: string | null;
  /** 受付済み, 下書き … */
  statusLabel: string;
  /** The submitted version shown (0 = draft). */
  version: number;
  /** ISO; null for a draft. */
  submittedAt: string | null;
  /** Western year the fiscal year starts in (2027 → 令和9年度). */
  fiscalYear: number;
  callTitle: string;
  /** 行政提案型 / 市民提案型 */
  typeLabel: string;
  /** The matching sheet's title (and its department) or the related departments. */
  theme: string;
  groupName: string;
  content: ProposalContent;
  attachments: { label: string; fileName: string; size: number }[];
}

/** What an empty section, cell or header field prints. */
export const EMPTY_MARK = "（記入なし）";

export interface PrintTable {
  /** Says what the table is (a visually hidden <caption> on the page). */
  caption: string;
  /** Column headers. */
  head: string[];
  rows: string[][];
  /** The first cell of each row names the row (<th scope="row">). */
  rowHeaders: boolean;
  /** Columns of amounts, aligned right. */
  numeric: number[];
  /** Relative column widths (the PDF lays the columns out with them). */
  widths: number[];
}

export type PrintSection =
  | { kind: "text"; key: string; label: string; text: string }
  | { kind: "tables"; key: string; label: string; tables: PrintTable[] };

/** The document's title (the PDF's Title, the page's <title>): the proposal's title, else 提案書. */
export function documentTitle(doc: ProposalDocument): string {
  return doc.content.title || "提案書";
}

/** "提案書_R9-市民-0003_第2版.pdf"; a draft "提案書_下書き.pdf". For Content-Disposition. */
export function proposalPdfFileName(doc: ProposalDocument): string {
  if (!doc.receiptNumber) return "提案書_下書き.pdf";
  return `提案書_${doc.receiptNumber}${doc.version > 1 ? `_第${doc.version}版` : ""}.pdf`;
}

/** The header table, in print order: label and value. */
export function headerRows(doc: ProposalDocument): { label: string; value: string }[] {
  const or = (value: string) => value || EMPTY_MARK;
  return [
    { label: "受付番号", value: doc.receiptNumber ?? "（未提出）" },
    { label: "状態", value: doc.version > 0 ? `${doc.statusLabel}（第${doc.version}版）` : doc.statusLabel },
    { label: "年度", value: formatFiscalYear(doc.fiscalYear) },
    { label: "募集名", value: or(doc.callTitle) },
    { label: "提案の種類", value: or(doc.typeLabel) },
    { label: "テーマ／関係課", value: or(doc.theme) },
    { label: "団体名", value: or(doc.groupName) },
    { label: "提出日", value: doc.submittedAt ? formatDate(doc.submittedAt) : "（未提出）" },
  ];
}

const table = (t: Omit<PrintTable, "rowHeaders" | "numeric"> & Partial<Pick<PrintTable, "rowHeaders" | "numeric">>): PrintTable => ({
  rowHeaders: false,
  numeric: [],
  ...t,
});

function budgetTables(content: ProposalContent): PrintTable[] {
  if (content.budget.length === 0) return [];
  const lines = [...content.budget].sort((a, b) => (a.year ?? 1) - (b.year ?? 1));
  const { yearlyTotals, requestedByYear, totalCost, requested } = budgetTotals(content.budget);
  const years = yearlyTotals.map((_, i) => `${i + 1}年目`);
  return [
    table({
      caption: "予算の内訳",
      head: ["年目", "費目", "金額", "負担者"],
      rows: lines.map((l) => [`${l.year ?? 1}年目`, l.item, l.amount === undefined ? "" : formatYen(l.amount), l.bearer ? BUDGET_BEARERS.label(l.bearer) : "未定"]),
      numeric: [2],
      widths: [1, 4, 2, 3],
    }),
    table({
      caption: "予算の合計（年度ごと・全体）",
      head: ["", ...years, "合計"],
      rows: [
        ["総事業費", ...yearlyTotals.map(formatYen), formatYen(totalCost)],
        ["市への申請額", ...requestedByYear.map(formatYen), formatYen(requested)],
      ],
      rowHeaders: true,
      numeric: years.map((_, i) => i + 1).concat(years.length + 1),
      widths: [2, ...years.map(() => 2), 2],
    }),
  ];
}

function tablesOf(key: string, content: ProposalContent): PrintTable[] | null {
  switch (key) {
    case "schedule":
      return content.schedule.length === 0
        ? []
        : [table({ caption: "月ごとのスケジュール", head: ["時期", "実施内容"], rows: content.schedule.map((r) => [r.month, r.activity]), widths: [1, 4] })];
    case "roles":
      return content.roles.length === 0
        ? []
        : [table({ caption: "役割分担", head: ["作業", "団体", "市"], rows: content.roles.map((r) => [r.task, r.group, r.city]), rowHeaders: true, widths: [2, 3, 3] })];
    case "budget":
      return budgetTables(content);
    case "indicators":
      return content.indicators.length === 0
        ? []
        : [table({ caption: "成果指標", head: ["指標", "目標値"], rows: content.indicators.map((r) => [r.name, r.target]), rowHeaders: true, widths: [3, 2] })];
    default:
      return null;
  }
}

/**
 * Every section of the form in print order (the order of `contentSections`), the structured ones as
 * tables, then the attached documents. A table section without rows has no tables: it prints EMPTY_MARK.
 */
export function printSections(doc: ProposalDocument): PrintSection[] {
  const sections: PrintSection[] = contentSections(doc.content).map(({ key, label }) => {
    const tables = tablesOf(key, doc.content);
    if (tables) return { kind: "tables", key, label, tables };
    const text = key === "title" ? doc.content.title : doc.content[key as TextKey];
    return { kind: "text", key, label, text };
  });
  sections.push({
    kind: "tables",
    key: "attachments",
    label: "添付書類",
    tables:
      doc.attachments.length === 0
        ? []
        : [table({ caption: "添付書類", head: ["書類", "ファイル名", "大きさ"], rows: doc.attachments.map((a) => [a.label, a.fileName, formatFileSize(a.size)]), numeric: [2], widths: [3, 4, 1] })],
  });
  return sections;
}

/** Long texts keep their line breaks; Windows and old Mac line endings are read as one break. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

