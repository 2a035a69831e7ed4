import type { DB } from "../../../db/index";
import type { Role } from "../../../db/schema";
import type { Viewer } from "../../auth/permissions";

export async function loadViewer(db: DB, userId: string): Promise<Viewer | null> {
  const user = await db
    .selectFrom("users")
    .where("id", "=", userId)
    .select(["id", "email", "display_name", "department_id"])
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db.selectFrom("user_roles").where("user_id", "=", userId).select("role").execute();
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    departmentId: user.department_id,
    roles: roles.map((r) => r.role).sort(),
  };
}

export interface UserListing {
  id: string;
  email: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  createdAt: string;
  roles: Role[];
}

export async function listUsers(db: DB): Promise<UserListing[]> {
  const users = await db
    .selectFrom("users")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.created_at",
      "users.department_id",
      "departments.name as department_name",
    ])
    .orderBy("users.created_at")
    .orderBy("users.email")
    .execute();
  const roles = await db.selectFrom("user_roles").select(["user_id", "role"]).execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    departmentId: u.department_id,
    departmentName: u.department_name,
    createdAt: u.created_at,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role).sort(),
  }));
}

/** The address of an account, or undefined when there is none with that id. */
export async function findUserEmail(db: DB, userId: string): Promise<string | undefined> {
  return (await db.selectFrom("users").where("id", "=", userId).select("email").executeTakeFirst())?.email;
}
