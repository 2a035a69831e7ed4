// The review's arithmetic (審査の集計): a call's rules (stored as JSON in review_rules) applied to the
// submitted score sheets of one stage, giving each proposal its figure, its rank and the marks the result
// sheet prints. Pure and browser-safe; every figure is an exact fraction until it is rounded the way the
// city states, so ranking never depends on float drift. The arithmetic is spelled out in README.md.
import { z } from "../zod";

// ---- exact fractions -----------------------------------------------------------------------------

/** A fraction n/d in lowest terms, d > 0. */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

export function fraction(n: bigint | number, d: bigint | number = 1n): Fraction {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError("division by zero");
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const add = (a: Fraction, b: Fraction) => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction) => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction) => fraction(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction) => fraction(a.n * b.d, a.d * b.n);
export const compare = (a: Fraction, b: Fraction) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const sum = (xs: Fraction[]) => xs.reduce(add, fraction(0));

export type RoundingMode = "half_up" | "floor";

/** Rounded to `digits` decimals: half up (14.5 → 15, never to even) or cut off (floor, for the non-negative figures here). */
export function roundTo(x: Fraction, digits: number, mode: RoundingMode): Fraction {
  const scale = 10n ** BigInt(digits);
  const scaled = x.n * scale;
  let q = scaled / x.d;
  const r = scaled % x.d;
  if (r < 0n) q -= 1n; // bigint division truncates toward zero; floor it
  if (mode === "half_up") {
    const rest = scaled - q * x.d; // 0 ≤ rest < d
    if (rest * 2n >= x.d) q += 1n;
  }
  return fraction(q, scale);
}

/** Decimal text of a fraction with exactly `digits` decimals (rounded half up for display). */
export function formatFraction(x: Fraction, digits = 2): string {
  const r = roundTo(x, digits, "half_up");
  const scale = 10n ** BigInt(digits);
  const units = (r.n * scale) / r.d;
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / scale;
  const part = (abs % scale).toString().padStart(digits, "0");
  return `${negative ? "-" : ""}${whole}${digits > 0 ? `.${part}` : ""}`;
}

