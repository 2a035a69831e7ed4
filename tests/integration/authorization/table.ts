// The shape of the authorization table: one row per route file, a rule per method, an outcome per role.
// Each domain area lists its routes in its own file beside this one; `authorization.test.ts` joins them.
import type { DB } from "../../../db/index";
import type { Role } from "../../../db/schema";

/** `unconfirmed`: a signed-up group member whose address is not yet confirmed. */
export type Who = "anonymous" | "unconfirmed" | Role;
export const EVERYONE: Who[] = ["anonymous", "unconfirmed", "group_member", "department_staff", "reviewer", "coordinator", "admin"];

/**
 * ok: served (2xx, or 400 for an empty form the route then rejects) · login: sent to sign in ·
 * dashboard / home: redirected there · confirm: sent to /account/confirm · forbidden: 403 · missing: 404
 */
export type Outcome = "ok" | "login" | "dashboard" | "home" | "confirm" | "forbidden" | "missing";
/** `others` never covers `unconfirmed`: it is sent to confirm unless its rule names it. */
export type Rule = Outcome | (Partial<Record<Who, Outcome>> & { others: Outcome });

export interface RouteRow {
  path: string;
  get: Rule;
  post?: Rule;
}

/** An area's routes and the records its paths point at (made once, before the table runs). */
export interface AreaTable {
  routes: Record<string, RouteRow>;
  /** `users` maps each role to a user holding only that role (and `unconfirmed` to the unconfirmed member). */
  prepare?: (db: DB, users: Map<Who, string>) => Promise<void>;
}

export const anonymousOnly: Rule = { anonymous: "ok", others: "dashboard" };
export const signedIn: Rule = { anonymous: "login", others: "ok" };
export const adminOnly: Rule = { anonymous: "login", admin: "ok", others: "forbidden" };
export const coordinatorOnly: Rule = { anonymous: "login", coordinator: "ok", others: "forbidden" };
