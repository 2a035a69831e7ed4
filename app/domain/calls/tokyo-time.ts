// Calls open and close at Asia/Tokyo wall-clock times; they are stored as ISO UTC. Japan has no
// daylight saving time, so the offset is always +09:00. Browser-safe.
const OFFSET_MS = 9 * 60 * 60 * 1000;
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2027-03-31" (what a date input sends) when it names a day that exists (not 2027-02-30), else false. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && tokyoLocalToIso(`${value}T00:00`) !== null;
}

/** "2027-01-10T09:00" (what a datetime-local input sends, read as Tokyo time) → ISO UTC, or null. */
export function tokyoLocalToIso(local: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS;
  const check = new Date(utc + OFFSET_MS);
  // Rejects dates like 2027-02-30 that Date.UTC would roll over.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return new Date(utc).toISOString();
}

function tokyoParts(iso: string) {
  const d = new Date(Date.parse(iso) + OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO UTC → the datetime-local value in Tokyo time ("2027-01-10T09:00"). */
export function isoToTokyoLocal(iso: string): string {
  const p = tokyoParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** 「2027年1月10日（日）9:00」; `withYear: false` leaves the year out. */
export function formatTokyoDateTime(iso: string, { withYear = true } = {}): string {
  const p = tokyoParts(iso);
  return `${withYear ? `${p.year}年` : ""}${p.month}月${p.day}日（${WEEKDAYS[p.weekday]}）${p.hour}:${pad(p.minute)}`;
}

/** 「2027年1月10日（日）9:00〜2月10日（水）17:00」: the year is written again only when it changes. */
export function formatTokyoPeriod(opensAt: string, closesAt: string): string {
  const sameYear = tokyoParts(opensAt).year === tokyoParts(closesAt).year;
  return `${formatTokyoDateTime(opensAt)}〜${formatTokyoDateTime(closesAt, { withYear: !sameYear })}`;
}
