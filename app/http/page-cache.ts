// The shared cache of public pages: what a request without any cookie gets (so never a signed-in user's
// page, never a flash notice), kept per process, keyed by the URL and the content version in the database
// (app/domain/audit/content-version.server.ts), which every audited write a visitor can see bumps in its
// own transaction. Each request reads that version once — one indexed one-row query — before anything
// else, so a change committed by any worker is seen on the next request by every worker. Only 200 responses without
// Set-Cookie whose Cache-Control allows it are kept; an entry also expires after `maxAgeSeconds`, which
// bounds what no write announces (the clock: a call's phase, the fiscal year of the home page).
// A hit skips Remix entirely. The CSP nonce and the request id are per response: they are stored as
// markers and filled in afresh, so a cached page carries its own response's nonce like any other.
// A page is also kept gzip-compressed, made once when it is stored (see `compressPieces`), for the
// clients that accept it — every browser: the progress list of a big plan is 200 kB as text, 20 kB
// compressed, and a hit then sends a tenth of the bytes for no compression work.
import { createHash } from "node:crypto";
import zlib from "node:zlib";
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
  /** The same bytes gzip-compressed, for a text page worth compressing. */
  gzip: Gzipped | null;
}

/**
 * A gzip body made of one raw deflate stream per piece, each ended on a byte boundary (a sync flush)
 * and referring to nothing before it, so the response's nonce and request id go between them as
 * stored (uncompressed) deflate blocks: what is compressed never contains them.
 */
interface Gzipped {
  pieces: Buffer[];
  /** CRC-32 of the first piece as text (the checksum of the rest is counted per response). */
  firstCrc: number;
}

const NONCE_MARK = "\u0000nonce\u0000";
const REQUEST_ID_MARK = "\u0000request-id\u0000";
// Headers made per response (by the security middleware or Node) rather than by the page.
const NOT_STORED = new Set(["content-security-policy", "x-request-id", "content-length", "date", "connection", "keep-alive", "transfer-encoding", "etag", "set-cookie"]);
const ENTRY_MAX_BYTES = 8 * 1024 * 1024;
// Below this, compressing saves less than a network packet.
const GZIP_MIN_BYTES = 1400;

/** PUBLIC_PAGE_CACHE=off turns it off; it is off under NODE_ENV=test unless PUBLIC_PAGE_CACHE=on. */
export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PUBLIC_PAGE_CACHE === "off") return false;
  return env.PUBLIC_PAGE_CACHE === "on" || env.NODE_ENV !== "test";
}

export function createPageCache(db: () => DB, { maxAgeSeconds, maxBytes }: PageCacheOptions): express.RequestHandler {
  const entries = new Map<string, Entry>();
  const readVersion = sharedReads(() => readContentVersion(db()));
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
    void readVersion().then(
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

/**
 * `read`, shared by the callers that come while it runs — but never a read that began before a caller
 * came: they get the next one, started as soon as the running one ends. So each caller still sees every
 * change committed before it asked, and under load the database answers one version query per round
 * trip instead of one per request (on PostgreSQL each is a round trip to another process).
 */
export function sharedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = () => {
    const started = read().finally(() => {
      if (running === started) running = null;
    });
    running = started;
    return started;
  };
  return () => {
    if (!running) return start();
    queued ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued = null;
      return start();
    });
    return queued;
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
  const values = entry.marks.map((mark) => Buffer.from(mark === "nonce" ? nonce : requestId));
  if (entry.gzip) {
    res.vary("Accept-Encoding");
    if (req.acceptsEncodings("gzip") === "gzip") {
      res.setHeader("Content-Encoding", "gzip");
      res.status(200).send(gzipBody(entry.pieces, entry.gzip, values));
      return;
    }
  }
  const filled: Buffer[] = [entry.pieces[0]];
  values.forEach((value, i) => filled.push(value, entry.pieces[i + 1]));
  res.status(200).send(filled.length === 1 ? filled[0] : Buffer.concat(filled));
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]); // deflate, no name, no time, Unix

/** Compresses each piece on its own, ending on a byte boundary without ending the stream. */
export function compressPieces(pieces: Buffer[]): Gzipped {
  return {
    pieces: pieces.map((piece) => zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH })),
    firstCrc: crc32(pieces[0], 0),
  };
}

/** zlib's crc32 given no bytes may answer 0 (for an empty buffer without memory) instead of `crc`. */
function crc32(data: Buffer, crc: number): number {
  return data.length === 0 ? crc : zlib.crc32(data, crc);
}

/** The gzip member of the page with this response's values in their stored blocks (RFC 1951 3.2.4, RFC 1952). */
export function gzipBody(text: Buffer[], gzip: Gzipped, values: Buffer[]): Buffer {
  const parts = [GZIP_HEADER, gzip.pieces[0]];
  let crc = gzip.firstCrc;
  let length = text[0].length;
  values.forEach((value, i) => {
    const stored = Buffer.alloc(5);
    stored.writeUInt16LE(value.length, 1);
    stored.writeUInt16LE(~value.length & 0xffff, 3);
    parts.push(stored, value, gzip.pieces[i + 1]);
    crc = crc32(text[i + 1], crc32(value, crc));
    length += value.length + text[i + 1].length;
  });
  // An empty final block (fixed codes), then the checksum and the length of the text.
  const end = Buffer.alloc(10);
  end.writeUInt16LE(0x0003, 0);
  end.writeUInt32LE(crc >>> 0, 2);
  end.writeUInt32LE(length % 2 ** 32, 6);
  parts.push(end);
  return Buffer.concat(parts);
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
      const gzip = text && whole.length >= GZIP_MIN_BYTES && res.getHeader("Content-Encoding") === undefined ? compressPieces(pieces) : null;
      const gzipSize = gzip ? gzip.pieces.reduce((sum, piece) => sum + piece.length, 0) : 0;
      keep({ storedAt: Date.now(), headers, pieces, marks, gzip, size: whole.length + gzipSize, etag: createHash("sha1").update(whole.length > 0 && text ? (body as string) : whole).digest("base64url").slice(0, 16) });
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
