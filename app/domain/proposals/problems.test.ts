import { describe, expect, it } from "vitest";
import { problemHref, problemList } from "./content";

describe("where a member fixes what a submission lacks", () => {
  it("links a field, a table cell and a table to the editor, and a missing document to the attachments", () => {
    expect(problemHref("p1", "title")).toBe("/proposals/p1/edit#proposal-title");
    expect(problemHref("p1", "budget[2].amount")).toBe("/proposals/p1/edit#proposal-budget-2-amount");
    expect(problemHref("p1", "budget")).toBe("/proposals/p1/edit#proposal-budget");
    expect(problemHref("p1", "attachments")).toBe("/proposals/p1/attachments");
    expect(problemHref("p1", "team", { onEditor: true })).toBe("#proposal-team");
  });

  it("lists every message of every field, in order", () => {
    expect(problemList("p1", { title: ["提案事業名を入力してください"], attachments: ["「収支予算書」を添付してください", "「規約」を添付してください"] })).toEqual([
      { field: "title", text: "提案事業名を入力してください", href: "/proposals/p1/edit#proposal-title" },
      { field: "attachments", text: "「収支予算書」を添付してください", href: "/proposals/p1/attachments" },
      { field: "attachments", text: "「規約」を添付してください", href: "/proposals/p1/attachments" },
    ]);
  });
});
