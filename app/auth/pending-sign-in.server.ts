// The half-way state of a sign-in: the password was right, the second step is still to come. It is a
// row (keyed by the SHA-256 of a random token) and a short-lived cookie holding the token — never a
// session: the guards read only the session cookie, so nothing but the second-step page accepts it.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { DB } from "../../db/index";
import { now } from "../../db/values";
import { securedOrigin } from "../http/origin";
import { hashToken } from "./session.server";

/** Time to open the app and type a code. */
export const PENDING_SIGN_IN_MINUTES = 5;

const pendingCookie = createCookie("portal_pending_sign_in", {
  httpOnly: true,
  sameSite: "lax",
  path: "/login",
  maxAge: PENDING_SIGN_IN_MINUTES * 60,
});

/** Starts the second step for this account; returns the Set-Cookie value. An earlier half-way sign-in of the account ends. */
export async function startPendingSignIn(db: DB, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.deleteFrom("pending_sign_ins").where("user_id", "=", userId).execute();
  await db
    .insertInto("pending_sign_ins")
    .values({
      id: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + PENDING_SIGN_IN_MINUTES * 60_000).toISOString(),
      created_at: now(),
    })
    .execute();
  return pendingCookie.serialize(token, { secure: securedOrigin() });
}

export interface PendingSignIn {
  userId: string;
  email: string;
  token: string;
}

/** The account waiting for its second step in this browser, while the half-way sign-in is unexpired. */
export async function readPendingSignIn(db: DB, cookieHeader: string | null): Promise<PendingSignIn | null> {
  const token = (await pendingCookie.parse(cookieHeader)) as unknown;
  if (typeof token !== "string" || token.length === 0 || token.length > 100) return null;
  const row = await db
    .selectFrom("pending_sign_ins")
    .innerJoin("users", "users.id", "pending_sign_ins.user_id")
    .where("pending_sign_ins.id", "=", hashToken(token))
    .where("pending_sign_ins.expires_at", ">", now())
    .select(["pending_sign_ins.user_id", "users.email"])
    .executeTakeFirst();
  return row ? { userId: row.user_id, email: row.email, token } : null;
}

/** Ends the half-way sign-in (done, or given up); returns the Set-Cookie value that clears the cookie. */
export async function endPendingSignIn(db: DB, pending: PendingSignIn | null): Promise<string> {
  if (pending) await db.deleteFrom("pending_sign_ins").where("id", "=", hashToken(pending.token)).execute();
  // Old rows of abandoned sign-ins go too.
  await db.deleteFrom("pending_sign_ins").where("expires_at", "<=", now()).execute();
  return pendingCookie.serialize("", { maxAge: 0, secure: securedOrigin() });
}
