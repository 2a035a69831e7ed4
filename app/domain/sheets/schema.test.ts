import { describe, expect, it } from "vitest";
import { publishProblems, sheetSchema } from "./schema";

const complete = sheetSchema.parse({
  title: "空き家の活用",
  background: "空き家が増えている。",
  outcomes: "集いの場になる。",
  offerPlaces: "空き家の所有者を紹介します。",
  fields: ["community_development"],
  areas: ["citywide"],
  forms: ["cooperation"],
  budgetScale: "none",
  period: "令和9年度",
  contactName: "都市 計画",
  contactEmail: "toshi@city.example.jp",
  applyUntil: "2027-03-31",
});

describe("publishing a matching sheet", () => {
  it("accepts a complete sheet", () => {
    expect(publishProblems(complete, "2026-11-23")).toEqual({});
  });

  it("names every missing item by its field", () => {
    const draft = sheetSchema.parse({ title: "考え中" });
    expect(Object.keys(publishProblems(draft, "2026-11-23")).sort()).toEqual(
      ["areas", "background", "budgetScale", "contactName", "contactPhone", "fields", "forms", "offerPeople", "outcomes", "period"].sort(),
    );
  });

  it("needs one thing the city offers, not all four", () => {
    expect(publishProblems({ ...complete, offerPlaces: "" }, "2026-11-23")).toHaveProperty("offerPeople");
    expect(publishProblems({ ...complete, offerPlaces: "", offerMoney: "10万円" }, "2026-11-23")).toEqual({});
  });

  it("refuses a window that has already closed", () => {
    expect(publishProblems(complete, "2027-04-01")).toHaveProperty("applyUntil");
  });
});

describe("the sheet form", () => {
  it("reads a fiscal year written in the Japanese era", () => {
    expect(sheetSchema.parse({ title: "x", fiscalYear: "令和9年度" }).fiscalYear).toBe(2027);
    expect(sheetSchema.parse({ title: "x", fiscalYear: "Ｒ９" }).fiscalYear).toBe(2027);
    expect(sheetSchema.safeParse({ title: "x", fiscalYear: "来年" }).success).toBe(false);
  });

  it("keeps each code once and refuses codes that are not on the lists", () => {
    expect(sheetSchema.parse({ title: "x", fields: ["environment", "environment"] }).fields).toEqual(["environment"]);
    expect(sheetSchema.safeParse({ title: "x", forms: ["bribery"] }).success).toBe(false);
  });
});

describe("the sheet's 受付期限", () => {
  it("refuses a day that does not exist instead of rolling it into March (2027-02-30 was stored as 3 March)", () => {
    const result = sheetSchema.safeParse({ title: "x", applyUntil: "2027-02-30" });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("存在しない日");
    expect(sheetSchema.parse({ title: "x", applyUntil: "2028-02-29" }).applyUntil).toBe("2028-02-29");
    expect(sheetSchema.safeParse({ title: "x", applyUntil: "2027-02-29" }).success).toBe(false);
  });
});
