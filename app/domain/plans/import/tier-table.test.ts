import { describe, expect, it } from "vitest";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import type { ParsedPlan } from "../types";
import { PlanImportError } from "./issues";
import { computeTierSummary, formatTierSummaryCounts, parseTierTable } from "./tier-table";

// Expected numbers were counted from tests/fixtures/seeds/004_77c9cadea00771e0.txt ($f) with grep/awk,
// independently of this parser:
//   具体施策 (numbered rows)   grep -cP '^\d+\t' $f                                  → 23
//   区分 headings              grep -cP '^<b>（\d+）' $f                              → 7
//   項目 headings              grep -P '^<b>' $f | grep -vcP '^<b>（\d+）'            → 16 (one without ア/イ…)
//   statuses                   grep -P '^\d+\t' $f | awk -F'\t' '{print $4}' | sort | uniq -c
//                              → 済・継 6, 済 5, 一部済 3, 着手中 2, 未 7
//   tiers                      … '{print $3}' → 【Ⅰ】<重点施策> 6, 【Ⅱ-ア】 6, 【Ⅱ-イ】 9, 【Ⅲ】 2
//   tier × status              … '{print $3"|"$4}' → Ⅰ: 済2 済・継2 着手中1 未1; Ⅱ-ア: 済1 着手中1 一部済2 未2;
//                              Ⅱ-イ: 済2 済・継4 一部済1 未2; Ⅲ: 未2
//   実績 not empty             … '$5!=""' | wc -l                                     → 17
//   2期案                      … '{print $6}' → Ⅱ-イ 10, I 5, Ⅱ-ア 2, Ⅲ 2, ○ 2, ○→I 2
// Recomputing the header from the tier × status counts (済・継 counts as 済) gives
//   【Ⅰ】4/6：済 1/6：着手中 1/6：未   【Ⅱ-ア】1/6：済 1/6：着手中 2/6：一部済 2/6：未
//   【Ⅱ-イ】6/9：済 1/9：一部済 2/9：未   【Ⅲ】2/2：未
// while lines 5–8 of the file print a different summary for Ⅰ, Ⅱ-ア and Ⅱ-イ (Ⅱ-イ even mixes /8
// and /6). Only 【Ⅲ】 agrees. The importer keeps the printed header and reports each difference.

function histogram(values: (string | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value ?? "(none)"] = (counts[value ?? "(none)"] ?? 0) + 1;
  return counts;
}