/** Shortest decimal text (at most `digits` decimals, no trailing zeros): 73.6, 15, 8.33. */
export function shortDecimal(x: Fraction, digits = 2): string {
  const text = formatFraction(x, digits);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

export const toNumber = (x: Fraction) => Number(x.n) / Number(x.d);

// ---- the rules -----------------------------------------------------------------------------------

const rejectionRule = z.object({
  /** null: any criterion. */
  criterionId: z.string().nullable().default(null),
  /** Scores at or below this count against the proposal (0 for "gave 0", 2 for "gave 1 or 2"). */
  atMost: z.number({ error: "点数は数字で入力してください" }).int("点数は整数で入力してください").min(0, "点数は0以上で入力してください"),
  share: z.enum(["half_or_more", "majority"]),
});
export type RejectionRule = z.infer<typeof rejectionRule>;

export const aggregationRulesSchema = z.object({
  /** sum: the reviewers' totals added (大東市, 本巣市); average: divided by those who scored. */
  combine: z.enum(["sum", "average"]).default("average"),
  /** 八戸市: drop each proposal's highest and lowest reviewer total when at least this many counted (after conflicts). */
  dropHighLow: z.boolean().default(false),
  dropHighLowMinReviewers: z.number({ error: "人数は数字で入力してください" }).int("人数は整数で入力してください").min(3, "3人以上で指定してください").max(50, "50人以下で指定してください").default(3),
  /** 本巣市: a conflicted member's share is left out, or replaced by the others' average (sum only changes). */
  conflictShare: z.enum(["exclude", "average_of_others"]).default("exclude"),
  /** A member who was assigned but did not submit: left out, or replaced by the others' average (sum only changes). */
  absentShare: z.enum(["exclude", "average_of_others"]).default("exclude"),
  /** The city's rounding of an imputed share (at `roundingDigits`) before it is added; "none": exact. */
  shareRounding: z.enum(["none", "half_up", "floor"]).default("none"),
  /** null: the raw points (大東市 159 点満点); 100: total ÷ maximum × 100. */
  scaleTo: z.number({ error: "満点は数字で入力してください" }).int("満点は整数で入力してください").min(1, "満点は1以上で入力してください").max(1000, "満点は1000以下で入力してください").nullable().default(null),
  /** How the city rounds its figure; ranking uses the rounded figure. */
  rounding: z.enum(["none", "half_up", "floor"]).default("none"),
  roundingDigits: z.number().int().min(0, "桁数は0〜2で指定してください").max(2, "桁数は0〜2で指定してください").default(2),
  /** 大府市: 50 of 100. In points of the figure, or in % of its maximum. */
  passLine: z
    .object({
      value: z.number({ error: "合格ラインは数字で入力してください" }).min(0, "合格ラインは0以上で入力してください"),
      unit: z.enum(["points", "percent"]),
    })
    .nullable()
    .default(null),
  /** Rules that reject whatever the total. */
  rejections: z.array(rejectionRule).max(5).default([]),
  /** How a tie is settled: a shared rank, criteria in order, the smaller requested amount, the coordinator's recorded order. */
  tieBreak: z.enum(["shared", "criteria", "requested_amount", "coordinator"]).default("shared"),
  tieBreakCriteria: z.array(z.string()).max(12).default([]),
  /** With a presentation after the document review: the presentation's figure alone, or both added (書類 + プレゼン). */
  stages: z.enum(["last", "sum"]).default("last"),
});
export type AggregationRules = z.infer<typeof aggregationRulesSchema>;
export const DEFAULT_RULES: AggregationRules = aggregationRulesSchema.parse({});

/** The stored JSON, or the defaults when none or unreadable (a call set up before rules existed). */
export function readRules(json: string | null | undefined): AggregationRules {
  if (!json) return DEFAULT_RULES;
  try {
    const parsed = aggregationRulesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_RULES;
  } catch {
    return DEFAULT_RULES;
  }
}

export interface RubricCriterion {
  id: string;
  name: string;
  minPoints: number;
  maxPoints: number;
  weight: number;
  description?: string;
}

/** What the module cannot do with this rubric, in the words the rules form shows (empty: fine). */
export function rulesProblems(rules: AggregationRules, criteria: readonly RubricCriterion[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const ids = new Set(criteria.map((c) => c.id));
  if (rules.tieBreak === "criteria" && rules.tieBreakCriteria.length === 0) (problems.tieBreakCriteria ??= []).push("同点時に比べる審査項目を選んでください");
  if (rules.tieBreakCriteria.some((id) => !ids.has(id))) (problems.tieBreakCriteria ??= []).push("この募集にない審査項目が指定されています");
  for (const [i, r] of rules.rejections.entries()) {
    if (r.criterionId !== null && !ids.has(r.criterionId)) (problems[`rejections[${i}].criterionId`] ??= []).push("この募集にない審査項目が指定されています");
  }
  if (rules.passLine?.unit === "percent" && rules.passLine.value > 100) (problems.passLine ??= []).push("合格ライン（%）は100以下で入力してください");
  const max = maxFigure(rules, criteria);
  if (rules.passLine?.unit === "points" && max !== null && compare(fraction(Math.round(rules.passLine.value * 100), 100), max) > 0) {
    (problems.passLine ??= []).push(`合格ラインが満点（${shortDecimal(max)}点）を超えています`);
  }
  return problems;
}

// ---- the computation -----------------------------------------------------------------------------

export interface SheetInput {
  reviewerId: string;
  proposalId: string;
  /** criterion id → points */
  points: Record<string, number>;
  /** Left out of the aggregate (a conflict declared after scoring). */
  excluded: boolean;
}

export interface ProposalInput {
  id: string;
  /** Panel members who are conflicted with this proposal (their share is imputed under average_of_others). */
  conflictedCount: number;
  /** Assigned, unconflicted reviewers who have not submitted (imputed under absentShare average_of_others). */
  absentCount?: number;
  requestedAmount?: number;
  withdrawn?: boolean;
}

export interface ProposalResult {
  proposalId: string;
  /** null: no sheet counted (no figure, no rank). */
  figure: Fraction | null;
  /** The figure before scaling and rounding (the combined weighted points). */
  rawTotal: Fraction | null;
  criterionAverages: Record<string, Fraction | null>;
  counted: number;
  excluded: number;
  dropped: { high: string; low: string } | null;
  imputedShares: number;
  spread: { low: Fraction; high: Fraction } | null;
  belowPassLine: boolean;
  rejectedBy: string[];
  rank: number | null;
  tied: boolean;
  /** How a tie with others was settled, in words. */
  tieNote: string | null;
  /** How the figure was computed, in words (the result sheet prints it). */
  explanation: string;
}

function weightedTotal(sheet: SheetInput, criteria: readonly RubricCriterion[]): Fraction {
  return fraction(criteria.reduce((total, c) => total + c.weight * (sheet.points[c.id] ?? 0), 0));
}

const maxWeighted = (criteria: readonly RubricCriterion[]) => fraction(criteria.reduce((t, c) => t + c.weight * c.maxPoints, 0));

/** The most a figure can reach: under sum it depends on the panel, so null there unless scaled. */
export function maxFigure(rules: AggregationRules, criteria: readonly RubricCriterion[]): Fraction | null {
  if (rules.scaleTo !== null) return fraction(rules.scaleTo);
  if (rules.combine === "average") return maxWeighted(criteria);
  return null;
}

function finish(rules: AggregationRules, x: Fraction): Fraction {
  return rules.rounding === "none" ? x : roundTo(x, rules.roundingDigits, rules.rounding);
}

function rejections(rules: AggregationRules, sheets: SheetInput[], criteria: readonly RubricCriterion[]): string[] {
  const out: string[] = [];
  if (sheets.length === 0) return out;
  for (const rule of rules.rejections) {
    const targets = rule.criterionId === null ? criteria : criteria.filter((c) => c.id === rule.criterionId);
    for (const c of targets) {
      const low = sheets.filter((s) => (s.points[c.id] ?? 0) <= rule.atMost).length;
      const hit = rule.share === "half_or_more" ? low * 2 >= sheets.length : low * 2 > sheets.length;
      if (hit) {
        out.push(`「${c.name}」で${rule.share === "half_or_more" ? "半数以上" : "過半数"}の委員が${rule.atMost}点以下`);
        break;
      }
    }
  }
  return out;
}

/** One proposal's figure. Order: conflicts removed → highest/lowest dropped → combined → imputed → scaled → rounded. */
function scoreProposal(rules: AggregationRules, criteria: readonly RubricCriterion[], proposal: ProposalInput, mine: readonly SheetInput[]): Omit<ProposalResult, "rank" | "tied" | "tieNote"> {
  const counted = mine.filter((s) => !s.excluded);
  const excluded = mine.length - counted.length;
  const averages: Record<string, Fraction | null> = {};
  for (const c of criteria) averages[c.id] = counted.length ? fraction(counted.reduce((t, s) => t + (s.points[c.id] ?? 0), 0), counted.length) : null;
  const base = { proposalId: proposal.id, criterionAverages: averages, counted: counted.length, excluded };
  if (counted.length === 0) {
    return { ...base, figure: null, rawTotal: null, dropped: null, imputedShares: 0, spread: null, belowPassLine: false, rejectedBy: [], explanation: "提出された採点票がありません。" };
  }
  const totals = counted.map((s) => ({ reviewerId: s.reviewerId, total: weightedTotal(s, criteria) }));
  const sorted = [...totals].sort((a, b) => compare(a.total, b.total));
  const spread = { low: sorted[0].total, high: sorted[sorted.length - 1].total };
  const steps: string[] = [`採点票 ${counted.length} 件（重み付き合計）`];
  if (excluded) steps.push(`利害関係により ${excluded} 件を集計から除外`);
  let used = sorted;
  let dropped: ProposalResult["dropped"] = null;
  if (rules.dropHighLow && sorted.length >= rules.dropHighLowMinReviewers) {
    dropped = { low: sorted[0].reviewerId, high: sorted[sorted.length - 1].reviewerId };
    used = sorted.slice(1, -1);
    steps.push(`最高点（${shortDecimal(spread.high)}）と最低点（${shortDecimal(spread.low)}）を除外`);
  }
  const usedSum = sum(used.map((u) => u.total));
  const average = div(usedSum, fraction(used.length));
  let raw: Fraction;
  let imputed = 0;
  let maxRaw: Fraction;
  if (rules.combine === "average") {
    raw = average;
    maxRaw = maxWeighted(criteria);
    steps.push(`${used.length} 人の平均 ${shortDecimal(raw)}`);
  } else {
    const conflicted = rules.conflictShare === "average_of_others" ? proposal.conflictedCount + excluded : 0;
    const absent = rules.absentShare === "average_of_others" ? (proposal.absentCount ?? 0) : 0;
    imputed = conflicted + absent;
    const share = rules.shareRounding === "none" ? average : roundTo(average, rules.roundingDigits, rules.shareRounding);
    raw = add(usedSum, mul(share, fraction(imputed)));
    maxRaw = mul(maxWeighted(criteria), fraction(used.length + imputed));
    steps.push(`${used.length} 人の合計 ${shortDecimal(usedSum)}`);
    if (imputed) {
      const who = [conflicted ? `利害関係のある委員 ${conflicted} 人` : "", absent ? `未提出の委員 ${absent} 人` : ""].filter(Boolean).join("と");
      steps.push(`${who}の分をほかの委員の平均（${shortDecimal(share, 4)}）で補い ${shortDecimal(raw)}`);
    }
  }
  let figure = raw;
  if (rules.scaleTo !== null) {
    figure = mul(div(raw, maxRaw), fraction(rules.scaleTo));
    steps.push(`${shortDecimal(maxRaw)} 点満点を ${rules.scaleTo} 点に換算 ${shortDecimal(figure, 4)}`);
  }
  if (rules.rounding !== "none") {
    figure = finish(rules, figure);
    steps.push(`${rules.rounding === "half_up" ? "四捨五入" : "切り捨て"}（小数第${rules.roundingDigits}位まで）で ${shortDecimal(figure)}`);
  }
  let belowPassLine = false;
  if (rules.passLine) {
    const line = fraction(Math.round(rules.passLine.value * 100), 100);
    const maxF = rules.scaleTo !== null ? fraction(rules.scaleTo) : maxRaw;
    const percent = mul(div(figure, maxF), fraction(100));
    belowPassLine = compare(rules.passLine.unit === "points" ? figure : percent, line) < 0;
    steps.push(`合格ライン ${shortDecimal(line)}${rules.passLine.unit === "points" ? "点" : "%"}${belowPassLine ? "に届かず" : "以上"}`);
  }
  const rejectedBy = rejections(rules, counted, criteria);
  return { ...base, figure, rawTotal: raw, dropped, imputedShares: imputed, spread, belowPassLine, rejectedBy, explanation: steps.join(" → ") };
}

export interface AggregateOptions {
  /** The coordinator's recorded order among tied proposals (review_tie_breaks): proposal id → position, 0 first. */
  tieBreaks?: ReadonlyMap<string, number>;
  /** Under `stages: "sum"`: each proposal's figure in the earlier stage, added before ranking. */
  carryOver?: ReadonlyMap<string, Fraction>;
}

/** Every proposal's figure and rank, best first; proposals without a figure or withdrawn come last, unranked. */
export function aggregate(rules: AggregationRules, criteria: readonly RubricCriterion[], proposals: readonly ProposalInput[], sheets: readonly SheetInput[], options: AggregateOptions = {}): ProposalResult[] {
  const byProposal = new Map<string, SheetInput[]>();
  for (const sheet of sheets) (byProposal.get(sheet.proposalId) ?? byProposal.set(sheet.proposalId, []).get(sheet.proposalId)!).push(sheet);
  const scored = proposals.map((p) => {
    const result = scoreProposal(rules, criteria, p, byProposal.get(p.id) ?? []);
    const carry = options.carryOver?.get(p.id);
    if (carry && result.figure) {
      const figure = add(result.figure, carry);
      return { proposal: p, result: { ...result, figure, explanation: `${result.explanation} → 一次審査の ${shortDecimal(carry)} を加えて ${shortDecimal(figure)}` } };
    }
    return { proposal: p, result };
  });
  const rankable = scored.filter((s) => s.result.figure !== null && !s.proposal.withdrawn);

  // Break ties within equal figures by the rule; what stays equal shares the rank.
  const tieKey = (a: (typeof scored)[number], b: (typeof scored)[number]): number => {
    switch (rules.tieBreak) {
      case "criteria":
        for (const id of rules.tieBreakCriteria) {
          const x = a.result.criterionAverages[id];
          const y = b.result.criterionAverages[id];
          if (x && y && compare(x, y) !== 0) return -compare(x, y);
        }
        return 0;
      case "requested_amount": {
        const x = a.proposal.requestedAmount ?? Number.MAX_SAFE_INTEGER;
        const y = b.proposal.requestedAmount ?? Number.MAX_SAFE_INTEGER;
        return x - y;
      }
      case "coordinator": {
        const x = options.tieBreaks?.get(a.proposal.id);
        const y = options.tieBreaks?.get(b.proposal.id);
        return x !== undefined && y !== undefined ? x - y : 0;
      }
      case "shared":
        return 0;
    }
  };
  rankable.sort((a, b) => -compare(a.result.figure!, b.result.figure!) || tieKey(a, b) || a.proposal.id.localeCompare(b.proposal.id));

  // Sorted, so equal figures (and, within them, equal tie keys) are neighbours: one pass finds the groups.
  const ranked: ProposalResult[] = [];
  let i = 0;
  while (i < rankable.length) {
    let j = i + 1;
    while (j < rankable.length && compare(rankable[j].result.figure!, rankable[i].result.figure!) === 0) j++;
    const sameFigure = rankable.slice(i, j);
    let k = 0;
    while (k < sameFigure.length) {
      let m = k + 1;
      while (m < sameFigure.length && tieKey(sameFigure[m], sameFigure[k]) === 0) m++;
      const equal = m - k;
      let tieNote: string | null = null;
      if (sameFigure.length > 1) {
        tieNote =
          equal > 1
            ? rules.tieBreak === "coordinator"
              ? "同点（協働推進課の判断が未記録）"
              : "同点（同順位）"
            : { criteria: "同点: 審査項目の順に比較", requested_amount: "同点: 申請額の少ない順", coordinator: "同点: 協働推進課の記録した順", shared: "" }[rules.tieBreak];
      }
      for (let n = k; n < m; n++) ranked.push({ ...sameFigure[n].result, rank: i + k + 1, tied: equal > 1, tieNote });
      k = m;
    }
    i = j;
  }
  const rest = scored.filter((s) => s.result.figure === null || s.proposal.withdrawn);
  return [...ranked, ...rest.map((s) => ({ ...s.result, rank: null, tied: false, tieNote: s.proposal.withdrawn ? "取下げ（順位なし）" : null }))];
}

export interface BudgetSelection {
  /** Within the call's total budget, in rank order. */
  selected: string[];
  /** 次点: the first ranked proposal that does not fit, offered what remains. */
  runnerUp: { proposalId: string; remainder: number } | null;
}

/**
 * Selection within the call's total budget in rank order: passing proposals (not under the pass line, not
 * rejected, ranked) are taken while their requested amounts fit; the first that does not fit is the 次点
 * and is offered the remainder. Ties are taken in the order given (the sheet's order).
 */
export function selectWithinBudget(results: readonly ProposalResult[], amounts: ReadonlyMap<string, number>, budget: number): BudgetSelection {
  const selected: string[] = [];
  let used = 0;
  for (const r of results) {
    if (r.rank === null || r.belowPassLine || r.rejectedBy.length) continue;
    const amount = amounts.get(r.proposalId) ?? 0;
    if (used + amount > budget) return { selected, runnerUp: { proposalId: r.proposalId, remainder: budget - used } };
    selected.push(r.proposalId);
    used += amount;
  }
  return { selected, runnerUp: null };
}

/**
 * The running total of requested amounts down the sheet (rank order): each ranked proposal adds its amount;
 * an unranked one (no figure, withdrawn) adds nothing and has no total. Shared by the sheet and its page,
 * which adds it up itself from the amounts it already has rather than receiving 200 more numbers.
 */
export function runningTotals(rows: readonly { ranked: boolean; amount: number }[]): (number | null)[] {
  let running = 0;
  return rows.map((row) => (row.ranked ? (running += row.amount) : null));
}

/** The rules in words for the result sheet. */
export function describeRules(rules: AggregationRules, criteria: readonly RubricCriterion[]): string[] {
  const lines = [
    `各委員の合計は審査項目の点数×重みの和（満点 ${shortDecimal(maxWeighted(criteria))} 点）。`,
    rules.combine === "sum" ? "委員の合計点を足し合わせます。" : "採点した委員の平均をとります。",
  ];
  if (rules.dropHighLow) lines.push(`採点した委員が${rules.dropHighLowMinReviewers}人以上のとき、最高点と最低点を1つずつ除きます（利害関係のある委員を除いた後）。`);
  lines.push(
    rules.conflictShare === "average_of_others" && rules.combine === "sum"
      ? "利害関係のある委員の分は、ほかの委員の平均で補います。"
      : "利害関係のある委員の採点は集計に含めません。",
  );
  if (rules.absentShare === "average_of_others" && rules.combine === "sum") lines.push("採点票を提出していない委員の分も、ほかの委員の平均で補います。");
  if (rules.shareRounding !== "none" && rules.combine === "sum") {
    lines.push(`補う平均は小数第${rules.roundingDigits}位まで${rules.shareRounding === "half_up" ? "四捨五入" : "切り捨て"}します。`);
  }
  if (rules.scaleTo !== null) lines.push(`満点を ${rules.scaleTo} 点に換算します（合計 ÷ 満点 × ${rules.scaleTo}）。`);
  if (rules.rounding !== "none") lines.push(`小数第${rules.roundingDigits}位まで${rules.rounding === "half_up" ? "四捨五入" : "切り捨て"}した値で順位を付けます。`);
  if (rules.passLine) lines.push(`合格ライン: ${rules.passLine.value}${rules.passLine.unit === "points" ? "点" : "%"}。下回る提案は「不合格ライン」と表示します。`);
  for (const r of rules.rejections) {
    const name = r.criterionId === null ? "いずれかの審査項目" : `「${criteria.find((c) => c.id === r.criterionId)?.name ?? "?"}」`;
    lines.push(`${name}で${r.share === "half_or_more" ? "半数以上" : "過半数"}の委員が${r.atMost}点以下をつけた提案は、合計にかかわらず不採択扱いとします。`);
  }
  if (rules.stages === "sum") lines.push("二次審査の順位は、一次審査と二次審査の点数の合計で決めます。");
  lines.push(
    {
      shared: "同点は同順位とします。",
      criteria: `同点は審査項目（${rules.tieBreakCriteria.map((id) => criteria.find((c) => c.id === id)?.name ?? "?").join("、")}）の平均の高い順とします。`,
      requested_amount: "同点は申請額の少ない順とします。",
      coordinator: "同点は協働推進課が記録した順とします。",
    }[rules.tieBreak],
  );
  return lines;
}
