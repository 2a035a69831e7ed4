import { describe, expect, it } from "vitest";
import { ROLES } from "../../db/schema";
import { can, type Action, type Viewer } from "./permissions";

const viewer = (...roles: Viewer["roles"]): Viewer => ({ id: "u1", email: "u@example.jp", displayName: "u", roles, departmentId: null });

describe("can", () => {
  it("lets only admins manage users, roles and the audit log", () => {
    const adminActions: Action[] = ["admin:users:view", "admin:roles:manage", "admin:audit:view", "admin:departments:manage"];
    for (const action of adminActions) {
      expect(can(null, action)).toBe(false);
      for (const role of ROLES) expect(can(viewer(role), action)).toBe(role === "admin");
      expect(can(viewer("reviewer", "admin"), action)).toBe(true);
    }
  });

  it("keeps the sign-in and sign-up forms for anonymous visitors", () => {
    expect(can(null, "auth:anonymous-only")).toBe(true);
    expect(can(viewer(), "auth:anonymous-only")).toBe(false);
  });

  it("gives every signed-in user, even without roles, a dashboard and a password to change", () => {
    for (const action of ["dashboard:view", "account:change-password", "session:end"] as Action[]) {
      expect(can(null, action)).toBe(false);
      expect(can(viewer(), action)).toBe(true);
    }
  });
});

describe("the dispatcher", () => {
  it("answers an area's action with that area's own rule, subject and all", () => {
    const coordinator = viewer("coordinator");
    // A draft call is visible to the coordinator only: the answer depends on the subject reaching canCall.
    expect(can(coordinator, "call:view", { kind: "call", status: "draft" })).toBe(true);
    expect(can(viewer("group_member"), "call:view", { kind: "call", status: "draft" })).toBe(false);
    expect(can(viewer("group_member"), "call:view", { kind: "call", status: "published" })).toBe(true);
    expect(can(coordinator, "call:manage")).toBe(true);
    expect(can(viewer("admin"), "call:manage")).toBe(false);
  });
});
