// Every route × every role: what each kind of visitor gets. A route file missing from this table
// (or a table row for a route that no longer exists) fails the test, so new routes must be added here.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import type { Role } from "../../db/schema";
import { Client, clientFor, createUser, locationOf, useServer } from "./harness";

type Who = "anonymous" | Role;
const EVERYONE: Who[] = ["anonymous", "group_member", "department_staff", "reviewer", "coordinator", "admin"];

/**
 * ok: served (2xx, or 400 for an empty form the route then rejects) · login: sent to sign in ·
 * dashboard / home: redirected there · forbidden: 403 · missing: 404
 */
type Outcome = "ok" | "login" | "dashboard" | "home" | "forbidden" | "missing";
type Rule = Outcome | Partial<Record<Who, Outcome>> & { others: Outcome };

interface RouteRow {
  path: string;
  get: Rule;
  post?: Rule;
}

const anonymousOnly: Rule = { anonymous: "ok", others: "dashboard" };
const signedIn: Rule = { anonymous: "login", others: "ok" };
const adminOnly: Rule = { anonymous: "login", admin: "ok", others: "forbidden" };

export const ROUTES: Record<string, RouteRow> = {
  _index: { path: "/", get: "ok" },
  signup: { path: "/signup", get: anonymousOnly, post: anonymousOnly },
  login: { path: "/login", get: anonymousOnly, post: anonymousOnly },
  logout: { path: "/logout", get: "home", post: { anonymous: "login", others: "home" } },
  dashboard: { path: "/dashboard", get: signedIn },
  "account.password": { path: "/account/password", get: signedIn, post: signedIn },
  "password.forgot": { path: "/password/forgot", get: anonymousOnly, post: anonymousOnly },
  "password.reset.$token": { path: "/password/reset/not-a-real-token", get: "ok", post: "ok" },
  "admin.users": { path: "/admin/users", get: adminOnly, post: adminOnly },
  "admin.audit": { path: "/admin/audit", get: adminOnly },
  "admin.departments._index": { path: "/admin/departments", get: adminOnly, post: adminOnly },
  "admin.departments.$id": { path: "/admin/departments/authz-department", get: adminOnly, post: adminOnly },
  "admin.departments.import": { path: "/admin/departments/import", get: adminOnly, post: adminOnly },
  healthz: { path: "/healthz", get: "ok" },
  $: { path: "/no/such/page", get: "missing", post: "missing" },
};

function expected(rule: Rule, who: Who): Outcome {
  if (typeof rule === "string") return rule;
  return rule[who] ?? rule.others;
}

function outcomeOf(response: Response): Outcome | string {
  const location = locationOf(response);
  if (response.status >= 300 && response.status < 400) {
    if (location === "/login") return "login";
    if (location === "/dashboard") return "dashboard";
    if (location === "/") return "home";
    return `redirect to ${location}`;
  }
  if (response.status === 403) return "forbidden";
  if (response.status === 404) return "missing";
  if (response.status < 300 || response.status === 400) return "ok";
  return `status ${response.status}`;
}

function routeFiles(): string[] {
  return fs
    .readdirSync(path.resolve("app/routes"))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .sort();
}

describe("the authorization table", () => {
  it("lists every route file, and no route that does not exist", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(routeFiles());
  });

  it("lists a POST rule exactly for the routes that have an action", () => {
    for (const file of routeFiles()) {
      const fileName = fs.readdirSync("app/routes").find((f) => f.replace(/\.tsx?$/, "") === file)!;
      const source = fs.readFileSync(path.resolve("app/routes", fileName), "utf8");
      const hasAction = /export (async )?function action/.test(source);
      expect({ file, post: ROUTES[file].post !== undefined }).toEqual({ file, post: hasAction });
    }
  });
});

describe("every route × every role", () => {
  const base = useServer();
  const users = new Map<Who, string>();
  beforeAll(async () => {
    for (const who of EVERYONE) if (who !== "anonymous") users.set(who, (await createUser([who])).id);
    await getDb()
      .insertInto("departments")
      .values({ id: "authz-department", name: "権限確認課", parent_division: null, contact: null, created_at: new Date().toISOString() })
      .execute();
  });
  // A new session for every request, so that one request (signing out) cannot change the next.
  const clientAs = (who: Who) => (who === "anonymous" ? new Client(base) : clientFor(base, users.get(who)!));

  for (const [file, row] of Object.entries(ROUTES)) {
    for (const who of EVERYONE) {
      it(`GET ${row.path} (${file}) as ${who} → ${expected(row.get, who)}`, async () => {
        const response = await (await clientAs(who)).get(row.path);
        expect(outcomeOf(response)).toBe(expected(row.get, who));
      });
      if (row.post) {
        const rule = row.post;
        it(`POST ${row.path} (${file}) as ${who} → ${expected(rule, who)}`, async () => {
          const response = await (await clientAs(who)).post(row.path, {});
          expect(outcomeOf(response)).toBe(expected(rule, who));
        });
      }
    }
  }
});
