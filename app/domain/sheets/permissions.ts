// Who may do what with matching sheets (マッチングシート): pure functions of (viewer, action, subject).
// A sheet belongs to its department: only that department's staff write it, answer its questions and
// see who is interested. Published and closed sheets are public; drafts and archived ones are not.
import type { SheetStatus } from "../../../db/schema";
import { hasRole, type Viewer } from "../../auth/viewer";

export type SheetAction =
  | "sheet:create"
  | "sheet:view"
  | "sheet:edit"
  | "sheet:change-status"
  | "sheet:answer"
  | "sheet:view-interest" // who asked, who is interested, and the suggested groups
  | "sheet:ask"
  | "sheet:mark-interest";

export type SheetSubject = {
  kind: "sheet";
  departmentId: string;
  status: SheetStatus;
  /** Whether the viewer belongs to at least one approved group (only those may ask or mark interest). */
  viewerHasApprovedGroup?: boolean;
};

const PUBLIC_STATUSES: SheetStatus[] = ["published", "closed"];

function ofDepartment(viewer: Viewer | null, subject: SheetSubject | undefined): boolean {
  return hasRole(viewer, "department_staff") && subject !== undefined && viewer!.departmentId === subject.departmentId;
}

export function canSheet(viewer: Viewer | null, action: SheetAction, subject?: SheetSubject): boolean {
  switch (action) {
    case "sheet:create":
      return hasRole(viewer, "department_staff") && viewer!.departmentId !== null;
    case "sheet:view":
      if (!subject) return false;
      return PUBLIC_STATUSES.includes(subject.status) || ofDepartment(viewer, subject) || hasRole(viewer, "coordinator");
    case "sheet:edit":
      return ofDepartment(viewer, subject) && subject!.status !== "archived";
    case "sheet:change-status":
    case "sheet:answer":
      return ofDepartment(viewer, subject);
    case "sheet:view-interest":
      return ofDepartment(viewer, subject) || hasRole(viewer, "coordinator");
    case "sheet:ask":
    case "sheet:mark-interest":
      return subject?.status === "published" && subject.viewerHasApprovedGroup === true && hasRole(viewer, "group_member");
  }
}
