import { describe, expect, it } from "vitest";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import type { ParsedPlan } from "../types";
import { PlanImportError } from "./issues";
import { parseCheckedActors, parseYamaguchiActionPlan } from "./yamaguchi-action-plan";

// Expected numbers were counted from tests/fixtures/seeds/002_c6f7c75fd7178157.txt ($f) with
// grep/awk/perl, independently of this parser:
//   推進方針   awk 'NR>=962' $f | grep -c '^推進方針'   (after the 年度別実行計画 heading, line 962) → 5
//   推進施策   grep -c '^推進施策' $f                                                             → 16
//   推進項目   grep -c $'^整理番号\t' $f; also 52 rows each of 推進項目/実施主体/推進項目対象/目的/
//              現状と課題/推進内容/完了の目安                                                     → 52
//   【再掲】   grep -P '^推進項目\t' $f | grep -c 再掲                                             → 5
//   【行政改革大綱推進計画】 same rows, grep -c 行政改革大綱推進計画                              → 4
//   年次計画   grep -P '^年次計画\t' $f | sort | uniq -c → 52 × "H20 H21 H22 H23 H24" (FY2008…2012);
//              the non-empty cells of the row below each (grep -A1 … | perl) → 232, histogram below
//   担当課     the cell after "担当課" in 推進項目 rows, split at ・ → 10 names below
//   対象       推進項目対象 rows, <input checked> → ■, then /■\s*([^■□]+)/ → histogram below
//   実施主体   second cell split at ・ → histogram below

function countByLevel(plan: ParsedPlan): number[] {
  return plan.levelNames.map((_, level) => plan.measures.filter((measure) => measure.level === level).length);
}

