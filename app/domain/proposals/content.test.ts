import { describe, expect, it } from "vitest";
import { budgetTotals, contentSections, emptyContent, proposalContentSchema, readContent, submissionProblems, type ProposalContent } from "./content";

const call = { budget_cap_per_proposal: 1_000_000, city_share_by_year: [90, 80, 70] };

function complete(overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    ...emptyContent(),
    title: "竹林の遊び場",
    departmentIds: ["d1"],
    problem: "課題",
    purpose: "目的",
    contentWho: "小学生",
    contentWhat: "整備と工作",
    whyCollaboration: "理由",
    groupBrings: "人手",
    cityBrings: "調整",
    effects: "効果",
    team: "会員30人",
    schedule: [{ month: "4月", activity: "準備" }],
    roles: [{ task: "広報", group: "チラシ", city: "配布" }],
    budget: [
      { item: "謝礼", year: 1, amount: 450_000, bearer: "city" },
      { item: "資材", year: 1, amount: 50_000, bearer: "group" },
    ],
    indicators: [{ name: "参加者", target: "1,000人" }],
    ...overrides,
  };
}

const context = { type: "citizen" as const, call, sheetIds: [], missingAttachments: [] };

describe("budget totals", () => {
  it("sums each project year's cost and the city's part", () => {
    expect(
      budgetTotals([
        { item: "a", year: 1, amount: 100, bearer: "city" },
        { item: "b", amount: 50, bearer: "group" },
        { item: "c", year: 3, amount: 70, bearer: "city" },
      ]),
    ).toEqual({ yearlyTotals: [150, 0, 70], requestedByYear: [100, 0, 70], totalCost: 220, requested: 170 });
  });
});

describe("what a submission needs", () => {
  it("lets a complete proposal within the cap and the city's share go", () => {
    expect(submissionProblems(complete(), context)).toEqual({});
  });

  it("names every missing part by its field", () => {
    const problems = submissionProblems(emptyContent(), { ...context, missingAttachments: ["収支予算書"] });
    expect(Object.keys(problems)).toEqual(
      expect.arrayContaining(["title", "departmentIds", "problem", "purpose", "team", "schedule", "roles", "budget", "indicators", "attachments"]),
    );
    expect(problems.attachments).toEqual(["「収支予算書」を添付してください"]);
  });

  it("refuses a request over the year's share (90 %, then 80 %) and over the cap", () => {
    const overShare = complete({ budget: [{ item: "謝礼", year: 1, amount: 460_000, bearer: "city" }, { item: "資材", year: 1, amount: 40_000, bearer: "group" }] });
    expect(submissionProblems(overShare, context).budget?.[0]).toContain("市負担割合90%");
    const secondYear = complete({
      budget: [
        { item: "謝礼", year: 1, amount: 90_000, bearer: "city" },
        { item: "資材", year: 1, amount: 10_000, bearer: "group" },
        { item: "謝礼", year: 2, amount: 85_000, bearer: "city" },
        { item: "資材", year: 2, amount: 15_000, bearer: "group" },
      ],
    });
    expect(submissionProblems(secondYear, context).budget).toEqual([expect.stringContaining("2年目の申請額（85,000円）")]);
    const overCap = complete({ budget: [{ item: "謝礼", year: 1, amount: 1_800_000, bearer: "city" }, { item: "資材", year: 1, amount: 200_000, bearer: "group" }] });
    expect(submissionProblems(overCap, context).budget).toEqual([expect.stringContaining("1提案あたりの上限")]);
  });

  it("needs one of the call's sheets for a government proposal", () => {
    const government = { ...context, type: "government" as const, sheetIds: ["s1"] };
    expect(submissionProblems(complete({ sheetId: "other" }), government).sheetId).toBeDefined();
    expect(submissionProblems(complete({ sheetId: "s1" }), government)).toEqual({});
  });

  it("marks an incomplete budget line beside its cells", () => {
    const problems = submissionProblems(complete({ budget: [{ item: "", year: 1, amount: undefined, bearer: undefined }] }), context);
    expect(problems["budget[0].item"]).toBeDefined();
    expect(problems["budget[0].amount"]).toBeDefined();
    expect(problems["budget[0].bearer"]).toBeDefined();
  });
});

describe("the form's schema", () => {
  it("drops empty rows and keeps text limits", () => {
    const parsed = proposalContentSchema.safeParse({ title: "題", schedule: [{ month: "", activity: "" }, { month: "5月", activity: "作業" }] });
    expect(parsed.success && parsed.data.schedule).toEqual([{ month: "5月", activity: "作業" }]);
    expect(proposalContentSchema.safeParse({ title: "あ".repeat(101) }).success).toBe(false);
  });

  it("reads back stored content written before a field existed", () => {
    expect(readContent(JSON.stringify({ title: "古い版" })).indicators).toEqual([]);
  });

  it("prints the sections in the form's order, tables as one line per row", () => {
    const sections = contentSections(complete());
    expect(sections.map((s) => s.key).slice(0, 3)).toEqual(["title", "problem", "purpose"]);
    expect(sections.find((s) => s.key === "budget")!.text).toContain("市への申請額：450,000円");
    expect(sections.find((s) => s.key === "schedule")!.text).toBe("4月：準備");
  });
});
