// The tier summary in the city's format ("5/6：済 1/6：未") computed from statuses. Its own module so
// the progress page's figures (statistics.ts, in the browser bundle too) need none of the file readers.
import { TIER_SUMMARY_BUCKET } from "../status";
import { TIER_SUMMARY_STATUSES, TIERS } from "../types";
import type { ParsedMeasure, Tier, TierSummaryCount } from "../types";

/** Counts per tier in the city's format, from the measures' statuses. */
export function computeTierSummary(measures: ParsedMeasure[]): Map<Tier, TierSummaryCount[]> {
  const summary = new Map<Tier, TierSummaryCount[]>();
  for (const tier of TIERS) {
    const inTier = measures.filter((measure) => measure.tier === tier && measure.status !== undefined);
    if (inTier.length === 0) continue;
    const counts = TIER_SUMMARY_STATUSES.map((status) => ({
      status,
      count: inTier.filter((measure) => measure.status && TIER_SUMMARY_BUCKET[measure.status] === status).length,
      total: inTier.length,
    })).filter((entry) => entry.count > 0);
    summary.set(tier, counts);
  }
  return summary;
}

/** [{済,5,6},{未,1,6}] → "5/6：済 1/6：未", the form printed in the tier header. */
export function formatTierSummaryCounts(counts: TierSummaryCount[]): string {
  return counts.map((entry) => `${entry.count}/${entry.total}：${entry.status}`).join(" ");
}

