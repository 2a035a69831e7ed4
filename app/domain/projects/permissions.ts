// Who may do what with collaboration projects (協働事業): agreement, reports, evaluation, evidence.
// Pure functions of (viewer, action, subject). The viewer's relation to the project — a member (or the
// owner) of its group, staff of a related department (proposal_departments), the coordinator — is worked
// out by the loader (app/auth/access/projects.server.ts) and passed in the subject; whether a step is possible in the
// project's state is the commands' answer (and the proposal's transition table), asked after this.
import { hasRole, type Viewer } from "../../auth/viewer";

export type ProjectAction =
  | "project:list" // the projects that concern the viewer
  | "project:view" // a project's pages: overview, agreement, reports, evaluation
  | "project:act-as-group" // the group's side: confirm the agreement (owner), report, self-evaluate, decline
  | "project:act-as-city" // the city's side: confirm the agreement, start, accept / return reports, evaluate
  | "project:coordinate"; // the coordinator's: cancel the award, measures of the project, third-party evaluation, close

export type ProjectSubject = {
  kind: "project";
  /** The viewer belongs to the project's group. */
  isMember: boolean;
  /** The viewer is its group's owner (group_members.role = owner): the one who signs for the group. */
  isOwner: boolean;
  /** The viewer is staff of one of the proposal's related departments. */
  ofDepartment: boolean;
};

export function canProject(viewer: Viewer | null, action: ProjectAction, subject?: ProjectSubject): boolean {
  if (action === "project:list") {
    return viewer !== null && (hasRole(viewer, "group_member") || hasRole(viewer, "department_staff") || hasRole(viewer, "coordinator"));
  }
  if (!viewer || !subject) return false;
  const member = subject.isMember && hasRole(viewer, "group_member");
  const department = subject.ofDepartment && hasRole(viewer, "department_staff");
  const coordinator = hasRole(viewer, "coordinator");
  switch (action) {
    case "project:view":
      return member || department || coordinator;
    case "project:act-as-group":
      return member;
    case "project:act-as-city":
      return department || coordinator;
    case "project:coordinate":
      return coordinator;
  }
}
