// How a date, a time, a period and a calendar year are shown to a person: in the era form the city
// writes (「令和9年2月15日」), on the Tokyo clock. The one place the portal turns an instant into text.
// Browser-safe. Fiscal years (年度) are in fiscal-year.ts.
import { eraOfDay, eraYearLabel } from "./eras";
import { tokyoParts, type TokyoParts } from "./tokyo-time";

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

/** 「令和9年」 for a Tokyo day, or 「1925年」 before 昭和. */
function eraYearOf(p: TokyoParts): string {
  const era = eraOfDay(p.year, p.month, p.day);
  return era ? `${era.name}${eraYearLabel(p.year - era.firstYear + 1)}年` : `${p.year}年`;
}

const time = (p: TokyoParts) => `${p.hour}:${String(p.minute).padStart(2, "0")}`;

/** 「令和9年2月15日」: the Tokyo day of an instant, or a stored date ("2027-02-15") as it is. */
export function formatDate(at: string | Date): string {
  const p = tokyoParts(at);
  return `${eraYearOf(p)}${p.month}月${p.day}日`;
}

/** 「令和9年2月15日（月）10:03」 on the Tokyo clock; `withYear: false` leaves 「令和9年」 out. */
export function formatDateTime(at: string | Date, { withYear = true } = {}): string {
  const p = tokyoParts(at);
  return `${withYear ? eraYearOf(p) : ""}${p.month}月${p.day}日（${WEEKDAYS[p.weekday]}）${time(p)}`;
}

/**
 * 「令和9年1月10日（日）9:00〜2月10日（水）17:00」: opens–closes, the era year written again only when it
 * changes (「令和8年12月1日（火）9:00〜令和9年1月15日（金）17:30」).
 */
export function formatPeriod(opensAt: string | Date, closesAt: string | Date): string {
  const sameYear = eraYearOf(tokyoParts(opensAt)) === eraYearOf(tokyoParts(closesAt));
  return `${formatDateTime(opensAt)}〜${formatDateTime(closesAt, { withYear: !sameYear })}`;
}

/**
 * A calendar year in the era form: 2021 → 「令和3年」; 2019 with month 4 → 「平成31年」, with month 5 or
 * none → 「令和元年」 (a year or month that saw two eras is named by the later one). Null before 昭和.
 */
export function formatEraYear(year: number, month?: number | null): string | null {
  const era = eraOfDay(year, month ?? 12, 31);
  return era ? `${era.name}${eraYearLabel(year - era.firstYear + 1)}年` : null;
}
