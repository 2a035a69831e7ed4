import { describe, expect, it } from "vitest";
import { planOutline, progressPage, progressPageOf } from "./paging";

// goal g1 → policies p1, p2 → leaves l1…l3 under p1, l4 under p2; goal g2 → policy p3 → leaf l5.
const tree = [
  { id: "g1", parentId: null },
  { id: "p1", parentId: "g1" },
  { id: "l1", parentId: "p1" },
  { id: "l2", parentId: "p1" },
  { id: "l3", parentId: "p1" },
  { id: "p2", parentId: "g1" },
  { id: "l4", parentId: "p2" },
  { id: "g2", parentId: null },
  { id: "p3", parentId: "g2" },
  { id: "l5", parentId: "p3" },
];
const ids = (shown: { id: string }[]) => shown.map((m) => m.id);

describe("planOutline", () => {
  it("shows a plan within the limit whole, nothing folded", () => {
    const outline = planOutline(tree, null, 10);
    expect(outline.whole).toBe(true);
    expect(ids(outline.shown)).toEqual(ids(tree));
    expect(outline.shown.every((m) => m.folded === 0)).toBe(true);
  });

  it("shows a bigger plan's headings with the number of measures folded under each", () => {
    const outline = planOutline(tree, null, 5);
    expect(outline.whole).toBe(false);
    expect(ids(outline.shown)).toEqual(["g1", "p1", "p2", "g2", "p3"]);
    expect(Object.fromEntries(outline.shown.map((m) => [m.id, m.folded]))).toEqual({ g1: 0, p1: 3, p2: 1, g2: 0, p3: 1 });
  });

  it("opens everything under the measure asked for, in the plan's order", () => {
    expect(ids(planOutline(tree, "p1", 5).shown)).toEqual(["g1", "p1", "l1", "l2", "l3", "p2", "g2", "p3"]);
    expect(ids(planOutline(tree, "g1", 5).shown)).toEqual(["g1", "p1", "l1", "l2", "l3", "p2", "l4", "g2", "p3"]);
  });

  it("opens nothing for a leaf or an id of no measure of the plan", () => {
    expect(planOutline(tree, "l1", 5).open).toBeNull();
    expect(ids(planOutline(tree, "elsewhere", 5).shown)).toEqual(["g1", "p1", "p2", "g2", "p3"]);
  });
});

describe("progressPage", () => {
  const rows = tree.map((m) => ({ code: m.id, parentCode: m.parentId }));
  const codes = (page: { rows: { code: string; continued: boolean }[] }) => page.rows.map((r) => (r.continued ? `(${r.code})` : r.code));

  it("is one page when the list fits", () => {
    expect(progressPage(rows, 1, 4, 10)).toMatchObject({ page: 1, pages: 1, all: false });
  });

  it("repeats the headings above a page's first measure, marked as continued", () => {
    expect(codes(progressPage(rows, 1, 4, 5))).toEqual(["g1", "p1", "l1", "l2"]);
    expect(codes(progressPage(rows, 2, 4, 5))).toEqual(["(g1)", "(p1)", "l3", "p2", "l4", "g2"]);
    expect(codes(progressPage(rows, 3, 4, 5))).toEqual(["(g2)", "p3", "l5"]);
  });

  it("answers a page past the end with the last, and 'all' with every row", () => {
    expect(progressPage(rows, 99, 4, 5).page).toBe(3);
    expect(progressPage(rows, "all", 4, 5)).toMatchObject({ pages: 3, all: true });
    expect(progressPage(rows, "all", 4, 5).rows).toHaveLength(rows.length);
  });

  it("reads the page asked for, 1 for anything that is not a page number", () => {
    expect([progressPageOf("3"), progressPageOf(null), progressPageOf("0"), progressPageOf("x"), progressPageOf("1.5"), progressPageOf("all")]).toEqual([3, 1, 1, 1, 1, "all"]);
  });
});
