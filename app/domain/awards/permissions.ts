// Who may do what with decisions (採択・不採択) and their publication: pure functions of (viewer,
// action, subject). The coordinator prepares and publishes; a group reads its own letter once published.
import { hasRole, type Viewer } from "../../auth/viewer";

export type AwardAction = "award:manage"; // prepare, publish and revise decisions (coordinator)

export type AwardSubject = { kind: "award" };

export function canAward(viewer: Viewer | null, action: AwardAction, _subject?: AwardSubject): boolean {
  switch (action) {
    case "award:manage":
      return hasRole(viewer, "coordinator");
  }
}
