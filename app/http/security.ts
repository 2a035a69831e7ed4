// Response headers and the Origin check applied to every request before Remix sees it.
import { randomBytes } from "node:crypto";
import { formatFileSize } from "../domain/number-format";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must carry an Origin header naming this portal. Browsers send it on every
 * POST, so a missing one means a non-browser client or an old browser — both refused.
 */
export function isOriginAllowed(method: string, originHeader: string | undefined, ownOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  return originHeader !== undefined && originHeader === ownOrigin;
}

/** A form post is small: anything bigger than this that is not an upload is refused while unread. */
export const FORM_BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Whether the portal can read a state-changing request's body, decided from its headers before any of
 * it is read: a form (URL-encoded, with a length of at most FORM_BODY_LIMIT) or an upload (multipart
 * with its boundary; uploads keep their own limit). JSON, plain text, no content type, a multipart
 * body without a boundary, or a form of unknown or excessive length get a Japanese 4xx instead of a
 * 500 from the parser or a server holding 40 MiB in memory.
 */
export function bodyRefusal(method: string, contentType: string | undefined, contentLength: string | undefined): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data") {
    return /;\s*boundary=/i.test(contentType!) ? null : { status: 400, message: "送信された内容を読み取れませんでした（ファイルの区切りがありません）。ページを開き直して、もう一度送信してください。" };
  }
  if (type !== "application/x-www-form-urlencoded") {
    return { status: 415, message: "この形式の送信は受け付けていません。ページのフォームから送信してください。" };
  }
  if (contentLength === undefined || !/^\d+$/.test(contentLength)) {
    return { status: 411, message: "送信された内容の長さが分からないため、受け付けられませんでした。ページのフォームから送信してください。" };
  }
  if (Number(contentLength) > FORM_BODY_LIMIT) {
    return { status: 413, message: `送信された内容が大きすぎます（${formatFileSize(FORM_BODY_LIMIT)}まで）。長い文章は分けて入力し、ファイルは添付欄から送ってください。` };
  }
  return null;
}

/** A path whose percent-encoding is broken (`/groups/%FF`) cannot name anything here. */
export function isReadablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
