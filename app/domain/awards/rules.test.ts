import { describe, expect, it } from "vitest";
import { awardAmountProblems, type AwardLimits } from "./rules";

const limits: AwardLimits = { capPerProposal: 1_000_000, capTotal: 2_000_000, cityShareByYear: [90, 80, 70], yearlyTotals: [500_000, 500_000, 500_000], otherAwardsFirstYear: 0 };

describe("awardAmountProblems", () => {
  it("holds a renewal of year 1 to year 2's share (80 %), saying so beside its first year", () => {
    const renewal = { ...limits, firstProjectYear: 2 };
    expect(awardAmountProblems([400_000], renewal)).toEqual({});
    expect(awardAmountProblems([400_001], renewal)["amounts[0]"]).toEqual(["1年目の採択額（400,001円）が、事業費500,000円の市負担割合80%（継続のため事業の2年目の割合）（400,000円）を超えています"]);
  });

  it("accepts amounts within the share of each year, the cap and the call's budget", () => {
    expect(awardAmountProblems([450_000, 400_000, 150_000], limits)).toEqual({});
  });

  it("holds each year to its own step of the share schedule (90 → 80 → 70 %), beside that year", () => {
    expect(awardAmountProblems([450_000, 400_001], limits)).toEqual({
      "amounts[1]": ["2年目の採択額（400,001円）が、事業費500,000円の市負担割合80%（400,000円）を超えています"],
    });
    expect(Object.keys(awardAmountProblems([0, 0, 350_001], limits))).toEqual(["amounts[2]"]);
    // The last step repeats for later years.
    expect(Object.keys(awardAmountProblems([0, 0, 0, 1], { ...limits, yearlyTotals: [1, 1, 1, 100] }))).toEqual([]);
  });

  it("refuses a year the proposal has no cost for", () => {
    expect(awardAmountProblems([0, 0, 0, 10], limits)["amounts[3]"]?.[0]).toContain("4年目の事業費が提案書にない");
  });

  it("holds the sum over the years to the cap per proposal", () => {
    expect(awardAmountProblems([450_000, 400_000, 350_000], { ...limits, capPerProposal: 1_199_999 }).amounts).toEqual(["採択額の合計（1,200,000円）が1提案あたりの上限（1,199,999円）を超えています"]);
  });

  it("holds the first year to what the call's budget has left after its other awards", () => {
    const problems = awardAmountProblems([450_000], { ...limits, otherAwardsFirstYear: 1_600_000 });
    expect(problems["amounts[0]"]).toEqual(["募集全体の予算額（2,000,000円）を超えます。ほかの採択で1,600,000円を使っているため、残りは400,000円です"]);
    expect(awardAmountProblems([400_000], { ...limits, otherAwardsFirstYear: 1_600_000 })).toEqual({});
  });
});
