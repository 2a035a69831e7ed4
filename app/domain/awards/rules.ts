// The award amount's checks (採択額): the call's cap per proposal, its total budget and the city's share
// schedule, each message naming the field it belongs beside. Pure and browser-safe.
import { cityShareForYear } from "../calls/rules";
import { formatYen } from "../number-format";

export interface AwardLimits {
  /** 1提案あたりの上限 (yen, over all project years). */
  capPerProposal: number;
  /** 募集全体の予算額 (yen), for the first project year — the call's own fiscal year. */
  capTotal: number;
  /** 市の負担割合 by project year (percent), e.g. [90, 80, 70]. */
  cityShareByYear: readonly number[];
  /** The proposal's total cost by project year (its submitted budget). */
  yearlyTotals: readonly number[];
  /** First-year amounts of the call's other awards (adopted, conditional, candidate). */
  otherAwardsFirstYear: number;
  /** The project year the award's first amount is for: 1, or k+1 for a renewal (継続) of year k. */
  firstProjectYear?: number;
}

/** Problems by field (`amounts[i]` beside a year, `amounts` for the whole); empty when the amounts fit. */
export function awardAmountProblems(amounts: readonly number[], limits: AwardLimits): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  amounts.forEach((amount, i) => {
    const total = limits.yearlyTotals[i] ?? 0;
    // A renewal of year k continues the schedule: its first amount is held to year k+1's share.
    const year = (limits.firstProjectYear ?? 1) + i;
    const share = cityShareForYear(limits.cityShareByYear, year - 1);
    const limit = Math.floor((total * share) / 100);
    if (amount > limit) {
      add(
        `amounts[${i}]`,
        total === 0
          ? `${i + 1}年目の事業費が提案書にないため、採択額は0円にしてください`
          : `${i + 1}年目の採択額（${formatYen(amount)}）が、事業費${formatYen(total)}の市負担割合${share}%${year !== i + 1 ? `（継続のため事業の${year}年目の割合）` : ""}（${formatYen(limit)}）を超えています`,
      );
    }
  });
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (sum > limits.capPerProposal) add("amounts", `採択額の合計（${formatYen(sum)}）が1提案あたりの上限（${formatYen(limits.capPerProposal)}）を超えています`);
  const firstYear = amounts[0] ?? 0;
  if (limits.otherAwardsFirstYear + firstYear > limits.capTotal) {
    const left = Math.max(0, limits.capTotal - limits.otherAwardsFirstYear);
    add("amounts[0]", `募集全体の予算額（${formatYen(limits.capTotal)}）を超えます。ほかの採択で${formatYen(limits.otherAwardsFirstYear)}を使っているため、残りは${formatYen(left)}です`);
  }
  return problems;
}
