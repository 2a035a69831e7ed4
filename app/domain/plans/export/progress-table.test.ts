import { describe, expect, it } from "vitest";
import { parsePlan, PlanImportError } from "../import/index";
import { readSeed, type SeedName } from "../../../../tests/fixtures/seed-documents";
import type { ParsedPlan } from "../types";
import { parseCsvRows, parseProgressTable } from "../import/progress-table";
import { toCsvText } from "./csv";
import { progressTableRows, toProgressTable } from "./progress-table";

/** What a round trip must keep: the tree, the fields shown in the list, statuses, tiers and entries. */
export function essence(plan: ParsedPlan) {
  return plan.measures.map((m) => ({
    code: m.code,
    parentCode: m.parentCode,
    level: m.level,
    title: m.title,
    description: m.description,
    departments: m.departments,
    status: m.status,
    tier: m.tier,
    nextTermProposal: m.nextTermProposal,
    nextTermReason: m.nextTermReason,
    entries: m.entries.map(({ line: _line, ...e }) => e),
  }));
}

function csvOf(plan: ParsedPlan): string {
  return toCsvText(progressTableRows(toProgressTable(plan)));
}

/** Everything a plan holds except source line numbers and the parser's own warnings. */
function everything(plan: ParsedPlan) {
  return {
    title: plan.title,
    issued: plan.issued,
    layout: plan.documentLayout ?? plan.layout,
    levelNames: plan.levelNames,
    tierSummary: plan.tierSummary?.map(({ line: _line, ...row }) => row),
    measures: plan.measures.map(({ line: _line, entries, ...m }) => ({ ...m, entries: entries.map(({ line: _l, ...e }) => e) })),
  };
}

describe("the portal's progress table", () => {
  it.each<SeedName>(["shiroi", "shiroiDated", "tierTable", "yamaguchi"])("round-trips seed %s through CSV", (seed) => {
    const plan = parsePlan(readSeed(seed));
    const again = parsePlan(csvOf(plan));
    expect(again.layout).toBe("portal-progress-list");
    expect(again.title).toBe(plan.title);
    expect(again.levelNames).toEqual(plan.levelNames);
    expect(essence(again)).toEqual(essence(plan));
    expect(everything(again)).toEqual(everything(plan));
    expect(again.absent?.plan).toEqual((["issued", "documentLayout", "tierSummary"] as const).filter((k) => !everything(plan)[k === "documentLayout" ? "layout" : k]));
  });

  it("puts the entries of a measure as lines in one cell, as the city prints them", () => {
    const table = toProgressTable(parsePlan(readSeed("shiroi")));
    expect(table.header.slice(0, 4)).toEqual(["番号", "施策", "担当課", "実施したこと(実施年度)"]);
    const row = table.rows.find((r) => r.cells[3].includes("\n"))!;
    expect(row.cells[3].split("\n").every((line) => /【.+】$/.test(line))).toBe(true);
  });

  it("keeps a cell that looks like a formula from running in Excel, and reads it back unchanged", () => {
    const plan = parsePlan(readSeed("tierTable"));
    plan.measures[2].entries[0].text = "=HYPERLINK(\"http://example.com\")";
    const csv = csvOf(plan);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(essence(parsePlan(csv))).toEqual(essence(plan));
  });

  it("reports bad rows with their line numbers and yields no plan", () => {
    const csv = "題\r\n番号,施策,担当課,実施したこと(実施年度),状況,優先度,階層,上位番号\r\n1,目標,,,,,基本目標,\r\n1-(1),\"施策\n説明\",課,,たぶん,,施策,1\r\n2-(1),孤児,,,,,施策,9\r\n";
    try {
      parseProgressTable(parseCsvRows(csv));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanImportError);
      expect((error as PlanImportError).issues.map((i) => i.line)).toEqual([4, 6]);
      expect((error as PlanImportError).issues[0].message).toContain("たぶん");
      expect((error as PlanImportError).issues[1].message).toContain("上位番号「9」");
    }
  });
});
