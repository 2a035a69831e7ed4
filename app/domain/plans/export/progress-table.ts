// The portal's own progress list (進捗一覧) table: the seed's columns (施策, 担当課, 実施したこと(実施年度))
// plus everything else the portal keeps for a plan, so that importing the export over the plan changes
// nothing (番号, 状況, 優先度, 階層, 上位番号, and where the plan has them 目的 … 年次計画). Rows above the
// column header carry the plan's own fields (発行, 計画書の形式, 達成状況). The xlsx and CSV downloads are
// this table; `parseProgressTable` reads it back (layout "portal-progress-list"). A column or plan row
// the file lacks is listed in `absent`, and an import over a stored plan keeps what it holds there.

import { formatFiscalYear, parseFiscalYear } from "../../calendar/fiscal-year";
import { IssueLog } from "../import/issues";
import { createMeasure } from "../import/measure";
import { parseProgressEntry } from "../import/progress-entries";
import { toTableRow } from "../import/rows";
import { parseSummaryRow, formatTierSummaryCounts } from "../import/tier-table";
import { normalizeStatus, normalizeTier } from "../status";
import {
  PLAN_LAYOUTS,
  type OptionalMeasureField,
  type OptionalPlanField,
  type ParsedMeasure,
  type ParsedPlan,
  type PlanLayout,
  type ScheduleItem,
  type TierSummaryRow,
} from "../types";
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
  pageRef: "掲載ページ",
  labels: "付記",
  implementers: "実施主体",
  targetActors: "推進項目対象",
  purpose: "目的",
  currentIssues: "現状と課題",
  content: "推進内容",
  completionCriteria: "完了の目安",
  schedule: "年次計画",
} as const satisfies Record<string, string>;
type Column = keyof typeof PROGRESS_TABLE_COLUMNS;

/** The plan's own fields, each a row above the column header: key cell, then the value cells. */
export const PLAN_INFO_ROWS = {
  issued: "発行",
  documentLayout: "計画書の形式",
  tierSummary: "達成状況",
} as const satisfies Record<OptionalPlanField, string>;

/** What an operator is told a file lacks: the column or row name, in the file's own words. */
export const FIELD_LABELS: Readonly<Record<OptionalMeasureField | OptionalPlanField, string>> = {
  ...PLAN_INFO_ROWS,
  departments: PROGRESS_TABLE_COLUMNS.departments,
  entries: PROGRESS_TABLE_COLUMNS.entries,
  status: PROGRESS_TABLE_COLUMNS.status,
  tier: PROGRESS_TABLE_COLUMNS.tier,
  nextTermProposal: PROGRESS_TABLE_COLUMNS.nextTermProposal,
  nextTermReason: PROGRESS_TABLE_COLUMNS.nextTermReason,
  relistOf: PROGRESS_TABLE_COLUMNS.relistOf,
  pageRef: PROGRESS_TABLE_COLUMNS.pageRef,
  labels: PROGRESS_TABLE_COLUMNS.labels,
  implementers: PROGRESS_TABLE_COLUMNS.implementers,
  targetActors: PROGRESS_TABLE_COLUMNS.targetActors,
  purpose: PROGRESS_TABLE_COLUMNS.purpose,
  currentIssues: PROGRESS_TABLE_COLUMNS.currentIssues,
  content: PROGRESS_TABLE_COLUMNS.content,
  completionCriteria: PROGRESS_TABLE_COLUMNS.completionCriteria,
  schedule: PROGRESS_TABLE_COLUMNS.schedule,
};

/** The layouts' names as the 計画書の形式 row prints them. */
export const LAYOUT_NAMES: Readonly<Record<PlanLayout, string>> = {
  "shiroi-progress": "白井市の進捗一覧",
  "yamaguchi-action-plan": "山口市の実行計画",
  "tier-table": "重点区分付きの進捗状況一覧",
  "portal-progress-list": "ポータルの進捗一覧",
};

const ALWAYS: Column[] = ["code", "title", "departments", "entries", "status", "tier", "levelName", "parentCode"];
/** Written only when some measure of the plan has a value, so a plan's export has no empty columns. */
const OPTIONAL: Column[] = [
  "nextTermProposal", "nextTermReason", "relistOf", "pageRef", "labels", "implementers", "targetActors",
  "purpose", "currentIssues", "content", "completionCriteria", "schedule",
];
/** Columns a file may lack (an import then keeps the stored values); the others are required. */
const MEASURE_FIELD_COLUMNS: readonly (Column & OptionalMeasureField)[] = [
  "departments", "entries", "status", "tier", "nextTermProposal", "nextTermReason", "relistOf", "pageRef", "labels",
  "implementers", "targetActors", "purpose", "currentIssues", "content", "completionCriteria", "schedule",
];

