// The chart palette reads without colour vision and stands out from the page (WCAG 1.4.1, 1.4.11).
import { describe, expect, it } from "vitest";
import { MEASURE_STATUSES } from "~/domain/plans/types";
import { contrastRatio } from "~/styles/contrast";
import { CHART_BACKGROUND, STATUS_STYLES, YEAR_BAR_COLOR } from "./chart-palette";

describe("the progress charts' palette", () => {
  it.each(MEASURE_STATUSES.map((s) => [s, STATUS_STYLES[s].color]))("「%s」 (%s) has at least 3:1 against the chart's background", (_, color) => {
    expect(contrastRatio(color, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });

  it("gives every status its own fill pattern, so the series differ by more than hue", () => {
    const patterns = MEASURE_STATUSES.map((s) => STATUS_STYLES[s].pattern);
    expect(new Set(patterns).size).toBe(MEASURE_STATUSES.length);
  });

  it("gives every status its own colour", () => {
    expect(new Set(MEASURE_STATUSES.map((s) => STATUS_STYLES[s].color.toLowerCase())).size).toBe(MEASURE_STATUSES.length);
  });

  it("draws the per-year bars with at least 3:1 against the background", () => {
    expect(contrastRatio(YEAR_BAR_COLOR, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });
});
