// Who may do what with proposals (提案): pure functions of (viewer, action, subject). The relation of
// the viewer to the proposal (a member of its group, staff of a related department, the coordinator) is
// worked out by the loader (app/auth/access/proposals.server.ts) and passed in the subject; whether a move is allowed in the
// proposal's status is the transition table's answer (lifecycle.ts), asked after this.
import { hasRole, type Viewer } from "../../auth/viewer";
import { isFrozen, TERMINAL_STATUSES, visibleTo, type ProposalStatus } from "./lifecycle";

export type ProposalAction =
  | "proposal:list" // the viewer's own list of proposals
  | "proposal:create" // start a draft for a call (the group is checked by the command)
  | "proposal:view"
  | "proposal:edit" // the text, attachments (draft / returned, the group only)
  | "proposal:act-as-group" // submit, resubmit, withdraw, open the consultation
  | "proposal:manage" // the coordinator's transitions (return for correction, review stages)
  | "proposal:consult"; // write in the consultation thread

export type ProposalSubject = {
  kind: "proposal";
  status: ProposalStatus;
  /** The viewer belongs to the proposal's group. */
  isMember: boolean;
  departmentIds: readonly string[];
  /** The group has opened a consultation (事前相談) on its draft: the related departments see it. */
  consultationOpen: boolean;
  /** The viewer is a reviewer assigned to it and not conflicted with it (reviews area, worked out by app/auth/access/proposals.server.ts). */
  assignedReviewer?: boolean;
  /** The decisions of the proposal's call are published (awards area): the public may see an award. */
  awardPublished: boolean;
};

function ofRelatedDepartment(viewer: Viewer | null, subject: ProposalSubject): boolean {
  return hasRole(viewer, "department_staff") && viewer!.departmentId !== null && subject.departmentIds.includes(viewer!.departmentId);
}

/** Staff see a proposal once it is submitted, or a draft whose group asked them for a consultation. */
function staffSee(subject: ProposalSubject, relation: "coordinator" | "related_department"): boolean {
  return visibleTo(subject.status, relation, { awardPublished: subject.awardPublished }) || (subject.status === "draft" && subject.consultationOpen);
}

export function canProposal(viewer: Viewer | null, action: ProposalAction, subject?: ProposalSubject): boolean {
  if (action === "proposal:list") return viewer !== null && (hasRole(viewer, "group_member") || hasRole(viewer, "coordinator") || hasRole(viewer, "department_staff"));
  if (action === "proposal:create") return hasRole(viewer, "group_member");
  if (!subject || !viewer) return false;
  const member = subject.isMember && hasRole(viewer, "group_member");
  const coordinator = hasRole(viewer, "coordinator") && staffSee(subject, "coordinator");
  const department = ofRelatedDepartment(viewer, subject) && staffSee(subject, "related_department");
  // A reviewer reads the submitted version only: never a draft or a proposal returned for correction.
  const reviewer = hasRole(viewer, "reviewer") && subject.assignedReviewer === true && subject.status !== "draft" && subject.status !== "returned";
  switch (action) {
    case "proposal:view":
      return member || coordinator || department || reviewer;
    case "proposal:edit":
      return member && !isFrozen(subject.status);
    case "proposal:act-as-group":
      return member;
    case "proposal:manage":
      return coordinator && subject.status !== "draft";
    case "proposal:consult":
      return (member || coordinator || department) && !TERMINAL_STATUSES.includes(subject.status);
  }
}
