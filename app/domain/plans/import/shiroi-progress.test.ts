import { describe, expect, it } from "vitest";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import type { ParsedPlan } from "../types";
import { PlanImportError } from "./issues";
import { parseShiroiProgress } from "./shiroi-progress";

// Expected numbers were counted from the seed files with grep/perl, independently of this parser
// (run in tests/fixtures/seeds; $f = 000_….txt or 001_….txt):
//   基本目標      grep -c '^[0-9]\+\.' $f                                             → 3
//   施策          grep -P '^\(\d+\)' $f | grep -vc $'\t'                              → 10
//   取組          grep -P '^\(\d+\)' $f | grep -c $'\t'                               → 33
//   具体的な事業  sed 's/^\t*//' $f | grep -cP '^[\x{2460}-\x{2473}]'                 → 59
//   未実施        grep -cP '\t・未実施\t?$' $f                                         → 22
//   entries       on those 59 rows, cells after the first, count /[(（][^()（）]*(?:年度|通年)[)）]/
//                 with perl -Mutf8 -CSD → 93 in 000; 94 in 001, minus the leaked header text
//                 "実施したこと(実施年度)" on line 76 → 93. Bulleted (・) entries: 93 in 000, 85 in 001;
//                 the 8 others in 001 (lines 13, 18, 22) have no bullet.
//   entries with 【department】 after the period: /[)）]\s*【[^【】]*】/ → 92 (2 of them name two departments)
//   measures with entries: rows whose progress cell has such a period → 37 (000), 35 (001: lines 81, 86 are empty)
//   periods: every one is 平成25…平成29 except one (通年) → fiscal years 2013…2017
//   department names: words of the 担当課 cells; names inside the trailing 【】 split at 、 (lists below).

const MEASURE_DEPARTMENTS = [
  "しろいの魅力発信課",
  "企画政策課",
  "各課",
  "学校政策課",
  "市民活動支援課",
  "生涯学習課",
  "産業振興課",
  "秘書広報課",
  "総務課",
  "財政課",
  "都市計画課",
];

const ENTRY_DEPARTMENTS = [
  "しろいの魅力発信課",
  "プラネタリウム館",
  "企画政策課",
  "保健福祉相談室",
  "公民センター",
  "学校教育課",
  "市民安全課",
  "市民活動支援課",
  "文化会館",
  "生涯学習課",
  "社会福祉課",
  "秘書広報課",
  "総務課",
  "行政経営改革課",
  "都市計画課",
  "高齢者福祉課",
];

function countByLevel(plan: ParsedPlan): number[] {
  return plan.levelNames.map((_, level) => plan.measures.filter((measure) => measure.level === level).length);
}

