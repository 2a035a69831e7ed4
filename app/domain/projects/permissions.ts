// Who may do what with collaboration projects (協働事業): agreement, reports, evaluation, evidence.
// Pure functions of (viewer, action, subject).
import { hasRole, type Viewer } from "../../auth/viewer";

export type ProjectAction = "project:list"; // the projects that concern the viewer

export type ProjectSubject = { kind: "project" };

export function canProject(viewer: Viewer | null, action: ProjectAction, _subject?: ProjectSubject): boolean {
  switch (action) {
    case "project:list":
      return viewer !== null && (hasRole(viewer, "group_member") || hasRole(viewer, "department_staff") || hasRole(viewer, "coordinator"));
  }
}
