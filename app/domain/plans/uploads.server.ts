// An uploaded plan file waits here between the preview (a dry run) and the coordinator's "import":
// the browser cannot send a chosen file twice without JavaScript, so the preview hands back a token.
// Files live in the OS temp directory, belong to the user who uploaded them, and expire after an hour.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MAX_AGE_MS = 60 * 60 * 1000;

function dir(): string {
  const d = path.join(os.tmpdir(), "portal-plan-uploads");
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

interface StagedMeta {
  userId: string;
  fileName: string;
  slug: string;
  name?: string;
  createdAt: number;
}

function sweep(): void {
  const limit = Date.now() - MAX_AGE_MS;
  for (const f of fs.readdirSync(dir())) {
    const p = path.join(dir(), f);
    try {
      if (fs.statSync(p).mtimeMs < limit) fs.rmSync(p, { force: true });
    } catch {
      // already gone
    }
  }
}

export function stageUpload(userId: string, bytes: Uint8Array, meta: Omit<StagedMeta, "userId" | "createdAt">): string {
  sweep();
  const token = crypto.randomBytes(18).toString("base64url");
  fs.writeFileSync(path.join(dir(), `${token}.bin`), bytes, { mode: 0o600 });
  fs.writeFileSync(path.join(dir(), `${token}.json`), JSON.stringify({ ...meta, userId, createdAt: Date.now() }), { mode: 0o600 });
  return token;
}

/** The staged file of this user, or null when the token is unknown, expired or someone else's. */
export function takeStagedUpload(userId: string, token: string): { bytes: Uint8Array; meta: StagedMeta } | null {
  if (!/^[A-Za-z0-9_-]{24}$/.test(token)) return null;
  const base = path.join(dir(), token);
  try {
    const meta = JSON.parse(fs.readFileSync(`${base}.json`, "utf8")) as StagedMeta;
    if (meta.userId !== userId || Date.now() - meta.createdAt > MAX_AGE_MS) return null;
    return { bytes: fs.readFileSync(`${base}.bin`), meta };
  } catch {
    return null;
  }
}

export function dropStagedUpload(token: string): void {
  if (!/^[A-Za-z0-9_-]{24}$/.test(token)) return;
  for (const ext of [".bin", ".json"]) fs.rmSync(path.join(dir(), token + ext), { force: true });
}
