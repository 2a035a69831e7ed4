// Who may do what with the city's plans: pure functions of (viewer, action, subject).
//   plan:import        the coordinator uploads a plan document
//   plan:add-entry     staff of one of the measure's departments, or the coordinator
//   plan:set-status    the coordinator
//   plan:link-evidence staff of the department owning the linked record (matching sheet, call …), or the
//                      coordinator; without a record (the form listing what one may link) any staff member
//                      with a department, or the coordinator
import { hasRole, type Viewer } from "../../auth/viewer";

export type PlanAction = "plan:import" | "plan:add-entry" | "plan:set-status" | "plan:link-evidence";

export type PlanSubject =
  | {
      kind: "measure";
      id: string;
      /** measure_departments.department_name, as printed. */
      departmentNames: string[];
      /** The name of the viewer's own department (users.department_id → departments.name), if any. */
      viewerDepartmentName?: string | null;
      /** The department owning the record being linked or unlinked. */
      recordDepartmentId?: string | null;
    };

/** Names compare as printed, after width folding and without spaces (全角/半角, "市民 活動支援課"). */
export function sameDepartmentName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
  return fold(a) === fold(b);
}

export function canPlan(viewer: Viewer | null, action: PlanAction, subject?: PlanSubject): boolean {
  const coordinator = hasRole(viewer, "coordinator");
  switch (action) {
    case "plan:import":
    case "plan:set-status":
      return coordinator;
    case "plan:add-entry": {
      if (coordinator) return true;
      if (!hasRole(viewer, "department_staff") || !viewer!.departmentId || !subject) return false;
      const own = subject.viewerDepartmentName;
      return Boolean(own) && subject.departmentNames.some((name) => sameDepartmentName(name, own!));
    }
    case "plan:link-evidence": {
      if (coordinator) return true;
      if (!hasRole(viewer, "department_staff") || !viewer!.departmentId) return false;
      if (subject?.recordDepartmentId === undefined) return true;
      return subject.recordDepartmentId === viewer!.departmentId;
    }
  }
}
