// The founding date of a group: typed as a Western or Japanese-era year (2021, 令和3年, R3, Ｒ３, 平成31年),
// shown both ways: 「2021年（令和3年）4月」. A calendar year, not a fiscal year. Browser-safe.
import { formatEraYear } from "../calendar/format";
import { parseFiscalYear } from "../calendar/fiscal-year";

/** 2021 from "2021", "2021年", "令和3年", "R3", "Ｒ３", "平成31年"; null when it is not one year. */
export function parseFoundingYear(text: string): number | null {
  return parseFiscalYear(text.trim());
}

/** 「2021年（令和3年）4月」, or 「2021年（令和3年）」 without a month. */
export function formatFounding(year: number | null, month: number | null): string | null {
  if (year === null) return null;
  const era = formatEraYear(year, month);
  return `${year}年${era ? `（${era}）` : ""}${month ? `${month}月` : ""}`;
}
