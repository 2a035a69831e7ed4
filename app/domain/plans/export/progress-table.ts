// The portal's own progress list (進捗一覧) table: the seed's columns (施策, 担当課, 実施したこと(実施年度))
// plus everything else the portal keeps for a plan, so that importing the export over the plan changes
// nothing (番号, 状況, 優先度, 階層, 上位番号, and where the plan has them 目的 … 年次計画). Rows above the
// column header carry the plan's own fields (発行, 計画書の形式, 達成状況). The xlsx and CSV downloads are
// this table; import/progress-table.ts reads it back. Its columns: progress-table-columns.ts.

import { formatFiscalYear } from "../../calendar/fiscal-year";
import { formatTierSummaryCounts } from "../import/tier-table";
import { LAYOUT_NAMES, PLAN_INFO_ROWS, PROGRESS_TABLE_COLUMNS, type ProgressTableColumn as Column } from "../progress-table-columns";
import type { ParsedMeasure, ParsedPlan, ScheduleItem, TierSummaryRow } from "../types";
import { formatProgressEntry } from "./progress-list";

const ALWAYS: Column[] = ["code", "title", "departments", "entries", "status", "tier", "levelName", "parentCode"];
/** Written only when some measure of the plan has a value, so a plan's export has no empty columns. */
const OPTIONAL: Column[] = [
  "nextTermProposal", "nextTermReason", "relistOf", "pageRef", "labels", "implementers", "targetActors",
  "purpose", "currentIssues", "content", "completionCriteria", "schedule",
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

