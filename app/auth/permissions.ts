// Who may do what: pure functions of (viewer, action, subject). Guards on the server and the UI both
// ask here; the UI only hides, the guards enforce.
import { canCall } from "../domain/calls/permissions";
import { canGroup } from "../domain/groups/permissions";
import { canAward } from "../domain/awards/permissions";
import { canProject } from "../domain/projects/permissions";
import { canProposal } from "../domain/proposals/permissions";
import { canReview } from "../domain/reviews/permissions";
import { canPlan } from "../domain/plans/permissions";
import { canSheet } from "../domain/sheets/permissions";
import { hasRole, ROLE_LABELS, type Role, type Viewer } from "./viewer";

export type { Role, Viewer };
export { hasRole, ROLE_LABELS };

/**
 * Each domain area keeps its own actions and rules in `app/domain/<area>/permissions.ts` as one
 * `can<Area>(viewer, action, subject)`; this table is the only place that lists them, keyed by the
 * prefix of the area's actions ("proposal:submit" goes to canProposal). The areas never import back
 * from here: guards and the record guards of app/auth/access/ sit above the domain (decision 0019).
 */
const AREAS = {
  group: canGroup,
  sheet: canSheet,
  call: canCall,
  proposal: canProposal,
  plan: canPlan,
  review: canReview,
  award: canAward,
  project: canProject,
} as const;

type AreaCan = (typeof AREAS)[keyof typeof AREAS];

/** Everything a route can ask permission for. Subjects are passed where the answer depends on a record. */
export type Action = CoreAction | Parameters<AreaCan>[1];

export type Subject = Exclude<Parameters<AreaCan>[2], undefined> | undefined;

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

export function can(viewer: Viewer | null, action: Action, subject?: Subject): boolean {
  const area = action.slice(0, action.indexOf(":"));
  if (Object.hasOwn(AREAS, area)) {
    const canInArea = AREAS[area as keyof typeof AREAS] as (viewer: Viewer | null, action: Action, subject?: Subject) => boolean;
    return canInArea(viewer, action, subject);
  }
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
