// The shape of the authorization table: one row per route file, a rule per method, an outcome per role.
// Each domain area lists its routes in its own file beside this one; `authorization.test.ts` joins them.
import type { DB } from "../../../db/index";
import type { Role } from "../../../db/schema";

export type Who = "anonymous" | Role;
export const EVERYONE: Who[] = ["anonymous", "group_member", "department_staff", "reviewer", "coordinator", "admin"];

/**
 * ok: served (2xx, or 400 for an empty form the route then rejects) · login: sent to sign in ·
 * dashboard / home: redirected there · forbidden: 403 · missing: 404
 */
export type Outcome = "ok" | "login" | "dashboard" | "home" | "forbidden" | "missing";
export type Rule = Outcome | (Partial<Record<Who, Outcome>> & { others: Outcome });

export interface RouteRow {
  path: string;
  get: Rule;
  post?: Rule;
}

/** An area's routes and the records its paths point at (made once, before the table runs). */
export interface AreaTable {
  routes: Record<string, RouteRow>;
  /** `users` maps each role to a user holding only that role. */
  prepare?: (db: DB, users: Map<Who, string>) => Promise<void>;
}

export const anonymousOnly: Rule = { anonymous: "ok", others: "dashboard" };
export const signedIn: Rule = { anonymous: "login", others: "ok" };
export const adminOnly: Rule = { anonymous: "login", admin: "ok", others: "forbidden" };
export const coordinatorOnly: Rule = { anonymous: "login", coordinator: "ok", others: "forbidden" };
