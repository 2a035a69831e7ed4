// The founding date of a group: typed as a Western or Japanese-era year (2021, 令和3年, R3, Ｒ３, 平成31年),
// shown both ways: 「2021年（令和3年）4月」. A calendar year, not a fiscal year. Browser-safe.
import { parseFiscalYear } from "../plans/era";

/** 2021 from "2021", "2021年", "令和3年", "R3", "Ｒ３", "平成31年"; null when it is not one year. */
export function parseFoundingYear(text: string): number | null {
  return parseFiscalYear(text.trim());
}

// Calendar eras change on a day, not in April: 令和 began on 1 May 2019, 平成 on 8 January 1989.
const CALENDAR_ERAS = [
  { name: "令和", first: 2019, firstMonth: 5 },
  { name: "平成", first: 1989, firstMonth: 1 },
  { name: "昭和", first: 1926, firstMonth: 12 },
] as const;

/** 2021 → "令和3年", 2019 with month 4 → "平成31年", 2019 → "令和元年". */
export function formatEraYear(year: number, month?: number | null): string | null {
  const era = CALENDAR_ERAS.find((e) => year > e.first || (year === e.first && (month == null || month >= e.firstMonth)));
  if (!era) return null;
  const n = year - era.first + 1;
  return `${era.name}${n === 1 ? "元" : n}年`;
}

/** 「2021年（令和3年）4月」, or 「2021年（令和3年）」 without a month. */
export function formatFounding(year: number | null, month: number | null): string | null {
  if (year === null) return null;
  const era = formatEraYear(year, month);
  return `${year}年${era ? `（${era}）` : ""}${month ? `${month}月` : ""}`;
}
