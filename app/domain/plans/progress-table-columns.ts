// The columns and plan rows of the portal's own progress list (進捗一覧) table, shared by the export
// that writes it (export/progress-table.ts) and the import that reads it back (import/progress-table.ts).
import type { OptionalMeasureField, OptionalPlanField, PlanLayout } from "./types";

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
export type ProgressTableColumn = keyof typeof PROGRESS_TABLE_COLUMNS;
type Column = ProgressTableColumn;

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

/** Columns a file may lack (an import then keeps the stored values); the others are required. */
export const MEASURE_FIELD_COLUMNS: readonly (Column & OptionalMeasureField)[] = [
  "departments", "entries", "status", "tier", "nextTermProposal", "nextTermReason", "relistOf", "pageRef", "labels",
  "implementers", "targetActors", "purpose", "currentIssues", "content", "completionCriteria", "schedule",
];