export interface ProgressTable {
  title: string;
  /** Rows between the title and the column header: the plan's own fields (PLAN_INFO_ROWS). */
  info: string[][];
  columns: Column[];
  header: string[];
  rows: { level: number; leaf: boolean; cells: string[] }[];
}

/** "平成20年度：検討", one line per year of the 年次計画. */
function formatSchedule(schedule: ScheduleItem[]): string {
  return schedule.map((item) => `${formatFiscalYear(item.fiscalYear)}：${item.label}`).join("\n");
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
    case "nextTermReason":
    case "relistOf":
    case "pageRef":
    case "purpose":
    case "currentIssues":
    case "content":
    case "completionCriteria":
      return m[column] ?? "";
    case "labels":
    case "implementers":
    case "targetActors":
      return m[column].join("\n");
    case "schedule":
      return formatSchedule(m.schedule);
  }
}

/** The tier header as the city prints it: 【Ⅰ】<重点> ⇥ description ⇥ 5/6：済 ⇥ 1/6：未. */
function tierSummaryCells(row: TierSummaryRow): string[] {
  const counts = formatTierSummaryCounts(row.counts).split(" ").filter((c) => c !== "");
  return [`【${row.tier}】${row.label ? `<${row.label}>` : ""}`, row.description, ...counts];
}

function planInfo(plan: ParsedPlan): string[][] {
  const info: string[][] = [];
  if (plan.issued) info.push([PLAN_INFO_ROWS.issued, plan.issued]);
  const layout = plan.documentLayout ?? plan.layout;
  if (layout !== "portal-progress-list") info.push([PLAN_INFO_ROWS.documentLayout, LAYOUT_NAMES[layout]]);
  for (const row of plan.tierSummary ?? []) info.push([PLAN_INFO_ROWS.tierSummary, ...tierSummaryCells(row)]);
  return info;
}

/** Every measure of the plan, one row each in document order (headings and leaves). */
export function toProgressTable(plan: ParsedPlan): ProgressTable {
  const columns = [...ALWAYS, ...OPTIONAL.filter((c) => plan.measures.some((m) => cellOf(plan, m, c) !== ""))];
  const parents = new Set(plan.measures.map((m) => m.parentCode));
  return {
    title: plan.title,
    info: planInfo(plan),
    columns,
    header: columns.map((c) => PROGRESS_TABLE_COLUMNS[c]),
    rows: plan.measures.map((m) => ({ level: m.level, leaf: !parents.has(m.code), cells: columns.map((c) => cellOf(plan, m, c)) })),
  };
}

/** The table as the rows of a sheet or CSV file: title, plan rows, column header, one row per measure. */
export function progressTableRows(table: ProgressTable): string[][] {
  return [[table.title], ...table.info, table.header, ...table.rows.map((r) => r.cells)];
}

export interface SourceRow {
  cells: string[];
  /** Where the row is in the file (1-based line of a CSV, row of a sheet). */
  line: number;
}

const REQUIRED: Column[] = ["code", "title", "parentCode", "levelName"];
/** The plan rows above the header are few (title, 発行, 計画書の形式, four tiers); leave room for more. */
const HEADER_SEARCH_ROWS = 30;

/** The header row of the portal's table, if these rows contain one (within the first few rows). */
export function findProgressTableHeader(rows: SourceRow[]): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
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

function parseSchedule(cell: string, line: number, code: string, log: IssueLog): ScheduleItem[] {
  const items: ScheduleItem[] = [];
  for (const text of splitLines(cell)) {
    const match = /^([^:：]+)[:：](.*)$/.exec(text);
    const fiscalYear = match ? parseFiscalYear(match[1].trim()) : null;
    if (!match || fiscalYear === null || match[2].trim() === "") {
      log.error(line, `番号「${code}」の年次計画「${text}」を読み取れません（例: 平成20年度：検討）。`);
      continue;
    }
    items.push({ fiscalYear, label: match[2].trim() });
  }
  return items;
}

const LAYOUT_OF_NAME = new Map<string, PlanLayout>(PLAN_LAYOUTS.map((layout) => [LAYOUT_NAMES[layout], layout]));

interface PlanInfo {
  issued?: string;
  documentLayout?: PlanLayout;
  tierSummary?: TierSummaryRow[];
  present: Set<OptionalPlanField>;
}

