// The only module that knows lucia. Sessions live in the `sessions` table keyed by the SHA-256 of
// the token; the token itself exists only in the user's cookie.
import { createHash } from "node:crypto";
import { securedOrigin } from "../http/origin";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { getDb, type DB } from "../../db/index";
import { now } from "../../db/values";
import { SESSION_COOKIE } from "./session-cookie";

const IDLE_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 120);
const ABSOLUTE_HOURS = Number(process.env.SESSION_ABSOLUTE_HOURS ?? 12);

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** lucia hands this adapter the raw token as "session id"; every query uses its hash instead. */
const adapter: Adapter = {
  async getSessionAndUser(token): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const db = getDb();
    const row = await db
      .selectFrom("sessions")
      .where("id", "=", hashToken(token))
      .select(["user_id", "expires_at", "created_at"])
      .executeTakeFirst();
    if (!row) return [null, null];
    const absoluteEnd = new Date(row.created_at).getTime() + ABSOLUTE_HOURS * 3_600_000;
    if (Date.now() >= absoluteEnd) {
      await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
      return [null, null];
    }
    const session: DatabaseSession = {
      id: token,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      // Handed back on the validated session, so a page can say when it ends (absolute limit included).
      attributes: { absoluteEnd } as DatabaseSession["attributes"],
    };
    return [session, { id: row.user_id, attributes: {} }];
  },
  async getUserSessions(userId) {
    const rows = await getDb().selectFrom("sessions").where("user_id", "=", userId).selectAll().execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  },
  async setSession(session) {
    await getDb()
      .insertInto("sessions")
      .values({
        id: hashToken(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: now(),
        // Every session starts at a sign-in, where the password was just entered.
        authenticated_at: now(),
      })
      .execute();
  },
  async updateSessionExpiration(token, expiresAt) {
    await getDb()
      .updateTable("sessions")
      .set({ expires_at: expiresAt.toISOString() })
      .where("id", "=", hashToken(token))
      .execute();
  },
  async deleteSession(token) {
    await getDb().deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
  },
  async deleteUserSessions(userId) {
    await getDb().deleteFrom("sessions").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await getDb().deleteFrom("sessions").where("expires_at", "<=", now()).execute();
  },
};

// Made on first use, once the server's configuration is read: the cookie is Secure when the portal's
// origin is https (plain http on localhost still signs in).
type SessionAttributes = { absoluteEnd: number | null };
let instance: Lucia<SessionAttributes> | null = null;
function lucia(): Lucia<SessionAttributes> {
  return (instance ??= new Lucia<SessionAttributes>(adapter, {
    sessionExpiresIn: new TimeSpan(IDLE_MINUTES, "m"),
    getSessionAttributes: (attributes) => ({ absoluteEnd: (attributes as Partial<SessionAttributes>).absoluteEnd ?? null }),
    sessionCookie: { name: SESSION_COOKIE, attributes: { sameSite: "lax", secure: securedOrigin() } },
  }));
}

export interface ValidSession {
  userId: string;
  token: string;
  /** A Set-Cookie value to send when the session was extended or has ended; null when nothing changed. */
  refreshCookie: string | null;
  /** When it ends if not used again: the idle limit, or the absolute limit when that comes first. */
  endsAt: Date;
}

/** Reads the session cookie of a request. Returns null (and a cookie that clears it) when it is not valid. */
export async function readSession(
  cookieHeader: string | null,
): Promise<{ session: ValidSession | null; clearCookie: string | null }> {
  const token = lucia().readSessionCookie(cookieHeader ?? "");
  if (!token) return { session: null, clearCookie: null };
  const { session } = await lucia().validateSession(token);
  if (!session) return { session: null, clearCookie: lucia().createBlankSessionCookie().serialize() };
  return {
    session: {
      userId: session.userId,
      token,
      refreshCookie: session.fresh ? lucia().createSessionCookie(token).serialize() : null,
      endsAt: endOf(session.expiresAt, (session as unknown as SessionAttributes).absoluteEnd ?? null),
    },
    clearCookie: null,
  };
}

function endOf(idleEnd: Date, absoluteEnd: number | null): Date {
  return absoluteEnd !== null && absoluteEnd < idleEnd.getTime() ? new Date(absoluteEnd) : idleEnd;
}

export interface SessionTimes {
  userId: string;
  token: string;
  /** When the session ends if not used again. */
  endsAt: Date;
  /** Whether extending would give more time (false once the absolute limit is what ends it). */
  extendable: boolean;
}

/**
 * The session of a request as it stands, WITHOUT extending it: asking how much time is left is not using
 * the portal (otherwise an open tab that asks would keep a session alive for ever). Null when there is no
 * valid session.
 */
export async function peekSession(cookieHeader: string | null): Promise<SessionTimes | null> {
  const token = lucia().readSessionCookie(cookieHeader ?? "");
  if (!token) return null;
  const [session] = await adapter.getSessionAndUser(token);
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const absoluteEnd = (session.attributes as Partial<SessionAttributes>).absoluteEnd ?? null;
  const endsAt = endOf(session.expiresAt, absoluteEnd);
  return { userId: session.userId, token, endsAt, extendable: absoluteEnd === null || absoluteEnd > session.expiresAt.getTime() };
}

/**
 * Extends a session by the full idle period (never past its absolute limit), as the user asked on the
 * page's warning. Returns the new end and the Set-Cookie value carrying it.
 */
export async function extendSession(token: string): Promise<{ endsAt: Date; cookie: string }> {
  const [session] = await adapter.getSessionAndUser(token);
  if (!session) throw new Error("extendSession: no such session");
  const idleEnd = new Date(Date.now() + IDLE_MINUTES * 60_000);
  await adapter.updateSessionExpiration(token, idleEnd);
  return { endsAt: endOf(idleEnd, (session.attributes as Partial<SessionAttributes>).absoluteEnd ?? null), cookie: lucia().createSessionCookie(token).serialize() };
}

/** A new session on every sign-in; returns the Set-Cookie value. */
export async function startSession(userId: string): Promise<string> {
  const session = await lucia().createSession(userId, {});
  return lucia().createSessionCookie(session.id).serialize();
}

/** Ends one session; returns the Set-Cookie value that clears the cookie. */
export async function endSession(token: string): Promise<string> {
  await lucia().invalidateSession(token);
  return lucia().createBlankSessionCookie().serialize();
}

/** Ends every session of a user except the one holding `keepToken`; runs inside the caller's transaction. */
export async function endOtherSessions(db: DB, userId: string, keepToken: string | null): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepToken) query = query.where("id", "!=", hashToken(keepToken));
  await query.execute();
}

/** When the session's holder last entered their password (sign-in or re-authentication); null when unknown. */
export async function sessionAuthenticatedAt(token: string): Promise<Date | null> {
  const row = await getDb().selectFrom("sessions").where("id", "=", hashToken(token)).select("authenticated_at").executeTakeFirst();
  return row?.authenticated_at ? new Date(row.authenticated_at) : null;
}

/** Records that the session's holder has just entered their password again. */
export async function markSessionAuthenticated(token: string): Promise<void> {
  await getDb().updateTable("sessions").set({ authenticated_at: now() }).where("id", "=", hashToken(token)).execute();
}
