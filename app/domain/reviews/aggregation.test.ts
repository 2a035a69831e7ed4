// The cities' rules against figures computed by hand in each test.
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregationRulesSchema,
  describeRules,
  formatFraction,
  fraction,
  readRules,
  roundTo,
  rulesProblems,
  selectWithinBudget,
  shortDecimal,
  type AggregationRules,
  type ProposalInput,
  type RubricCriterion,
  type SheetInput,
} from "./aggregation";

const rules = (input: Partial<AggregationRules> = {}) => aggregationRulesSchema.parse(input);
const ONE: RubricCriterion[] = [{ id: "c1", name: "公益性", minPoints: 0, maxPoints: 50, weight: 1 }];
const sheet = (proposalId: string, reviewerId: string, points: Record<string, number>, excluded = false): SheetInput => ({ proposalId, reviewerId, points, excluded });
const proposal = (id: string, extra: Partial<ProposalInput> = {}): ProposalInput => ({ id, conflictedCount: 0, ...extra });
const figureOf = (results: ReturnType<typeof aggregate>, id: string) => {
  const r = results.find((x) => x.proposalId === id)!;
  return r.figure ? shortDecimal(r.figure, 4) : null;
};

describe("exact arithmetic", () => {
  it("rounds half up (14.5 → 15, 2.5 → 3), not to even, and cuts off at two decimals", () => {
    expect(shortDecimal(roundTo(fraction(29, 2), 0, "half_up"))).toBe("15");
    expect(shortDecimal(roundTo(fraction(5, 2), 0, "half_up"))).toBe("3");
    expect(shortDecimal(roundTo(fraction(200, 3), 2, "floor"))).toBe("66.66");
    expect(shortDecimal(roundTo(fraction(200, 3), 2, "half_up"))).toBe("66.67");
    expect(formatFraction(fraction(736, 10), 2)).toBe("73.60");
  });

  it("92 ÷ 5 ÷ 25 × 100 is 73.6 (not 73.59)", () => {
    const sheets = [18, 18, 18, 19, 19].map((p, i) => sheet("p", `r${i}`, { c1: p }));
    const criteria: RubricCriterion[] = [{ id: "c1", name: "総合", minPoints: 0, maxPoints: 25, weight: 1 }];
    const [r] = aggregate(rules({ scaleTo: 100, rounding: "floor", roundingDigits: 2 }), criteria, [proposal("p")], sheets);
    expect(shortDecimal(r.figure!)).toBe("73.6");
  });
});

describe("八戸市: the highest and the lowest total dropped when at least three scored", () => {
  it("drops them after removing a conflicted reviewer among five", () => {
    const sheets = [sheet("p", "a", { c1: 40 }), sheet("p", "b", { c1: 30 }), sheet("p", "c", { c1: 20 }), sheet("p", "d", { c1: 10 }), sheet("p", "e", { c1: 50 }, true)];
    const [r] = aggregate(rules({ dropHighLow: true }), ONE, [proposal("p")], sheets);
    // e (50) is conflicted: out first. Of 40, 30, 20, 10 the 40 and the 10 go: (30 + 20) / 2 = 25.
    expect(shortDecimal(r.figure!)).toBe("25");
    expect(r.dropped).toEqual({ high: "a", low: "d" });
    expect(r.counted).toBe(4);
    expect(r.excluded).toBe(1);
  });

  it("keeps every total when fewer than three scored", () => {
    const [r] = aggregate(rules({ dropHighLow: true }), ONE, [proposal("p")], [sheet("p", "a", { c1: 40 }), sheet("p", "b", { c1: 10 })]);
    expect(shortDecimal(r.figure!)).toBe("25");
    expect(r.dropped).toBeNull();
  });
});

