// The rules of a call, as pure functions: which phase it is in, whether a proposal may still be
// submitted, whether a requested budget fits the caps and the city's share, and whether the rubric and
// rules are frozen. The proposals work calls these on the server with the server's clock.
import type { CallStatus } from "../../../db/schema";
import { formatYen } from "../number-format";

export type CallPhase = "draft" | "published" | "open" | "closed";

export const PHASE_LABELS: Record<CallPhase, string> = {
  draft: "下書き",
  published: "募集前",
  open: "受付中",
  closed: "締切",
};

export interface CallTiming {
  status: CallStatus;
  opens_at: string; // ISO UTC
  closes_at: string; // ISO UTC
  grace_minutes: number;
}

/**
 * A published call is 募集前 before its opening instant, 受付中 from the opening instant up to and
 * including the closing instant, and 締切 after it. Drafts stay drafts whatever the dates.
 */
export function callPhase(call: CallTiming, now: Date): CallPhase {
  if (call.status === "draft") return "draft";
  const t = now.getTime();
  if (t < Date.parse(call.opens_at)) return "published";
  if (t <= Date.parse(call.closes_at)) return "open";
  return "closed";
}

/**
 * Whether a proposal submitted at `now` (the server's time) is accepted: from the opening instant up to
 * and including the closing instant plus the grace minutes (for uploads that started before the deadline).
 */
export function acceptsSubmissionAt(call: CallTiming, now: Date): boolean {
  if (call.status !== "published") return false;
  const t = now.getTime();
  return t >= Date.parse(call.opens_at) && t <= Date.parse(call.closes_at) + call.grace_minutes * 60_000;
}

/** The city's share (%) in project year `yearIndex` (0-based); the last step repeats for later years. */
export function cityShareForYear(shares: readonly number[], yearIndex: number): number {
  if (shares.length === 0) return 0;
  return shares[Math.min(yearIndex, shares.length - 1)];
}

/** The share schedule as a renewal (継続) of project year k sees it: from year k+1 on, the last share repeating. */
export function continuedSchedule(shares: readonly number[], continuedYear: number | null): number[] {
  if (!continuedYear || shares.length === 0) return [...shares];
  return shares.slice(Math.min(continuedYear, shares.length - 1));
}

export interface BudgetRules {
  budget_cap_per_proposal: number;
  city_share_by_year: readonly number[];
}

/**
 * What is wrong with a proposal's money, in Japanese (empty when it fits). `yearlyTotals[i]` is the
 * project's total cost in year i+1, `requestedByYear[i]` what it asks the city for that year. The
 * requested amount over all years must stay within the cap per proposal, and each year's request within
 * the city's share of that year's cost (rounded down to the yen).
 */
export function checkBudget({
  call,
  yearlyTotals,
  requestedByYear,
}: {
  call: BudgetRules;
  yearlyTotals: readonly number[];
  requestedByYear: readonly number[];
}): string[] {
  const problems: string[] = [];
  const years = Math.max(yearlyTotals.length, requestedByYear.length);
  for (let i = 0; i < years; i++) {
    const total = yearlyTotals[i] ?? 0;
    const requested = requestedByYear[i] ?? 0;
    if (total < 0 || requested < 0 || !Number.isInteger(total) || !Number.isInteger(requested)) {
      problems.push(`${i + 1}年目の金額は0円以上の整数で入力してください`);
      continue;
    }
    const share = cityShareForYear(call.city_share_by_year, i);
    const limit = Math.floor((total * share) / 100);
    if (requested > limit) {
      problems.push(`${i + 1}年目の申請額（${formatYen(requested)}）が、事業費${formatYen(total)}の市負担割合${share}%（${formatYen(limit)}）を超えています`);
    }
  }
  const sum = requestedByYear.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum > call.budget_cap_per_proposal) {
    problems.push(`申請額の合計（${formatYen(sum)}）が1提案あたりの上限（${formatYen(call.budget_cap_per_proposal)}）を超えています`);
  }
  return problems;
}

/** Once the first proposal is submitted, the rubric and the rules of the call no longer change. */
export function isFrozen(call: { first_submitted_at: string | null }): boolean {
  return call.first_submitted_at !== null;
}

export const FROZEN_REASON = "最初の提案が提出されたため、審査項目と募集条件は変更できません";
