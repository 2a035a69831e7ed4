// Parser for Yamaguchi city's 協働推進プラン, 第2編 実行計画 (seed 002).
//
// The measures come from 年度別実行計画, one block per 推進項目:
//   推進方針 I 参加しやすく…                      推進方針 (level 0, code "I")
//   推進施策 (1) 活動(交流)拠点機能の充実         推進施策 (level 1, code "I-(1)")
//   整理番号 ⇥ I - (1) - ①                        推進項目 (level 2, code "I-(1)-①")
//   推進項目 ⇥ ① 地域交流センターの設置 【行政改革大綱推進計画】 ⇥ 担当課 ⇥ 協働推進課・生涯学習課
//   実施主体 / 推進項目対象 (■□) / 目的 / 現状と課題 / 推進内容 / 完了の目安
//   年次計画 ⇥ H20 ⇥ H21 …   followed by   ⇥ 検討 ⇥ 実施 ⇥ → …
// The 推進項目一覧表 before it lists the same tree; it is only cross-checked (warnings), because its
// target-actor columns are misaligned in the source and two of its items are in a different order.
//
// Roman numerals are printed both as letters (I, V) and as Ⅱ, Ⅲ, Ⅳ; codes use ASCII letters
// ("II-(1)-①", as in DOMAIN.md) so both spellings give the same key.

import { parseFiscalYear } from "../../calendar/fiscal-year";
import type { ParsedMeasure, ParsedPlan, ScheduleItem } from "../types";
import { CodeRegistry, IssueLog } from "./issues";
import { createMeasure } from "./measure";
import { CIRCLED_NUMBER, LEADING_CIRCLED_NUMBER, ROMAN_NUMERAL, romanToAscii } from "./numbering";
import { toTableRows, type TableRow } from "./rows";
import { comparableTitle, crossCheckItemTable } from "./yamaguchi-item-table";

export const YAMAGUCHI_LEVEL_NAMES = ["推進方針", "推進施策", "推進項目"];

const POLICY = new RegExp(`^推進方針\\s*(${ROMAN_NUMERAL})\\s*(.+)$`, "u");
const STRATEGY = /^推進施策\s*\((\d+)\)\s*(.+)$/;
const ITEM_CODE = new RegExp(`^(${ROMAN_NUMERAL})-\\((\\d+)\\)-(${CIRCLED_NUMBER})$`, "u");
const TAG = /【([^【】]+)】/g;
const RELIST_TAG = "再掲";

type TextField = "purpose" | "currentIssues" | "content" | "completionCriteria";

/** Row keys of a 推進項目 block. 完了基準 is accepted for 完了の目安 (same column in other editions). */
const TEXT_FIELDS: Readonly<Record<string, TextField>> = {
  目的: "purpose",
  現状と課題: "currentIssues",
  推進内容: "content",
  完了の目安: "completionCriteria",
  完了基準: "completionCriteria",
};

const FIELD_LABELS: Readonly<Record<TextField, string>> = {
  purpose: "目的",
  currentIssues: "現状と課題",
  content: "推進内容",
  completionCriteria: "完了の目安",
};

interface Block {
  measure: ParsedMeasure;
  relist: boolean;
  hasTitle: boolean;
  hasSchedule: boolean;
  seenFields: Set<TextField>;
  /** Fiscal years of the 年次計画 header row, waiting for the label row below it. */
  pendingYears?: { years: (number | null)[]; line: number };
}

/** "■市民 □地域コミュニティ ■その他（ 小学4年生 ）" → ["市民", "その他(小学4年生)"]. */
export function parseCheckedActors(cell: string): string[] {
  const actors: string[] = [];
  for (const match of cell.matchAll(/([■□])\s*([^■□]+)/g)) {
    if (match[1] !== "■") continue;
    const name = match[2]
      .trim()
      .replace(/\s*\(\s*\)$/, "")
      .replace(/\s*\(\s*(.*?)\s*\)$/, "($1)");
    if (name !== "") actors.push(name);
  }
  return actors;
}

