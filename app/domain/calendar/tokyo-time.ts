// Asia/Tokyo wall-clock time ⇄ instants stored as ISO UTC. Every date the portal shows or reads is a
// Tokyo date, whatever the server's time zone. Japan has no daylight saving time, so the offset is always
// +09:00. Browser-safe.
const OFFSET_MS = 9 * 60 * 60 * 1000;
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

/** The instant a Tokyo day ("2027-03-31", a date input's value) ends, as ISO UTC: the next day's 0:00 in Tokyo. Null for a day that does not exist. */
export function tokyoDayEndIso(day: string): string | null {
  const start = isCalendarDate(day) ? tokyoLocalToIso(`${day}T00:00`) : null;
  return start === null ? null : new Date(Date.parse(start) + 24 * 60 * 60 * 1000).toISOString();
}

export interface TokyoParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The Tokyo wall clock at an instant (ISO string or Date). A date alone ("2027-02-15", as date columns
 * store it) is that calendar day, not shifted. Throws a RangeError for anything that is not a time.
 */
export function tokyoParts(at: string | Date): TokyoParts {
  if (typeof at === "string") {
    const m = DATE_ONLY.exec(at);
    if (m) {
      const [year, month, day] = m.slice(1).map(Number);
      return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hour: 0, minute: 0 };
    }
  }
  const instant = typeof at === "string" ? Date.parse(at) : at.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`not a timestamp: ${String(at)}`);
  const d = new Date(instant + OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** ISO UTC → the datetime-local value in Tokyo time ("2027-01-10T09:00"). */
export function isoToTokyoLocal(iso: string): string {
  const p = tokyoParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
