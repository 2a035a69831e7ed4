// Which pages each role reaches, as data, for the accessibility pass over every page (every-page.spec.ts).
// Each role starts from its menu (and the extra pages named here) and follows links; the pages it must
// reach are listed by route module (the file name in app/routes). A route module no role lists and no
// exclusion names fails the check in every-page.spec.ts: a new page is either checked or excluded
// with a reason.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./env";

export interface RoleTour {
  role: string;
  /** The demo account (db/demo.ts); none for the anonymous visitor. */
  email: string | null;
  /** Pages to start from besides the main menu: ones no link leads to (typed addresses) or that only a link
   *  in the header or a form's redirect reaches. */
  start: string[];
  /** Route modules this role must reach; a route the walk reaches beyond these is checked too. */
  reaches: string[];
  /** Pages no link leads to (a form's own page, shown when it is sent without JavaScript): the address of a
   *  page the walk reached, plus a suffix. */
  beside?: { of: string; suffix: string }[];
}

export const TOURS: RoleTour[] = [
  {
    role: "訪問者（サインインなし）",
    email: null,
    start: ["/login", "/signup", "/password/forgot", "/no-such-page"],
    reaches: [
      "_index",
      "$",
      "login",
      "signup",
      "password.forgot",
      "sheets._index",
      "sheets.$id._index",
      "calls._index",
      "calls.$id",
      "groups._index",
      "groups.$id._index",
      "plans._index",
      "plans.$slug._index",
      "plans.$slug.progress",
      "measures.$id._index",
    ],
  },
  {
    role: "団体",
    email: "group@example.jp",
    start: ["/dashboard", "/notifications", "/account/password", "/account/email", "/account/two-factor", "/account/reauthenticate", "/groups/new"],
    reaches: [
      "dashboard",
      "notifications",
      "account.password",
      "account.email",
      "account.two-factor._index",
      "account.reauthenticate",
      "groups.new",
      "groups.$id.edit",
      "groups.$id.members",
      "calls.$id_.propose",
      "proposals._index",
      "proposals.$id._index",
      "proposals.$id.letter",
    ],
  },
  {
    role: "担当課",
    email: "staff@example.jp",
    start: ["/dashboard", "/sheets/new"],
    reaches: ["dashboard", "sheets.new", "sheets.$id.edit"],
  },
  {
    role: "審査委員",
    email: "reviewer@example.jp",
    start: ["/dashboard"],
    reaches: ["dashboard", "reviews._index", "reviews.$assignmentId"],
  },
  {
    role: "協働推進課",
    email: "coordinator@example.jp",
    start: ["/dashboard"],
    reaches: [
      "dashboard",
      "coordinator.groups",
      "coordinator.calls._index",
      "coordinator.calls.new",
      "coordinator.calls.$id.edit",
      "coordinator.calls.$id.review",
      "coordinator.calls.$id.results",
      "coordinator.calls.$id.decisions",
      "coordinator.calls.$id.rules",
      "coordinator.reviewers",
      "plans.import",
      "proposals._index",
      "proposals.$id._index",
      "proposals.$id.print",
      "proposals.$id.letter",
      "proposals.$id.decision",
      "projects._index",
      "projects.summary",
      "projects.$id._index",
      "projects.$id.agreement",
      "projects.$id.reports.$kind",
      "projects.$id.evaluation",
      "groups.$id.history",
      "measures.$id.entries",
      "measures.$id.status",
      "measures.$id.links",
    ],
    beside: [
      { of: "measures.$id._index", suffix: "/entries" },
      { of: "measures.$id._index", suffix: "/status" },
      { of: "measures.$id._index", suffix: "/links" },
    ],
  },
  {
    role: "システム管理者",
    email: "admin@example.jp",
    start: ["/dashboard"],
    reaches: ["dashboard", "admin.users", "admin.audit", "admin.departments._index", "admin.departments.$id", "admin.departments.import"],
  },
];

/**
 * Pages whose loaders do not read who is signed in (only the header differs, and each role's header is
 * checked on its other pages): axe runs on them in the tour that lists them in `reaches`; the other roles
 * only walk through them to their links. Saves a few hundred milliseconds of axe per role on the largest pages.
 */
export const SAME_FOR_EVERYONE = new Set(["plans.$slug._index", "plans.$slug.progress", "groups.new"]);

