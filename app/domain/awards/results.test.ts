import { describe, expect, it } from "vitest";
import { projectPeriod, publicProjectRow } from "./results";

describe("the public list of awarded projects", () => {
  it("prints the period from the project's first year in 和暦, as the cities do", () => {
    expect(projectPeriod({ fiscalYear: 2026, projectYear: 1, totalYears: 1 })).toBe("令和8年度");
    expect(projectPeriod({ fiscalYear: 2026, projectYear: 1, totalYears: 3 })).toBe("令和8～10年度");
    // Year 2 of 3 (a renewal): the period started the year before.
    expect(projectPeriod({ fiscalYear: 2027, projectYear: 2, totalYears: 3 })).toBe("令和8～10年度");
  });

  it("gives the CSV the plain amount in yen", () => {
    expect(publicProjectRow({ groupName: "竹林の会", title: "竹林整備", department: "都市計画課", amount: 850_000, fiscalYear: 2026, projectYear: 1, totalYears: 2, statusLabel: "採択" })).toEqual([
      "竹林の会",
      "竹林整備",
      "都市計画課",
      "850000",
      "令和8～9年度",
      "採択",
    ]);
  });
});
