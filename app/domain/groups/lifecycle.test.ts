import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decisionsFrom, nextStatus, REVIEW_TRANSITIONS } from "./lifecycle";

describe("the review of a group", () => {
  it("moves between statuses only along the table", () => {
    expect(nextStatus("pending", "approve")).toBe("approved");
    expect(nextStatus("pending", "reject")).toBe("rejected");
    expect(nextStatus("pending", "suspend")).toBeNull();
    expect(nextStatus("approved", "suspend")).toBe("suspended");
    expect(nextStatus("approved", "reject")).toBeNull();
    expect(nextStatus("approved", "approve")).toBeNull();
    expect(nextStatus("suspended", "approve")).toBe("approved");
  });

  it("offers the coordinator only the decisions that apply", () => {
    expect(decisionsFrom("pending")).toEqual(["approve", "reject"]);
    expect(decisionsFrom("approved")).toEqual(["suspend"]);
    expect(decisionsFrom("rejected")).toEqual(["approve"]);
    expect(decisionsFrom("suspended")).toEqual(["approve"]);
  });
});

describe("README", () => {
  it("shows the review table exactly as the data has it", () => {
    const rows = Object.entries(REVIEW_TRANSITIONS).map(([decision, t]) => `| \`${decision}\` | ${t.from.map((f) => `\`${f}\``).join(", ")} | \`${t.to}\` |`);
    const lines = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8").split("\n");
    const start = lines.indexOf("| decision | from | to |");
    const end = lines.findIndex((line, i) => i > start + 1 && !line.startsWith("|"));
    expect(start).toBeGreaterThan(-1);
    expect(lines.slice(start + 2, end)).toEqual(rows);
  });
});