describe("本巣市: a conflicted member's share replaced by the others' average", () => {
  it("keeps the totals of a panel of four comparable", () => {
    const sheets = [
      sheet("p", "a", { c1: 30 }),
      sheet("p", "b", { c1: 27 }),
      sheet("p", "c", { c1: 25 }),
      // q: all four members scored 27.
      ...["a", "b", "c", "d"].map((r) => sheet("q", r, { c1: 27 })),
    ];
    const results = aggregate(rules({ combine: "sum", conflictShare: "average_of_others", rounding: "half_up", roundingDigits: 1 }), ONE, [proposal("p", { conflictedCount: 1 }), proposal("q")], sheets);
    // p: 82 + 82/3 = 109.333… → 109.3; q: 4 × 27 = 108.
    expect(figureOf(results, "p")).toBe("109.3");
    expect(figureOf(results, "q")).toBe("108");
    expect(results[0].proposalId).toBe("p");
    expect(results[0].imputedShares).toBe(1);
  });

  it("leaves the share out when the rule says exclude (the sum is then of three)", () => {
    const sheets = [sheet("p", "a", { c1: 30 }), sheet("p", "b", { c1: 27 }), sheet("p", "c", { c1: 25 })];
    const [r] = aggregate(rules({ combine: "sum", conflictShare: "exclude" }), ONE, [proposal("p", { conflictedCount: 1 })], sheets);
    expect(shortDecimal(r.figure!)).toBe("82");
  });

  it("rounds the imputed share the city's way before adding it", () => {
    // Others 30, 30, 31: average 30.333…; two conflicted members.
    const sheets = [sheet("p", "a", { c1: 30 }), sheet("p", "b", { c1: 30 }), sheet("p", "c", { c1: 31 })];
    const exact = aggregate(rules({ combine: "sum", conflictShare: "average_of_others", rounding: "half_up", roundingDigits: 0 }), ONE, [proposal("p", { conflictedCount: 2 })], sheets);
    expect(shortDecimal(exact[0].figure!)).toBe("152"); // 91 + 60.67 = 151.67 → 152
    const rounded = aggregate(rules({ combine: "sum", conflictShare: "average_of_others", shareRounding: "half_up", rounding: "half_up", roundingDigits: 0 }), ONE, [proposal("p", { conflictedCount: 2 })], sheets);
    expect(shortDecimal(rounded[0].figure!)).toBe("151"); // share 30 each: 91 + 60
  });

  it("replaces an absent reviewer's share too when the rule says so", () => {
    const sheets = [sheet("p", "a", { c1: 30 }), sheet("p", "b", { c1: 20 })];
    const input = [proposal("p", { absentCount: 1 })];
    expect(shortDecimal(aggregate(rules({ combine: "sum" }), ONE, input, sheets)[0].figure!)).toBe("50");
    const imputed = aggregate(rules({ combine: "sum", absentShare: "average_of_others" }), ONE, input, sheets)[0];
    expect(shortDecimal(imputed.figure!)).toBe("75");
    expect(imputed.explanation).toContain("未提出の委員 1 人の分をほかの委員の平均（25）で補い 75");
  });

  it("counts a sheet excluded after scoring as a conflicted share", () => {
    const sheets = [sheet("p", "a", { c1: 30 }), sheet("p", "b", { c1: 20 }), sheet("p", "c", { c1: 50 }, true)];
    const [r] = aggregate(rules({ combine: "sum", conflictShare: "average_of_others" }), ONE, [proposal("p")], sheets);
    expect(shortDecimal(r.figure!)).toBe("75"); // 50 + 25
  });
});

describe("大府市: pass line 50 of 100", () => {
  const criteria: RubricCriterion[] = [
    { id: "k", name: "公益性", minPoints: 0, maxPoints: 10, weight: 3 },
    { id: "j", name: "実現可能性", minPoints: 0, maxPoints: 10, weight: 2 },
  ];
  it("marks a proposal under the line", () => {
    // max 50 per reviewer. p: (3·9 + 2·8) = 43 and 37 → average 40 → 80. q: 3·4 + 2·5 = 22 and 28 → 25 → 50 (on the line).
    // s: 3·3 + 2·5 = 19 and 3·3 + 2·6 = 21 → 20 → 40: below.
    const sheets = [
      sheet("p", "a", { k: 9, j: 8 }),
      sheet("p", "b", { k: 7, j: 8 }),
      sheet("q", "a", { k: 4, j: 5 }),
      sheet("q", "b", { k: 6, j: 5 }),
      sheet("s", "a", { k: 3, j: 5 }),
      sheet("s", "b", { k: 3, j: 6 }),
    ];
    const results = aggregate(rules({ scaleTo: 100, passLine: { value: 50, unit: "points" } }), criteria, [proposal("p"), proposal("q"), proposal("s")], sheets);
    expect(results.map((r) => [r.proposalId, r.figure && shortDecimal(r.figure), r.belowPassLine])).toEqual([
      ["p", "80", false],
      ["q", "50", false],
      ["s", "40", true],
    ]);
  });

  it("takes a pass line in % of the maximum on raw points", () => {
    const sheets = [sheet("p", "a", { k: 5, j: 5 })]; // 25 of 50 = 50 %
    const [r] = aggregate(rules({ passLine: { value: 60, unit: "percent" } }), criteria, [proposal("p")], sheets);
    expect(shortDecimal(r.figure!)).toBe("25");
    expect(r.belowPassLine).toBe(true);
  });
});