function entriesOf(plan: ParsedPlan) {
  return plan.measures.flatMap((measure) => measure.entries);
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

describe.each([
  ["shiroi", [106, 161], 37],
  ["shiroiDated", [76, 76, 81, 86, 108], 35],
] as const)("seed %s", (seed, warningLines, measuresWithEntries) => {
  const plan = parseShiroiProgress(readSeed(seed));

  it("reads the four-level tree", () => {
    expect(plan.layout).toBe("shiroi-progress");
    expect(plan.title).toBe("市民参加・協働のまちづくりプラン 進捗一覧");
    expect(plan.levelNames).toEqual(["基本目標", "施策", "取組", "具体的な事業"]);
    expect(countByLevel(plan)).toEqual([3, 10, 33, 59]);
  });

  it("reads every progress entry with its period and department", () => {
    const entries = entriesOf(plan);
    expect(entries).toHaveLength(93);
    expect(entries.filter((entry) => entry.departments.length > 0)).toHaveLength(92);
    expect(entries.filter((entry) => entry.departments.length > 1)).toHaveLength(2);
    expect(plan.measures.filter((measure) => measure.entries.length > 0)).toHaveLength(measuresWithEntries);
    const years = entries.flatMap((entry) => (entry.fiscalYearFrom === null ? [] : [entry.fiscalYearFrom, entry.fiscalYearTo ?? 0]));
    expect([Math.min(...years), Math.max(...years)]).toEqual([2013, 2017]);
    expect(entries.filter((entry) => entry.fiscalYearFrom === null).map((entry) => entry.fiscalYearLabel)).toEqual(["通年"]);
  });

  it("reads ・未実施 as a status", () => {
    const histogram: Record<string, number> = {};
    for (const measure of plan.measures.filter((m) => m.level === 3)) {
      const key = measure.status ?? "(none)";
      histogram[key] = (histogram[key] ?? 0) + 1;
    }
    expect(histogram).toEqual({ 未実施: 22, "(none)": 37 });
  });

  it("lists the departments of measures and of entries", () => {
    expect(sortedUnique(plan.measures.flatMap((measure) => measure.departments))).toEqual([...MEASURE_DEPARTMENTS].sort());
    expect(sortedUnique(entriesOf(plan).flatMap((entry) => entry.departments))).toEqual([...ENTRY_DEPARTMENTS].sort());
  });

  it("builds unique hierarchical codes that do not change on re-import", () => {
    const codes = plan.measures.map((measure) => measure.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.slice(0, 4)).toEqual(["1", "1-(1)", "1-(1)-(1)", "1-(1)-(1)-①"]);
    expect(parseShiroiProgress(readSeed(seed)).measures.map((measure) => measure.code)).toEqual(codes);
    for (const measure of plan.measures) {
      if (measure.parentCode) expect(codes).toContain(measure.parentCode);
    }
  });

  it("reports what it had to repair, with line numbers", () => {
    expect(plan.warnings.map((warning) => warning.line)).toEqual(warningLines);
  });

  it("reads a measure row in full", () => {
    const measure = plan.measures.find((m) => m.code === "1-(1)-(1)-①");
    expect(measure).toMatchObject({
      parentCode: "1-(1)-(1)",
      level: 3,
      title: "市民が見やすいホームページの作成と管理",
      departments: ["企画政策課", "秘書広報課", "総務課", "各課"],
    });
    expect(measure?.entries.map((entry) => [entry.fiscalYearLabel, entry.departments.join("、")])).toEqual([
      ["平成26年度", "秘書広報課"],
      ["平成25～29年度", "保健福祉相談室"],
      ["平成29年度", "しろいの魅力発信課"],
    ]);
  });

  it("reads page references and the 取組 description", () => {
    expect(plan.measures.find((m) => m.code === "2-(2)")).toMatchObject({ title: "地域活動に参加しやすい環境づくり", pageRef: "P49～51" });
    expect(plan.measures.find((m) => m.code === "2-(4)")?.pageRef).toBe("P53～P56");
    const initiative = plan.measures.find((m) => m.code === "1-(1)-(2)");
    expect(initiative).toMatchObject({ title: "市の情報発信場所の拡充", pageRef: "P41", level: 2 });
    expect(initiative?.description).toMatch(/^駅や銀行、商店などの人が集まる場所/);
  });

  it("continues an empty 担当課 cell from the row above (merged cell)", () => {
    const first = plan.measures.find((m) => m.code === "3-(1)-(3)-①");
    const third = plan.measures.find((m) => m.code === "3-(1)-(3)-③");
    expect(first?.departments).toEqual(["市民活動支援課", "総務課"]);
    expect(third?.departments).toEqual(["市民活動支援課", "総務課"]);
  });

  it("keeps sub-bullets of a measure title as its description", () => {
    expect(plan.measures.find((m) => m.code === "1-(3)-(3)-①")).toMatchObject({
      title: "事業説明会の開催",
      description: "・地域防災計画の見直しに伴う小学校区ごとの意見交換会\n・まちづくり協議会設立に向けた「地域を考えるフォーラム」の開催",
    });
  });
});

describe("differences between the two renderings", () => {
  it("gives the duplicated ② of seed 000 a stable suffix and a warning", () => {
    const plan = parseShiroiProgress(readSeed("shiroi"));
    expect(plan.measures.filter((m) => m.parentCode === "3-(3)-(1)").map((m) => [m.code, m.title])).toEqual([
      ["3-(3)-(1)-①", "市民参加・協働研修の実施"],
      ["3-(3)-(1)-②", "会議運営・ファシリテーション手法の研修の実施"],
      ["3-(3)-(1)-②#2", "政策法務研修の実施"],
    ]);
    expect(plan.warnings.find((w) => w.line === 161)?.message).toContain("重複");
  });

  it("reads the issue line and strips header words that leaked into a row of seed 001", () => {
    const plan = parseShiroiProgress(readSeed("shiroiDated"));
    expect(plan.issued).toBe("平成30年7月 市民活動支援課");
    const measure = plan.measures.find((m) => m.code === "2-(2)-(1)-①");
    expect(measure?.departments).toEqual(["企画政策課", "市民活動支援課"]);
    expect(measure?.entries.map((entry) => entry.text)).toEqual(["団塊・シニア世代活動支援事業研究会を立ち上げ、庁内での支援の仕組みづくりを検討"]);
    expect(plan.measures.find((m) => m.code === "3-(3)-(1)-③")?.title).toBe("政策法務研修の実施");
  });
});

describe("malformed progress lists", () => {
  const header = "市民参加・協働のまちづくりプラン 進捗一覧\n\n1. 「市民参加」\n\n(1)情報の活用と提供の充実(P41～42)\n\n(1)ICTを活用した情報提供の充実(P41)\t\t説明\n具体的な事業\t担当課\t実施したこと(実施年度)\n";

  function issuesOf(text: string) {
    try {
      parseShiroiProgress(text);
    } catch (error) {
      if (error instanceof PlanImportError) return error.issues;
      throw error;
    }
    throw new Error("expected a PlanImportError");
  }

  it("parses the well-formed minimal list", () => {
    const plan = parseShiroiProgress(`${header}①ホームページの管理\t企画政策課\t・未実施\n`);
    expect(plan.measures.map((m) => m.code)).toEqual(["1", "1-(1)", "1-(1)-(1)", "1-(1)-(1)-①"]);
  });

  it("rejects a measure row with missing columns", () => {
    expect(issuesOf(`${header}①ホームページの管理\t企画政策課\n`)).toEqual([
      { line: 9, message: expect.stringContaining("列が足りません") },
    ]);
  });

  it("rejects a file cut off after the column header", () => {
    expect(issuesOf(header)).toEqual([{ line: 7, message: expect.stringContaining("具体的な事業がありません") }]);
  });

  it("rejects a file cut off inside an entry", () => {
    expect(issuesOf(`${header}①ホームページの管理\t企画政策課\t・リニューアル(平成26年度)【秘書`)).toEqual([
      { line: 9, message: expect.stringContaining("【】が閉じていません") },
    ]);
  });

  it("rejects measures that come before their 取組", () => {
    const issues = issuesOf("進捗一覧\n①ホームページの管理\t企画政策課\t・未実施\n");
    expect(issues.map((issue) => issue.line)).toEqual([1, 2]);
    expect(issues[1].message).toContain("取組がありません");
  });

  it("does not return a half result: errors anywhere throw", () => {
    expect(() => parseShiroiProgress(`${header}①ホームページの管理\t企画政策課\t・未実施\n②動画\n`)).toThrow(PlanImportError);
  });
});
