import { describe, expect, it } from "vitest";
import { readSeed, type SeedName } from "../../../../tests/fixtures/seed-documents";
import { detectLayout, parsePlan, PlanImportError, scoreLayouts } from "./index";

describe("detectLayout", () => {
  it.each([
    ["shiroi", "shiroi-progress"],
    ["shiroiDated", "shiroi-progress"],
    ["yamaguchi", "yamaguchi-action-plan"],
    ["tierTable", "tier-table"],
  ] as [SeedName, string][])("recognizes seed %s as %s, with no evidence for the other layouts", (seed, layout) => {
    const text = readSeed(seed);
    expect(detectLayout(text)).toBe(layout);
    const scores = scoreLayouts(text);
    for (const [other, score] of Object.entries(scores)) if (other !== layout) expect(score).toBe(0);
  });

  // A deterministic pseudo-random generator, so the "random text" is the same on every run.
  function randomText(seed: number, lines: number): string {
    const alphabet = "あいうえおかきくけこ市民協働計画年度課①②【】・\t  0123456789ABC";
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    return Array.from({ length: lines }, () =>
      Array.from({ length: 5 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
    ).join("\n");
  }

  it.each([
    ["empty text", ""],
    ["prose", "協働のまちづくりについて\n\n市民と行政が共に取り組むことが大切です。\n"],
    ["an unrelated table", "氏名\t住所\t電話\n山田\t白井市\t047-000-0000\n"],
    ["English", "Lorem ipsum dolor sit amet,\tconsectetur\tadipiscing elit.\n".repeat(20)],
    ["random characters", randomText(42, 200)],
    ["more random characters", randomText(7, 500)],
  ])("rejects %s", (_, text) => {
    expect(detectLayout(text)).toBeNull();
  });
});

describe("parsePlan", () => {
  it("detects the layout and parses each seed", () => {
    expect(parsePlan(readSeed("shiroi")).measures).toHaveLength(105);
    expect(parsePlan(readSeed("yamaguchi")).measures).toHaveLength(73);
    expect(parsePlan(readSeed("tierTable")).measures).toHaveLength(46);
  });

  it("ignores a byte order mark", () => {
    expect(parsePlan(`\uFEFF${readSeed("tierTable")}`).title).toBe("第1期指針 具体施策の進捗状況一覧");
  });

  it("refuses unknown text with a Japanese message on line 1", () => {
    expect(() => parsePlan("こんにちは\n世界")).toThrow(PlanImportError);
    try {
      parsePlan("こんにちは\n世界");
    } catch (error) {
      expect(error).toBeInstanceOf(PlanImportError);
      expect((error as PlanImportError).issues).toEqual([{ line: 1, message: expect.stringContaining("形式を判別できませんでした") }]);
    }
  });

  it("refuses an empty file", () => {
    expect(() => parsePlan(" \n\n")).toThrow(/ファイルが空です/);
  });

  it("uses the layout the operator chose, and reports its errors", () => {
    expect(() => parsePlan(readSeed("tierTable"), { layout: "yamaguchi-action-plan" })).toThrow(PlanImportError);
  });
});
