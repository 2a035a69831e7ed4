// Who may do what with groups (団体): pure functions of (viewer, action, subject).
import type { Viewer } from "../../auth/viewer";

export type GroupAction = "group:register";

export type GroupSubject = { kind: "group"; id: string };

export function canGroup(viewer: Viewer | null, action: GroupAction, _subject?: GroupSubject): boolean {
  switch (action) {
    case "group:register":
      return viewer !== null;
  }
}
