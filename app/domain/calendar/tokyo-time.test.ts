import { describe, expect, it } from "vitest";
import { isCalendarDate, isoToTokyoLocal, tokyoDayEndIso, tokyoLocalToIso, tokyoParts } from "./tokyo-time";

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

  it("knows which dates exist", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027/02/01")).toBe(false);
  });

  it("ends a Tokyo day at the next day's 0:00 in Tokyo, 15:00 UTC", () => {
    expect(tokyoDayEndIso("2026-12-04")).toBe("2026-12-04T15:00:00.000Z");
    expect(tokyoDayEndIso("2026-12-31")).toBe("2026-12-31T15:00:00.000Z"); // the new year's first day starts then
    expect(tokyoDayEndIso("2027-02-29")).toBeNull();
    expect(tokyoDayEndIso("12/04")).toBeNull();
  });

  it("reads an instant on the Tokyo clock and a stored date as that day", () => {
    expect(tokyoParts("2019-04-30T15:00:00.000Z")).toMatchObject({ year: 2019, month: 5, day: 1, hour: 0, weekday: 3 });
    expect(tokyoParts("2027-02-15")).toMatchObject({ year: 2027, month: 2, day: 15, weekday: 1 });
    expect(() => tokyoParts("昨日")).toThrow(RangeError);
  });
});
