// Who may do what with groups (団体): pure functions of (viewer, action, subject). The subject carries
// the group's status and the viewer's own membership in it (null when they are not a member).
import { hasRole, type Viewer } from "../../auth/viewer";
import type { GroupStatus } from "../../../db/schema";

export type GroupAction =
  | "group:register" // register a new group and become its owner
  | "group:view" // see the profile (public fields)
  | "group:view-staff-contacts" // see contacts marked 市の職員のみ and the representative
  | "group:view-history"
  | "group:edit"
  | "group:manage-members" // invite, transfer ownership, remove
  | "group:accept-invite"
  | "group:review" // approve, reject, suspend (the review queue)
  | "group:propose"; // act for the group in calls and proposals (later issues)

export type Membership = "owner" | "member" | null;

export type GroupSubject = { kind: "group"; id: string; status: GroupStatus; membership: Membership };

const isStaff = (viewer: Viewer | null) =>
  hasRole(viewer, "department_staff") || hasRole(viewer, "coordinator") || hasRole(viewer, "admin");
const isCoordinatorOrAdmin = (viewer: Viewer | null) => hasRole(viewer, "coordinator") || hasRole(viewer, "admin");

export function canGroup(viewer: Viewer | null, action: GroupAction, subject?: GroupSubject): boolean {
  const member = viewer !== null && subject !== undefined && subject.membership !== null;
  switch (action) {
    case "group:register":
    case "group:accept-invite":
      return viewer !== null;
    case "group:review":
      return hasRole(viewer, "coordinator");
    case "group:view":
      // Unapproved groups are invisible (404) to everyone but their members and the coordinator's office.
      if (!subject) return false;
      return subject.status === "approved" || member || isCoordinatorOrAdmin(viewer);
    case "group:view-staff-contacts":
      return member || isStaff(viewer);
    case "group:view-history":
      return member || isCoordinatorOrAdmin(viewer);
    case "group:edit":
      return member;
    case "group:manage-members":
      return member && subject!.membership === "owner";
    case "group:propose":
      return member && subject!.status === "approved";
  }
}