describe("大東市: unequal weighted criteria, 159 points raw", () => {
  const criteria: RubricCriterion[] = [
    { id: "a", name: "効果性", minPoints: 0, maxPoints: 10, weight: 5 },
    { id: "b", name: "必要性", minPoints: 0, maxPoints: 10, weight: 4 },
    { id: "c", name: "実現性", minPoints: 0, maxPoints: 5, weight: 5 },
    { id: "d", name: "新規性", minPoints: 0, maxPoints: 3, weight: 8 },
    { id: "e", name: "発展性", minPoints: 0, maxPoints: 5, weight: 4 },
  ];
  it("adds points × weight to a figure out of 159", () => {
    expect(describeRules(rules(), criteria)[0]).toContain("満点 159 点");
    // 8·5 + 7·4 + 4·5 + 2·8 + 3·4 = 40 + 28 + 20 + 16 + 12 = 116; 10·5 + 10·4 + 5·5 + 3·8 + 5·4 = 159.
    const sheets = [sheet("p", "a", { a: 8, b: 7, c: 4, d: 2, e: 3 }), sheet("p", "b", { a: 10, b: 10, c: 5, d: 3, e: 5 })];
    const [r] = aggregate(rules(), criteria, [proposal("p")], sheets);
    expect(shortDecimal(r.figure!)).toBe("137.5");
    expect(shortDecimal(r.spread!.low)).toBe("116");
    expect(shortDecimal(r.spread!.high)).toBe("159");
    expect(shortDecimal(r.criterionAverages.d!)).toBe("2.5");
  });
});

describe("rejection rules override the total", () => {
  const criteria: RubricCriterion[] = [
    { id: "k", name: "公益性", minPoints: 0, maxPoints: 5, weight: 1 },
    { id: "j", name: "実現可能性", minPoints: 0, maxPoints: 5, weight: 1 },
  ];
  it("half or more of the reviewers gave 0 on any criterion", () => {
    const sheets = [sheet("p", "a", { k: 5, j: 0 }), sheet("p", "b", { k: 5, j: 0 }), sheet("p", "c", { k: 5, j: 5 }), sheet("p", "d", { k: 5, j: 5 })];
    const [r] = aggregate(rules({ rejections: [{ criterionId: null, atMost: 0, share: "half_or_more" }] }), criteria, [proposal("p")], sheets);
    expect(r.rejectedBy).toEqual(["「実現可能性」で半数以上の委員が0点以下"]);
  });
  it("a majority gave 1 or 2 on 公益性 (two of four is not a majority)", () => {
    const sheets = [sheet("p", "a", { k: 1, j: 5 }), sheet("p", "b", { k: 2, j: 5 }), sheet("p", "c", { k: 5, j: 5 }), sheet("p", "d", { k: 5, j: 5 })];
    const rule = rules({ rejections: [{ criterionId: "k", atMost: 2, share: "majority" }] });
    expect(aggregate(rule, criteria, [proposal("p")], sheets)[0].rejectedBy).toEqual([]);
    const more = [...sheets.slice(0, 3), sheet("p", "d", { k: 2, j: 5 })];
    expect(aggregate(rule, criteria, [proposal("p")], more)[0].rejectedBy).toEqual(["「公益性」で過半数の委員が2点以下"]);
  });
});

