import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHEET_TRANSITIONS, transitionsFrom } from "./lifecycle";

describe("the status table", () => {
  it("publishes only from a draft or a closed sheet, and never leaves the archive", () => {
    expect(SHEET_TRANSITIONS.filter((t) => t.to === "published").map((t) => t.from).sort()).toEqual(["closed", "draft"]);
    expect(transitionsFrom("archived")).toEqual([]);
  });
});

describe("README", () => {
  it("shows the status table exactly as the data has it", () => {
    const rows = SHEET_TRANSITIONS.map((t) => `| \`${t.from}\` | \`${t.to}\` | ${t.label} |`);
    const lines = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8").split("\n");
    const start = lines.indexOf("| from | to | button |");
    const end = lines.findIndex((line, i) => i > start + 1 && !line.startsWith("|"));
    expect(start).toBeGreaterThan(-1);
    expect(lines.slice(start + 2, end)).toEqual(rows);
  });
});
