// The database, one interface per table. Timestamps are ISO-8601 UTC strings (same on SQLite and
// PostgreSQL), ids are made in the app, booleans are 0/1 integers.
import type { Insertable, Selectable, Updateable } from "kysely";

export const ROLES = ["group_member", "department_staff", "reviewer", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: string;
  email: string; // stored lower-cased
  display_name: string;
  password_hash: string;
  department_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  granted_at: string;
  granted_by: string | null;
}

/** `id` is the SHA-256 (hex) of the session token in the cookie; the token itself is never stored. */
export interface SessionTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  client_address: string;
  succeeded: number;
  attempted_at: string;
}

export interface AuditLogTable {
  id: string;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string; // JSON
  created_at: string;
}

export interface DepartmentTable {
  id: string;
  name: string;
  parent_division: string | null;
  contact: string | null;
  created_at: string;
}

export type GroupStatus = "pending" | "approved" | "rejected" | "suspended";

export interface GroupTable {
  id: string;
  name: string;
  name_kana: string;
  status: GroupStatus;
  created_at: string;
  updated_at: string;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
  role: "owner" | "member";
  joined_at: string;
}

export interface Database {
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  sign_in_attempts: SignInAttemptTable;
  audit_log: AuditLogTable;
  departments: DepartmentTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Department = Selectable<DepartmentTable>;
export type Group = Selectable<GroupTable>;
export type AuditEntry = Selectable<AuditLogTable>;
