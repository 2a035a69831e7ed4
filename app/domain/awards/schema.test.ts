import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONDITION_TRANSITIONS, decisionSchema } from "./schema";

describe("decisionSchema", () => {
  it("requires a reason for every outcome", () => {
    const result = decisionSchema.safeParse({ outcome: "rejected", reason: " " });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["reason"]);
  });

  it("requires the first year's amount for an award, and no gaps before the last year filled", () => {
    expect(decisionSchema.safeParse({ outcome: "adopted", reason: "r", amounts: [] }).error?.issues[0].path).toEqual(["amounts", 0]);
    expect(decisionSchema.safeParse({ outcome: "adopted", reason: "r", amounts: [undefined, 5] }).error?.issues[0].path).toEqual(["amounts", 0]);
    expect(decisionSchema.parse({ outcome: "candidate", reason: "r", amounts: [5, 3, undefined] })).toEqual({ outcome: "candidate", reason: "r", amounts: [5, 3], conditions: [] });
  });

  it("drops amounts of a rejection and needs conditions for a conditional adoption, one per line", () => {
    expect(decisionSchema.parse({ outcome: "rejected", reason: "r", amounts: [5] }).amounts).toEqual([]);
    expect(decisionSchema.safeParse({ outcome: "conditional", reason: "r", amounts: [5] }).error?.issues[0].path).toEqual(["conditions"]);
    expect(decisionSchema.parse({ outcome: "conditional", reason: "r", amounts: [5], conditions: "一つ目\r\n\n 二つ目 " }).conditions).toEqual(["一つ目", "二つ目"]);
  });
});

describe("README", () => {
  it("shows a condition's status table exactly as the data has it", () => {
    const rows = CONDITION_TRANSITIONS.map((r) => `| \`${r.action}\` | ${r.from.map((f) => `\`${f}\``).join(", ")} | \`${r.to}\` | ${r.side} |`);
    const lines = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8").split("\n");
    const start = lines.indexOf("| action | from | to | side |");
    const end = lines.findIndex((line, i) => i > start + 1 && !line.startsWith("|"));
    expect(lines.slice(start + 2, end)).toEqual(rows);
  });
});
