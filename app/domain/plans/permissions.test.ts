import { describe, expect, it } from "vitest";
import type { Viewer } from "../../auth/viewer";
import { canPlan, sameDepartmentName, type PlanSubject } from "./permissions";

const viewer = (roles: Viewer["roles"], departmentId: string | null = null): Viewer => ({ id: "u", email: "u@example.jp", displayName: "u", roles, departmentId });

const measure = (viewerDepartmentName: string | null, recordDepartmentId?: string | null): PlanSubject => ({
  kind: "measure",
  id: "m",
  departmentNames: ["企画政策課", "秘書広報課"],
  viewerDepartmentName,
  recordDepartmentId,
});

describe("plan permissions", () => {
  it("lets only the coordinator import plans and set statuses", () => {
    for (const action of ["plan:import", "plan:set-status"] as const) {
      expect(canPlan(viewer(["coordinator"]), action, measure(null))).toBe(true);
      expect(canPlan(viewer(["department_staff"], "d1"), action, measure("企画政策課"))).toBe(false);
      expect(canPlan(viewer(["admin"]), action, measure(null))).toBe(false);
      expect(canPlan(null, action, measure(null))).toBe(false);
    }
  });

  it("lets staff add entries only to measures of their own department", () => {
    expect(canPlan(viewer(["department_staff"], "d1"), "plan:add-entry", measure("秘書広報課"))).toBe(true);
    expect(canPlan(viewer(["department_staff"], "d2"), "plan:add-entry", measure("環境課"))).toBe(false);
    expect(canPlan(viewer(["department_staff"]), "plan:add-entry", measure(null))).toBe(false);
    expect(canPlan(viewer(["group_member"], "d1"), "plan:add-entry", measure("秘書広報課"))).toBe(false);
    expect(canPlan(viewer(["coordinator"]), "plan:add-entry", measure(null))).toBe(true);
  });

  it("compares department names as printed, ignoring width and spaces", () => {
    expect(sameDepartmentName("秘書広報課", "秘書 広報課")).toBe(true);
    expect(sameDepartmentName("ＮＰＯ推進課", "NPO推進課")).toBe(true);
    expect(sameDepartmentName("秘書広報課", "広報課")).toBe(false);
  });

  it("lets the staff of the record's department, or the coordinator, link evidence", () => {
    const staff = viewer(["department_staff"], "d1");
    expect(canPlan(staff, "plan:link-evidence", measure("企画政策課", "d1"))).toBe(true);
    expect(canPlan(staff, "plan:link-evidence", measure("企画政策課", "d2"))).toBe(false);
    expect(canPlan(staff, "plan:link-evidence", measure("企画政策課", null))).toBe(false);
    // Without a record: the form of what one may link.
    expect(canPlan(staff, "plan:link-evidence", measure("企画政策課"))).toBe(true);
    expect(canPlan(viewer(["department_staff"]), "plan:link-evidence", measure(null))).toBe(false);
    expect(canPlan(viewer(["coordinator"]), "plan:link-evidence", measure(null, "d9"))).toBe(true);
    expect(canPlan(viewer(["reviewer"]), "plan:link-evidence", measure(null))).toBe(false);
  });
});
