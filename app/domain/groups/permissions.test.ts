import { describe, expect, it } from "vitest";
import type { GroupStatus, Role } from "../../../db/schema";
import type { Viewer } from "../../auth/viewer";
import { canGroup, type GroupAction, type Membership } from "./permissions";

const viewer = (...roles: Role[]): Viewer => ({ id: "u1", email: "u@example.jp", displayName: "u", roles, departmentId: null });
const group = (status: GroupStatus, membership: Membership = null) => ({ kind: "group" as const, id: "g1", status, membership });

type Who = "anonymous" | "outsider" | "member" | "owner" | "staff" | "coordinator" | "admin" | "reviewer";
const who: Record<Who, [Viewer | null, Membership]> = {
  anonymous: [null, null],
  outsider: [viewer("group_member"), null],
  member: [viewer("group_member"), "member"],
  owner: [viewer("group_member"), "owner"],
  staff: [viewer("department_staff"), null],
  coordinator: [viewer("coordinator"), null],
  admin: [viewer("admin"), null],
  reviewer: [viewer("reviewer"), null],
};

// Who may, for an approved group and for a pending one.
const TABLE: Record<GroupAction, { approved: Who[]; pending: Who[] }> = {
  "group:view": { approved: ["anonymous", "outsider", "member", "owner", "staff", "coordinator", "admin", "reviewer"], pending: ["member", "owner", "coordinator", "admin"] },
  "group:view-staff-contacts": { approved: ["member", "owner", "staff", "coordinator", "admin"], pending: ["member", "owner", "staff", "coordinator", "admin"] },
  "group:view-history": { approved: ["member", "owner", "coordinator", "admin"], pending: ["member", "owner", "coordinator", "admin"] },
  "group:edit": { approved: ["member", "owner"], pending: ["member", "owner"] },
  "group:manage-members": { approved: ["owner"], pending: ["owner"] },
  "group:propose": { approved: ["member", "owner"], pending: [] },
  "group:review": { approved: ["coordinator"], pending: ["coordinator"] },
  "group:register": { approved: ["outsider", "member", "owner", "staff", "coordinator", "admin", "reviewer"], pending: ["outsider", "member", "owner", "staff", "coordinator", "admin", "reviewer"] },
  "group:accept-invite": { approved: ["outsider", "member", "owner", "staff", "coordinator", "admin", "reviewer"], pending: ["outsider", "member", "owner", "staff", "coordinator", "admin", "reviewer"] },
};

describe("canGroup", () => {
  for (const [action, rule] of Object.entries(TABLE) as [GroupAction, { approved: Who[]; pending: Who[] }][]) {
    for (const status of ["approved", "pending"] as const) {
      it(`${action} on a ${status} group`, () => {
        const allowed = (Object.keys(who) as Who[]).filter((w) => canGroup(who[w][0], action, group(status, who[w][1])));
        expect(allowed.sort()).toEqual([...rule[status]].sort());
      });
    }
  }

  it("hides rejected and suspended groups like pending ones", () => {
    for (const status of ["rejected", "suspended"] as const) {
      expect(canGroup(null, "group:view", group(status))).toBe(false);
      expect(canGroup(viewer("department_staff"), "group:view", group(status))).toBe(false);
      expect(canGroup(viewer("group_member"), "group:view", group(status, "member"))).toBe(true);
      expect(canGroup(viewer("group_member"), "group:propose", group(status, "owner"))).toBe(false);
    }
  });
});