function histogram(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe("seed 002 (山口市協働推進プラン 実行計画)", () => {
  const plan = parseYamaguchiActionPlan(readSeed("yamaguchi"));
  const items = plan.measures.filter((measure) => measure.level === 2);

  it("reads the 推進方針 / 推進施策 / 推進項目 tree from 年度別実行計画", () => {
    expect(plan.layout).toBe("yamaguchi-action-plan");
    expect(plan.title).toBe("山口市協働推進プラン");
    expect(plan.levelNames).toEqual(["推進方針", "推進施策", "推進項目"]);
    expect(countByLevel(plan)).toEqual([5, 16, 52]);
    expect(plan.measures.filter((m) => m.level === 0).map((m) => m.code)).toEqual(["I", "II", "III", "IV", "V"]);
  });

  it("uses the 整理番号 as code, with ASCII Roman numerals whichever way they were printed", () => {
    const codes = plan.measures.map((measure) => measure.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(items[0].code).toBe("I-(1)-①");
    expect(codes).toContain("II-(1)-①"); // printed "Ⅱ - (1) - ①"
    expect(codes).toContain("V-(3)-①"); // printed "V - (3) - ①"
    expect(parseYamaguchiActionPlan(readSeed("yamaguchi")).measures.map((m) => m.code)).toEqual(codes);
  });

  it("reads every field of a 推進項目 block", () => {
    expect(items[0]).toMatchObject({
      code: "I-(1)-①",
      parentCode: "I-(1)",
      title: "地域交流センターの設置",
      labels: ["行政改革大綱推進計画"],
      departments: ["協働推進課", "生涯学習課", "行革推進課"],
      implementers: ["行政"],
      targetActors: ["市民", "地域コミュニティ", "市民活動団体"],
      purpose: "地域コミュニティ活動や市民活動の活性化を図り、地域協働によるまちづくりを推進します。",
      completionCriteria: "全ての公民館について地域交流センターを位置づけたときに完了とします。",
      schedule: [
        { fiscalYear: 2008, label: "検討" },
        { fiscalYear: 2009, label: "実施・完了予定" },
      ],
      line: 968,
    });
    expect(items[0].currentIssues).toMatch(/^協働によるまちづくりを推進するためには/);
    expect(items[0].content).toMatch(/「地域交流センター」として位置づけます。$/);
    for (const item of items) {
      expect([item.purpose, item.currentIssues, item.content, item.completionCriteria].every(Boolean)).toBe(true);
    }
  });

  it("reads the yearly schedule of every item", () => {
    const schedule = items.flatMap((item) => item.schedule);
    expect(schedule).toHaveLength(232);
    expect(histogram(schedule.map((cell) => cell.label))).toEqual({
      "→": 127,
      一部実施: 1,
      実施: 57,
      "実施・完了予定": 1,
      検討: 32,
      "検討・一部実施": 3,
      "検討・周知": 1,
      "検討・実施": 5,
      "見直し・実施": 5,
    });
    const years = schedule.map((cell) => cell.fiscalYear);
    expect([Math.min(...years), Math.max(...years)]).toEqual([2008, 2012]);
    // Empty cells are no plan for that year, not a "→".
    expect(items.find((m) => m.code === "II-(1)-①")?.schedule.map((cell) => cell.fiscalYear)).toEqual([2008, 2009, 2012]);
  });

  it("links each 【再掲】 item to the item it repeats", () => {
    const relists = Object.fromEntries(items.filter((m) => m.relistOf).map((m) => [m.code, m.relistOf]));
    expect(relists).toEqual({
      "III-(2)-②": "II-(4)-①",
      "IV-(2)-①": "I-(2)-⑤",
      "IV-(2)-③": "II-(4)-②",
      "V-(1)-②": "I-(4)-③",
      "V-(2)-②": "II-(2)-③",
    });
    expect(items.find((m) => m.code === "IV-(2)-①")?.title).toBe("市民活動交流事業補助金の見直し");
    expect(items.filter((m) => m.labels.includes("行政改革大綱推進計画"))).toHaveLength(4);
  });

  it("lists departments, target actors and implementers", () => {
    expect([...new Set(items.flatMap((m) => m.departments))].sort()).toEqual(
      ["企画経営課", "全所属", "協働推進課", "広報広聴課", "施設維持課", "生涯学習課", "管財課", "職員課", "行革推進課", "関係課"].sort(),
    );
    expect(histogram(items.flatMap((m) => m.targetActors))).toEqual({
      "その他(中間支援組織)": 1,
      "その他(小学4年生)": 1,
      事業者: 11,
      地域コミュニティ: 26,
      市民: 22,
      市民活動団体: 26,
      教育機関: 11,
      行政: 17,
    });
    expect(histogram(items.flatMap((m) => m.implementers))).toEqual({
      中間支援組織: 1,
      事業者: 4,
      協働のまちづくり推進委員会: 2,
      地域コミュニティ: 6,
      市民: 2,
      市民活動団体: 8,
      教育機関: 4,
      行政: 52,
    });
  });

  it("reports where the 推進項目一覧表 disagrees with the blocks, and the skipped back cover", () => {
    expect(plan.warnings.map((warning) => warning.line)).toEqual([891, 892, 895, 938, 956, 1580]);
    expect(plan.warnings[0].message).toContain("I-(2)-④");
    expect(plan.warnings[0].message).toContain("コミュニティ活動保険の創設・活用");
  });
});

describe("parseCheckedActors", () => {
  it("reads ■ as selected, in both printed and checkbox form", () => {
    expect(parseCheckedActors("■市民 □地域コミュニティ ■その他 ( 小学4年生 )")).toEqual(["市民", "その他(小学4年生)"]);
    expect(parseCheckedActors("□市民 ■その他 ()")).toEqual(["その他"]);
  });
});

describe("malformed action plans", () => {
  const block = [
    "年度別実行計画",
    "推進方針 I 参加しやすく、活動しやすい環境づくりを進めます",
    "推進施策 (1) 活動(交流)拠点機能の充実",
    "整理番号\tI - (1) - ①",
    "推進項目\t① 地域交流センターの設置\t\t担当課\t協働推進課",
    "実施主体\t行政",
    "推進項目対象\t■市民 □行政",
    "目的\t目的の文",
    "現状と課題\t課題の文",
    "推進内容\t内容の文",
    "完了の目安\t完了の文",
    "年次計画\tH20\tH21",
    "\t検討\t実施",
  ];

  function issuesOf(lines: string[]) {
    try {
      parseYamaguchiActionPlan(lines.join("\n"));
    } catch (error) {
      if (error instanceof PlanImportError) return error.issues;
      throw error;
    }
    throw new Error("expected a PlanImportError");
  }

  it("parses the well-formed block", () => {
    const plan = parseYamaguchiActionPlan(block.join("\n"));
    expect(plan.measures.map((m) => m.code)).toEqual(["I", "I-(1)", "I-(1)-①"]);
    expect(plan.warnings).toEqual([]);
  });

  it("rejects a file cut off inside a block, pointing at its 整理番号", () => {
    expect(issuesOf(block.slice(0, 8))).toEqual([{ line: 4, message: expect.stringContaining("年次計画がありません") }]);
  });

  it("rejects an item without 担当課", () => {
    const lines = [...block];
    lines[4] = "推進項目\t① 地域交流センターの設置";
    expect(issuesOf(lines)).toEqual([{ line: 4, message: expect.stringContaining("担当課がありません") }]);
  });

  it("rejects a 整理番号 under the wrong 推進施策", () => {
    const lines = [...block];
    lines[3] = "整理番号\tI - (2) - ①";
    expect(issuesOf(lines)[0]).toEqual({ line: 4, message: expect.stringContaining("推進施策 I-(1) の下") });
  });

  it("rejects an unreadable 整理番号 and an unreadable schedule year", () => {
    const badCode = [...block];
    badCode[3] = "整理番号\tI の 1";
    expect(issuesOf(badCode)[0]).toEqual({ line: 4, message: expect.stringContaining("読み取れません") });
    const badYear = [...block];
    badYear[11] = "年次計画\t初年度\tH21";
    expect(issuesOf(badYear)).toEqual([{ line: 12, message: expect.stringContaining("初年度") }]);
  });

  it("rejects a document without any 推進項目", () => {
    expect(issuesOf(["山口市協働推進プラン", "年度別実行計画"])).toEqual([{ line: 1, message: expect.stringContaining("見つかりません") }]);
  });
});
