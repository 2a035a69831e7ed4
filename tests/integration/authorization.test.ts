// Every route × every role: what each kind of visitor gets. A route file missing from the table (or a
// row for a route that no longer exists) fails the test, so new routes must be added to their area's
// file in ./authorization/.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { AREAS, expected, ROUTES, usersForEveryone } from "./authorization/areas";
import { EVERYONE, type Outcome, type Who } from "./authorization/table";
import { Client, clientFor, locationOf, useServer } from "./harness";

function outcomeOf(response: Response): Outcome | string {
  const location = locationOf(response);
  if (response.status >= 300 && response.status < 400) {
    if (location === "/login") return "login";
    if (location === "/dashboard") return "dashboard";
    if (location === "/") return "home";
    if (location === "/account/confirm") return "confirm";
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
  it("lists every route file once, and no route that does not exist", () => {
    const listed = AREAS.flatMap((area) => Object.keys(area.routes));
    expect(listed.length).toBe(new Set(listed).size);
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
  let users = new Map<Who, string>();
  beforeAll(async () => {
    users = await usersForEveryone();
    for (const area of AREAS) await area.prepare?.(getDb(), users);
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
