// The portal's own progress list (進捗一覧) table: the seed's columns (施策, 担当課, 実施したこと(実施年度))
// plus what a re-import needs to rebuild the same plan (番号, 状況, 優先度, 階層, 上位番号 …). The xlsx and
// CSV downloads are this table; `parseProgressTable` reads it back (layout "portal-progress-list"),
// so exporting an imported plan and importing the export gives the same measures, entries and statuses.

import { IssueLog } from "../import/issues";
import { createMeasure } from "../import/measure";
import { parseProgressEntry } from "../import/progress-entries";
import { normalizeStatus, normalizeTier } from "../status";
import type { ParsedMeasure, ParsedPlan } from "../types";
import { formatProgressEntry } from "./progress-list";

export const PROGRESS_TABLE_COLUMNS = {
  code: "番号",
  title: "施策",
  departments: "担当課",
  entries: "実施したこと(実施年度)",
  status: "状況",
  tier: "優先度",
  levelName: "階層",
  parentCode: "上位番号",
  nextTermProposal: "2期案",
  nextTermReason: "理由",
  relistOf: "再掲元",
} as const;
type Column = keyof typeof PROGRESS_TABLE_COLUMNS;

const ALWAYS: Column[] = ["code", "title", "departments", "entries", "status", "tier", "levelName", "parentCode"];
const OPTIONAL: Column[] = ["nextTermProposal", "nextTermReason", "relistOf"];

export interface ProgressTable {
  title: string;
  columns: Column[];
  header: string[];
  rows: { level: number; leaf: boolean; cells: string[] }[];
}

function cellOf(plan: ParsedPlan, m: ParsedMeasure, column: Column): string {
  switch (column) {
    case "code":
      return m.code;
    case "title":
      return m.description ? `${m.title}\n${m.description}` : m.title;
    case "departments":
      return m.departments.join("\n");
    case "entries":
      return m.entries.map(formatProgressEntry).join("\n");
    case "status":
      return m.status ?? "";
    case "tier":
      return m.tier ?? "";
    case "levelName":
      return plan.levelNames[m.level] ?? "";
    case "parentCode":
      return m.parentCode ?? "";
    case "nextTermProposal":
      return m.nextTermProposal ?? "";
    case "nextTermReason":
      return m.nextTermReason ?? "";
    case "relistOf":
      return m.relistOf ?? "";
  }
}

/** Every measure of the plan, one row each in document order (headings and leaves). */
export function toProgressTable(plan: ParsedPlan): ProgressTable {
  const columns = [...ALWAYS, ...OPTIONAL.filter((c) => plan.measures.some((m) => cellOf(plan, m, c) !== ""))];
  const parents = new Set(plan.measures.map((m) => m.parentCode));
  return {
    title: plan.title,
    columns,
    header: columns.map((c) => PROGRESS_TABLE_COLUMNS[c]),
    rows: plan.measures.map((m) => ({ level: m.level, leaf: !parents.has(m.code), cells: columns.map((c) => cellOf(plan, m, c)) })),
  };
}

export interface SourceRow {
  cells: string[];
  /** Where the row is in the file (1-based line of a CSV, row of a sheet). */
  line: number;
}

const REQUIRED: Column[] = ["code", "title", "parentCode", "levelName"];

/** The header row of the portal's table, if these rows contain one (within the first few rows). */
export function findProgressTableHeader(rows: SourceRow[]): number {
  for (let i = 0; i < Math.min(rows.length, 5); i++) {
    const cells = rows[i].cells.map((c) => c.trim());
    if (REQUIRED.every((c) => cells.includes(PROGRESS_TABLE_COLUMNS[c]))) return i;
  }
  return -1;
}

