import { describe, expect, it } from "vitest";
import { normalizeStatus, normalizeTier, STATUS_ALIASES, TIER_SUMMARY_BUCKET } from "./status";
import { MEASURE_STATUSES } from "./types";

describe("status mapping", () => {
  it("is the documented table", () => {
    expect(STATUS_ALIASES).toEqual({
      未実施: "未実施",
      未: "未実施",
      着手中: "着手中",
      一部済: "一部済",
      済: "済",
      "済・継": "済・継続",
      "済・継続": "済・継続",
    });
  });

  it.each([
    ["済・継", "済・継続"],
    ["済･継", "済・継続"],
    ["済 ・ 継続", "済・継続"],
    ["未", "未実施"],
    ["未実施", "未実施"],
    ["一部済", "一部済"],
    ["着手中", "着手中"],
    ["済", "済"],
  ])("%s → %s", (printed, status) => {
    expect(normalizeStatus(printed)).toBe(status);
  });

  it.each(["完了", "", "済み?", "継続"])("does not guess %j", (printed) => {
    expect(normalizeStatus(printed)).toBeUndefined();
  });

  it("puts every canonical status in a bucket of the city's tier header", () => {
    for (const status of MEASURE_STATUSES) expect(TIER_SUMMARY_BUCKET[status]).toBeDefined();
    expect(TIER_SUMMARY_BUCKET["済・継続"]).toBe("済");
    expect(TIER_SUMMARY_BUCKET["未実施"]).toBe("未");
  });
});

describe("normalizeTier", () => {
  it.each([
    ["【Ⅰ】<重点施策>", "Ⅰ"],
    ["【Ⅰ】<重点>", "Ⅰ"],
    ["【Ⅱ-ア】", "Ⅱ-ア"],
    ["【Ⅱ-イ】", "Ⅱ-イ"],
    ["【Ⅲ】", "Ⅲ"],
    ["I", "Ⅰ"],
    ["Ⅱ-イ", "Ⅱ-イ"],
    ["III", "Ⅲ"],
  ])("%s → %s", (printed, tier) => {
    expect(normalizeTier(printed)).toBe(tier);
  });

  it.each(["【Ⅱ】", "【Ⅰ-ア】", "○", "○→I", "【Ⅳ】", ""])("rejects %j", (printed) => {
    expect(normalizeTier(printed)).toBeUndefined();
  });
});
