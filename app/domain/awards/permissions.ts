// Who may do what with decisions (採択・不採択) and their publication: pure functions of (viewer,
// action, subject). The coordinator prepares and publishes; before publication nothing of a decision
// reaches the group. Afterwards the group reads its letter and answers its conditions, which the related
// department or the coordinator confirm or send back.
import { hasRole, type Viewer } from "../../auth/viewer";

export type AwardAction =
  | "award:manage" // prepare, publish and revise decisions (coordinator)
  | "award:read-letter" // the decision letter (審査結果通知書)
  | "award:view-conditions" // the conditions of a conditional adoption and their answers
  | "award:answer-condition" // the group answers a condition
  | "award:resolve-condition"; // confirm a condition's answer or send it back

export type AwardSubject = {
  kind: "award";
  /** The proposal has a decision and it is published. */
  published: boolean;
  /** The viewer belongs to the proposal's group. */
  isMember: boolean;
  /** The viewer is staff of one of the proposal's related departments. */
  isRelatedDepartment: boolean;
};

export function canAward(viewer: Viewer | null, action: AwardAction, subject?: AwardSubject): boolean {
  const coordinator = hasRole(viewer, "coordinator");
  if (action === "award:manage") return coordinator;
  if (!subject || !viewer) return false;
  const member = subject.isMember && hasRole(viewer, "group_member");
  const department = subject.isRelatedDepartment && hasRole(viewer, "department_staff");
  switch (action) {
    case "award:read-letter":
      // The coordinator may read a prepared letter before it goes out; the group only once published.
      return coordinator || (member && subject.published);
    case "award:view-conditions":
      return coordinator || ((member || department) && subject.published);
    case "award:answer-condition":
      return member && subject.published;
    case "award:resolve-condition":
      return (coordinator || department) && subject.published;
  }
}
