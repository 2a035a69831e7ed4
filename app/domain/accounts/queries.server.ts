import type { DB } from "../../../db/index";
import type { ConfirmationPurpose, Role } from "../../../db/schema";
import { now } from "../../../db/values";
import { hashLinkToken } from "./links.server";
import type { Viewer } from "../../auth/viewer";
import { listPage } from "../list-page";

export async function loadViewer(db: DB, userId: string): Promise<Viewer | null> {
  return (await loadAccount(db, userId))?.viewer ?? null;
}

/**
 * The signed-in account as the guards see it: the viewer, and whether its address is proven yet. One
 * query (a row per role), since every signed-in request asks: on PostgreSQL a round trip fewer; on
 * SQLite it costs what the two did.
 */
export async function loadAccount(db: DB, userId: string): Promise<{ viewer: Viewer; emailConfirmed: boolean } | null> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("user_roles", "user_roles.user_id", "users.id")
    .where("users.id", "=", userId)
    .select(["users.id", "users.email", "users.display_name", "users.department_id", "users.email_confirmed_at", "user_roles.role"])
    .execute();
  const user = rows[0];
  if (!user) return null;
  return {
    viewer: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      departmentId: user.department_id,
      roles: rows.flatMap((r) => (r.role === null ? [] : [r.role])).sort(),
    },
    emailConfirmed: user.email_confirmed_at !== null,
  };
}

export interface UserListing {
  id: string;
  email: string;
  displayName: string;
  departmentId: string | null;
  departmentName: string | null;
  createdAt: string;
  /** Whether the address is proven; roles can be granted only then. */
  emailConfirmed: boolean;
  roles: Role[];
}

export const USERS_PER_PAGE = 50;

/**
 * One page of the accounts, newest first (a new account is the one waiting for a role), with their roles,
 * and the total: ten years of a city's groups are thousands of accounts, never one table (issue 14). A page
 * past the end shows the last. The order is the index `users_created_order_idx` (created_at desc, id).
 */
export async function listUsers(db: DB, requestedPage = 1): Promise<{ rows: UserListing[]; total: number; page: number; pageCount: number }> {
  const { n } = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, USERS_PER_PAGE);
  const users = await db
    .selectFrom("users")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.created_at",
      "users.email_confirmed_at",
      "users.department_id",
      "departments.name as department_name",
    ])
    .orderBy("users.created_at", "desc")
    .orderBy("users.id")
    .limit(limit)
    .offset(offset)
    .execute();
  const roles = users.length
    ? await db.selectFrom("user_roles").where("user_id", "in", users.map((u) => u.id)).select(["user_id", "role"]).execute()
    : [];
  const rows = users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    departmentId: u.department_id,
    departmentName: u.department_name,
    createdAt: u.created_at,
    emailConfirmed: u.email_confirmed_at !== null,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role).sort(),
  }));
  return { rows, total, page, pageCount };
}

/** The address of an account, or undefined when there is none with that id. */
export async function findUserEmail(db: DB, userId: string): Promise<string | undefined> {
  return (await db.selectFrom("users").where("id", "=", userId).select("email").executeTakeFirst())?.email;
}

/** Whether the account's address is proven. */
export async function isEmailConfirmed(db: DB, userId: string): Promise<boolean> {
  const row = await db.selectFrom("users").where("id", "=", userId).select("email_confirmed_at").executeTakeFirst();
  return Boolean(row?.email_confirmed_at);
}

export interface ConfirmationLink {
  userId: string;
  email: string;
  purpose: ConfirmationPurpose;
}

/** A confirmation link while it is unused and unexpired. */
export async function findConfirmation(db: DB, token: string): Promise<ConfirmationLink | undefined> {
  if (!token) return undefined;
  const row = await db
    .selectFrom("email_confirmations")
    .where("token_hash", "=", hashLinkToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now())
    .select(["user_id", "email", "purpose"])
    .executeTakeFirst();
  return row ? { userId: row.user_id, email: row.email, purpose: row.purpose } : undefined;
}

/** The new address an account asked to change to, while its link is still good. */
export async function pendingEmailChange(db: DB, userId: string): Promise<{ email: string; expiresAt: string } | null> {
  const row = await db
    .selectFrom("email_confirmations")
    .where("user_id", "=", userId)
    .where("purpose", "=", "change")
    .where("used_at", "is", null)
    .where("expires_at", ">", now())
    .select(["email", "expires_at"])
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return row ? { email: row.email, expiresAt: row.expires_at } : null;
}