/** Route modules no tour visits, each with the reason. */
export const NOT_TOURED: Record<string, string> = {
  // Not pages: files, data and form endpoints.
  "calls.$id_.projects[.]csv": "a CSV download",
  "coordinator.calls.$id.results[.]csv": "a CSV download",
  "coordinator.calls.$id.results[.]xlsx": "an xlsx download",
  "plans.$slug.progress[.]csv": "a CSV download",
  "plans.$slug.progress[.]xlsx": "an xlsx download",
  "projects.$id.agreement[.]pdf": "a PDF download",
  "proposals.$id.letter[.]pdf": "a PDF download",
  "proposals.$id[.]pdf": "a PDF download",
  "proposals.$id.attachments.$attachmentId": "an attached file's download",
  healthz: "the health check for the load balancer",
  session: "the session's keep-alive endpoint (JSON)",
  logout: "a form endpoint (POST) that redirects",
  // Pages reached only through a mailed link or half-way through signing in: their own journeys run axe.
  "account.confirm.$token": "reached from a mailed link (address-verification.spec.ts runs axe on it)",
  "account.confirm._index": "only an unconfirmed account sees it (address-verification.spec.ts runs axe on it)",
  "password.reset.$token": "reached from a mailed link (password-reset.spec.ts)",
  "invites.$token": "reached from a mailed invitation (groups.spec.ts)",
  "reviewer-invites.$token": "reached from a mailed invitation (reviews journey)",
  "login_.two-factor": "the second step of signing in (two-factor.spec.ts runs axe on it)",
  "account.two-factor.setup": "the first sign-in of a staff account (two-factor.spec.ts runs axe on it)",
  // The demo has no draft of the group's own and no conditional adoption: the journeys that make them check them.
  "proposals.$id.edit": "the demo group has no draft; proposals.spec.ts runs axe on the editor",
  "proposals.$id.attachments": "the demo group has no draft; proposals.spec.ts runs axe on it",
  "proposals.$id.versions": "the demo has no resubmitted proposal; proposals.spec.ts runs axe on it",
  "proposals.$id.conditions":
    "the tour opens one proposal of the group's list, which other journeys' proposals change; awards.spec.ts opens the demo's conditional adoption and runs axe on it",
};

/** The route module names (app/routes, flat routes: the file name without its extension). */
export function routeModules(): string[] {
  return fs
    .readdirSync(path.join(ROOT, "app", "routes"))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ""));
}

/** Route modules with a default export (pages); the others are resource routes (downloads, endpoints). */
export function isPageModule(route: string): boolean {
  const file = ["tsx", "ts"].map((ext) => path.join(ROOT, "app", "routes", `${route}.${ext}`)).find((f) => fs.existsSync(f))!;
  return /export default function/.test(fs.readFileSync(file, "utf8"));
}

interface RoutePattern {
  route: string;
  regex: RegExp;
  dynamic: number;
}

function literal(text: string): string {
  return text.replace(/\[(.)\]/g, "$1").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The URL pattern of a flat-routes file name: `.` is `/`, `$x` a parameter, `_index` and `_x` add no segment, a trailing `_` none either, `[.]` a dot. */
export function routePattern(route: string): RoutePattern {
  const segments = route.split(/\.(?![^[]*\])/);
  let dynamic = 0;
  const parts: string[] = [];
  for (const raw of segments) {
    const segment = raw.replace(/_$/, "");
    if (segment.startsWith("_")) continue;
    if (segment === "$") {
      parts.push(".*");
      dynamic += 100;
    } else if (segment.startsWith("$")) {
      // `$id` is a parameter; `$id[.]pdf` a parameter followed by a literal ".pdf".
      const rest = segment.replace(/^\$\w+/, "");
      parts.push("[^/]+" + literal(rest));
      dynamic += 1;
    } else {
      parts.push(literal(segment));
    }
  }
  return { route, regex: new RegExp(`^/${parts.join("/")}$`), dynamic };
}

/** The route module that serves `pathname` (static segments win over parameters, the splat last). */
export function routeFor(pathname: string, patterns: RoutePattern[]): string | null {
  // Fewer parameters first; between equals, the longer pattern (more literal text: `$id[.]pdf` over `$id`).
  const matching = patterns
    .filter((p) => p.regex.test(pathname))
    .sort((a, b) => a.dynamic - b.dynamic || b.regex.source.length - a.regex.source.length);
  return matching[0]?.route ?? null;
}

export function allPatterns(): RoutePattern[] {
  return routeModules().map(routePattern);
}
