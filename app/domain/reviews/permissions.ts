// Who may do what in the review (審査): pure functions of (viewer, action, subject). Reviewers score
// what is assigned to them and not conflicted; the coordinator runs panels and reads the results.
import { hasRole, type Viewer } from "../../auth/viewer";

export type ReviewAction =
  | "review:list" // the reviewer's own assignments (/reviews)
  | "review:manage"; // panels, assignments, conflicts, rules, the result sheet (coordinator)

export type ReviewSubject = { kind: "review" };

export function canReview(viewer: Viewer | null, action: ReviewAction, _subject?: ReviewSubject): boolean {
  switch (action) {
    case "review:list":
      return hasRole(viewer, "reviewer");
    case "review:manage":
      return hasRole(viewer, "coordinator");
  }
}
