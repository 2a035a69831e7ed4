// Who may do what in the review (審査): pure functions of (viewer, action, subject). Reviewers score
// what is assigned to them and not conflicted (the assignment's loader answers 404 otherwise); the
// coordinator runs panels, rules, conflicts and invitations and reads the results.
import { hasRole, type Viewer } from "../../auth/viewer";

export type ReviewAction =
  | "review:list" // the reviewer's own assignments (/reviews)
  | "review:score" // open one's own assignment, declare a conflict, write and submit its score sheet
  | "review:manage" // panels, assignments, conflicts, rules, the result sheet and its exports (coordinator)
  | "review:invite"; // list reviewers and invite external members by e-mail (coordinator)

export type ReviewSubject = { kind: "review" };

export function canReview(viewer: Viewer | null, action: ReviewAction, _subject?: ReviewSubject): boolean {
  switch (action) {
    case "review:list":
    case "review:score":
      return hasRole(viewer, "reviewer");
    case "review:manage":
    case "review:invite":
      return hasRole(viewer, "coordinator");
  }
}
