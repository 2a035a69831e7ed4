// The arithmetic of two-step sign-in, none of it our own: TOTP codes (RFC 6238: SHA-1, 6 digits, 30-second
// steps) from `otpauth`, the QR code from `qrcode`. Also the recovery codes' shape and hash, and the
// secret's encryption at rest (AES-256-GCM with TWO_FACTOR_KEY, when it is set).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

export const ISSUER = "協働マッチングポータル";
const PERIOD_SECONDS = 30;
/** Codes of the step before and after now are accepted too: a phone's clock may be off by that much. */
export const ALLOWED_SKEW_STEPS = 1;

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as authenticator apps read it. */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step a moment falls in. */
export function stepAt(time: number): number {
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: time });
}

/** The code an authenticator shows during `step`. */
export function codeForStep(secret: string, step: number): string {
  return totp(secret).generate({ timestamp: step * PERIOD_SECONDS * 1000 });
}

/**
 * The step a 6-digit code belongs to, when it is the code of the step of `time` or one step either side
 * of it; null otherwise. The caller refuses a step not newer than the last one accepted (replay).
 */
export function matchingStep(secret: string, code: string, time = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: time, window: ALLOWED_SKEW_STEPS });
  return delta === null ? null : stepAt(time) + delta;
}

/** The otpauth:// address the QR code holds: the portal's name, the account's address and the secret. */
export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The secret as a person types it into an app by hand: groups of four letters. */
export function formatKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}

/** The QR code as an SVG data: URL (drawn on the server; the page's policy allows data: images). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

// ---- recovery codes ----

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code copied from paper must read back the same.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A new recovery code: 16 characters in groups of four (about 79 random bits), so a SHA-256 of it
 * is as safe to store as a session token's.
 */
export function newRecoveryCode(): string {
  const bytes = randomBytes(32);
  let code = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (code.length === 16) break;
    if (byte < 256 - (256 % RECOVERY_ALPHABET.length)) code += RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length];
  }
  if (code.length < 16) return newRecoveryCode();
  return code.match(/.{4}/g)!.join("-");
}

/** Case, spaces and hyphens do not matter when a recovery code is typed back. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s\-‐－ー]/g, "");
}

export function looksLikeRecoveryCode(input: string): boolean {
  return /^[a-z0-9]{16}$/.test(normalizeRecoveryCode(input));
}

export function hashRecoveryCode(input: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(input)).digest("hex");
}

// ---- the secret at rest ----

const ENCRYPTED_PREFIX = "aes256gcm:";

function configuredKey(): Buffer | null {
  const value = process.env.TWO_FACTOR_KEY;
  if (!value) return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("TWO_FACTOR_KEY must be 32 bytes, as 64 hex digits or in base64.");
  return key;
}

/** How the secret is stored: encrypted when TWO_FACTOR_KEY is set, else as it is. */
export function sealSecret(secret: string): string {
  const key = configuredKey();
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ENCRYPTED_PREFIX + [iv, cipher.getAuthTag(), sealed].map((b) => b.toString("base64")).join(":");
}

/** The secret back from storage. A secret stored before a key was configured is read as it is. */
export function openSecret(stored: string): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) return stored;
  const key = configuredKey();
  if (!key) throw new Error("A second factor is stored encrypted, but TWO_FACTOR_KEY is not set.");
  const [iv, tag, sealed] = stored.slice(ENCRYPTED_PREFIX.length).split(":").map((part) => Buffer.from(part, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
}
