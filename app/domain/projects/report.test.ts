import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatAgreementNumber } from "./agreement";
import { compareEvaluations } from "./evaluation";
import { formatDeviation, isOffPlan, reportContentSchema, reportDueOn, reportSubmissionProblems, REPORT_TRANSITIONS } from "./report";

describe("the ±20 % rule for spending", () => {
  it("marks a line more than 20 % off its plan, either way, and one spent without a plan", () => {
    expect(isOffPlan({ planned: 100_000, actual: 120_000 })).toBe(false);
    expect(isOffPlan({ planned: 100_000, actual: 120_001 })).toBe(true);
    expect(isOffPlan({ planned: 100_000, actual: 80_000 })).toBe(false);
    expect(isOffPlan({ planned: 100_000, actual: 79_999 })).toBe(true);
    expect(isOffPlan({ planned: 0, actual: 5_000 })).toBe(true);
    expect(isOffPlan({ planned: 0, actual: 0 })).toBe(false);
    expect(isOffPlan({ planned: 100_000, actual: undefined })).toBe(false);
    expect(formatDeviation({ planned: 50_000, actual: 80_000 })).toBe("+60%");
    expect(formatDeviation({ planned: 50_000, actual: 40_000 })).toBe("−20%");
    expect(formatDeviation({ planned: 0, actual: 1 })).toBe("計画外");
  });

  it("asks for an explanation, the actual values and the summary before submission", () => {
    const content = reportContentSchema.parse({
      done: "整備した",
      summary: "",
      indicators: [{ name: "参加者数", target: "1,000人", actual: "" }],
      spending: [
        { item: "講師謝礼", planned: 100_000, actual: 100_000 },
        { item: "資材費", planned: 50_000, actual: 80_000 },
      ],
    });
    expect(reportSubmissionProblems(content)).toEqual({
      summary: ["進捗一覧に載せる一行の要約を入力してください"],
      "indicators[0].actual": ["「参加者数」の実績値を入力してください"],
      "spending[1].explanation": ["計画額との差が20%を超えています（+60%）。差の理由を入力してください"],
    });
  });

  it("refuses negative and non-numeric amounts in Japanese", () => {
    const negative = reportContentSchema.safeParse({ spending: [{ item: "資材費", actual: -1 }] });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0].message).toBe("実績額は0円以上で入力してください");
    const text = reportContentSchema.safeParse({ spending: [{ item: "資材費", actual: "たくさん" }] });
    expect(text.error?.issues[0].message).toBe("実績額は半角数字（円）で入力してください");
  });
});

describe("due dates and numbers", () => {
  it("puts the interim report on 31 October and the final one on 30 April after the fiscal year", () => {
    expect(reportDueOn("interim", 2027)).toBe("2027-10-31");
    expect(reportDueOn("final", 2027)).toBe("2028-04-30");
  });
  it("numbers agreements per fiscal year in the era's short form", () => {
    expect(formatAgreementNumber(2027, 1)).toBe("R9-協定-001");
    expect(formatAgreementNumber(2026, 12)).toBe("R8-協定-012");
  });
});

describe("evaluations side by side", () => {
  it("marks a difference of 2 points or more between the group and the department", () => {
    const rows = compareEvaluations({
      group: [{ item: "purpose", score: 5, comment: "" }, { item: "roles", score: 3, comment: "" }],
      department: [{ item: "purpose", score: 3, comment: "" }, { item: "roles", score: 4, comment: "" }],
    });
    expect(rows.find((r) => r.key === "purpose")).toMatchObject({ difference: -2, notable: true });
    expect(rows.find((r) => r.key === "roles")).toMatchObject({ difference: 1, notable: false });
    expect(rows.find((r) => r.key === "reach")).toMatchObject({ difference: null, notable: false });
  });
});

describe("README", () => {
  it("shows the report's status table exactly as the data has it", () => {
    const rows = REPORT_TRANSITIONS.map((r) => `| \`${r.action}\` | ${r.from.map((f) => `\`${f}\``).join(", ")} | ${r.to ? `\`${r.to}\`` : "—"} | ${r.side} |`);
    const lines = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8").split("\n");
    const start = lines.indexOf("| action | from | to | side |");
    const end = lines.findIndex((line, i) => i > start + 1 && !line.startsWith("|"));
    expect(lines.slice(start + 2, end)).toEqual(rows);
  });
});
