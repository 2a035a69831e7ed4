// Who may do what with the city's plans: pure functions of (viewer, action, subject).
import { hasRole, type Viewer } from "../../auth/viewer";

export type PlanAction = "plan:import";

export type PlanSubject = { kind: "measure"; id: string; departmentNames: string[] };

export function canPlan(viewer: Viewer | null, action: PlanAction, _subject?: PlanSubject): boolean {
  switch (action) {
    case "plan:import":
      return hasRole(viewer, "coordinator");
  }
}
