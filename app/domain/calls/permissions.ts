// Who may do what with calls for proposals (募集): the coordinator runs them; a published call is
// public, a draft only the coordinator sees. Pure functions of (viewer, action, subject).
import type { CallStatus } from "../../../db/schema";
import { hasRole, type Viewer } from "../../auth/viewer";

export type CallAction = "call:manage" | "call:view";

export type CallSubject = { kind: "call"; status: CallStatus };

export function canCall(viewer: Viewer | null, action: CallAction, subject?: CallSubject): boolean {
  switch (action) {
    case "call:manage":
      return hasRole(viewer, "coordinator");
    case "call:view":
      if (!subject) return false;
      return subject.status === "published" || hasRole(viewer, "coordinator");
  }
}
