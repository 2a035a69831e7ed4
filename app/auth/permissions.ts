// Who may do what: pure functions of (viewer, action, subject). Guards on the server and the UI both
// ask here; the UI only hides, the guards enforce.
import type { Role } from "../../db/schema";

export type { Role };

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  group_member: "団体",
  department_staff: "担当課",
  reviewer: "審査委員",
  coordinator: "協働推進課",
  admin: "システム管理者",
};

/** Everything a route can ask permission for. Subjects are passed where the answer depends on a record. */
export type Action =
  | "public:view" // pages anyone may see
  | "auth:anonymous-only" // sign-up, sign-in and password reset forms
  | "session:end"
  | "dashboard:view"
  | "account:change-password"
  | "admin:users:view"
  | "admin:roles:manage"
  | "admin:audit:view"
  | "admin:departments:manage";

export type Subject = { kind: "user"; id: string } | undefined;

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.includes(role) ?? false;
}

export function can(viewer: Viewer | null, action: Action, _subject?: Subject): boolean {
  switch (action) {
    case "public:view":
      return true;
    case "auth:anonymous-only":
      return viewer === null;
    case "session:end":
    case "dashboard:view":
    case "account:change-password":
      return viewer !== null;
    case "admin:users:view":
    case "admin:audit:view":
    case "admin:roles:manage":
    case "admin:departments:manage":
      return hasRole(viewer, "admin");
  }
}
