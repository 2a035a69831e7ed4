// Japanese-era and Western year notation ⇄ fiscal years (年度, April–March), as printed in city plans.
// Browser-safe.
//
// A fiscal year is identified by the Western year in which it starts (FY2019 = April 2019–March 2020).
// Because 平成31年度 and 令和元年度 both start in April 2019, both parse to 2019; when formatting we follow
// the cities' own convention and call FY2019 "令和元年度".

import { ERAS, eraOfFiscalYear, eraYearLabel, type Era, type EraName } from "./eras";

export interface FiscalYearRange {
  from: number;
  to: number;
}

export interface EraYear {
  era: EraName;
  /** 1 for 元年. */
  year: number;
}

// Range marks seen in the documents: ～ (U+FF5E, turned into "~" by NFKC), 〜 (wave dash), hyphens and dashes.
const RANGE_MARK = /[~〜\-‐‑–—―]/;
const LIST_MARK = /[、,]/;
/** An era as printed, long or short: 令和, 平成, 昭和, R, H, S (with an optional dot: "H.30"). */
export const ERA_PREFIX = "(?:令和|平成|昭和|[RHS]\\.?)";
const YEAR_TOKEN = /^(?:(令和|平成|昭和|[RHS])\.?)?(元|\d{1,4})(?:年度|年)?$/i;

interface YearToken {
  year: number;
  /** The era in force after this token, carried to the next token ("平成25～29年度"). */
  era: Era | "western";
}

function findEra(word: string): Era | undefined {
  const upper = word.toUpperCase();
  return ERAS.find((era) => era.name === word || era.abbreviation === upper);
}

function parseYearToken(token: string, context: Era | "western" | null): YearToken | null {
  const match = YEAR_TOKEN.exec(token);
  if (!match) return null;
  const [, eraWord, number] = match;
  const explicitEra = eraWord ? findEra(eraWord) : undefined;

  if (number.length === 4) {
    if (explicitEra) return null;
    const year = Number(number);
    return year >= 1900 && year <= 2199 ? { year, era: "western" } : null;
  }

  const era = explicitEra ?? (context === "western" ? null : context);
  if (!era) return null; // "25年度" alone is ambiguous: no era to count from.
  const eraYear = number === "元" ? 1 : Number(number);
  if (eraYear < 1 || eraYear > 99) return null;
  return { year: era.firstYear + eraYear - 1, era };
}

function normalizeYearText(text: string): string {
  let normalized = text.normalize("NFKC").replace(/\s+/g, "");
  const wrapped = /^\((.*)\)$/.exec(normalized);
  if (wrapped) normalized = wrapped[1];
  return normalized;
}

/**
 * Every fiscal year a printed period covers, in order: "平成25～27年度" → [2013, 2014, 2015],
 * "平成25、26、28年度" → [2013, 2014, 2016]. Null when the text is not a period.
 */
export function parseFiscalYears(text: string): number[] | null {
  const normalized = normalizeYearText(text);
  if (normalized === "") return null;
  let context: Era | "western" | null = null;
  const years: number[] = [];

  for (const part of normalized.split(LIST_MARK)) {
    const bounds = part.split(RANGE_MARK);
    if (bounds.length > 2 || bounds.some((bound) => bound === "")) return null;
    const first = parseYearToken(bounds[0], context);
    if (!first) return null;
    context = first.era;
    let last = first;
    if (bounds.length === 2) {
      const second = parseYearToken(bounds[1], context);
      if (!second || second.year < first.year) return null;
      context = second.era;
      last = second;
    }
    for (let year = first.year; year <= last.year; year++) years.push(year);
  }

  const sorted = [...years].sort((a, b) => a - b);
  return sorted.every((year, index) => index === 0 || year > sorted[index - 1]) ? sorted : null;
}

/**
 * The first and last fiscal year of a printed period: "平成 25～29 年度" → {from: 2013, to: 2017},
 * "平成30～令和2年度" → {from: 2018, to: 2020}, "R3" → {from: 2021, to: 2021}, "2019年度" → 2019.
 * A list ("平成25、26、28年度") gives its first and last year. Null when the text is not a period.
 */
