import { describe, expect, it } from "vitest";
import { progressEntrySchema } from "./schema";

describe("the progress entry form", () => {
  it.each([
    ["令和6年度", 2024],
    ["R6", 2024],
    ["2024", 2024],
    ["2024年度", 2024],
    ["平成31年度", 2019],
    ["令和元年度", 2019],
  ])("reads the fiscal year %s as %i", (text, year) => {
    const result = progressEntrySchema.safeParse({ text: "講座を開催", fiscalYearFrom: text });
    expect(result.success && result.data.fiscalYearFrom).toBe(year);
  });

  it("rejects an unreadable year and a range that ends before it starts, next to the field", () => {
    const bad = progressEntrySchema.safeParse({ text: "x", fiscalYearFrom: "いつか" });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["fiscalYearFrom"] });
    const backwards = progressEntrySchema.safeParse({ text: "x", fiscalYearFrom: "R6", fiscalYearTo: "R5" });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["fiscalYearTo"], message: "実施年度（まで）は（から）と同じか後の年度にしてください" });
  });
});
