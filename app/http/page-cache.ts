// The shared cache of public pages: what a request without any cookie gets (so never a signed-in user's
// page, never a flash notice), kept per process, keyed by the URL and the content version in the database
// (app/domain/audit/content-version.server.ts), which every audited write a visitor can see bumps in its
// own transaction. Each request reads that version once — one indexed one-row query — before anything
// else, so a change committed by any worker is seen on the next request by every worker. Only 200 responses without
// Set-Cookie whose Cache-Control allows it are kept; an entry also expires after `maxAgeSeconds`, which
// bounds what no write announces (the clock: a call's phase, the fiscal year of the home page).
// A hit skips Remix entirely. The CSP nonce and the request id are per response: they are stored as
// markers and filled in afresh, so a cached page carries its own response's nonce like any other.
import { createHash } from "node:crypto";
import type express from "express";
import type { DB } from "../../db/index";
import { readContentVersion } from "../domain/audit/content-version.server";

export interface PageCacheOptions {
  /** Longest an entry is served, in seconds (changes that no write announces, such as the date). */
  maxAgeSeconds: number;
  /** Bytes kept in this process at most; the least recently used entries go first. */
  maxBytes: number;
}

interface Entry {
  version: number;
  storedAt: number;
  headers: [string, string | number | string[]][];
  /**
   * The bytes, cut where the nonce and the request id go (text) or whole (anything else): a hit joins
   * the pieces with this response's values, with no re-encoding of the text.
   */
  pieces: Buffer[];
  /** What goes between pieces[i] and pieces[i + 1]. */
  marks: ("nonce" | "request-id")[];
  etag: string;
  size: number;
}

const NONCE_MARK = "\u0000nonce\u0000";
const REQUEST_ID_MARK = "\u0000request-id\u0000";
// Headers made per response (by the security middleware or Node) rather than by the page.
const NOT_STORED = new Set(["content-security-policy", "x-request-id", "content-length", "date", "connection", "keep-alive", "transfer-encoding", "etag", "set-cookie"]);
const ENTRY_MAX_BYTES = 8 * 1024 * 1024;

/** PUBLIC_PAGE_CACHE=off turns it off; it is off under NODE_ENV=test unless PUBLIC_PAGE_CACHE=on. */
export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PUBLIC_PAGE_CACHE === "off") return false;
  return env.PUBLIC_PAGE_CACHE === "on" || env.NODE_ENV !== "test";
}

