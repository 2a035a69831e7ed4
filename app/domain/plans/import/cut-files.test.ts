// A file cut short (a download or copy that stopped early) must never import with a measure silently
// incomplete: every layout refuses it with the line number, or imports it with a warning naming what
// was cut. Checked by cutting each seed, and the portal's CSV export, at every line end and mid-line.
import { describe, expect, it } from "vitest";
import { toCsvText } from "../export/csv";
import { progressTableRows, toProgressTable } from "../export/progress-table";
import { readSeed, type SeedName } from "../../../../tests/fixtures/seed-documents";
import type { ParsedMeasure, ParsedPlan } from "../types";
import { parsePlan, PlanImportError } from "./index";

type Outcome = "refused" | "warned" | "complete";

/** What parsing a cut file gives; "complete" only when every measure read equals the whole file's. */
function outcomeOf(text: string, whole: ParsedPlan): { outcome: Outcome; detail: string } {
  let plan: ParsedPlan;
  try {
    plan = parsePlan(text);
  } catch (error) {
    if (!(error instanceof PlanImportError)) throw error;
    expect(error.issues.every((issue) => issue.line >= 1)).toBe(true);
    return { outcome: "refused", detail: error.issues[0].message };
  }
  const cut = plan.warnings.find((w) => /切れて/.test(w.message));
  if (cut) return { outcome: "warned", detail: `${cut.line}: ${cut.message}` };
  const byCode = new Map(whole.measures.map((m) => [m.code, m]));
  const strip = ({ line: _l, entries, ...m }: ParsedMeasure) => ({ ...m, entries: entries.map(({ line: _e, ...e }) => e) });
  const differing = plan.measures.filter((m) => JSON.stringify(strip(m)) !== JSON.stringify(strip(byCode.get(m.code) ?? { ...m, code: "?" })));
  return { outcome: differing.length === 0 ? "complete" : ("incomplete" as Outcome), detail: differing.map((m) => m.code).join(" ") };
}

/**
 * Cut points after each line. (A cut inside the text of a row's last cell cannot be told from a
 * complete file: seed 004 itself ends without a line break right after its last text. Cuts inside a
 * row are tested one by one below.)
 */
function cuts(text: string, from: number, step = 1): { at: string; text: string }[] {
  const lines = text.split("\n");
  const out: { at: string; text: string }[] = [];
  for (let i = from; i < lines.length; i += step) out.push({ at: `after line ${i + 1}`, text: `${lines.slice(0, i + 1).join("\n")}\n` });
  return out;
}

/** Index of the last element matching (Array.prototype.findLastIndex is past this project's ES target). */
function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

function firstMeasureLine(text: string, pattern: RegExp): number {
  return text.split("\n").findIndex((line) => pattern.test(line));
}

