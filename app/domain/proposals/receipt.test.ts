import { describe, expect, it } from "vitest";
import { fiscalYearOf, formatReceiptNumber, parseReceiptNumber } from "./receipt";

describe("fiscalYearOf (Asia/Tokyo, April–March)", () => {
  it.each([
    ["2027-03-31T23:59:00+09:00", 2026],
    ["2027-03-31T23:59:59.999+09:00", 2026],
    ["2027-04-01T00:00:00+09:00", 2027],
    // 2027-04-01 00:00 JST is still 31 March in UTC: the Tokyo clock decides.
    ["2027-03-31T15:00:00Z", 2027],
    ["2027-03-31T14:59:59Z", 2026],
    ["2028-01-15T10:00:00+09:00", 2027],
    ["2027-12-31T15:30:00Z", 2027], // 2028-01-01 00:30 JST, still FY2027
    ["2019-04-01T00:00:00+09:00", 2019],
    ["2019-03-31T23:59:00+09:00", 2018],
  ])("%s → FY%i", (iso, fiscalYear) => {
    expect(fiscalYearOf(new Date(iso))).toBe(fiscalYear);
  });
});

describe("formatReceiptNumber", () => {
  it("prints the era year, the type and a four-digit sequence", () => {
    expect(formatReceiptNumber({ fiscalYear: 2027, type: "government", sequence: 1 })).toBe("R9-行政-0001");
    expect(formatReceiptNumber({ fiscalYear: 2026, type: "citizen", sequence: 42 })).toBe("R8-市民-0042");
  });

  it("calls FY2019 令和元年度 R1, and FY2018 H30", () => {
    expect(formatReceiptNumber({ fiscalYear: 2019, type: "citizen", sequence: 7 })).toBe("R1-市民-0007");
    expect(formatReceiptNumber({ fiscalYear: 2018, type: "citizen", sequence: 7 })).toBe("H30-市民-0007");
  });

  it("numbers the two sides of the fiscal-year boundary in different years", () => {
    const before = fiscalYearOf(new Date("2027-03-31T23:59:00+09:00"));
    const after = fiscalYearOf(new Date("2027-04-01T00:00:00+09:00"));
    expect(formatReceiptNumber({ fiscalYear: before, type: "government", sequence: 120 })).toBe("R8-行政-0120");
    expect(formatReceiptNumber({ fiscalYear: after, type: "government", sequence: 1 })).toBe("R9-行政-0001");
  });

  it("widens past 9999 instead of wrapping", () => {
    expect(formatReceiptNumber({ fiscalYear: 2027, type: "government", sequence: 12345 })).toBe("R9-行政-12345");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses sequence %s", (sequence) => {
    expect(() => formatReceiptNumber({ fiscalYear: 2027, type: "government", sequence })).toThrow(RangeError);
  });
});

describe("parseReceiptNumber", () => {
  it("reads what formatReceiptNumber prints", () => {
    for (const receipt of [
      { fiscalYear: 2027, type: "government", sequence: 1 },
      { fiscalYear: 2019, type: "citizen", sequence: 9999 },
      { fiscalYear: 2018, type: "citizen", sequence: 3 },
      { fiscalYear: 2030, type: "government", sequence: 10000 },
    ] as const) {
      expect(parseReceiptNumber(formatReceiptNumber(receipt))).toEqual(receipt);
    }
  });

  it("accepts full-width characters, spaces and a lower-case era letter", () => {
    expect(parseReceiptNumber(" Ｒ９－行政－０００１ ")).toEqual({ fiscalYear: 2027, type: "government", sequence: 1 });
    expect(parseReceiptNumber("r9-市民-0012")).toEqual({ fiscalYear: 2027, type: "citizen", sequence: 12 });
  });

  it.each([
    "",
    "R9-行政-1", // too few digits
    "R9-行政-0000", // sequences start at 1
    "R09-行政-0001", // not how we print it
    "H31-行政-0001", // FY2019 is printed R1
    "R9-区民-0001",
    "令和9-行政-0001",
    "R9行政0001",
    "2027-行政-0001",
  ])("refuses %j", (text) => {
    expect(parseReceiptNumber(text)).toBeNull();
  });
});
