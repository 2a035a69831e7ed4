import { describe, expect, it } from "vitest";
import type { SheetStatus } from "../../../db/schema";
import type { Viewer } from "../../auth/viewer";
import { canSheet, type SheetAction } from "./permissions";

const viewer = (roles: Viewer["roles"], departmentId: string | null = null): Viewer => ({ id: "u", email: "u@example.jp", displayName: "u", roles, departmentId });
const sheet = (status: SheetStatus, viewerHasApprovedGroup = false) => ({ kind: "sheet" as const, departmentId: "dept-a", status, viewerHasApprovedGroup });

const ownStaff = viewer(["department_staff"], "dept-a");
const otherStaff = viewer(["department_staff"], "dept-b");
const coordinator = viewer(["coordinator"]);
const member = viewer(["group_member"]);

describe("who may do what with a matching sheet", () => {
  const table: [string, Viewer | null, SheetAction, ReturnType<typeof sheet>, boolean][] = [
    ["the public reads a published sheet", null, "sheet:view", sheet("published"), true],
    ["the public reads a closed sheet", null, "sheet:view", sheet("closed"), true],
    ["the public cannot read a draft", null, "sheet:view", sheet("draft"), false],
    ["another department cannot read a draft", otherStaff, "sheet:view", sheet("draft"), false],
    ["the department reads its draft", ownStaff, "sheet:view", sheet("draft"), true],
    ["the coordinator reads a draft", coordinator, "sheet:view", sheet("draft"), true],
    ["the public cannot read an archived sheet", member, "sheet:view", sheet("archived"), false],
    ["the department edits its sheet", ownStaff, "sheet:edit", sheet("published"), true],
    ["another department cannot edit", otherStaff, "sheet:edit", sheet("published"), false],
    ["the coordinator does not edit a department's sheet", coordinator, "sheet:edit", sheet("published"), false],
    ["an archived sheet is not edited", ownStaff, "sheet:edit", sheet("archived"), false],
    ["the department answers", ownStaff, "sheet:answer", sheet("published"), true],
    ["another department does not answer", otherStaff, "sheet:answer", sheet("published"), false],
    ["the coordinator sees who is interested", coordinator, "sheet:view-interest", sheet("published"), true],
    ["another department does not see who is interested", otherStaff, "sheet:view-interest", sheet("published"), false],
    ["a member of an approved group asks", member, "sheet:ask", sheet("published", true), true],
    ["a member without an approved group does not ask", member, "sheet:ask", sheet("published", false), false],
    ["nobody asks on a closed sheet", member, "sheet:ask", sheet("closed", true), false],
    ["staff do not mark interest", ownStaff, "sheet:mark-interest", sheet("published", true), false],
  ];
  for (const [name, who, action, subject, allowed] of table) {
    it(name, () => expect(canSheet(who, action, subject)).toBe(allowed));
  }

  it("only staff with a department create sheets", () => {
    expect(canSheet(ownStaff, "sheet:create")).toBe(true);
    expect(canSheet(viewer(["department_staff"], null), "sheet:create")).toBe(false);
    expect(canSheet(coordinator, "sheet:create")).toBe(false);
    expect(canSheet(null, "sheet:create")).toBe(false);
  });
});
