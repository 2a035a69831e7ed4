// The decision letter (審査結果通知書): its document number and what it prints, in order — for the page
// and the PDF alike. Never a reviewer's name: the feedback it prints carries none. Browser-safe.
import type { DecisionOutcome } from "../../../db/schema";
import type { PrintSection } from "../proposals/document";
import { formatYen } from "../number-format";
import { DECISION_OUTCOMES } from "./schema";
import { formatDate } from "../calendar/format";

const REIWA_FIRST_YEAR = 2019;

/** {2027, 12} → 「9協推第12号」: the fiscal year's 令和 year, the office's mark, the sequence in that year. */
export function formatLetterNumber(fiscalYear: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`letter sequence must be a positive integer, got ${sequence}`);
  return `${fiscalYear - REIWA_FIRST_YEAR + 1}協推第${sequence}号`;
}

/** The prefix every number of a fiscal year starts with, to find the year's last sequence. */
export function letterNumberPrefix(fiscalYear: number): string {
  return `${fiscalYear - REIWA_FIRST_YEAR + 1}協推第`;
}

export function parseLetterSequence(number: string, fiscalYear: number): number | null {
  const prefix = letterNumberPrefix(fiscalYear);
  if (!number.startsWith(prefix) || !number.endsWith("号")) return null;
  const digits = number.slice(prefix.length, -1);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export interface DecisionLetter {
  letterNumber: string;
  /** ISO: the publication. */
  publishedAt: string;
  callTitle: string;
  groupName: string;
  receiptNumber: string | null;
  title: string;
  theme: string;
  outcome: DecisionOutcome;
  reason: string;
  amounts: number[];
  conditions: string[];
  criteria: { name: string; maxPoints: number; average: number | null }[];
  comments: string[];
  /** Corrections after publication, oldest first: when and why. */
  corrections: { at: string; reason: string }[];
}

export function outcomeLabel(outcome: DecisionOutcome): string {
  return DECISION_OUTCOMES.label(outcome);
}

/** The opening sentence: what the letter tells the group. */
export function letterLead(letter: DecisionLetter): string {
  return `${letter.groupName} 様\n\n${letter.callTitle}にご提案いただいた「${letter.title || "（無題の提案）"}」について、審査の結果を次のとおり通知します。`;
}

export function letterHeaderRows(letter: DecisionLetter): { label: string; value: string }[] {
  return [
    { label: "文書番号", value: letter.letterNumber },
    { label: "日付", value: formatDate(letter.publishedAt) },
    { label: "団体名", value: letter.groupName },
    { label: "受付番号", value: letter.receiptNumber ?? "" },
    { label: "提案事業名", value: letter.title || "（無題の提案）" },
    { label: "テーマ", value: letter.theme },
    { label: "審査結果", value: outcomeLabel(letter.outcome) },
  ];
}

export function letterSections(letter: DecisionLetter): PrintSection[] {
  const sections: PrintSection[] = [{ kind: "text", key: "reason", label: letter.outcome === "rejected" ? "不採択の理由" : "審査結果の理由", text: letter.reason }];
  if (letter.amounts.length > 0) {
    sections.push({
      kind: "tables",
      key: "amounts",
      label: "採択額",
      tables: [
        {
          caption: "事業年度ごとの採択額",
          head: ["事業年度", "採択額"],
          rows: [...letter.amounts.map((a, i) => [`${i + 1}年目`, formatYen(a)]), ["合計", formatYen(letter.amounts.reduce((x, y) => x + y, 0))]],
          rowHeaders: true,
          numeric: [1],
          widths: [1, 2],
        },
      ],
    });
  }
  if (letter.conditions.length > 0) {
    sections.push({ kind: "text", key: "conditions", label: "採択の条件", text: letter.conditions.map((c, i) => `${i + 1}. ${c}`).join("\n") });
  }
  sections.push({
    kind: "tables",
    key: "scores",
    label: "審査項目ごとの平均点",
    tables:
      letter.criteria.length === 0
        ? []
        : [
            {
              caption: "審査項目ごとの平均点",
              head: ["審査項目", "平均点", "配点"],
              rows: letter.criteria.map((c) => [c.name, c.average === null ? "—" : c.average.toFixed(1), `${c.maxPoints}点`]),
              rowHeaders: true,
              numeric: [1, 2],
              widths: [3, 1, 1],
            },
          ],
  });
  sections.push({ kind: "text", key: "comments", label: "審査委員からのコメント", text: letter.comments.map((c) => `・${c}`).join("\n") });
  if (letter.corrections.length > 0) {
    sections.push({ kind: "text", key: "corrections", label: "訂正", text: letter.corrections.map((c) => `${formatDate(c.at)} 訂正（理由: ${c.reason}）`).join("\n") });
  }
  return sections;
}

export function letterPdfFileName(letter: DecisionLetter): string {
  return `審査結果通知書_${letter.letterNumber}.pdf`;
}