export function parseFiscalYearRange(text: string): FiscalYearRange | null {
  const years = parseFiscalYears(text);
  if (!years || years.length === 0) return null;
  return { from: years[0], to: years[years.length - 1] };
}

/**
 * The fiscal years a stored period covers: the set its printed label gives when it gives one
 * ("平成25、26、28年度" → [2013, 2014, 2016], although from–to stores 2013–2016), else every year
 * from `from` to `to`. The label is the document's word; from–to only bound it (for sorting, ranges).
 */
export function fiscalYearsOfPeriod(period: { fiscalYearFrom: number | null; fiscalYearTo: number | null; fiscalYearLabel: string | null }): number[] {
  const printed = period.fiscalYearLabel ? parseFiscalYears(period.fiscalYearLabel) : null;
  if (printed && printed.length > 0) return printed;
  if (period.fiscalYearFrom === null) return [];
  const to = period.fiscalYearTo ?? period.fiscalYearFrom;
  const years: number[] = [];
  for (let y = period.fiscalYearFrom; y <= to && years.length < 50; y++) years.push(y);
  return years;
}

/** "2013、2014、2016年度" or "2013～2017年度": the western years of a period, a set as a list. */
export function formatWesternYears(years: number[]): string | null {
  if (years.length === 0) return null;
  const first = years[0];
  const last = years[years.length - 1];
  if (years.length === 1) return `${first}年度`;
  const contiguous = last - first === years.length - 1;
  return contiguous ? `${first}～${last}年度` : `${years.join("、")}年度`;
}

/** A single fiscal year ("令和元年度", "H29", "2019年度"); null for ranges and non-years. */
export function parseFiscalYear(text: string): number | null {
  const range = parseFiscalYearRange(text);
  return range && range.from === range.to ? range.from : null;
}

/** FY2019 → {era: "令和", year: 1}; undefined before 昭和. */
export function toEraYear(fiscalYear: number): EraYear | undefined {
  const era = eraOfFiscalYear(fiscalYear);
  return era ? { era: era.name, year: fiscalYear - era.firstYear + 1 } : undefined;
}

/**
 * 2023 → "令和5年度", 2019 → "令和元年度", 1989 → "平成元年度": the form documents print (plan exports,
 * receipts, agreements). Pages use `formatFiscalYearWithWestern`.
 */
export function formatFiscalYear(fiscalYear: number): string {
  const eraYear = toEraYear(fiscalYear);
  if (!eraYear) return `${fiscalYear}年度`;
  return `${eraYear.era}${eraYearLabel(eraYear.year)}年度`;
}

/** 2023 → "R5", 2017 → "H29" (the short form used in schedule headers). */
export function formatFiscalYearShort(fiscalYear: number): string {
  const era = eraOfFiscalYear(fiscalYear);
  if (!era) return String(fiscalYear);
  return `${era.abbreviation}${fiscalYear - era.firstYear + 1}`;
}

/**
 * The period as the cities print it: "平成25～29年度", "平成30～令和2年度", one year → "平成29年度".
 * The era is repeated only when it changes inside the range.
 */
export function formatFiscalYearRange(from: number, to: number): string {
  if (from === to) return formatFiscalYear(from);
  const start = toEraYear(from);
  const end = toEraYear(to);
  if (!start || !end) return `${from}～${to}年度`;
  const endLabel = start.era === end.era ? eraYearLabel(end.year) : `${end.era}${eraYearLabel(end.year)}`;
  return `${start.era}${eraYearLabel(start.year)}～${endLabel}年度`;
}

/** 「令和9年度（2027年度）」: a fiscal year as a page shows it, the era form with the Western year. */
export function formatFiscalYearWithWestern(fiscalYear: number): string {
  const era = formatFiscalYear(fiscalYear);
  return era === `${fiscalYear}年度` ? era : `${era}（${fiscalYear}年度）`;
}

/** 「平成25～29年度（2013～2017年度）」: a period as a page shows it; one year as `formatFiscalYearWithWestern`. */
export function formatFiscalYearRangeWithWestern(from: number, to: number): string {
  if (from === to) return formatFiscalYearWithWestern(from);
  return `${formatFiscalYearRange(from, to)}（${from}～${to}年度）`;
}
