import { describe, expect, it } from "vitest";
import { acceptsSubmissionAt, callPhase, checkBudget, cityShareForYear, continuedSchedule, isFrozen, type CallTiming } from "./rules";

// Opens 2027-01-10 9:00 and closes 2027-02-10 17:00 Tokyo time, 30 minutes' grace.
const call: CallTiming = { status: "published", opens_at: "2027-01-10T00:00:00.000Z", closes_at: "2027-02-10T08:00:00.000Z", grace_minutes: 30 };
const at = (iso: string) => new Date(iso);

describe("the phase of a call", () => {
  it.each([
    ["long before opening", "2026-12-01T00:00:00.000Z", "published"],
    ["one millisecond before opening", "2027-01-09T23:59:59.999Z", "published"],
    ["at the opening instant", "2027-01-10T00:00:00.000Z", "open"],
    ["in the middle", "2027-01-20T03:00:00.000Z", "open"],
    ["at the closing instant", "2027-02-10T08:00:00.000Z", "open"],
    ["one millisecond after closing (grace does not reopen it)", "2027-02-10T08:00:00.001Z", "closed"],
    ["a year later", "2028-02-10T08:00:00.000Z", "closed"],
  ] as const)("%s → %s", (_, now, phase) => {
    expect(callPhase(call, at(now))).toBe(phase);
  });

  it("keeps a draft a draft whatever the dates", () => {
    expect(callPhase({ ...call, status: "draft" }, at("2027-01-20T03:00:00.000Z"))).toBe("draft");
  });
});

describe("accepting a submission", () => {
  it.each([
    ["before opening", "2027-01-09T23:59:59.999Z", false],
    ["at opening", "2027-01-10T00:00:00.000Z", true],
    ["at closing", "2027-02-10T08:00:00.000Z", true],
    ["within the grace minutes", "2027-02-10T08:29:59.000Z", true],
    ["at the end of the grace minutes", "2027-02-10T08:30:00.000Z", true],
    ["one millisecond after the grace minutes", "2027-02-10T08:30:00.001Z", false],
  ] as const)("%s → %s", (_, now, accepted) => {
    expect(acceptsSubmissionAt(call, at(now))).toBe(accepted);
  });

  it("without grace, closes at the closing instant", () => {
    expect(acceptsSubmissionAt({ ...call, grace_minutes: 0 }, at("2027-02-10T08:00:00.001Z"))).toBe(false);
  });

  it("never accepts for a draft", () => {
    expect(acceptsSubmissionAt({ ...call, status: "draft" }, at("2027-01-20T00:00:00.000Z"))).toBe(false);
  });
});

describe("the city's share by project year", () => {
  it.each([
    [[90, 80, 70], 0, 90],
    [[90, 80, 70], 1, 80],
    [[90, 80, 70], 2, 70],
    [[90, 80, 70], 3, 70],
    [[100], 4, 100],
    [[], 0, 0],
  ] as const)("%j in year %i → %i%%", (shares, year, share) => {
    expect(cityShareForYear(shares, year)).toBe(share);
  });
});

describe("checking a proposal's budget", () => {
  const rules = { budget_cap_per_proposal: 1_000_000, city_share_by_year: [90, 80, 70] };

  it.each([
    ["one year at exactly 90%", [500_000], [450_000], []],
    ["three years stepping down 90 → 80 → 70", [400_000, 400_000, 400_000], [360_000, 320_000, 280_000], []],
    ["a fourth year repeats the last share (70%)", [100_000, 100_000, 100_000, 100_000], [90_000, 80_000, 70_000, 70_000], []],
    ["exactly the cap", [1_200_000], [1_000_000], []],
    ["nothing requested", [300_000], [0], []],
  ] as const)("%s: fits", (_, totals, requested, problems) => {
    expect(checkBudget({ call: rules, yearlyTotals: totals, requestedByYear: requested })).toEqual(problems);
  });

  it("refuses year 2 asking 90% when the share has stepped down to 80%", () => {
    expect(checkBudget({ call: rules, yearlyTotals: [400_000, 400_000], requestedByYear: [360_000, 360_000] })).toEqual([
      "2年目の申請額（360,000円）が、事業費400,000円の市負担割合80%（320,000円）を超えています",
    ]);
  });

  it("refuses a fourth year above the repeated last share", () => {
    expect(checkBudget({ call: rules, yearlyTotals: [0, 0, 0, 100_000], requestedByYear: [0, 0, 0, 71_000] })).toEqual([
      "4年目の申請額（71,000円）が、事業費100,000円の市負担割合70%（70,000円）を超えています",
    ]);
  });

  it("refuses a total above the cap per proposal, one yen over", () => {
    expect(checkBudget({ call: rules, yearlyTotals: [2_000_000], requestedByYear: [1_000_001] })).toEqual([
      "申請額の合計（1,000,001円）が1提案あたりの上限（1,000,000円）を超えています",
    ]);
  });

  it("adds the years up against the cap", () => {
    expect(checkBudget({ call: rules, yearlyTotals: [700_000, 700_000], requestedByYear: [550_000, 500_000] })).toEqual([
      "申請額の合計（1,050,000円）が1提案あたりの上限（1,000,000円）を超えています",
    ]);
  });

  it("rounds the share down to the yen", () => {
    // 90% of 333,333 is 299,999.7 → 299,999.
    expect(checkBudget({ call: rules, yearlyTotals: [333_333], requestedByYear: [300_000] })).toHaveLength(1);
    expect(checkBudget({ call: rules, yearlyTotals: [333_333], requestedByYear: [299_999] })).toEqual([]);
  });

  it("refuses negative amounts", () => {
    expect(checkBudget({ call: rules, yearlyTotals: [100_000], requestedByYear: [-1] })).toEqual(["1年目の金額は0円以上の整数で入力してください"]);
  });
});

describe("freezing", () => {
  it("freezes once the first proposal is submitted", () => {
    expect(isFrozen({ first_submitted_at: null })).toBe(false);
    expect(isFrozen({ first_submitted_at: "2027-01-11T00:00:00.000Z" })).toBe(true);
  });
});

describe("continuedSchedule", () => {
  it("lets a renewal of year k go on from year k+1, the last share repeating", () => {
    expect(continuedSchedule([90, 80, 70], null)).toEqual([90, 80, 70]);
    expect(continuedSchedule([90, 80, 70], 1)).toEqual([80, 70]);
    expect(continuedSchedule([90, 80, 70], 2)).toEqual([70]);
    expect(continuedSchedule([90, 80, 70], 5)).toEqual([70]);
  });
});
