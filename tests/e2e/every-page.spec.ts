// axe (WCAG 2.1 A/AA) on every page each role reaches: signed in once per role as the demo's accounts,
// from the main menu and the pages tests/e2e/pages.ts names, following links to each route module once.
// Fails on any violation, naming the page; and fails when a route module is neither toured nor excluded.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { axeViolations, mainMenu, signIn } from "./helpers";
import { allPatterns, isPageModule, NOT_TOURED, routeFor, routeModules, SAME_FOR_EVERYONE, TOURS, type RoleTour } from "./pages";

/** Menu → list → detail → a detail's own pages (edit, members, results…). */
const MAX_DEPTH = 3;

test("app/routes のページはどれも、いずれかの役割の巡回か除外の理由に載っている", () => {
  const toured = new Set(TOURS.flatMap((t) => t.reaches));
  const modules = routeModules();
  expect(modules.filter((r) => !toured.has(r) && !(r in NOT_TOURED)), "route modules no tour reaches and no exclusion names").toEqual([]);
  // …and the lists name only modules that exist, and resource routes only as exclusions.
  expect([...toured, ...Object.keys(NOT_TOURED)].filter((r) => !modules.includes(r))).toEqual([]);
  expect([...toured].filter((r) => !isPageModule(r)), "toured modules that are not pages").toEqual([]);
});

test("フラットルートのファイル名からアドレスのパターンを作る", () => {
  const patterns = allPatterns();
  expect(routeFor("/", patterns)).toBe("_index");
  expect(routeFor("/groups/new", patterns)).toBe("groups.new");
  expect(routeFor("/groups/12", patterns)).toBe("groups.$id._index");
  expect(routeFor("/proposals/3.pdf", patterns)).toBe("proposals.$id[.]pdf");
  expect(routeFor("/calls/4/propose", patterns)).toBe("calls.$id_.propose");
  expect(routeFor("/login/two-factor", patterns)).toBe("login_.two-factor");
  expect(routeFor("/nothing/here", patterns)).toBe("$");
});

interface Visit {
  url: string;
  depth: number;
}

/** Walks the role's pages breadth first, one URL per route module, and returns what it found. */
async function tour(page: Page, t: RoleTour): Promise<{ reached: Map<string, string>; problems: string[] }> {
  const patterns = allPatterns();
  const reached = new Map<string, string>();
  const problems: string[] = [];
  const origin = new URL(page.url() === "about:blank" ? test.info().project.use.baseURL! : page.url()).origin;

  await page.goto(t.start[0] ?? "/");
  const menu = await mainMenu(page).getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const queue: Visit[] = [...t.start, ...menu].map((url) => ({ url, depth: 0 }));

  const beside = [...(t.beside ?? [])];
  while (queue.length > 0 || beside.length > 0) {
    if (queue.length === 0) {
      const next = beside.shift()!;
      const of = reached.get(next.of);
      if (of) queue.push({ url: new URL(of, origin).pathname + next.suffix, depth: MAX_DEPTH });
      continue;
    }
    const { url, depth } = queue.shift()!;
    const target = new URL(url, origin);
    if (target.origin !== origin) continue;
    const route = routeFor(target.pathname, patterns);
    if (!route || reached.has(route) || route in NOT_TOURED || !isPageModule(route)) continue;
    const path = target.pathname + target.search;
    reached.set(route, path);

    const response = await page.goto(path);
    const status = response?.status() ?? 0;
    if (status >= 500 || (status >= 400 && route !== "$")) problems.push(`${path} (${route}): HTTP ${status}`);
    if (!SAME_FOR_EVERYONE.has(route) || t.reaches.includes(route)) {
      for (const v of await axeViolations(page)) problems.push(`${path} (${route}): ${v}`);
    }

    if (depth < MAX_DEPTH) {
      const links = await page.locator("main a[href]:not([download])").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      for (const href of links) if (!href.startsWith("#")) queue.push({ url: new URL(href, target).toString(), depth: depth + 1 });
    }
  }
  return { reached, problems };
}

for (const t of TOURS) {
  test(`axe: ${t.role} が開けるページすべて`, async ({ page }) => {
    test.setTimeout(180_000);
    if (t.email) await signIn(page, t.email, DEMO_PASSWORD);
    const { reached, problems } = await tour(page, t);
    test.info().annotations.push({ type: "pages", description: [...reached].map(([r, p]) => `${r} ${p}`).join("\n") });
    console.log(`${t.role}: ${reached.size} pages\n  ${[...reached].map(([r, p]) => `${r} ${p}`).join("\n  ")}`);
    expect(t.reaches.filter((r) => !reached.has(r)), `pages ${t.role} should reach but did not`).toEqual([]);
    expect(problems, `axe violations (WCAG 2.1 A/AA) on the pages ${t.role} reaches`).toEqual([]);
  });
}
