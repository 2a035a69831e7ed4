// Entry point for importing a plan document: detect the layout, parse it, return one ParsedPlan.

import type { ParsedPlan, PlanLayout } from "../types";
import { detectLayout } from "./detect";
import { PlanImportError } from "./issues";
import { looksLikeProgressTableCsv, parseCsvRows, parseProgressTable } from "./progress-table";
import { parseShiroiProgress } from "./shiroi-progress";
import { parseTierTable } from "./tier-table";
import { parseYamaguchiActionPlan } from "./yamaguchi-action-plan";

export { detectLayout, scoreLayouts } from "./detect";
export { PlanImportError } from "./issues";
export { parseShiroiProgress, SHIROI_LEVEL_NAMES } from "./shiroi-progress";
export { parseYamaguchiActionPlan, parseCheckedActors, YAMAGUCHI_LEVEL_NAMES } from "./yamaguchi-action-plan";
export { parseTierTable, computeTierSummary, formatTierSummaryCounts, TIER_TABLE_LEVEL_NAMES } from "./tier-table";

const PARSERS: Readonly<Record<PlanLayout, (text: string) => ParsedPlan>> = {
  "shiroi-progress": parseShiroiProgress,
  "yamaguchi-action-plan": parseYamaguchiActionPlan,
  "tier-table": parseTierTable,
  "portal-progress-list": (text) => parseProgressTable(parseCsvRows(text), { fullWidthRows: true }),
};

export interface ParsePlanOptions {
  /** Skip detection, e.g. when the operator chose the layout explicitly. */
  layout?: PlanLayout;
}

/**
 * Parses a plan document (tab-separated text). Throws PlanImportError with line-numbered messages
 * in Japanese when the layout is unknown or the file is malformed; never returns a partial plan.
 */
export function parsePlan(text: string, options: ParsePlanOptions = {}): ParsedPlan {
  // A UTF-8 byte order mark would hide the first heading from the parsers.
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") throw new PlanImportError([{ line: 1, message: "ファイルが空です。" }]);
  const layout = options.layout ?? (looksLikeProgressTableCsv(source) ? "portal-progress-list" : detectLayout(source));
  if (!layout) {
    throw new PlanImportError([
      {
        line: 1,
        message:
          "計画書の形式を判別できませんでした。対応している形式は、白井市の進捗一覧・山口市の実行計画・重点区分付きの進捗状況一覧と、このポータルが書き出す進捗一覧（Excel・CSV）です。タブ区切りのテキストで保存されているか確認してください。",
      },
    ]);
  }
  return PARSERS[layout](source);
}
