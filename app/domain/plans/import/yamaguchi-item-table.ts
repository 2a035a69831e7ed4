// The 推進項目一覧表 of Yamaguchi's 実行計画 lists the same 推進方針/推進施策/推進項目 tree as the
// 年度別実行計画 blocks. The blocks are the source of truth (the table's target-actor columns are
// misaligned in the source); the table is only compared with them so an operator sees where the
// city's two lists disagree.

import { normalizeWidth } from "../text";
import type { ParsedMeasure } from "../types";
import type { IssueLog } from "./issues";
import { LEADING_CIRCLED_NUMBER, ROMAN_NUMERAL, romanToAscii } from "./numbering";
import type { TableRow } from "./rows";

const TABLE_POLICY = new RegExp(`^(${ROMAN_NUMERAL})\\s+(.+)$`, "u");
const TAG = /【([^【】]+)】/g;

/** Title for comparison: widths, spaces, the leading number and 【…】 tags do not matter. */
export function comparableTitle(title: string): string {
  return normalizeWidth(title.trim().replace(LEADING_CIRCLED_NUMBER, ""))
    .normalize("NFKC")
    .replace(TAG, "")
    .replace(/\s+/g, "");
}

/** Compares the 推進項目一覧表 with the blocks and reports differences as warnings. */
export function crossCheckItemTable(tableRows: TableRow[], measures: ParsedMeasure[], log: IssueLog): void {
  const byCode = new Map(measures.map((measure) => [measure.code, measure]));
  let policyCode: string | undefined;
  let strategyCode: string | undefined;

  for (const row of tableRows) {
    const first = row.filled[0];
    if (!first) continue;
    let code: string | undefined;
    let printedTitle = "";

    const policyMatch = TABLE_POLICY.exec(first);
    const strategyMatch = /^\((\d+)\)\s*(.+)$/.exec(first);
    const itemMatch = LEADING_CIRCLED_NUMBER.exec(first);
    if (policyMatch) {
      policyCode = romanToAscii(policyMatch[1]);
      strategyCode = undefined;
      code = policyCode;
      printedTitle = policyMatch[2];
    } else if (strategyMatch && policyCode) {
      strategyCode = `${policyCode}-(${strategyMatch[1]})`;
      code = strategyCode;
      printedTitle = strategyMatch[2];
    } else if (itemMatch && strategyCode) {
      code = `${strategyCode}-${itemMatch[1]}`;
      printedTitle = first;
    }
    if (!code) continue;

    const measure = byCode.get(code);
    if (!measure) {
      log.warn(row.line, `推進項目一覧表の ${code}「${printedTitle}」が年度別実行計画にありません。`);
    } else if (comparableTitle(printedTitle) !== comparableTitle(measure.title)) {
      log.warn(
        row.line,
        `推進項目一覧表の ${code}「${printedTitle.replace(LEADING_CIRCLED_NUMBER, "")}」と年度別実行計画（${measure.line}行目）の「${measure.title}」の名称が一致しません。`,
      );
    }
  }
}
