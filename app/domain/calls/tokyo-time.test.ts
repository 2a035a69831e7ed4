import { describe, expect, it } from "vitest";
import { formatTokyoDateTime, formatTokyoPeriod, isoToTokyoLocal, tokyoLocalToIso } from "./tokyo-time";

describe("Tokyo wall-clock times", () => {
  it.each([
    ["2027-01-10T09:00", "2027-01-10T00:00:00.000Z"],
    ["2027-01-10T08:59", "2027-01-09T23:59:00.000Z"], // the UTC day is the day before
    ["2027-02-10T17:00", "2027-02-10T08:00:00.000Z"],
    ["2027-07-01T00:00", "2027-06-30T15:00:00.000Z"], // no summer time: still +09:00
  ])("%s in Tokyo is %s", (local, iso) => {
    expect(tokyoLocalToIso(local)).toBe(iso);
    expect(isoToTokyoLocal(iso)).toBe(local);
  });

  it.each(["", "2027-02-30T09:00", "2027-01-10", "2027-01-10T24:00", "明日の9時"])("refuses %j", (local) => {
    expect(tokyoLocalToIso(local)).toBeNull();
  });

  it("writes the period in Japanese with weekdays, the year once", () => {
    expect(formatTokyoPeriod("2027-01-10T00:00:00.000Z", "2027-02-10T08:00:00.000Z")).toBe("2027年1月10日（日）9:00〜2月10日（水）17:00");
    expect(formatTokyoPeriod("2026-12-01T00:00:00.000Z", "2027-01-15T08:30:00.000Z")).toBe("2026年12月1日（火）9:00〜2027年1月15日（金）17:30");
    expect(formatTokyoDateTime("2027-01-09T23:59:00.000Z")).toBe("2027年1月10日（日）8:59");
  });
});
