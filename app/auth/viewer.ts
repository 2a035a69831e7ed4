// Who is asking: the signed-in user as every permission check sees them.
import type { Role } from "../../db/schema";

export type { Role };

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
}

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.includes(role) ?? false;
}

export const ROLE_LABELS: Record<Role, string> = {
  group_member: "団体",
  department_staff: "担当課",
  reviewer: "審査委員",
  coordinator: "協働推進課",
  admin: "システム管理者",
};