function splitNames(cell: string): string[] {
  return cell
    .split(/[・、,]/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function findSectionStart(rows: TableRow[], heading: string): number {
  // The table of contents prints the same heading followed by a page number; the section heading
  // stands alone on its line.
  for (let index = rows.length - 1; index >= 0; index--) {
    const row = rows[index];
    if (row.filled.length === 1 && row.filled[0] === heading) return index;
  }
  return -1;
}

export function parseYamaguchiActionPlan(text: string): ParsedPlan {
  const log = new IssueLog();
  const codes = new CodeRegistry();
  const rows = toTableRows(text);
  const firstRow = rows.find((row) => row.filled.length > 0);
  const title = firstRow ? firstRow.filled.join(" ") : "";

  const scheduleStart = findSectionStart(rows, "年度別実行計画");
  const tableStart = findSectionStart(rows, "推進項目一覧表");
  const detailStart =
    scheduleStart >= 0
      ? scheduleStart + 1
      : rows.findIndex((row) => row.filled.length > 0 && (POLICY.test(row.filled[0]) || row.filled[0] === "整理番号"));

  const measures: ParsedMeasure[] = [];
  let policy: ParsedMeasure | undefined;
  let strategy: ParsedMeasure | undefined;
  let block: Block | undefined;
  const relists = new Set<ParsedMeasure>();
  let skipped: TableRow[] = [];
  let sawItemRow = false;

  // Consecutive unreadable lines outside a block (e.g. the back cover) are reported once.
  const reportSkipped = () => {
    if (skipped.length === 0) return;
    const first = skipped[0];
    const last = skipped[skipped.length - 1];
    const range = first === last ? `${first.line}行目` : `${first.line}～${last.line}行目の${skipped.length}行`;
    log.warn(first.line, `解釈できない行を読み飛ばしました（${range}）:「${first.filled.join(" ").slice(0, 40)}」`);
    skipped = [];
  };

  const closeBlock = () => {
    if (!block) return;
    const { measure } = block;
    if (!block.hasTitle) log.error(measure.line, `整理番号 ${measure.code} に「推進項目」の行がありません。`);
    else if (measure.departments.length === 0) {
      log.error(measure.line, `整理番号 ${measure.code} に担当課がありません。`);
    }
    if (!block.hasSchedule || block.pendingYears) {
      log.error(
        measure.line,
        `整理番号 ${measure.code} の記載が途中で終わっています（年次計画がありません）。ファイルが途中で切れていないか確認してください。`,
      );
    }
    for (const field of Object.keys(FIELD_LABELS) as TextField[]) {
      if (!block.seenFields.has(field)) log.warn(measure.line, `整理番号 ${measure.code} に「${FIELD_LABELS[field]}」がありません。`);
    }
    if (block.relist) relists.add(measure);
    block = undefined;
  };

  const lastFilled = [...rows].reverse().find((row) => row.filled.length > 0);
  for (const row of detailStart >= 0 ? rows.slice(detailStart) : []) {
    if (row.filled.length === 0) continue;
    const key = row.cells[0];
    const first = row.filled[0];

    if (block?.pendingYears && key === "") {
      // The label row is the file's last and stops short of the years above it: cut inside it.
      const lastYear = block.pendingYears.years.reduce<number>((n, year, i) => (year !== null ? i + 1 : n), 0);
      if (row === lastFilled && row.raw.length < lastYear + 1) {
        log.warn(
          row.line,
          `整理番号 ${block.measure.code} の年次計画の行が途中で終わっています。ファイルが途中で切れていないか、最後の年度の予定を原本と確認してください。`,
        );
      }
      block.measure.schedule = readSchedule(block.pendingYears.years, row);
      block.hasSchedule = true;
      block.pendingYears = undefined;
      closeBlock(); // 年次計画 is the last row of a block.
      continue;
    }

    if (!block && row.filled.join(" ") === title) continue; // running header/footer
    const isStructure = POLICY.test(first) || STRATEGY.test(first) || first === "整理番号";
    if (!block && !isStructure) {
      skipped.push(row);
      continue;
    }
    reportSkipped();

    const policyMatch = POLICY.exec(first);
    if (policyMatch && row.filled.length === 1) {
      closeBlock();
      policy = createMeasure({
        code: codes.claim(romanToAscii(policyMatch[1]), row.line, log),
        parentCode: null,
        level: 0,
        title: policyMatch[2].trim(),
        line: row.line,
      });
      measures.push(policy);
      strategy = undefined;
      continue;
    }

    const strategyMatch = STRATEGY.exec(first);
    if (strategyMatch && row.filled.length === 1) {
      closeBlock();
      if (!policy) {
        log.error(row.line, `推進施策「${first}」の上に推進方針がありません。`);
        continue;
      }
      strategy = createMeasure({
        code: codes.claim(`${policy.code}-(${strategyMatch[1]})`, row.line, log),
        parentCode: policy.code,
        level: 1,
        title: strategyMatch[2].trim(),
        line: row.line,
      });
      measures.push(strategy);
      continue;
    }

    if (first === "整理番号") {
      closeBlock();
      sawItemRow = true;
      const printed = (row.filled[1] ?? "").replace(/\s+/g, "");
      const codeMatch = ITEM_CODE.exec(printed);
      if (!codeMatch) {
        log.error(row.line, `整理番号「${printed}」を読み取れません（例: I-(1)-①）。`);
        continue;
      }
      const code = `${romanToAscii(codeMatch[1])}-(${codeMatch[2]})-${codeMatch[3]}`;
      const parentCode = `${romanToAscii(codeMatch[1])}-(${codeMatch[2]})`;
      if (!strategy || strategy.code !== parentCode) {
        log.error(
          row.line,
          `整理番号 ${code} が推進施策 ${strategy ? strategy.code : "（なし）"} の下にあります。推進方針・推進施策の見出しを確認してください。`,
        );
        continue;
      }
      const measure = createMeasure({ code: codes.claim(code, row.line, log), parentCode, level: 2, title: "", line: row.line });
      measures.push(measure);
      block = { measure, relist: false, hasTitle: false, hasSchedule: false, seenFields: new Set() };
      continue;
    }

    if (block) readBlockRow(block, row, log);
  }
  closeBlock();
  reportSkipped();

  if (!sawItemRow) {
    log.error(1, "年度別実行計画の推進項目（整理番号 I-(1)-① など）が見つかりません。山口市の実行計画の形式ではない可能性があります。");
  } else if (log.errors.length === 0) {
    // A heading with nothing under it: the file was cut right after it (or the source lost a block).
    // Not said on top of other errors, where a refused block is what left the heading empty.
    const parents = new Set(measures.map((measure) => measure.parentCode));
    for (const measure of measures) {
      if (measure.level < 2 && !parents.has(measure.code)) {
        log.error(
          measure.line,
          `${YAMAGUCHI_LEVEL_NAMES[measure.level]}「${measure.title}」の下に${YAMAGUCHI_LEVEL_NAMES[measure.level + 1]}がありません。ファイルが途中で切れていないか確認してください。`,
        );
      }
    }
  }

  resolveRelists(measures, relists, log);
  if (tableStart >= 0) crossCheckItemTable(rows.slice(tableStart + 1, scheduleStart >= 0 ? scheduleStart : rows.length), measures, log);

  const warnings = log.finish();
  return { layout: "yamaguchi-action-plan", title, levelNames: YAMAGUCHI_LEVEL_NAMES, measures, warnings };
}

function readBlockRow(block: Block, row: TableRow, log: IssueLog): void {
  const key = row.cells[0];
  const { measure } = block;
  const values = row.filled.slice(1);

  if (key === "推進項目") {
    readTitleRow(block, values, row.line, log);
    return;
  }
  if (key === "実施主体") {
    measure.implementers = splitNames(values.join("・"));
    return;
  }
  if (key === "推進項目対象") {
    measure.targetActors = parseCheckedActors(values.join(" "));
    return;
  }
  if (key === "年次計画") {
    const years = row.cells.slice(1).map((cell) => (cell === "" ? null : parseFiscalYear(cell)));
    const unreadable = row.cells.slice(1).filter((cell, index) => cell !== "" && years[index] === null);
    if (unreadable.length > 0) log.error(row.line, `年次計画の年度「${unreadable.join("、")}」を読み取れません（例: H21、令和3年度）。`);
    block.pendingYears = { years, line: row.line };
    return;
  }
  const field = TEXT_FIELDS[key];
  if (field) {
    measure[field] = values.join("\n");
    block.seenFields.add(field);
    return;
  }
  log.warn(row.line, `整理番号 ${measure.code} の解釈できない行を読み飛ばしました:「${row.filled.join(" ").slice(0, 40)}」`);
}

function readTitleRow(block: Block, values: string[], line: number, log: IssueLog): void {
  const { measure } = block;
  const departmentIndex = values.indexOf("担当課");
  const titleParts = departmentIndex >= 0 ? values.slice(0, departmentIndex) : values;
  const departmentParts = departmentIndex >= 0 ? values.slice(departmentIndex + 1) : [];

  let titleText = titleParts.join(" ");
  for (const tag of titleText.matchAll(TAG)) {
    const name = tag[1].trim();
    if (name === RELIST_TAG) block.relist = true;
    else measure.labels.push(name);
  }
  titleText = titleText.replace(TAG, " ").replace(/\s+/g, " ").trim();

  const circled = LEADING_CIRCLED_NUMBER.exec(titleText);
  if (circled && !measure.code.endsWith(circled[1])) {
    log.warn(line, `推進項目の番号「${circled[1]}」が整理番号 ${measure.code} と一致しません。`);
  }
  measure.title = titleText.replace(LEADING_CIRCLED_NUMBER, "").trim();
  measure.departments = splitNames(departmentParts.join("・"));
  block.hasTitle = true;
  if (measure.title === "") log.error(line, `整理番号 ${measure.code} の推進項目名が空欄です。`);
}

function readSchedule(years: (number | null)[], labelRow: TableRow): ScheduleItem[] {
  const items: ScheduleItem[] = [];
  years.forEach((fiscalYear, index) => {
    const label = labelRow.cells[index + 1] ?? "";
    if (fiscalYear !== null && label !== "") items.push({ fiscalYear, label });
  });
  return items;
}

/** 【再掲】 items repeat a measure listed elsewhere; link them to the original by title. */
function resolveRelists(measures: ParsedMeasure[], relists: Set<ParsedMeasure>, log: IssueLog): void {
  const originals = new Map<string, ParsedMeasure>();
  for (const measure of measures) {
    if (measure.level === 2 && !relists.has(measure) && !originals.has(comparableTitle(measure.title))) {
      originals.set(comparableTitle(measure.title), measure);
    }
  }
  for (const measure of relists) {
    const original = originals.get(comparableTitle(measure.title));
    if (original) measure.relistOf = original.code;
    else log.warn(measure.line, `【再掲】の推進項目「${measure.title}」の再掲元が見つかりません。`);
  }
}
