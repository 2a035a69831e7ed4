// The progress charts' colours: every series stands out from the chart's white background (≥ 3:1, WCAG
// 1.4.11) and differs from the others by its fill pattern too, not only by hue (1.4.1), so the tier bars
// read in greyscale and for people who do not tell the hues apart. Checked by chart-palette.test.ts.
import type { MeasureStatus } from "~/domain/plans/types";

export type ChartPattern = "solid" | "dots" | "diagonal" | "crosshatch" | "horizontal";

export interface SeriesStyle {
  color: string;
  pattern: ChartPattern;
}

/** The chart's background (the page's). */
export const CHART_BACKGROUND = "#ffffff";

export const STATUS_STYLES: Record<MeasureStatus, SeriesStyle> = {
  未実施: { color: "#767676", pattern: "dots" },
  着手中: { color: "#9c5700", pattern: "diagonal" },
  一部済: { color: "#1a7f8e", pattern: "crosshatch" },
  済: { color: "#1f5fa8", pattern: "solid" },
  "済・継続": { color: "#0b3a5c", pattern: "horizontal" },
};

/** The per-year bars: one series, labelled with its figure above each bar. */
export const YEAR_BAR_COLOR = "#1f5fa8";
