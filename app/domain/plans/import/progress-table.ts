// Reading the portal's own progress list table back into a plan (layout "portal-progress-list"), from
// the rows of its xlsx or its CSV: the table export/progress-table.ts writes. A column or plan row the
// file lacks is listed in `absent`, and an import over a stored plan keeps what it holds there.

import { readDelimitedRows, type SpreadsheetRow } from "../../spreadsheets/delimited";
import { parseFiscalYear } from "../../calendar/fiscal-year";
import { LAYOUT_NAMES, MEASURE_FIELD_COLUMNS, PLAN_INFO_ROWS, PROGRESS_TABLE_COLUMNS, type ProgressTableColumn as Column } from "../progress-table-columns";
import { normalizeStatus, normalizeTier } from "../status";
import { PLAN_LAYOUTS, type OptionalPlanField, type ParsedMeasure, type ParsedPlan, type PlanLayout, type ScheduleItem, type TierSummaryRow } from "../types";
import { asPlanImportError, IssueLog } from "./issues";
import { createMeasure } from "./measure";
import { parseProgressEntry } from "./progress-entries";
import { toTableRow } from "./rows";
import { parseSummaryRow } from "./tier-table";

/** A row of the file: a CSV's (with the line it starts on) or a sheet's (with its row number). */
export type SourceRow = SpreadsheetRow;

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

/** A CSV written by the portal (or saved again by Excel), as rows with their first line numbers. */
export function parseCsvRows(text: string): SourceRow[] {
  // Characters Shift_JIS lacks are written as numeric references (&#36731;) by the Shift_JIS download.
  const decode = (cell: string) => cell.replace(/&#(\d{1,7});/g, (whole, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : whole));
  try {
    return readDelimitedRows(text, ",").map((row) => ({ ...row, cells: row.cells.map(decode) }));
  } catch (error) {
    throw asPlanImportError(error);
  }
}

/** Does this text look like the portal's progress table in CSV (a header row among the first lines)? */
export function looksLikeProgressTableCsv(text: string): boolean {
  // Title, the plan's rows (発行, 計画書の形式, up to four 達成状況), then the header.
  const head = text.replace(/^\uFEFF/, "").split(/\r?\n/, 30);
  return head.some((line) => /^"?番号"?,"?施策"?,"?担当課"?,/.test(line));
}
