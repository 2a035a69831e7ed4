import { describe, expect, it } from "vitest";
import { parsePlan } from "../import/index";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import { entriesByFiscalYear, statusByTier, tierSummaryLines } from "./statistics";

describe("figures of the progress list", () => {
  const plan = parsePlan(readSeed("tierTable"));

  it("computes seed 004's tier summary from the statuses and shows where the printed header differs", () => {
    const lines = tierSummaryLines(plan);
    const one = lines.find((l) => l.tier === "Ⅰ")!;
    expect(one.printed).toBe("5/6：済 1/6：未");
    expect(lines.find((l) => l.tier === "Ⅲ")).toMatchObject({ printed: "2/2：未", computed: "2/2：未", differs: false });
    expect(lines.filter((l) => l.differs).map((l) => l.tier)).toHaveLength(3);
    for (const line of lines) expect(line.computed).toMatch(/^(\d+\/\d+：(済|着手中|一部済|未) ?)+$/);
  });

  it("counts measures per tier and status", () => {
    const rows = statusByTier(plan);
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(23);
  });

  it("counts an entry in every fiscal year of its period", () => {
    const years = entriesByFiscalYear(parsePlan(readSeed("shiroi")));
    expect(years[0]).toMatchObject({ fiscalYear: 2013, label: "平成25年度", short: "H25" });
    expect(years.map((y) => y.fiscalYear)).toEqual([2013, 2014, 2015, 2016, 2017]);
  });

  it("counts an entry printed for a set of years (平成 25、26、28 年度) in those years only", () => {
    const years = entriesByFiscalYear(parsePlan(readSeed("shiroi")));
    // Counted from the seed: 36 entries whose period includes 平成27年度; the 25、26、28 one is not among them.
    expect(years.map((y) => [y.short, y.entries])).toEqual([["H25", 26], ["H26", 30], ["H27", 36], ["H28", 51], ["H29", 55]]);
  });
});
