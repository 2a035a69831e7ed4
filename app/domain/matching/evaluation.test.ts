// The labelled set (tests/fixtures/matching) as a regression guard: the figure `npm run eval:matching`
// reports must not fall. The unit project only picks up app/**, hence this file lives beside the engine.
import { describe, expect, it } from "vitest";
import { groups } from "../../../tests/fixtures/matching/groups";
import { labels, sheets } from "../../../tests/fixtures/matching/sheets";
import { checkLabels, evaluate, precisionAt5 } from "./evaluation";

/** Measured 0.70 on 2026-11-23 (see README.md); a drop below this is a regression. */
const FLOOR = 0.67;

describe("precisionAt5", () => {
  it("divides the relevant groups in the top five by the places they could take", () => {
    expect(precisionAt5(["a", "x", "b", "y", "z", "c"], ["a", "b", "c"])).toBeCloseTo(2 / 3);
    expect(precisionAt5(["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e", "f"])).toBe(1);
    expect(precisionAt5(["x"], ["a"])).toBe(0);
  });
});

describe("the labelled set", () => {
  it("has at least 30 sheets, each with 3–6 existing groups", () => {
    expect(() => checkLabels(groups, sheets, labels)).not.toThrow();
    expect(sheets.length).toBeGreaterThanOrEqual(30);
    for (const label of labels) expect(label.relevant.length, label.sheetId).toBeGreaterThanOrEqual(3);
    for (const label of labels) expect(label.relevant.length, label.sheetId).toBeLessThanOrEqual(6);
  });

  it(`keeps the mean precision@5 at ${FLOOR} or more`, () => {
    expect(evaluate(groups, sheets, labels).precision).toBeGreaterThanOrEqual(FLOOR);
  });
});
