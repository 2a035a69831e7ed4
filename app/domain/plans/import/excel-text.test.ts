// The cities' tab-separated documents after a round through Excel (「テキスト（タブ区切り）」): Excel
// quotes every cell that holds a quote mark, a tab or a line break and doubles the quotes inside it.
import { describe, expect, it } from "vitest";
import { readSeed, type SeedName } from "../../../../tests/fixtures/seed-documents";
import type { ParsedPlan } from "../types";
import { parsePlan, PlanImportError } from "./index";

/** What Excel writes when rows of cells are saved as tab-separated text. */
function excelText(rows: string[][]): string {
  return rows.map((cells) => cells.map((cell) => (/["\t\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join("\t")).join("\r\n");
}

const resavedByExcel = (text: string) => excelText(text.split("\n").map((line) => line.split("\t")));

const entryCount = (plan: ParsedPlan) => plan.measures.reduce((n, m) => n + m.entries.length, 0);

describe("a document re-saved from Excel as tab-separated text", () => {
  it("reads the 93 entries of the Shiroi progress list, none of them a lone quote mark", () => {
    const text = resavedByExcel(readSeed("shiroi"));
    expect(text).toContain('\t"<ul style=""'); // the cells with <ul style="…"> are quoted
    const plan = parsePlan(text);
    expect(entryCount(plan)).toBe(93);
    expect(plan.measures.flatMap((m) => m.entries).filter((e) => /^"|"$/.test(e.text))).toEqual([]);
  });

  it.each<SeedName>(["shiroi", "shiroiDated", "yamaguchi", "tierTable"])("reads seed %s exactly as the original, warnings and lines too", (seed) => {
    const original = parsePlan(readSeed(seed));
    expect(parsePlan(resavedByExcel(readSeed(seed)))).toEqual(original);
  });

  it("reads a cell spanning lines as one cell, and numbers the lines after it as the file does", () => {
    const original = readSeed("shiroi");
    const lines = original.split("\n");
    const at = lines.findIndex((line) => line.startsWith("①市民が見やすいホームページ"));
    // Excel keeps a line break typed in a cell (Alt+Enter) inside the quoted cell.
    const cells = lines[at].split("\t");
    const progress = cells.findIndex((cell) => cell.startsWith("<ul"));
    cells[progress] = cells[progress].replace(/ ・/g, "\n・");
    const rows = lines.map((line) => line.split("\t"));
    rows[at] = cells;
    const breaks = cells[progress].split("\n").length - 1;
    expect(breaks).toBeGreaterThan(0);

    const before = parsePlan(original);
    const after = parsePlan(excelText(rows));
    expect(entryCount(after)).toBe(93);
    const first = after.measures.find((m) => m.code === "1-(1)-(1)-①")!;
    expect(first.entries.map((e) => e.text)).toEqual(before.measures.find((m) => m.code === "1-(1)-(1)-①")!.entries.map((e) => e.text));
    expect(first.line).toBe(at + 1);
    const next = after.measures.find((m) => m.code === "1-(1)-(1)-②")!;
    expect(next.line).toBe(before.measures.find((m) => m.code === "1-(1)-(1)-②")!.line + breaks);
  });

  it("refuses a file cut inside a quoted cell, with the line the cell starts on", () => {
    const text = resavedByExcel(readSeed("shiroi"));
    const cutAt = text.lastIndexOf('"<ul style=""') + 20;
    const line = text.slice(0, cutAt).split("\r\n").length;
    try {
      parsePlan(text.slice(0, cutAt));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanImportError);
      expect((error as PlanImportError).issues).toEqual([{ line, message: expect.stringContaining("途中で切れていないか") }]);
    }
  });
});