const splitLines = (cell: string) =>
  cell
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Reads the table written by toProgressTable (from CSV or xlsx rows) back into a plan. */
export function parseProgressTable(rows: SourceRow[]): ParsedPlan {
  const log = new IssueLog();
  const headerIndex = findProgressTableHeader(rows);
  if (headerIndex < 0) {
    log.error(rows[0]?.line ?? 1, `見出し行（${REQUIRED.map((c) => PROGRESS_TABLE_COLUMNS[c]).join("・")}）が見つかりません。`);
    log.finish();
  }
  const header = rows[headerIndex].cells.map((c) => c.trim());
  const index = new Map<Column, number>();
  for (const column of Object.keys(PROGRESS_TABLE_COLUMNS) as Column[]) {
    const i = header.indexOf(PROGRESS_TABLE_COLUMNS[column]);
    if (i >= 0) index.set(column, i);
  }
  const get = (row: SourceRow, column: Column) => {
    const i = index.get(column);
    return i === undefined ? "" : (row.cells[i] ?? "").trim();
  };
  const title = rows.slice(0, headerIndex).map((r) => r.cells.find((c) => c.trim() !== "")?.trim() ?? "").find((t) => t !== "") ?? "進捗一覧";

  const measures: ParsedMeasure[] = [];
  const byCode = new Map<string, ParsedMeasure>();
  const levelNames: string[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const code = get(row, "code");
    const [titleLine = "", ...descriptionLines] = get(row, "title").split(/\r?\n/);
    if (code === "") {
      log.error(row.line, "番号が空です。");
      continue;
    }
    if (byCode.has(code)) {
      log.error(row.line, `番号「${code}」が重複しています。`);
      continue;
    }
    if (titleLine.trim() === "") log.error(row.line, `番号「${code}」の施策名が空です。`);
    const parentCode = get(row, "parentCode") || null;
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    if (parentCode && !parent) log.error(row.line, `上位番号「${parentCode}」の施策が、この行より前にありません。`);
    const level = parent ? parent.level + 1 : 0;
    const levelName = get(row, "levelName");
    if (levelName && !levelNames[level]) levelNames[level] = levelName;

    const statusCell = get(row, "status");
    const status = statusCell ? normalizeStatus(statusCell) : undefined;
    if (statusCell && !status) log.error(row.line, `状況「${statusCell}」は、未実施・着手中・一部済・済・済・継続のいずれかにしてください。`);
    const tierCell = get(row, "tier");
    const tier = tierCell ? normalizeTier(tierCell) : undefined;
    if (tierCell && !tier) log.error(row.line, `優先度「${tierCell}」を読み取れません（Ⅰ・Ⅱ-ア・Ⅱ-イ・Ⅲ）。`);

    // Entries are one per line; a missing period or department is as the document had it, not a problem.
    const quiet = new IssueLog();
    const entries = splitLines(get(row, "entries")).map((line) => parseProgressEntry(line, row.line, quiet));
    for (const issue of quiet.errors) log.error(issue.line, issue.message);

    const measure = createMeasure({
      code,
      parentCode: parent ? parentCode : null,
      level,
      title: titleLine.trim(),
      line: row.line,
      description: descriptionLines.join("\n").trim() || undefined,
      departments: splitLines(get(row, "departments")),
      status,
      tier,
      nextTermProposal: get(row, "nextTermProposal") || undefined,
      nextTermReason: get(row, "nextTermReason") || undefined,
      relistOf: get(row, "relistOf") || undefined,
      entries,
    });
    measures.push(measure);
    byCode.set(code, measure);
  }
  for (const m of measures) {
    if (m.relistOf && !byCode.has(m.relistOf)) log.warn(m.line, `再掲元「${m.relistOf}」の施策がありません。`);
  }
  if (measures.length === 0 && log.errors.length === 0) log.error(rows[headerIndex].line, "施策の行がありません。");
  const warnings = log.finish();
  for (let level = 0; level < levelNames.length; level++) levelNames[level] ??= `第${level + 1}階層`;
  return { layout: "portal-progress-list", title, levelNames, measures, warnings };
}
