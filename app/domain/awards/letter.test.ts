import { describe, expect, it } from "vitest";
import { formatLetterNumber, letterHeaderRows, letterSections, parseLetterSequence, type DecisionLetter } from "./letter";

const letter: DecisionLetter = {
  letterNumber: "9協推第12号",
  publishedAt: "2027-06-01T01:00:00.000Z",
  callTitle: "令和9年度 協働事業提案",
  groupName: "竹林の会",
  receiptNumber: "R9-市民-0001",
  title: "竹林を遊び場に",
  theme: "子育て支援課",
  outcome: "conditional",
  reason: "安全面の確認を条件に採択します。",
  amounts: [450_000, 400_000],
  conditions: ["安全計画を提出すること"],
  criteria: [{ name: "公益性", maxPoints: 10, average: 7.5 }],
  comments: ["期待できます。"],
  corrections: [],
};

describe("letter numbers", () => {
  it("are the fiscal year's 令和 year, 協推, and the sequence", () => {
    expect(formatLetterNumber(2027, 12)).toBe("9協推第12号");
    expect(formatLetterNumber(2019, 1)).toBe("1協推第1号");
    expect(parseLetterSequence("9協推第12号", 2027)).toBe(12);
    expect(parseLetterSequence("9協推第12号", 2028)).toBeNull();
    expect(() => formatLetterNumber(2027, 0)).toThrow(RangeError);
  });
});

describe("the letter's content", () => {
  it("prints number, 和暦 date, group, theme and outcome, then reason, amounts, conditions, averages and comments", () => {
    expect(letterHeaderRows(letter).map((r) => r.value)).toEqual(["9協推第12号", "令和9年6月1日", "竹林の会", "R9-市民-0001", "竹林を遊び場に", "子育て支援課", "条件付き採択"]);
    const sections = letterSections(letter);
    expect(sections.map((s) => s.label)).toEqual(["審査結果の理由", "採択額", "採択の条件", "審査項目ごとの平均点", "審査委員からのコメント"]);
    const scores = sections[3];
    expect(scores.kind === "tables" && scores.tables[0].rows).toEqual([["公益性", "7.5", "10点"]]);
  });

  it("ends with the corrections made after publication, dated and with their reasons", () => {
    const sections = letterSections({ ...letter, corrections: [{ at: "2027-06-10T01:00:00.000Z", reason: "採択額の誤り" }] });
    expect(sections.at(-1)).toEqual({ kind: "text", key: "corrections", label: "訂正", text: "令和9年6月10日 訂正（理由: 採択額の誤り）" });
  });

  it("names a rejection's reason as such and prints no amounts", () => {
    const sections = letterSections({ ...letter, outcome: "rejected", amounts: [], conditions: [] });
    expect(sections.map((s) => s.label)).toEqual(["不採択の理由", "審査項目ごとの平均点", "審査委員からのコメント"]);
  });
});