/** The rows between the title and the column header. */
function readPlanInfo(rows: SourceRow[], log: IssueLog): PlanInfo {
  const info: PlanInfo = { present: new Set() };
  for (const row of rows) {
    const [key = "", ...values] = row.cells.map((c) => c.trim());
    if (key === PLAN_INFO_ROWS.issued) {
      info.present.add("issued");
      info.issued = values.filter((v) => v !== "").join(" ") || undefined;
    } else if (key === PLAN_INFO_ROWS.documentLayout) {
      info.present.add("documentLayout");
      const layout = LAYOUT_OF_NAME.get(values[0] ?? "");
      if (layout) info.documentLayout = layout;
      else log.warn(row.line, `計画書の形式「${values[0] ?? ""}」を読み取れないため、登録済みの形式のままにします。`);
      if (!layout) info.present.delete("documentLayout");
    } else if (key === PLAN_INFO_ROWS.tierSummary) {
      info.present.add("tierSummary");
      const summary = parseSummaryRow(toTableRow(values.join("\t"), row.line), log);
      if (summary) (info.tierSummary ??= []).push(summary);
      else log.error(row.line, `達成状況の行を読み取れません（例: 達成状況 ⇥ 【Ⅰ】<重点> ⇥ 説明 ⇥ 5/6：済）。`);
    }
  }
  return info;
}

export interface ReadTableOptions {
  /** CSV rows carry every cell up to the header's width (a sheet's rows end at their last value). */
  fullWidthRows?: boolean;
}

/** Reads the table written by toProgressTable (from CSV or xlsx rows) back into a plan. */
export function parseProgressTable(rows: SourceRow[], options: ReadTableOptions = {}): ParsedPlan {
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
  const preamble = rows.slice(0, headerIndex).filter((r) => r.cells.some((c) => c.trim() !== ""));
  const title = preamble[0]?.cells.find((c) => c.trim() !== "")?.trim() ?? "進捗一覧";
  const info = readPlanInfo(preamble.slice(1), log);

  const measures: ParsedMeasure[] = [];
  const byCode = new Map<string, ParsedMeasure>();
  const levelNames: string[] = [];
  const body = rows.slice(headerIndex + 1).filter((row) => row.cells.some((c) => c.trim() !== ""));
  for (const row of body) {
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

    const text = (column: Column) => get(row, column) || undefined;
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
      nextTermProposal: text("nextTermProposal"),
      nextTermReason: text("nextTermReason"),
      relistOf: text("relistOf"),
      pageRef: text("pageRef"),
      labels: splitLines(get(row, "labels")),
      implementers: splitLines(get(row, "implementers")),
      targetActors: splitLines(get(row, "targetActors")),
      purpose: text("purpose"),
      currentIssues: text("currentIssues"),
      content: text("content"),
      completionCriteria: text("completionCriteria"),
      schedule: parseSchedule(get(row, "schedule"), row.line, code, log),
      entries,
    });
    measures.push(measure);
    byCode.set(code, measure);
  }
  for (const m of measures) {
    if (m.relistOf && !byCode.has(m.relistOf)) log.warn(m.line, `再掲元「${m.relistOf}」の施策がありません。`);
  }
  if (measures.length === 0 && log.errors.length === 0) log.error(rows[headerIndex].line, "施策の行がありません。");
  warnIfCut(body, header, measures, levelNames, log, Boolean(options.fullWidthRows));
  const warnings = log.finish();
  for (let level = 0; level < levelNames.length; level++) levelNames[level] ??= `第${level + 1}階層`;
  const plan: ParsedPlan = { layout: "portal-progress-list", title, levelNames, measures, warnings };
  if (info.issued) plan.issued = info.issued;
  if (info.documentLayout) plan.documentLayout = info.documentLayout;
  if (info.tierSummary) plan.tierSummary = info.tierSummary;
  const absentPlan = (Object.keys(PLAN_INFO_ROWS) as OptionalPlanField[]).filter((field) => !info.present.has(field));
  const absentMeasure = MEASURE_FIELD_COLUMNS.filter((column) => !index.has(column));
  plan.absent = { plan: absentPlan, measure: absentMeasure };
  return plan;
}

/**
 * A file cut short ends with a row that has fewer cells than the header, or with a heading that has
 * nothing under it although the plan has deeper levels. Either is named, so the operator can check
 * the file before importing it.
 */
function warnIfCut(body: SourceRow[], header: string[], measures: ParsedMeasure[], levelNames: string[], log: IssueLog, fullWidthRows: boolean): void {
  const last = body[body.length - 1];
  if (!last) return;
  const width = header.reduce((n, cell, i) => (cell !== "" ? i + 1 : n), 0);
  const code = last.cells[header.indexOf(PROGRESS_TABLE_COLUMNS.code)]?.trim() ?? "";
  if (fullWidthRows && last.cells.length < width) {
    log.warn(last.line, `最後の行（番号「${code}」）の列が見出しより少なく、ファイルが途中で切れている可能性があります。この行の内容を確認してください。`);
  }
  const lastMeasure = measures[measures.length - 1];
  if (lastMeasure && lastMeasure.level < levelNames.length - 1) {
    log.warn(
      lastMeasure.line,
      `最後の行「${lastMeasure.code} ${lastMeasure.title}」の下に${levelNames[lastMeasure.level + 1] ?? "施策"}がありません。ファイルが途中で切れていないか確認してください。`,
    );
  }
}
