import { describe, expect, it } from "vitest";
import type { Viewer } from "../../auth/viewer";
import { canAward, type AwardSubject } from "./permissions";

const viewer = (role: Viewer["roles"][number]): Viewer => ({ id: "u", displayName: "u", email: "u@example.jp", roles: [role], departmentId: role === "department_staff" ? "d" : null }) as Viewer;
const subject = (over: Partial<AwardSubject> = {}): AwardSubject => ({ kind: "award", published: true, isMember: false, isRelatedDepartment: false, ...over });

describe("canAward", () => {
  it("lets the group read its letter and answer its conditions only after publication", () => {
    const member = viewer("group_member");
    expect(canAward(member, "award:read-letter", subject({ isMember: true }))).toBe(true);
    expect(canAward(member, "award:read-letter", subject({ isMember: true, published: false }))).toBe(false);
    expect(canAward(member, "award:answer-condition", subject({ isMember: true, published: false }))).toBe(false);
    expect(canAward(member, "award:read-letter", subject())).toBe(false);
    expect(canAward(member, "award:resolve-condition", subject({ isMember: true }))).toBe(false);
  });

  it("lets the coordinator manage and preview, the related department resolve conditions, nobody else", () => {
    expect(canAward(viewer("coordinator"), "award:manage")).toBe(true);
    expect(canAward(viewer("coordinator"), "award:read-letter", subject({ published: false }))).toBe(true);
    expect(canAward(viewer("department_staff"), "award:resolve-condition", subject({ isRelatedDepartment: true }))).toBe(true);
    expect(canAward(viewer("department_staff"), "award:resolve-condition", subject())).toBe(false);
    expect(canAward(viewer("department_staff"), "award:read-letter", subject({ isRelatedDepartment: true }))).toBe(false);
    for (const role of ["reviewer", "admin"] as const) expect(canAward(viewer(role), "award:manage")).toBe(false);
    expect(canAward(null, "award:read-letter", subject())).toBe(false);
  });
});