describe("ties", () => {
  const criteria: RubricCriterion[] = [
    { id: "k", name: "公益性", minPoints: 0, maxPoints: 10, weight: 1 },
    { id: "j", name: "実現可能性", minPoints: 0, maxPoints: 10, weight: 1 },
  ];
  // p and q both 14; r 12.
  const sheets = [sheet("p", "a", { k: 6, j: 8 }), sheet("q", "a", { k: 8, j: 6 }), sheet("r", "a", { k: 6, j: 6 })];
  const proposals = [proposal("p", { requestedAmount: 300_000 }), proposal("q", { requestedAmount: 500_000 }), proposal("r")];

  it("shares the rank by default: 1, 1, 3", () => {
    const results = aggregate(rules(), criteria, proposals, sheets);
    expect(results.map((r) => [r.rank, r.tied])).toEqual([
      [1, true],
      [1, true],
      [3, false],
    ]);
    expect(results[0].tieNote).toBe("同点（同順位）");
  });
  it("breaks by named criteria in order", () => {
    const results = aggregate(rules({ tieBreak: "criteria", tieBreakCriteria: ["k"] }), criteria, proposals, sheets);
    expect(results.map((r) => [r.proposalId, r.rank])).toEqual([
      ["q", 1],
      ["p", 2],
      ["r", 3],
    ]);
    expect(results[0].tieNote).toBe("同点: 審査項目の順に比較");
  });
  it("breaks by the smaller requested amount", () => {
    const results = aggregate(rules({ tieBreak: "requested_amount" }), criteria, proposals, sheets);
    expect(results.map((r) => r.proposalId)).toEqual(["p", "q", "r"]);
    expect(results[1].rank).toBe(2);
  });
  it("follows the coordinator's recorded order, and says when none is recorded", () => {
    const rule = rules({ tieBreak: "coordinator" });
    expect(aggregate(rule, criteria, proposals, sheets)[0].tieNote).toBe("同点（協働推進課の判断が未記録）");
    const results = aggregate(rule, criteria, proposals, sheets, { tieBreaks: new Map([["q", 0], ["p", 1]]) });
    expect(results.map((r) => [r.proposalId, r.rank])).toEqual([
      ["q", 1],
      ["p", 2],
      ["r", 3],
    ]);
  });
  it("ties only on the rounded figure when the city rounds", () => {
    const s = [sheet("x", "a", { k: 7, j: 7 }), sheet("x", "b", { k: 7, j: 8 }), sheet("y", "a", { k: 7, j: 8 }), sheet("y", "b", { k: 7, j: 8 })];
    // x: 14.5 → 15 (half up); y: 15.
    const results = aggregate(rules({ rounding: "half_up", roundingDigits: 0 }), criteria, [proposal("x"), proposal("y")], s);
    expect(results.map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe("what gets no rank", () => {
  it("a withdrawn proposal keeps its figure and gets no rank; one without sheets has neither", () => {
    const sheets = [sheet("p", "a", { c1: 10 }), sheet("w", "a", { c1: 40 })];
    const results = aggregate(rules(), ONE, [proposal("p"), proposal("w", { withdrawn: true }), proposal("n")], sheets);
    expect(results.map((r) => [r.proposalId, r.rank, r.figure && shortDecimal(r.figure)])).toEqual([
      ["p", 1, "10"],
      ["w", null, "40"],
      ["n", null, null],
    ]);
  });
});

describe("the stored rules", () => {
  it("falls back to the defaults for missing or unreadable JSON", () => {
    expect(readRules(null).combine).toBe("average");
    expect(readRules("{not json").tieBreak).toBe("shared");
    expect(readRules(JSON.stringify({ dropHighLow: true })).dropHighLow).toBe(true);
  });
  it("refuses what it cannot express for this rubric, in Japanese", () => {
    expect(rulesProblems(rules({ tieBreak: "criteria" }), ONE).tieBreakCriteria).toEqual(["同点時に比べる審査項目を選んでください"]);
    expect(rulesProblems(rules({ tieBreak: "criteria", tieBreakCriteria: ["other-call"] }), ONE).tieBreakCriteria).toEqual(["この募集にない審査項目が指定されています"]);
    expect(rulesProblems(rules({ passLine: { value: 60, unit: "points" } }), ONE).passLine).toEqual(["合格ラインが満点（50点）を超えています"]);
    expect(aggregationRulesSchema.safeParse({ dropHighLowMinReviewers: 2 }).error?.issues[0].message).toBe("3人以上で指定してください");
  });
});

describe("two stages summed (書類 + プレゼン)", () => {
  it("adds the document review's figure before ranking the presentation", () => {
    // presentation: p 30, q 35; document review carried over: p 40, q 30 → p 70, q 65.
    const sheets = [sheet("p", "a", { c1: 30 }), sheet("q", "a", { c1: 35 })];
    const carryOver = new Map([
      ["p", fraction(40)],
      ["q", fraction(30)],
    ]);
    const summed = aggregate(rules({ stages: "sum" }), ONE, [proposal("p"), proposal("q")], sheets, { carryOver });
    expect(summed.map((r) => [r.proposalId, shortDecimal(r.figure!), r.rank])).toEqual([
      ["p", "70", 1],
      ["q", "65", 2],
    ]);
    expect(summed[0].explanation).toContain("一次審査の 40 を加えて 70");
    // the last stage alone: q first.
    expect(aggregate(rules(), ONE, [proposal("p"), proposal("q")], sheets)[0].proposalId).toBe("q");
  });
});

describe("selection within the call's total budget", () => {
  it("takes passing proposals in rank order while they fit, and offers the remainder to the first that does not (次点)", () => {
    const sheets = [sheet("a", "r", { c1: 50 }), sheet("b", "r", { c1: 40 }), sheet("c", "r", { c1: 30 }), sheet("d", "r", { c1: 20 }), sheet("e", "r", { c1: 5 })];
    const results = aggregate(rules({ passLine: { value: 10, unit: "points" } }), ONE, ["a", "b", "c", "d", "e"].map((id) => proposal(id)), sheets);
    const amounts = new Map([
      ["a", 400_000],
      ["b", 300_000],
      ["c", 500_000],
      ["d", 100_000],
      ["e", 10_000],
    ]);
    // 1,000,000: a 400,000 + b 300,000 = 700,000; c (500,000) does not fit → 次点 with 300,000.
    expect(selectWithinBudget(results, amounts, 1_000_000)).toEqual({ selected: ["a", "b"], runnerUp: { proposalId: "c", remainder: 300_000 } });
    // Everything passing fits; e is under the pass line and never selected.
    expect(selectWithinBudget(results, amounts, 5_000_000)).toEqual({ selected: ["a", "b", "c", "d"], runnerUp: null });
  });
});
