// The Japanese eras the portal reads and prints, once. Browser-safe.
//
// A calendar era changes on a day (令和 began on 1 May 2019, so 30 April 2019 is 平成31年4月30日 and the next
// day 令和元年5月1日). A fiscal year (April–March) is named after the era in force when it is printed by the
// cities: FY2019 (April 2019–March 2020) is 令和元年度 although its first month was still 平成.

export type EraName = "令和" | "平成" | "昭和";

export interface Era {
  name: EraName;
  abbreviation: "R" | "H" | "S";
  /** The era's first day, a Tokyo calendar date. */
  firstDay: { year: number; month: number; day: number };
  /** Western year of the era's first (元) year. */
  firstYear: number;
  /** First fiscal year printed with this era; before it the previous era is used. */
  firstFiscalYear: number;
}

/** Newest first, so a lookup can pick the first era that has started. */
export const ERAS: readonly Era[] = [
  { name: "令和", abbreviation: "R", firstDay: { year: 2019, month: 5, day: 1 }, firstYear: 2019, firstFiscalYear: 2019 },
  { name: "平成", abbreviation: "H", firstDay: { year: 1989, month: 1, day: 8 }, firstYear: 1989, firstFiscalYear: 1989 },
  // 昭和元年 lasted one week of December 1926, so FY1926 was still 大正15年度.
  { name: "昭和", abbreviation: "S", firstDay: { year: 1926, month: 12, day: 25 }, firstYear: 1926, firstFiscalYear: 1927 },
];

/** The era of a Tokyo calendar day (month 1–12); undefined before 昭和. */
export function eraOfDay(year: number, month: number, day: number): Era | undefined {
  const key = year * 10000 + month * 100 + day;
  return ERAS.find((era) => key >= era.firstDay.year * 10000 + era.firstDay.month * 100 + era.firstDay.day);
}

/** The era a fiscal year is printed with; undefined before 昭和. */
export function eraOfFiscalYear(fiscalYear: number): Era | undefined {
  return ERAS.find((era) => fiscalYear >= era.firstFiscalYear);
}

/** 1 → "元", 9 → "9". */
export function eraYearLabel(year: number): string {
  return year === 1 ? "元" : String(year);
}
