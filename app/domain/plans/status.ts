// How printed statuses and tiers map onto the canonical ones. Kept as data so the mapping is
// documented in one place and tested as a table.

import { normalizeWidth } from "./text";
import type { MeasureStatus, Tier, TierSummaryStatus } from "./types";

/**
 * Printed status → canonical status. The tier table abbreviates (済・継, 未); the Shiroi progress
 * list prints 未実施 as a bullet. Keys are compared after width normalization and space removal.
 */
export const STATUS_ALIASES: Readonly<Record<string, MeasureStatus>> = {
  未実施: "未実施",
  未: "未実施",
  着手中: "着手中",
  一部済: "一部済",
  済: "済",
  "済・継": "済・継続",
  "済・継続": "済・継続",
};

/**
 * Canonical status → the bucket of the city's tier header ("5/6：済 1/6：未"). The header only
 * knows 済, 着手中, 一部済 and 未, so 済・継続 counts as 済.
 */
export const TIER_SUMMARY_BUCKET: Readonly<Record<MeasureStatus, TierSummaryStatus>> = {
  未実施: "未",
  着手中: "着手中",
  一部済: "一部済",
  済: "済",
  "済・継続": "済",
};

/** Summary bucket as printed → canonical status it stands for (for reading the header). */
export const TIER_SUMMARY_LABELS: Readonly<Record<string, TierSummaryStatus>> = {
  済: "済",
  着手中: "着手中",
  一部済: "一部済",
  未: "未",
  未実施: "未",
};

function statusKey(text: string): string {
  return normalizeWidth(text).replace(/\s+/g, "");
}

export function normalizeStatus(text: string): MeasureStatus | undefined {
  return STATUS_ALIASES[statusKey(text)];
}

export function normalizeSummaryStatus(text: string): TierSummaryStatus | undefined {
  return TIER_SUMMARY_LABELS[statusKey(text)];
}

const ROMAN_TIERS: Readonly<Record<string, "Ⅰ" | "Ⅱ" | "Ⅲ">> = {
  Ⅰ: "Ⅰ",
  I: "Ⅰ",
  Ⅱ: "Ⅱ",
  II: "Ⅱ",
  Ⅲ: "Ⅲ",
  III: "Ⅲ",
};

/**
 * A printed tier → canonical tier: "【Ⅰ】<重点施策>" → "Ⅰ", "【Ⅱ-ア】" → "Ⅱ-ア", "I" → "Ⅰ".
 * Accepts ASCII Roman letters because the 2期案 column prints "I" for 【Ⅰ】.
 */
export function normalizeTier(text: string): Tier | undefined {
  const match = /^【?\s*(III|II|I|Ⅲ|Ⅱ|Ⅰ)\s*(?:[-‐－ー]\s*([アイ]))?\s*】?(?:\s*[<＜〈][^>＞〉]*[>＞〉])?$/.exec(text.trim());
  if (!match) return undefined;
  const roman = ROMAN_TIERS[match[1]];
  const sub = match[2];
  if (roman === "Ⅱ") {
    if (sub === "ア") return "Ⅱ-ア";
    if (sub === "イ") return "Ⅱ-イ";
    return undefined;
  }
  return sub ? undefined : roman;
}