export function createPageCache(db: () => DB, { maxAgeSeconds, maxBytes }: PageCacheOptions): express.RequestHandler {
  const entries = new Map<string, Entry>();
  // A page being made again after its entry went stale: requests for it meanwhile wait for that one
  // instead of all making it at once (20 clients on a workbook that takes seconds) — or, when only the
  // entry's age is past and no write came since, get the older copy meanwhile. A page never kept
  // before is not waited for: it may be one that is never kept.
  const refilling = new Map<string, Promise<void>>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = entries.get(key);
    if (entry) {
      bytes -= entry.size;
      entries.delete(key);
    }
  };

  return (req, res, next) => {
    if (req.method !== "GET" || req.headers.cookie !== undefined || req.headers.authorization !== undefined) return next();
    const key = `${req.get("host") ?? ""} ${req.originalUrl}`;
    const nonce = res.locals.cspNonce as string;
    const requestId = res.locals.requestId as string;
    void readContentVersion(db()).then(
      (version) => {
        if (version === null) return next();
        const current = () => {
          const entry = entries.get(key);
          return entry && entry.version === version && Date.now() - entry.storedAt < maxAgeSeconds * 1000 ? entry : null;
        };
        const entry = entries.get(key);
        const fresh = current();
        if (fresh) {
          entries.delete(key); // most recently used last
          entries.set(key, fresh);
          return serve(req, res, fresh, nonce, requestId);
        }
        const pending = refilling.get(key);
        // Only its age is past (nothing was written since): the older copy while the next is made.
        if (pending && entry && entry.version === version) return serve(req, res, entry, nonce, requestId);
        if (pending) {
          void pending.then(() => {
            const made = current();
            if (made) serve(req, res, made, nonce, requestId);
            else next();
          });
          return;
        }
        if (entry) {
          if (entry.version !== version) forget(key);
          const made = new Promise<void>((resolve) => res.once("close", resolve));
          refilling.set(key, made);
          void made.then(() => {
            if (refilling.get(key) === made) refilling.delete(key);
          });
        }
        capture(res, nonce, requestId, (stored) => {
          forget(key);
          if (stored.size > ENTRY_MAX_BYTES || stored.size > maxBytes) return;
          entries.set(key, { ...stored, version, etag: `W/"${version}-${stored.etag}"` });
          bytes += stored.size;
          for (const oldest of entries.keys()) {
            if (bytes <= maxBytes) break;
            forget(oldest);
          }
        });
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function serve(req: express.Request, res: express.Response, entry: Entry, nonce: string, requestId: string) {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader("ETag", entry.etag);
  res.setHeader("X-Page-Cache", "hit");
  if (req.headers["if-none-match"] === entry.etag) {
    // The browser keeps the page it has with that page's CSP: a new nonce here would not match it.
    res.removeHeader("Content-Security-Policy");
    res.removeHeader("Content-Type");
    res.status(304).end();
    return;
  }
  const filled: Buffer[] = [entry.pieces[0]];
  entry.marks.forEach((mark, i) => filled.push(Buffer.from(mark === "nonce" ? nonce : requestId), entry.pieces[i + 1]));
  res.status(200).send(filled.length === 1 ? filled[0] : Buffer.concat(filled));
}

/** Watches the response Remix writes and hands over what may be kept, once it has been sent whole. */
function capture(res: express.Response, nonce: string, requestId: string, keep: (entry: Omit<Entry, "version">) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function" || size > ENTRY_MAX_BYTES) return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    chunks.push(buffer);
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    return (write as (...args: unknown[]) => boolean)(chunk, encoding, callback);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    const result = (end as (...args: unknown[]) => express.Response)(chunk, encoding, callback);
    if (keepable(res) && size <= ENTRY_MAX_BYTES) {
      const whole = Buffer.concat(chunks);
      const type = String(res.getHeader("Content-Type") ?? "");
      const text = /^text\/|json|javascript/.test(type);
      const body = text ? whole.toString("utf8").replaceAll(nonce, NONCE_MARK).replaceAll(requestId, REQUEST_ID_MARK) : whole;
      const { pieces, marks } = typeof body === "string" ? cutAtMarks(body) : { pieces: [body], marks: [] };
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => !NOT_STORED.has(name) && value !== undefined)
        .map(([name, value]) => [name, value] as [string, string | number | string[]]);
      keep({ storedAt: Date.now(), headers, pieces, marks, size: whole.length, etag: createHash("sha1").update(whole.length > 0 && text ? (body as string) : whole).digest("base64url").slice(0, 16) });
    }
    return result;
  }) as typeof res.end;
}

function keepable(res: express.Response): boolean {
  if (res.statusCode !== 200 || res.getHeader("Set-Cookie") !== undefined) return false;
  const cacheControl = String(res.getHeader("Cache-Control") ?? "");
  return !/no-store|private/.test(cacheControl);
}

/** The text as bytes, cut at each marker, and which value each cut stands for. */
function cutAtMarks(text: string): { pieces: Buffer[]; marks: ("nonce" | "request-id")[] } {
  const pieces: Buffer[] = [];
  const marks: ("nonce" | "request-id")[] = [];
  for (const [i, part] of text.split(/(\u0000nonce\u0000|\u0000request-id\u0000)/).entries()) {
    if (i % 2 === 0) pieces.push(Buffer.from(part, "utf8"));
    else marks.push(part === NONCE_MARK ? "nonce" : "request-id");
  }
  return { pieces, marks };
}