describe("a file cut short", () => {
  it.each<[SeedName, RegExp, number]>([
    ["tierTable", /^<b>/, 1],
    ["shiroi", /^1\./, 1],
    ["shiroiDated", /^1\./, 1],
    // Only the 年度別実行計画 section holds measures; every third line keeps the test short.
    ["yamaguchi", /^年度別実行計画\s*$/, 17],
  ])("seed %s: refused or warned wherever the cut leaves a measure incomplete", { timeout: 60_000 }, (seed, start, step) => {
    const text = readSeed(seed);
    const whole = parsePlan(text);
    const from = firstMeasureLine(text, start);
    expect(from).toBeGreaterThan(0);
    const bad = cuts(text, from, step)
      .map((cut) => ({ at: cut.at, ...outcomeOf(cut.text, whole) }))
      .filter((result) => !["refused", "warned", "complete"].includes(result.outcome));
    expect(bad).toEqual([]);
  });

  it("the tier table cut right after a heading is refused with the heading's line (it used to drop the item silently)", () => {
    const text = readSeed("tierTable");
    const lines = text.split("\n");
    const heading = lastIndex(lines, (line) => line.startsWith("<b>"));
    try {
      parsePlan(lines.slice(0, heading + 1).join("\n"));
      expect.unreachable();
    } catch (error) {
      expect((error as PlanImportError).issues).toEqual([{ line: heading + 1, message: expect.stringContaining("協働事業の評価・検証」の下に具体施策がありません") }]);
    }
  });

  it("the Yamaguchi plan cut right after a heading, inside a block or inside its last schedule row", () => {
    const lines = readSeed("yamaguchi").split("\n");
    const strategy = lastIndex(lines, (line) => line.startsWith("推進施策"));
    expect(() => parsePlan(lines.slice(0, strategy + 1).join("\n"))).toThrow(/推進施策「.+」の下に推進項目がありません。ファイルが途中で切れていないか/);
    const purpose = lastIndex(lines, (line) => line.startsWith("目的\t"));
    expect(() => parsePlan(lines.slice(0, purpose + 1).join("\n"))).toThrow(/記載が途中で終わっています/);
    const labels = lastIndex(lines, (line) => line.startsWith("年次計画\t")) + 1;
    const shortened = lines[labels].split("\t").slice(0, 3).join("\t");
    const plan = parsePlan([...lines.slice(0, labels), shortened].join("\n"));
    expect(plan.warnings).toContainEqual({ line: labels + 1, message: expect.stringContaining("年次計画の行が途中で終わっています") });
  });

  it("the Shiroi list cut inside the last entry of its last row", () => {
    const text = readSeed("shiroi");
    const cut = text.slice(0, text.lastIndexOf("【"));
    const plan = parsePlan(cut);
    expect(plan.warnings.at(-1)!.message).toMatch(/担当課【】がありません.*途中で切れていないか/);
  });

  it("the tier table cut inside its last row is imported with a warning naming the row", () => {
    const text = readSeed("tierTable");
    const lines = text.split("\n");
    const last = lines.length - 1;
    const cut = [...lines.slice(0, last), lines[last].split("\t").slice(0, 5).join("\t")].join("\n"); // right after 実績
    const plan = parsePlan(cut);
    expect(plan.warnings).toContainEqual({ line: last + 1, message: expect.stringContaining("最後の No 23 の行は「2期案」「理由」の列がなく") });
  });

  it("the portal's CSV cut after a heading row, inside a row or inside a quoted cell", () => {
    const whole = parsePlan(readSeed("yamaguchi"));
    const csv = toCsvText(progressTableRows(toProgressTable(whole)));
    const rows = csv.split("\r\n");
    const heading = lastIndex(rows, (row) => /^V-\(\d+\),/.test(row));
    const code = rows[heading].split(",")[0];
    const afterHeading = parsePlan(rows.slice(0, heading + 1).join("\r\n"));
    expect(afterHeading.warnings.filter((w) => /途中で切れていないか/.test(w.message)).map((w) => w.message)).toEqual([expect.stringContaining(`最後の行「${code} `)]);

    const exported = parsePlan(csv);
    const from = csv.split("\n").findIndex((r) => r.startsWith("番号,")) + 1;
    const bad = cuts(csv, from, 7)
      .map((cut) => ({ at: cut.at, ...outcomeOf(cut.text, exported) }))
      .filter((result) => !["refused", "warned", "complete"].includes(result.outcome));
    expect(bad).toEqual([]);

    // Inside a row: fewer cells than the header.
    const last = rows.length - 2; // the text ends with a line break
    const insideRow = parsePlan([...rows.slice(0, last), rows[last].split(",").slice(0, 4).join(",")].join("\r\n"));
    expect(insideRow.warnings.some((w) => /最後の行（番号「V-\(\d+\)-.」）の列が見出しより少なく/.test(w.message))).toBe(true);
    // Inside a quoted cell (one spanning lines): refused with the line the cell starts on.
    const quoted = csv.lastIndexOf('"');
    expect(() => parsePlan(csv.slice(0, quoted))).toThrow(/引用符（"）で始まるセルが閉じないまま/);
  });
});