describe("seed 004 (第1期指針 具体施策の進捗状況一覧)", () => {
  const plan: ParsedPlan = parseTierTable(readSeed("tierTable"));
  const numbered = plan.measures.filter((measure) => measure.level === 2);

  it("reads headings and numbered measures", () => {
    expect(plan.layout).toBe("tier-table");
    expect(plan.title).toBe("第1期指針 具体施策の進捗状況一覧");
    expect(plan.levelNames).toEqual(["区分", "項目", "具体施策"]);
    expect([0, 1, 2].map((level) => plan.measures.filter((m) => m.level === level).length)).toEqual([7, 16, 23]);
    expect(numbered.map((m) => m.code)).toEqual(Array.from({ length: 23 }, (_, index) => String(index + 1)));
  });

  it("normalizes statuses and tiers", () => {
    expect(histogram(numbered.map((m) => m.status))).toEqual({ "済・継続": 6, 済: 5, 一部済: 3, 着手中: 2, 未実施: 7 });
    expect(histogram(numbered.map((m) => m.tier))).toEqual({ Ⅰ: 6, "Ⅱ-ア": 6, "Ⅱ-イ": 9, Ⅲ: 2 });
    expect(histogram(numbered.map((m) => `${m.tier}|${m.status}`))).toEqual({
      "Ⅰ|済": 2,
      "Ⅰ|済・継続": 2,
      "Ⅰ|着手中": 1,
      "Ⅰ|未実施": 1,
      "Ⅱ-ア|済": 1,
      "Ⅱ-ア|着手中": 1,
      "Ⅱ-ア|一部済": 2,
      "Ⅱ-ア|未実施": 2,
      "Ⅱ-イ|済": 2,
      "Ⅱ-イ|済・継続": 4,
      "Ⅱ-イ|一部済": 1,
      "Ⅱ-イ|未実施": 2,
      "Ⅲ|未実施": 2,
    });
  });

  it("keeps 実績 as a progress entry and the next-term proposal as printed", () => {
    expect(numbered.filter((m) => m.entries.length > 0)).toHaveLength(17);
    expect(histogram(numbered.map((m) => m.nextTermProposal))).toEqual({ "Ⅱ-イ": 10, I: 5, "Ⅱ-ア": 2, Ⅲ: 2, "○": 2, "○→I": 2 });
    expect(numbered[5]).toMatchObject({
      code: "6",
      parentCode: "(3)-ア",
      title: "個別に実施している協働事業に関する情報の集約と提供",
      tier: "Ⅱ-ア",
      status: "未実施",
      nextTermProposal: "I",
      line: 22,
    });
    expect(numbered[5].entries[0].text).toMatch(/^センターとの意見交換を参考。/);
    expect(numbered[5].nextTermReason).toMatch(/^協働事業の報告書をホームページで公開しているが/);
  });

  it("gives the heading printed without a letter a stable code", () => {
    expect(plan.measures.find((m) => m.code === "(6)-#1")?.title).toBe("多様な中間支援組織との連携");
    expect(numbered[16].parentCode).toBe("(6)-#1");
  });

  it("keeps the tier header as printed", () => {
    expect(plan.tierSummary?.map((row) => [row.tier, row.label, formatTierSummaryCounts(row.counts), row.line])).toEqual([
      ["Ⅰ", "重点", "5/6：済 1/6：未", 5],
      ["Ⅱ-ア", undefined, "1/6：済 2/6：着手中 1/6：一部済 2/6：未", 6],
      ["Ⅱ-イ", undefined, "5/8：済 1/6：一部済 2/6：未", 7],
      ["Ⅲ", undefined, "2/2：未", 8],
    ]);
    expect(plan.tierSummary?.[0].description).toBe("優先度が高く、短期的(1～2年)に実施していくもの");
  });

  it("recomputes the tier summary from the statuses in the city's format", () => {
    const computed = computeTierSummary(plan.measures);
    expect(Object.fromEntries([...computed].map(([tier, counts]) => [tier, formatTierSummaryCounts(counts)]))).toEqual({
      Ⅰ: "4/6：済 1/6：着手中 1/6：未",
      "Ⅱ-ア": "1/6：済 1/6：着手中 2/6：一部済 2/6：未",
      "Ⅱ-イ": "6/9：済 1/9：一部済 2/9：未",
      Ⅲ: "2/2：未",
    });
    // Where the file is consistent, the recomputed summary is exactly the printed one.
    expect(formatTierSummaryCounts(computed.get("Ⅲ") ?? [])).toBe(formatTierSummaryCounts(plan.tierSummary?.[3].counts ?? []));
  });

  it("reports each tier whose printed summary disagrees with the statuses, and the heading gaps", () => {
    expect(plan.warnings.map((warning) => warning.line)).toEqual([5, 6, 7, 26, 43]);
    expect(plan.warnings[0].message).toBe("【Ⅰ】の達成状況「5/6：済 1/6：未」が各施策の状況から集計した「4/6：済 1/6：着手中 1/6：未」と一致しません。");
    expect(plan.warnings[3].message).toContain("「イ」の見出しがありません");
  });
});

describe("malformed tier tables", () => {
  const table = [
    "第1期指針 具体施策の進捗状況一覧",
    "【達成状況】",
    "【Ⅰ】<重点>\t優先度が高いもの\t1/1：済",
    "No\t内容\t重点\t施策の実施\t実績\t2期案\t理由",
    "<b>（1）活動の場の提供に関すること</b>\t\t\t\t\t\t",
    "<b>ア 市民活動団体等の活動拠点の確保</b>\t\t\t\t\t\t",
    "1\t民間施設等の活用\t【Ⅰ】<重点施策>\t済\t公開した\tⅡ-イ\t理由",
  ];

  function issuesOf(lines: string[]) {
    try {
      parseTierTable(lines.join("\n"));
    } catch (error) {
      if (error instanceof PlanImportError) return error.issues;
      throw error;
    }
    throw new Error("expected a PlanImportError");
  }

  it("parses the well-formed table without warnings", () => {
    const plan = parseTierTable(table.join("\n"));
    expect(plan.measures.map((m) => m.code)).toEqual(["(1)", "(1)-ア", "1"]);
    expect(plan.warnings).toEqual([]);
  });

  it("rejects a measure row with missing columns", () => {
    expect(issuesOf([...table, "2\t公共施設の有効利用"])).toEqual([{ line: 8, message: expect.stringContaining("重点") }]);
  });

  it("rejects an unknown status or tier instead of guessing", () => {
    expect(issuesOf([...table, "2\t公共施設の有効利用\t【Ⅰ】\t完了"])).toEqual([{ line: 8, message: expect.stringContaining("施策の実施「完了」") }]);
    expect(issuesOf([...table, "2\t公共施設の有効利用\t【Ⅳ】\t済"])).toEqual([{ line: 8, message: expect.stringContaining("重点「【Ⅳ】」") }]);
  });

  it("rejects a table without its column header", () => {
    expect(issuesOf(table.filter((line) => !line.startsWith("No\t")))[0]).toEqual({
      line: 1,
      message: expect.stringContaining("見出し行"),
    });
  });
});
