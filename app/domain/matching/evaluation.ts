// Measuring the engine against a labelled set: for each sheet, the groups a coordinator would pick; the
// figure is the mean precision@5. Shared by `npm run eval:matching` and the regression test.
import { buildGroupIndex, suggestGroups } from "./engine";
import type { MatchGroup, MatchSheet, Suggestion } from "./types";

export interface Label {
  sheetId: string;
  relevant: string[];
}

export interface SheetResult {
  sheetId: string;
  relevant: string[];
  top: Suggestion[];
  hits: string[];
  precision: number;
  rankMs: number;
}

export const PRECISION_DEFINITION = "precision@5 = |relevant ∩ top5| / min(5, |relevant|), averaged over sheets";

/** |relevant ∩ top5| / min(5, |relevant|): 1 when every top place a relevant group could take is taken. */
export function precisionAt5(rankedIds: string[], relevant: string[]): number {
  if (relevant.length === 0) return 0;
  const top = rankedIds.slice(0, 5);
  return top.filter((id) => relevant.includes(id)).length / Math.min(5, relevant.length);
}

/** Throws when a label names a sheet or group that isn't in the set: a broken fixture is an error, not a score. */
export function checkLabels(groups: MatchGroup[], sheets: MatchSheet[], labels: Label[]): void {
  const groupIds = new Set(groups.map((g) => g.id));
  const sheetIds = new Set(sheets.map((s) => s.id));
  if (groupIds.size !== groups.length) throw new Error("duplicate group ids in the fixture");
  if (sheetIds.size !== sheets.length) throw new Error("duplicate sheet ids in the fixture");
  for (const label of labels) {
    if (!sheetIds.has(label.sheetId)) throw new Error(`label for unknown sheet ${label.sheetId}`);
    for (const id of label.relevant) if (!groupIds.has(id)) throw new Error(`${label.sheetId}: unknown group ${id}`);
  }
  for (const sheet of sheets)
    if (!labels.some((l) => l.sheetId === sheet.id)) throw new Error(`sheet ${sheet.id} has no label`);
}

export function evaluate(groups: MatchGroup[], sheets: MatchSheet[], labels: Label[]) {
  checkLabels(groups, sheets, labels);
  let started = performance.now();
  const index = buildGroupIndex(groups);
  const buildMs = performance.now() - started;
  const results: SheetResult[] = sheets.map((sheet) => {
    const relevant = labels.find((l) => l.sheetId === sheet.id)!.relevant;
    started = performance.now();
    const top = suggestGroups(index, sheet, 5);
    const rankMs = performance.now() - started;
    const ids = top.map((s) => s.id);
    return {
      sheetId: sheet.id,
      relevant,
      top,
      hits: ids.filter((id) => relevant.includes(id)),
      precision: precisionAt5(ids, relevant),
      rankMs,
    };
  });
  const mean = results.reduce((sum, r) => sum + r.precision, 0) / results.length;
  return { buildMs, results, precision: mean };
}
