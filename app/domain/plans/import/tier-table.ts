// Parser for a tier table, e.g. 第1期指針 具体施策の進捗状況一覧 (seed 004):
//
//   【達成状況】
//   【Ⅰ】<重点> ⇥ 優先度が高く… ⇥ 5/6：済 ⇥ 1/6：未          tier summary as the city printed it
//   No ⇥ 内容 ⇥ 重点 ⇥ 施策の実施 ⇥ 実績 ⇥ 2期案 ⇥ 理由      column header
//   <b>（1）活動の場の提供に関すること</b>                    区分 (level 0, code "(1)")
//   <b>ア 市民活動団体等の活動拠点の確保</b>                  項目 (level 1, code "(1)-ア")
//   1 ⇥ 民間施設等の活用… ⇥ 【Ⅰ】<重点施策> ⇥ 済・継 ⇥ …   具体施策 (level 2, code "1")
//
// The document names only the numbered level (具体施策); 区分 and 項目 are our names for the two
// heading levels above it. The tier summary is recomputed from the statuses and any difference from
// the printed header is reported, so the published summary can be regenerated from the data.

import { cleanCell } from "../text";
import { normalizeStatus, normalizeSummaryStatus, normalizeTier } from "../status";
import type { ParsedMeasure, ParsedPlan, TierSummaryCount, TierSummaryRow } from "../types";
import { CodeRegistry, IssueLog } from "./issues";
import { createMeasure } from "./measure";
import { toTableRows, type TableRow } from "./rows";
import { computeTierSummary, formatTierSummaryCounts } from "./tier-summary";

export { computeTierSummary, formatTierSummaryCounts } from "./tier-summary";

export const TIER_TABLE_LEVEL_NAMES = ["区分", "項目", "具体施策"];

