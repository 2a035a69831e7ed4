import { describe, expect, it } from "vitest";
import { nextStep, type NextStepInput } from "./next-step";

const base: NextStepInput = { status: "adopted", groupConfirmed: false, cityConfirmed: false, reports: [], hasGroupEvaluation: false, hasDepartmentEvaluation: false };

describe("the next step a project waits for", () => {
  it("follows the agreement, the reports and the evaluation", () => {
    expect(nextStep(base)).toBe("協定書の確認（団体・市）");
    expect(nextStep({ ...base, groupConfirmed: true })).toBe("協定書の確認（市）");
    expect(nextStep({ ...base, status: "agreed" })).toBe("事業の開始（市）");
    const reports = [
      { kind: "interim" as const, status: "accepted" as const, dueOn: "2026-10-31" },
      { kind: "final" as const, status: "returned" as const, dueOn: "2027-04-30" },
    ];
    expect(nextStep({ ...base, status: "in_progress", reports })).toBe("実績報告（最終）の提出（団体・期限 令和9年4月30日）");
    expect(nextStep({ ...base, status: "reported", reports: [{ ...reports[1], status: "submitted" }] })).toBe("実績報告（最終）の確認（市）");
    expect(nextStep({ ...base, status: "reported", reports: [{ ...reports[1], status: "accepted" }], hasGroupEvaluation: true })).toBe("評価の入力（相互評価）");
    expect(nextStep({ ...base, status: "reported", reports: [{ ...reports[1], status: "accepted" }], hasGroupEvaluation: true, hasDepartmentEvaluation: true })).toBe("評価の記録（市）");
    expect(nextStep({ ...base, status: "evaluated" })).toBe("完了の手続き（協働推進課）");
    expect(nextStep({ ...base, status: "closed" })).toBe("—");
  });
});
