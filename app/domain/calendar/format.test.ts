import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatEraYear, formatPeriod } from "./format";

describe("formatDate", () => {
  it("writes the Tokyo day in the era form", () => {
    expect(formatDate("2027-02-15T01:03:00.000Z")).toBe("令和9年2月15日");
    expect(formatDate(new Date("2027-01-11T15:00:00.000Z"))).toBe("令和9年1月12日"); // 00:00 in Tokyo
    expect(formatDate("2027-02-15")).toBe("令和9年2月15日"); // a stored date is that day
  });

  it("changes era on 1 May 2019 in Tokyo, not in UTC", () => {
    expect(formatDate("2019-04-30T14:59:59.999Z")).toBe("平成31年4月30日");
    // Still 30 April in UTC, already 1 May in Tokyo.
    expect(formatDate("2019-04-30T15:00:00.000Z")).toBe("令和元年5月1日");
    expect(formatDate("2019-04-30")).toBe("平成31年4月30日");
    expect(formatDate("2019-05-01")).toBe("令和元年5月1日");
    expect(formatDate("2020-05-01")).toBe("令和2年5月1日");
  });

  it("changes era on 8 January 1989 and 25 December 1926", () => {
    expect(formatDate("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatDate("1989-01-08")).toBe("平成元年1月8日");
    expect(formatDate("1989-01-07T15:00:00.000Z")).toBe("平成元年1月8日");
    expect(formatDate("1926-12-25")).toBe("昭和元年12月25日");
    expect(formatDate("1926-12-24")).toBe("1926年12月24日");
  });

  it("refuses what is not a time", () => {
    expect(() => formatDate("昨日")).toThrow(RangeError);
  });
});

describe("formatDateTime and formatPeriod", () => {
  it("adds the weekday and the Tokyo time", () => {
    expect(formatDateTime("2027-02-15T01:03:00.000Z")).toBe("令和9年2月15日（月）10:03");
    expect(formatDateTime("2027-01-09T23:59:00.000Z")).toBe("令和9年1月10日（日）8:59");
    expect(formatDateTime("2019-04-30T15:05:00.000Z")).toBe("令和元年5月1日（水）0:05");
    expect(formatDateTime("2027-03-31T15:05:00Z", { withYear: false })).toBe("4月1日（木）0:05");
  });

  it("writes a period with the era year once, again when it changes", () => {
    expect(formatPeriod("2027-01-10T00:00:00.000Z", "2027-02-10T08:00:00.000Z")).toBe("令和9年1月10日（日）9:00〜2月10日（水）17:00");
    expect(formatPeriod("2026-12-01T00:00:00.000Z", "2027-01-15T08:30:00.000Z")).toBe("令和8年12月1日（火）9:00〜令和9年1月15日（金）17:30");
    expect(formatPeriod("2019-04-01T00:00:00.000Z", "2019-05-31T08:00:00.000Z")).toBe("平成31年4月1日（月）9:00〜令和元年5月31日（金）17:00");
  });
});

describe("formatEraYear (calendar years, e.g. a group's founding)", () => {
  it.each([
    [2021, null, "令和3年"],
    [2019, 4, "平成31年"],
    [2019, 5, "令和元年"],
    [2019, null, "令和元年"],
    [1989, 1, "平成元年"],
    [1988, null, "昭和63年"],
    [1926, null, "昭和元年"],
    [1925, null, null],
  ])("%i (month %s) → %s", (year, month, label) => {
    expect(formatEraYear(year, month)).toBe(label);
  });
});