const REQUIRED_COLUMNS = ["No", "内容", "重点", "施策の実施"] as const;
const OPTIONAL_COLUMNS = ["実績", "2期案", "理由"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const SUMMARY_ROW = /^【\s*(III|II|I|Ⅲ|Ⅱ|Ⅰ)\s*(?:-\s*([アイ]))?\s*】\s*(?:<([^<>]*)>)?$/;
const SUMMARY_COUNT = /^(\d+)\s*\/\s*(\d+)\s*:\s*(.+)$/;
const SECTION_HEADING = /^\((\d+)\)\s*(.+)$/;
const SUBSECTION_HEADING = /^([ア-ン])\s+(.+)$/;
const BOLD = /^\s*<b>(.*)<\/b>\s*$/i;
/** Order of the letters that number 項目 headings. */
const HEADING_LETTERS = "アイウエオカキクケコサシスセソタチツテト";

/** A row of the printed tier summary (【Ⅰ】<重点> ⇥ description ⇥ 5/6：済 ⇥ 1/6：未), or undefined. */
export function parseSummaryRow(row: TableRow, log: IssueLog): TierSummaryRow | undefined {
  const match = SUMMARY_ROW.exec(row.filled[0]);
  if (!match) return undefined;
  const tier = normalizeTier(`【${match[1]}${match[2] ? `-${match[2]}` : ""}】`);
  if (!tier) return undefined;
  const counts: TierSummaryCount[] = [];
  let description = "";
  for (const cell of row.filled.slice(1)) {
    const count = SUMMARY_COUNT.exec(cell);
    const status = count ? normalizeSummaryStatus(count[3]) : undefined;
    if (count && status) counts.push({ status, count: Number(count[1]), total: Number(count[2]) });
    else if (count) log.warn(row.line, `達成状況「${cell}」の状況を読み取れません。`);
    else description = description === "" ? cell : `${description} ${cell}`;
  }
  return { tier, label: match[3]?.trim() || undefined, description, counts, line: row.line };
}

function headingCode(text: string, section: ParsedMeasure | undefined, subsectionIndex: number) {
  const sectionMatch = SECTION_HEADING.exec(text);
  if (sectionMatch) return { level: 0, code: `(${sectionMatch[1]})`, title: sectionMatch[2].trim() };
  const subMatch = SUBSECTION_HEADING.exec(text);
  if (subMatch && section) return { level: 1, code: `${section.code}-${subMatch[1]}`, title: subMatch[2].trim() };
  // A heading printed without its letter still groups the measures under it; it gets a position
  // number so its code stays stable across re-imports.
  if (section) return { level: 1, code: `${section.code}-#${subsectionIndex}`, title: text, unlettered: true };
  return undefined;
}

export function parseTierTable(text: string): ParsedPlan {
  const log = new IssueLog();
  const codes = new CodeRegistry();
  const rows = toTableRows(text);
  const firstRow = rows.find((row) => row.filled.length > 0);
  const title = firstRow ? firstRow.filled.join(" ") : "";

  const tierSummary: TierSummaryRow[] = [];
  const measures: ParsedMeasure[] = [];
  let columns: Map<Column, number> | undefined;
  let section: ParsedMeasure | undefined;
  let subsection: ParsedMeasure | undefined;
  let subsectionIndex = 0;
  let lastLetterIndex = -1;

  for (const row of rows) {
    if (row.filled.length === 0 || row === firstRow) continue;
    const first = row.filled[0];

    if (!columns) {
      if (first === "【達成状況】") continue;
      const summary = parseSummaryRow(row, log);
      if (summary) {
        tierSummary.push(summary);
        continue;
      }
      if (first === "No") {
        columns = new Map(row.cells.map((cell, index) => [cell as Column, index]));
        const missing = REQUIRED_COLUMNS.filter((column) => !columns?.has(column));
        if (missing.length > 0) {
          log.error(row.line, `見出し行に「${missing.join("」「")}」の列がありません。`);
          break;
        }
        continue;
      }
      log.warn(row.line, `解釈できない行を読み飛ばしました:「${row.filled.join(" ").slice(0, 40)}」`);
      continue;
    }

    const bold = BOLD.exec(row.raw[0] ?? "");
    if (bold && row.filled.length === 1) {
      const heading = headingCode(cleanCell(bold[1]), section, subsectionIndex + 1);
      if (!heading) {
        log.error(row.line, `見出し「${first}」の上に（1）などの区分がありません。`);
        continue;
      }
      const measure = createMeasure({
        code: codes.claim(heading.code, row.line, log),
        parentCode: heading.level === 0 ? null : (section?.code ?? null),
        level: heading.level,
        title: heading.title,
        line: row.line,
      });
      if ("unlettered" in heading) {
        log.warn(row.line, `見出し「${heading.title}」に記号（ア、イ…）がないため、番号「${measure.code}」を付けました。`);
      } else if (heading.level === 1) {
        const letter = measure.code.slice(-1);
        const expected = HEADING_LETTERS[lastLetterIndex + 1];
        if (expected && letter !== expected) {
          log.warn(row.line, `見出し「${letter} ${heading.title}」の前に「${expected}」の見出しがありません。原本で見出しが抜けていないか確認してください。`);
        }
        lastLetterIndex = HEADING_LETTERS.indexOf(letter);
      }
      measures.push(measure);
      if (heading.level === 0) {
        section = measure;
        subsection = undefined;
        subsectionIndex = 0;
        lastLetterIndex = -1;
      } else {
        subsection = measure;
        subsectionIndex += 1;
      }
      continue;
    }

    if (/^\d+$/.test(first)) {
      measures.push(...readMeasureRow(row, columns, subsection ?? section, codes, log));
      continue;
    }
    log.warn(row.line, `解釈できない行を読み飛ばしました:「${row.filled.join(" ").slice(0, 40)}」`);
  }

  if (!columns) log.error(1, "見出し行（No・内容・重点・施策の実施）が見つかりません。進捗状況一覧の形式ではない可能性があります。");
  else if (!measures.some((measure) => measure.level === 2)) log.error(1, "番号付きの具体施策が1件もありません。");
  else checkNothingCut(rows, columns, measures, log);

  crossCheckSummary(tierSummary, measures, log);
  const warnings = log.finish();
  return { layout: "tier-table", title, levelNames: TIER_TABLE_LEVEL_NAMES, measures, tierSummary, warnings };
}

function readMeasureRow(
  row: TableRow,
  columns: Map<Column, number>,
  parent: ParsedMeasure | undefined,
  codes: CodeRegistry,
  log: IssueLog,
): ParsedMeasure[] {
  const cell = (column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? "" : (row.cells[index] ?? "");
  };
  const number = cell("No");
  const lastRequired = Math.max(...REQUIRED_COLUMNS.map((column) => columns.get(column) ?? 0));
  if (row.cells.length <= lastRequired || REQUIRED_COLUMNS.some((column) => cell(column) === "")) {
    const missing = REQUIRED_COLUMNS.filter((column) => cell(column) === "");
    log.error(row.line, `No ${number} の「${missing.join("」「")}」が空欄か、列が足りません。`);
    return [];
  }
  const tier = normalizeTier(cell("重点"));
  if (!tier) log.error(row.line, `No ${number} の重点「${cell("重点")}」を読み取れません（【Ⅰ】【Ⅱ-ア】【Ⅱ-イ】【Ⅲ】のいずれか）。`);
  const status = normalizeStatus(cell("施策の実施"));
  if (!status) {
    log.error(row.line, `No ${number} の施策の実施「${cell("施策の実施")}」を読み取れません（済、済・継、一部済、着手中、未 のいずれか）。`);
  }
  if (!parent) log.warn(row.line, `No ${number} の上に見出しがありません。`);

  const achievement = cell("実績");
  const proposal = cell("2期案");
  const reason = cell("理由");
  return [
    createMeasure({
      code: codes.claim(number, row.line, log),
      parentCode: parent?.code ?? null,
      level: 2,
      title: cell("内容"),
      tier,
      status,
      nextTermProposal: proposal === "" ? undefined : proposal,
      nextTermReason: reason === "" ? undefined : reason,
      entries:
        achievement === ""
          ? []
          : [{ text: achievement, fiscalYearFrom: null, fiscalYearTo: null, fiscalYearLabel: null, departments: [], line: row.line }],
      line: row.line,
    }),
  ];
}

/**
 * A file cut short: a heading with no 具体施策 under it (the cut came right after it) is refused with
 * its line, as the other layouts refuse an empty heading; a last row with fewer cells than the header
 * (the cut came inside it; the city's rows carry every cell) is imported with a warning naming it.
 */
function checkNothingCut(rows: TableRow[], columns: Map<Column, number>, measures: ParsedMeasure[], log: IssueLog): void {
  const parents = new Set(measures.map((measure) => measure.parentCode));
  // Not said on top of other errors, where a refused row is what left the heading empty.
  for (const measure of log.errors.length === 0 ? measures : []) {
    if (measure.level < 2 && !parents.has(measure.code)) {
      log.error(
        measure.line,
        `見出し「${measure.title}」の下に具体施策がありません。ファイルが途中で切れていないか確認してください。`,
      );
    }
  }
  const last = [...rows].reverse().find((row) => row.filled.length > 0);
  const width = Math.max(...columns.values()) + 1;
  if (last && /^\d+$/.test(last.first) && last.raw.length < width) {
    const missing = [...columns.entries()].filter(([, index]) => index >= last.raw.length).map(([column]) => column);
    log.warn(
      last.line,
      `最後の No ${last.first} の行は「${missing.join("」「")}」の列がなく、ファイルが途中で切れている可能性があります。この行の内容を原本と確認してください。`,
    );
  }
}

/** Reports every tier whose printed summary differs from the one recomputed from the statuses. */
function crossCheckSummary(printed: TierSummaryRow[], measures: ParsedMeasure[], log: IssueLog): void {
  const computed = computeTierSummary(measures);
  for (const row of printed) {
    const expected = formatTierSummaryCounts(computed.get(row.tier) ?? []);
    const actual = formatTierSummaryCounts(row.counts);
    if (expected !== actual) {
      log.warn(row.line, `【${row.tier}】の達成状況「${actual}」が各施策の状況から集計した「${expected}」と一致しません。`);
    }
  }
  for (const tier of computed.keys()) {
    if (printed.length > 0 && !printed.some((row) => row.tier === tier)) {
      log.warn(printed[0].line, `【${tier}】の達成状況が見出しにありません。`);
    }
  }
}
