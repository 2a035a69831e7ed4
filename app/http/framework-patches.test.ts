// The patches in app/framework-patches (applied by `npm install`/`npm ci` through patch-package) keep the
// route tree, its data routes and its ranked branches from one server render to the next instead of
// rebuilding them on every request (docs/decisions/0022). These tests load the framework's CommonJS files
// exactly as the server does: they fail when the patches are missing, and when a kept tree would be served
// after a route module changed or would match a path differently from the unpatched router.
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const serverRoutes = require("@remix-run/react/dist/routes.js") as {
  createServerRoutes(manifest: object, modules: object, future: object, isSpaMode: boolean): RouteObject[];
};
const patchedRouter = require("@remix-run/router") as { matchRoutes(routes: RouteObject[], path: string): { route: RouteObject; params: object }[] | null };
const serverData = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader(args: { loadContext: object; loader: (args: { request: Request }) => unknown; params: object; request: Request; routeId: string; singleFetch: boolean }): Promise<unknown>;
};
const staticServer = require("react-router-dom/server.js") as { createStaticRouter(routes: RouteObject[], context: object): { routes: RouteObject[] } };

interface RouteObject {
  id?: string;
  path?: string;
  index?: boolean;
  children?: RouteObject[];
  element?: unknown;
}

const manifestEntry = (id: string, parentId: string | undefined, route: { path?: string; index?: boolean }) => ({
  id,
  parentId,
  ...route,
  hasLoader: true,
  hasAction: false,
  hasClientLoader: false,
  hasClientAction: false,
  hasErrorBoundary: false,
  module: `/build/${id}.js`,
});

function build() {
  const manifest = {
    root: manifestEntry("root", undefined, { path: "" }),
    "routes/_index": manifestEntry("routes/_index", "root", { index: true }),
    "routes/sheets.$id": manifestEntry("routes/sheets.$id", "root", { path: "sheets/:id" }),
  };
  const modules = {
    root: { default: () => null },
    "routes/_index": { default: () => null },
    "routes/sheets.$id": { default: () => null },
  };
  return { manifest, modules };
}

describe("the framework patches", () => {
  it("give the next render the route tree made for the last one", () => {
    const { manifest, modules } = build();
    const first = serverRoutes.createServerRoutes(manifest, { ...modules }, {}, false);
    // A render gets a new object of route modules each time (the same modules in it).
    expect(serverRoutes.createServerRoutes(manifest, { ...modules }, {}, false)).toBe(first);
    const router = staticServer.createStaticRouter(first, { matches: [], loaderData: {}, actionData: null, errors: null, basename: "/" });
    const again = staticServer.createStaticRouter(first, { matches: [], loaderData: {}, actionData: null, errors: null, basename: "/" });
    expect(again.routes).toBe(router.routes);
  });

  it("make the tree afresh when a route module is not the one it was made from", () => {
    const { manifest, modules } = build();
    const first = serverRoutes.createServerRoutes(manifest, modules, {}, false);
    const Changed = () => null;
    const changed = { ...modules, "routes/sheets.$id": { default: Changed } };
    const second = serverRoutes.createServerRoutes(manifest, changed, {}, false);
    expect(second).not.toBe(first);
    expect(second[0].children?.find((r) => r.id === "routes/sheets.$id")).toMatchObject({ Component: Changed });
  });

  it("match every path as the unpatched router does, the second time too", async () => {
    // The browser build's copy (router.js, ES module) is not patched: it is the reference.
    const reference = (await import(path.join(path.dirname(require.resolve("@remix-run/router")), "router.js"))) as typeof patchedRouter;
    const routes: RouteObject[] = [
      {
        id: "root",
        path: "",
        children: [
          { id: "index", index: true },
          { id: "sheets", path: "sheets" },
          { id: "sheet", path: "sheets/:id" },
          { id: "sheet-new", path: "sheets/new" },
          { id: "proposal", path: "proposals/:id", children: [{ id: "proposal-index", index: true }, { id: "proposal-edit", path: "edit" }] },
          { id: "plan-file", path: "plans/:slug/progress.xlsx" },
          { id: "optional", path: "calls/:year?/open" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const paths = ["/", "/sheets", "/sheets/new", "/sheets/12", "/proposals/3", "/proposals/3/edit", "/plans/shiroi/progress.xlsx", "/calls/open", "/calls/2026/open", "/nowhere/at/all", "/SHEETS/9"];
    const summary = (matches: ReturnType<typeof patchedRouter.matchRoutes>) => matches?.map((m) => [m.route.id, m.params]) ?? null;
    for (let pass = 0; pass < 2; pass++) {
      for (const p of paths) expect(summary(patchedRouter.matchRoutes(routes, p)), p).toEqual(summary(reference.matchRoutes(routes, p)));
    }
    // The patched copy keeps the ranked branches of this array: a route added to it afterwards is not seen,
    // which is how it is known that the patch is applied (the server's route arrays never change).
    routes[0].children!.unshift({ id: "late", path: "late" });
    expect(summary(reference.matchRoutes(routes, "/late"))?.[1][0]).toBe("late");
    expect(summary(patchedRouter.matchRoutes(routes, "/late"))?.[1][0]).toBe("splat");
  });

  it("hand a loader the request itself unless Remix's own parameters must come off it", async () => {
    const seen: Request[] = [];
    const loader = ({ request }: { request: Request }) => (seen.push(request), null);
    const call = (request: Request) => serverData.callRouteLoader({ loadContext: {}, loader, params: {}, request, routeId: "root", singleFetch: false });
    const page = new Request("http://portal.test/sheets?page=2");
    await call(page);
    expect(seen[0]).toBe(page);
    await call(new Request("http://portal.test/sheets?page=2&_data=routes%2Fsheets&index="));
    expect(seen[1].url).toBe("http://portal.test/sheets?page=2");
    await call(new Request("http://portal.test/proposals/3?index=&index=x"));
    expect(seen[2].url).toBe("http://portal.test/proposals/3?index=x");
  });
});
