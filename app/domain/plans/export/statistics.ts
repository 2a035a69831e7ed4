// Figures the city publishes beside the progress list: the tier summary (【Ⅰ】… 5/6：済 1/6：未) computed
// from the statuses next to the one printed in the document, and progress by tier and by fiscal year.
import { fiscalYearsOfPeriod, formatFiscalYear, formatFiscalYearShort } from "../../calendar/fiscal-year";
import { computeTierSummary, formatTierSummaryCounts } from "../import/tier-summary";
import { MEASURE_STATUSES, TIERS, type MeasureStatus, type ParsedPlan, type Tier } from "../types";

export interface TierSummaryLine {
  tier: Tier;
  label: string | null;
  description: string;
  /** "5/6：済 1/6：未" from the measures' statuses now. */
  computed: string;
  /** As printed in the imported document's header, when it printed one. */
  printed: string | null;
  differs: boolean;
}

export function tierSummaryLines(plan: ParsedPlan): TierSummaryLine[] {
  const computed = computeTierSummary(plan.measures);
  const printed = new Map((plan.tierSummary ?? []).map((row) => [row.tier, row]));
  const tiers = TIERS.filter((t) => computed.has(t) || printed.has(t));
  return tiers.map((tier) => {
    const row = printed.get(tier);
    const now = formatTierSummaryCounts(computed.get(tier) ?? []);
    const then = row ? formatTierSummaryCounts(row.counts) : null;
    return { tier, label: row?.label ?? null, description: row?.description ?? "", computed: now, printed: then, differs: then !== null && then !== now };
  });
}

export interface TierStatusRow {
  tier: Tier;
  total: number;
  counts: Record<MeasureStatus, number>;
}

/** Measures with a tier and a status, per tier and status (the bars of the tier chart). */
export function statusByTier(plan: ParsedPlan): TierStatusRow[] {
  return TIERS.map((tier) => {
    const inTier = plan.measures.filter((m) => m.tier === tier && m.status);
    const counts = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, inTier.filter((m) => m.status === s).length])) as Record<MeasureStatus, number>;
    return { tier, total: inTier.length, counts };
  }).filter((row) => row.total > 0);
}

export interface FiscalYearCount {
  fiscalYear: number;
  label: string;
  short: string;
  /** Progress entries whose period includes this fiscal year. */
  entries: number;
}

/**
 * Progress entries per fiscal year: an entry for 平成25～29年度 counts in each of the five years, one for
 * 平成25、26、28年度 in those three only (the set the document prints, not 2013–2016).
 */
export function entriesByFiscalYear(plan: ParsedPlan): FiscalYearCount[] {
  const counts = new Map<number, number>();
  for (const m of plan.measures) {
    for (const e of m.entries) {
      for (const y of fiscalYearsOfPeriod(e)) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
  }
  return [...counts.keys()]
    .sort((a, b) => a - b)
    .map((y) => ({ fiscalYear: y, label: formatFiscalYear(y), short: formatFiscalYearShort(y), entries: counts.get(y)! }));
}

/** Measures per status over the whole plan (measures without a status are left out). */
export function statusTotals(plan: ParsedPlan): Record<MeasureStatus, number> {
  return Object.fromEntries(MEASURE_STATUSES.map((s) => [s, plan.measures.filter((m) => m.status === s).length])) as Record<MeasureStatus, number>;
}
