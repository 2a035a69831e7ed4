// Who may do what: pure functions of (viewer, action, subject). Guards on the server and the UI both
// ask here; the UI only hides, the guards enforce.
import type { Role } from "../../db/schema";
import { canCall, type CallAction, type CallSubject } from "../domain/calls/permissions";
import { canGroup, type GroupAction, type GroupSubject } from "../domain/groups/permissions";
import { canAward, type AwardAction, type AwardSubject } from "../domain/awards/permissions";
import { canProject, type ProjectAction, type ProjectSubject } from "../domain/projects/permissions";
import { canProposal, type ProposalAction, type ProposalSubject } from "../domain/proposals/permissions";
import { canReview, type ReviewAction, type ReviewSubject } from "../domain/reviews/permissions";
import { canPlan, type PlanAction, type PlanSubject } from "../domain/plans/permissions";
import { canSheet, type SheetAction, type SheetSubject } from "../domain/sheets/permissions";
import { hasRole, type Viewer } from "./viewer";

export type { Role, Viewer };
export { hasRole };

export const ROLE_LABELS: Record<Role, string> = {
  group_member: "団体",
  department_staff: "担当課",
  reviewer: "審査委員",
  coordinator: "協働推進課",
  admin: "システム管理者",
};

/**
 * Everything a route can ask permission for. Subjects are passed where the answer depends on a record.
 * Each domain area keeps its own actions in `app/domain/<area>/permissions.ts`; `can` dispatches by prefix.
 */
export type Action = CoreAction | GroupAction | SheetAction | PlanAction | CallAction | ProposalAction | ReviewAction | AwardAction | ProjectAction;

type CoreAction =
  | "public:view" // pages anyone may see
  | "auth:anonymous-only" // sign-up, sign-in and password reset forms
  | "session:end"
  | "session:extend"
  | "dashboard:view"
  | "account:change-password"
  | "account:change-email"
  | "account:notifications"
  | "account:confirm-email" // the page saying to confirm, re-sending the link, following it (signed in)
  | "account:open-confirmation-link" // the link's page itself: anyone, told to sign in when they are not
  | "account:two-factor" // set up, change or turn off one's own second factor; new recovery codes
  | "account:reauthenticate" // enter one's password again before a sensitive change
  | "admin:two-factor:reset"
  | "admin:users:view"
  | "admin:roles:manage"
  | "admin:audit:view"
  | "admin:departments:manage";

export type Subject = GroupSubject | SheetSubject | PlanSubject | CallSubject | ProposalSubject | ReviewSubject | AwardSubject | ProjectSubject | undefined;

export function can(viewer: Viewer | null, action: Action, subject?: Subject): boolean {
  if (action.startsWith("group:")) return canGroup(viewer, action as GroupAction, subject as GroupSubject | undefined);
  if (action.startsWith("sheet:")) return canSheet(viewer, action as SheetAction, subject as SheetSubject | undefined);
  if (action.startsWith("call:")) return canCall(viewer, action as CallAction, subject as CallSubject | undefined);
  if (action.startsWith("proposal:")) return canProposal(viewer, action as ProposalAction, subject as ProposalSubject | undefined);
  if (action.startsWith("plan:")) return canPlan(viewer, action as PlanAction, subject as PlanSubject | undefined);
  if (action.startsWith("review:")) return canReview(viewer, action as ReviewAction, subject as ReviewSubject | undefined);
  if (action.startsWith("award:")) return canAward(viewer, action as AwardAction, subject as AwardSubject | undefined);
  if (action.startsWith("project:")) return canProject(viewer, action as ProjectAction, subject as ProjectSubject | undefined);
  return canCore(viewer, action as CoreAction);
}

function canCore(viewer: Viewer | null, action: CoreAction): boolean {
  switch (action) {
    case "public:view":
    case "account:open-confirmation-link":
      return true;
    case "auth:anonymous-only":
      return viewer === null;
    case "session:end":
    case "session:extend":
    case "dashboard:view":
    case "account:change-password":
    case "account:change-email":
    case "account:notifications":
    case "account:confirm-email":
    case "account:two-factor":
    case "account:reauthenticate":
      return viewer !== null;
    case "admin:users:view":
    case "admin:audit:view":
    case "admin:roles:manage":
    case "admin:departments:manage":
    case "admin:two-factor:reset":
      return hasRole(viewer, "admin");
  }
}
