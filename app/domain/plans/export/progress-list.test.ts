import { describe, expect, it } from "vitest";
import { parsePlan, parseShiroiProgress } from "../import";
import { IssueLog } from "../import/issues";
import { parseProgressCell } from "../import/progress-entries";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import type { ParsedMeasure, ParsedPlan } from "../types";
import { formatProgressEntry, renderShiroiProgressText, toProgressListRows } from "./progress-list";

/** Everything an operator sees of a measure; line numbers necessarily differ after re-rendering. */
function withoutLines(measures: ParsedMeasure[]) {
  return measures.map(({ line: _line, entries, ...rest }) => ({
    ...rest,
    entries: entries.map(({ line: _entryLine, ...entry }) => entry),
  }));
}

describe("toProgressListRows", () => {
  const shiroi = parsePlan(readSeed("shiroi"));

  it("gives one row per 具体的な事業, with entries as lines and 未実施 as a line of its own", () => {
    const rows = toProgressListRows(shiroi);
    expect(rows).toHaveLength(59);
    expect(rows[0]).toEqual({
      measureCode: "1-(1)-(1)-①",
      title: "市民が見やすいホームページの作成と管理",
      description: undefined,
      departments: ["企画政策課", "秘書広報課", "総務課", "各課"],
      entryLines: [
        "利用者が必要な情報に簡単にたどり着くサイト構造、デザインとしてホームページリニューアル(平成26年度)【秘書広報課】",
        "保健福祉の制度や窓口について掲載している「しろい保健福祉ガイドブック」をPDFファイルでホームページに掲載(平成25～29年度)【保健福祉相談室】",
        "見やすいホームページとするため、日常的なホームページの管理運営を行った(平成29年度)【しろいの魅力発信課】",
      ],
      status: undefined,
    });
    expect(rows[1]).toMatchObject({ measureCode: "1-(1)-(1)-②", entryLines: ["未実施"], status: "未実施" });
    expect(rows.filter((row) => row.status === "未実施")).toHaveLength(22);
    expect(rows.reduce((sum, row) => sum + (row.status ? 0 : row.entryLines.length), 0)).toBe(93);
  });

  it("works for the other layouts' leaves too", () => {
    const yamaguchi = toProgressListRows(parsePlan(readSeed("yamaguchi")));
    expect(yamaguchi).toHaveLength(52);
    expect(yamaguchi.every((row) => row.entryLines.length === 0)).toBe(true);
    const tiers = toProgressListRows(parsePlan(readSeed("tierTable")));
    expect(tiers).toHaveLength(23);
    expect(tiers[2]).toMatchObject({ measureCode: "3", status: "済", entryLines: ["R3につながるエール基金の開始"] });
  });

  it("prints an entry created in the portal (no printed period) from its fiscal years", () => {
    const line = formatProgressEntry({
      text: "協働事業「子ども食堂」の実施",
      fiscalYearFrom: 2023,
      fiscalYearTo: 2024,
      fiscalYearLabel: null,
      departments: ["市民活動支援課", "社会福祉課"],
      line: 0,
    });
    expect(line).toBe("協働事業「子ども食堂」の実施(令和5～6年度)【市民活動支援課、社会福祉課】");
    const log = new IssueLog();
    expect(parseProgressCell(`・${line}`, 1, log).entries[0]).toMatchObject({ fiscalYearFrom: 2023, fiscalYearTo: 2024 });
    expect(log.warnings).toEqual([]);
  });
});

describe("renderShiroiProgressText", () => {
  it.each(["shiroi", "shiroiDated"] as const)("re-imports seed %s to the same measures, entries and statuses", (seed) => {
    const original: ParsedPlan = parseShiroiProgress(readSeed(seed));
    const text = renderShiroiProgressText(original);
    const reimported = parseShiroiProgress(text);
    expect(reimported.title).toBe(original.title);
    expect(reimported.issued).toBe(original.issued);
    expect(withoutLines(reimported.measures)).toEqual(withoutLines(original.measures));
    // Rendering is stable: exporting the re-imported plan gives the same text.
    expect(renderShiroiProgressText(reimported)).toBe(text);
  });

  it("prints the rows in the seed's column shape", () => {
    const text = renderShiroiProgressText(parseShiroiProgress(readSeed("shiroi")));
    const lines = text.split("\n");
    expect(lines).toContain("具体的な事業\t担当課\t実施したこと(実施年度)");
    expect(lines).toContain("②市が所有する行政資料の一覧を市HPで提供\t企画政策課 秘書広報課 総務課 各課\t・未実施");
    expect(lines).toContain("1. 「市民参加」～多様な市民とともにつくる～");
  });

  it("refuses plans of another layout", () => {
    expect(() => renderShiroiProgressText(parsePlan(readSeed("tierTable")))).toThrow(/shiroi-progress/);
  });
});
