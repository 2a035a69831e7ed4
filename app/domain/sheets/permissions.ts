// Who may do what with matching sheets (マッチングシート): pure functions of (viewer, action, subject).
import { hasRole, type Viewer } from "../../auth/viewer";

export type SheetAction = "sheet:create";

export type SheetSubject = { kind: "sheet"; id: string; departmentId: string };

export function canSheet(viewer: Viewer | null, action: SheetAction, _subject?: SheetSubject): boolean {
  switch (action) {
    case "sheet:create":
      return hasRole(viewer, "department_staff") && viewer!.departmentId !== null;
  }
}
