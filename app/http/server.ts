// The HTTP server: static files, security headers, the Origin check, then Remix.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import "../load-context";
import { getDb } from "../../db/index";
import { SESSION_COOKIE } from "../auth/session-cookie";
import { bodyRefusal, isOriginAllowed, isReadablePath, newNonce, securityHeaders } from "./security";
import { errorPage } from "./error-page";
import { originSettings, requestOrigin } from "./origin";
import { createPageCache, pageCacheEnabled } from "./page-cache";

export interface ServerOptions {
  /** Folder holding the Remix build (build/index.js) and public/. Defaults to the working directory. */
  root?: string;
  /** Start the build's warm-up (entry.server `warmUp`: the matching indexes) in the background. */
  warmUp?: boolean;
}

export async function createApp({ root = process.cwd(), warmUp = false }: ServerOptions = {}) {
  const origin = originSettings();
  const https = origin.origin.startsWith("https:");
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const warm = (build.entry.module as { warmUp?: () => Promise<void> }).warmUp;
  if (warmUp && warm) setImmediate(() => void warm().catch((error) => console.error("warm-up:", error)));
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  app.use((req, res, next) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    // Named in the log beside an error and shown on the error page, so a report can be matched to it.
    res.locals.requestId = randomBytes(6).toString("hex");
    res.set("X-Request-Id", res.locals.requestId as string);
    const defaults = { ...securityHeaders(nonce, https), "Cache-Control": req.headers.cookie?.includes(`${SESSION_COOKIE}=`) ? "no-store" : "no-cache" };
    // Pages of a signed-in user must never be kept by a browser or proxy cache.
    res.set(defaults);
    // Remix appends a route's headers to these: a route's own value replaces the default instead of
    // doubling it (`nosniff, nosniff`, `no-store, private, no-store`).
    const defaulted = new Set(Object.keys(defaults).map((name) => name.toLowerCase()));
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) => (defaulted.has(field.toLowerCase()) ? res.set(field, value) : append(field, value));
    // A Host that is not this portal's is refused before anything else: nothing is built from it.
    const servedAs = requestOrigin(origin, req.get("host"), req.protocol);
    if (!servedAs) {
      res.status(421).type("html").send(errorPage(421, `このアドレスではポータルを提供していません。${origin.origin} を開いてください。`));
      return;
    }
    if (!isOriginAllowed(req.method, req.get("Origin"), servedAs)) {
      res.status(403).type("html").send(errorPage(403, "別のサイトから送信されたため、処理を中止しました。ページを開き直して、もう一度操作してください。"));
      return;
    }
    if (!isReadablePath(req.path)) {
      res.status(400).type("html").send(errorPage(400, "アドレスが正しくありません。リンクをもう一度確かめてください。"));
      return;
    }
    const refusal = bodyRefusal(req.method, req.get("Content-Type"), req.get("Content-Length"));
    if (refusal) {
      // The body is not read; the connection closes so the client stops sending it.
      res.set("Connection", "close").status(refusal.status).type("html").send(errorPage(refusal.status, refusal.message));
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y", index: false }));
  // Other files of public/ (favicon, robots.txt …): only paths that name a file, so a page request
  // costs no file-system lookup.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // Public pages (requests without cookies) from the shared cache, keyed by the content version (page-cache.ts).
  if (pageCacheEnabled()) {
    const maxAgeSeconds = Number(process.env.PUBLIC_PAGE_CACHE_SECONDS ?? 60);
    app.use(createPageCache(getDb, { maxAgeSeconds, maxBytes: 64 * 1024 * 1024 }));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      // Always production: Remix then never sends an error's message or stack to the browser (in
      // development mode it serialized them into the page). Errors are logged with the request id.
      mode: "production",
      getLoadContext(req, res): AppLoadContext {
        return {
          cspNonce: res.locals.cspNonce as string,
          requestId: res.locals.requestId as string,
          clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
          origin: origin.origin,
          appendSetCookie: (value: string) => res.append("Set-Cookie", value),
        };
      },
    }),
  );

  // Anything that escaped Remix: a plain Japanese page, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error(`[request ${res.locals.requestId as string}]`, error);
    if (!res.headersSent) res.status(500).type("html").send(errorPage(500, "システムでエラーが発生しました。時間をおいて、もう一度お試しください。"));
  });

  return app;
}
