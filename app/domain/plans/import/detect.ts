// Recognizing which city layout a plan document uses, from rows only that layout prints.

import type { PlanLayout } from "../types";
import { LEADING_CIRCLED_NUMBER } from "./numbering";
import { toTableRows } from "./rows";

/** A layout is recognized only with at least this much evidence, so random text is rejected. */
const MINIMUM_SCORE = 3;

interface Signature {
  layout: PlanLayout;
  /** Points a row contributes as evidence for this layout. */
  score(cells: string[]): number;
}

const SIGNATURES: readonly Signature[] = [
  {
    layout: "shiroi-progress",
    score(cells) {
      if (cells[0] === "具体的な事業" && cells.includes("担当課")) return 2;
      // A 具体的な事業 row: name, then a progress cell with bullets or a status.
      if (LEADING_CIRCLED_NUMBER.test(cells[0] ?? "") && cells.slice(1).some((cell) => /^(?:・|<ul|実施したこと)/.test(cell))) return 1;
      return 0;
    },
  },
  {
    layout: "yamaguchi-action-plan",
    score(cells) {
      if (cells[0] === "整理番号" && /-\s*\(\s*\d+\s*\)\s*-/.test(cells[1] ?? "")) return 2;
      if (cells[0] === "年次計画" && cells.length > 1) return 1;
      if (cells[0] === "推進項目" && cells.includes("担当課")) return 1;
      return 0;
    },
  },
  {
    layout: "tier-table",
    score(cells) {
      if (cells[0] === "No" && cells.includes("重点") && cells.includes("施策の実施")) return 3;
      if (/^\d+$/.test(cells[0] ?? "") && /^【\s*(?:Ⅰ|Ⅱ|Ⅲ|I{1,3})/.test(cells[2] ?? "")) return 1;
      return 0;
    },
  },
];

/** Evidence per layout, for diagnostics and tests. */
export function scoreLayouts(text: string): Record<PlanLayout, number> {
  const scores: Record<PlanLayout, number> = { "shiroi-progress": 0, "yamaguchi-action-plan": 0, "tier-table": 0, "portal-progress-list": 0 };
  for (const row of toTableRows(text)) {
    // Every signature is a table row; prose lines without a tab are no evidence.
    if (row.start < 0 || row.raw.length < 2) continue;
    const cells = row.cells.slice(row.start);
    for (const signature of SIGNATURES) scores[signature.layout] += signature.score(cells);
  }
  return scores;
}

/** The layout with the most evidence, or null when no layout is clearly present. */
export function detectLayout(text: string): PlanLayout | null {
  const scores = scoreLayouts(text);
  let best: PlanLayout | null = null;
  for (const signature of SIGNATURES) {
    const score = scores[signature.layout];
    if (score >= MINIMUM_SCORE && (best === null || score > scores[best])) best = signature.layout;
  }
  return best;
}
