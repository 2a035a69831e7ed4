import { describe, expect, it } from "vitest";
import {
  fiscalYearsOfPeriod,
  formatWesternYears,
  formatFiscalYear,
  formatFiscalYearRange,
  formatFiscalYearRangeWithWestern,
  formatFiscalYearShort,
  formatFiscalYearWithWestern,
  parseFiscalYear,
  parseFiscalYearRange,
  parseFiscalYears,
  toEraYear,
} from "./fiscal-year";

describe("parseFiscalYear", () => {
  it.each([
    ["平成元年度", 1989],
    ["平成元年", 1989],
    ["昭和64年", 1989],
    ["平成31年度", 2019],
    ["平成31年", 2019],
    ["令和元年度", 2019],
    ["令和元年", 2019],
    ["令和6年度", 2024],
    ["R5", 2023],
    ["r5", 2023],
    ["R3年度", 2021],
    ["H29", 2017],
    ["H20", 2008],
    ["2019年度", 2019],
    ["令和６年度", 2024],
    ["Ｈ２９", 2017],
    ["２０１９年度", 2019],
    ["令和 5 年度", 2023],
    ["（平成26年度）", 2014],
  ])("%s → %i", (text, fiscalYear) => {
    expect(parseFiscalYear(text)).toBe(fiscalYear);
  });

  it("treats 平成31年度 and 令和元年度 as the same fiscal year", () => {
    expect(parseFiscalYear("平成31年度")).toBe(parseFiscalYear("令和元年度"));
  });

  it.each(["通年", "", "25年度", "令和", "R", "第13回", "平成25年3月", "平成25～29年度", "H0"])(
    "rejects %j as a single fiscal year",
    (text) => {
      expect(parseFiscalYear(text)).toBeNull();
    },
  );
});

describe("parseFiscalYearRange", () => {
  it.each([
    ["平成 25～29 年度", 2013, 2017],
    ["平成25～29年度", 2013, 2017],
    ["平成 25~29 年度", 2013, 2017],
    ["平成25〜29年度", 2013, 2017],
    ["平成25-29年度", 2013, 2017],
    ["平成25‐29年度", 2013, 2017],
    ["平成25－29年度", 2013, 2017],
    ["平成25～平成29年度", 2013, 2017],
    ["平成25年度～平成29年度", 2013, 2017],
    ["（平成２７～２９年度）", 2015, 2017],
    ["平成30～令和2年度", 2018, 2020],
    ["H30-R2", 2018, 2020],
    ["平成31～令和元年度", 2019, 2019],
    ["2019～2021年度", 2019, 2021],
    ["令和6年度", 2024, 2024],
    ["R3", 2021, 2021],
  ])("%s → %i..%i", (text, from, to) => {
    expect(parseFiscalYearRange(text)).toEqual({ from, to });
  });

  it("reads a list of years as its first and last year, and keeps the years themselves", () => {
    expect(parseFiscalYearRange("平成 25、26、28 年度")).toEqual({ from: 2013, to: 2016 });
    expect(parseFiscalYears("平成 25、26、28 年度")).toEqual([2013, 2014, 2016]);
    expect(parseFiscalYears("平成25～27年度")).toEqual([2013, 2014, 2015]);
  });

  it.each(["通年", "25～29年度", "平成29～25年度", "令和2～平成30年度", "平成25～", "～29年度", "平成25～26～27年度", "2019～21年度"])(
    "rejects %j",
    (text) => {
      expect(parseFiscalYearRange(text)).toBeNull();
    },
  );
});

describe("formatting fiscal years", () => {
  it.each([
    [2023, "令和5年度", "R5"],
    [2019, "令和元年度", "R1"],
    [2018, "平成30年度", "H30"],
    [2017, "平成29年度", "H29"],
    [1989, "平成元年度", "H1"],
    [1988, "昭和63年度", "S63"],
  ])("%i → %s / %s", (fiscalYear, long, short) => {
    expect(formatFiscalYear(fiscalYear)).toBe(long);
    expect(formatFiscalYearShort(fiscalYear)).toBe(short);
  });

  it("prints ranges as the cities do, repeating the era only when it changes", () => {
    expect(formatFiscalYearRange(2013, 2017)).toBe("平成25～29年度");
    expect(formatFiscalYearRange(2018, 2020)).toBe("平成30～令和2年度");
    expect(formatFiscalYearRange(2019, 2021)).toBe("令和元～3年度");
    expect(formatFiscalYearRange(2017, 2017)).toBe("平成29年度");
  });

  it("reads back every fiscal year it formats", () => {
    for (let fiscalYear = 1960; fiscalYear <= 2060; fiscalYear++) {
      expect(parseFiscalYear(formatFiscalYear(fiscalYear))).toBe(fiscalYear);
      expect(parseFiscalYear(formatFiscalYearShort(fiscalYear))).toBe(fiscalYear);
      expect(parseFiscalYearRange(formatFiscalYearRange(fiscalYear, fiscalYear + 3))).toEqual({
        from: fiscalYear,
        to: fiscalYear + 3,
      });
    }
  });

  it("names FY2019 令和元年度 although its April was still 平成 (the cities' convention)", () => {
    expect(formatFiscalYear(2019)).toBe("令和元年度");
    expect(formatFiscalYear(1988)).toBe("昭和63年度");
    expect(formatFiscalYear(1926)).toBe("1926年度"); // 大正15年度: before the eras the portal knows
  });

  it("adds the Western year for pages", () => {
    expect(formatFiscalYearWithWestern(2027)).toBe("令和9年度（2027年度）");
    expect(formatFiscalYearWithWestern(2019)).toBe("令和元年度（2019年度）");
    expect(formatFiscalYearWithWestern(2013)).toBe("平成25年度（2013年度）");
    expect(formatFiscalYearRangeWithWestern(2013, 2017)).toBe("平成25～29年度（2013～2017年度）");
    expect(formatFiscalYearRangeWithWestern(2018, 2020)).toBe("平成30～令和2年度（2018～2020年度）");
    expect(formatFiscalYearRangeWithWestern(2024, 2024)).toBe("令和6年度（2024年度）");
  });

  it("gives the era year", () => {
    expect(toEraYear(2019)).toEqual({ era: "令和", year: 1 });
    expect(toEraYear(2018)).toEqual({ era: "平成", year: 30 });
  });
});

describe("fiscalYearsOfPeriod and formatWesternYears", () => {
  it("keeps the set a label prints, and the whole range otherwise", () => {
    expect(fiscalYearsOfPeriod({ fiscalYearFrom: 2013, fiscalYearTo: 2016, fiscalYearLabel: "平成25、26、28年度" })).toEqual([2013, 2014, 2016]);
    expect(fiscalYearsOfPeriod({ fiscalYearFrom: 2013, fiscalYearTo: 2017, fiscalYearLabel: "平成25～29年度" })).toEqual([2013, 2014, 2015, 2016, 2017]);
    expect(fiscalYearsOfPeriod({ fiscalYearFrom: 2023, fiscalYearTo: 2024, fiscalYearLabel: null })).toEqual([2023, 2024]);
    expect(fiscalYearsOfPeriod({ fiscalYearFrom: null, fiscalYearTo: null, fiscalYearLabel: "通年" })).toEqual([]);
  });

  it("writes a set as a list and a run as a range", () => {
    expect(formatWesternYears([2013, 2014, 2016])).toBe("2013、2014、2016年度");
    expect(formatWesternYears([2013, 2014, 2015])).toBe("2013～2015年度");
    expect(formatWesternYears([2019])).toBe("2019年度");
    expect(formatWesternYears([])).toBeNull();
  });
});
