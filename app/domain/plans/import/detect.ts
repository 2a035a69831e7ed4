// Recognizing which city layout a plan document uses, from rows only that layout prints.

import { splitCells, splitLines } from "../text";
import type { PlanLayout } from "../types";

/** A layout is recognized only with at least this much evidence, so random text is rejected. */
const MINIMUM_SCORE = 3;

interface Signature {
  layout: PlanLayout;
  /** Points a row contributes as evidence for this layout. */
  score(cells: string[]): number;
}

const CIRCLED_ROW = /^[\u2460-\u2473\u3251-\u325F\u32B1-\u32BF]/u;

const SIGNATURES: readonly Signature[] = [
  {
    layout: "shiroi-progress",
    score(cells) {
      if (cells[0] === "具体的な事業" && cells.includes("担当課")) return 2;
      // A 具体的な事業 row: name, then a progress cell with bullets or a status.
      if (CIRCLED_ROW.test(cells[0] ?? "") && cells.slice(1).some((cell) => /^(?:・|<ul|実施したこと)/.test(cell))) return 1;
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
  const scores: Record<PlanLayout, number> = { "shiroi-progress": 0, "yamaguchi-action-plan": 0, "tier-table": 0 };
  for (const line of splitLines(text)) {
    if (!line.includes("\t")) continue;
    const cells = splitCells(line);
    const start = cells.findIndex((cell) => cell !== "");
    if (start < 0) continue;
    const row = cells.slice(start);
    for (const signature of SIGNATURES) scores[signature.layout] += signature.score(row);
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
