// One-time links mailed to an address — password reset and address confirmation. The mail holds a
// random token; the database only its SHA-256, so a copy of the database opens nothing. A link works
// until it is used, until it expires, or until a newer link of its kind is sent to the account.
import { createHash, randomBytes } from "node:crypto";
import { locksRows, type DB } from "../../../db/index";
import { now } from "../../../db/values";

export type LinkTable = "password_resets" | "email_confirmations";

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token for the mail and the hash to store, with its expiry. */
export function newLink(minutes: number): { token: string; tokenHash: string; expiresAt: string; createdAt: string } {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashLinkToken(token),
    expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    createdAt: now(),
  };
}

/**
 * The account a new link is about to be written for, found by id or address, its row locked first (on
 * PostgreSQL; SQLite's one writer needs no lock) as the link's foreign key would lock it later: the
 * hourly clean-up of abandoned sign-ups deleting the account at this moment either waits for the link
 * (and then keeps the account) or has deleted it — then undefined, and no link to a deleted account is
 * written or mailed. Call it in the transaction that writes the link.
 */
export async function accountForNewLink(db: DB, by: { id: string } | { email: string }): Promise<string | undefined> {
  const account = await db
    .selectFrom("users")
    .where("id" in by ? "id" : "email", "=", "id" in by ? by.id : by.email)
    .select("id")
    .$if(locksRows(db), (q) => q.forKeyShare())
    .executeTakeFirst();
  return account?.id;
}

/** Every link of the account in `table` not yet used stops working. */
export async function endLinks(db: DB, table: LinkTable, userId: string): Promise<void> {
  await db.updateTable(table).set({ used_at: now() }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}

/** The account a link belongs to, while it is unused and unexpired. */
export async function liveLinkOwner(db: DB, table: LinkTable, token: string): Promise<string | null> {
  if (!token) return null;
  const row = await db
    .selectFrom(table)
    .where("token_hash", "=", hashLinkToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now())
    .select("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Spends a link while it is unused and unexpired, and answers the account it belongs to — or null when
 * it was not live, or another request spent it first (on PostgreSQL the second waits for the first's
 * commit, then finds it used): a link works once however it is posted.
 */
export async function spendLink(db: DB, table: LinkTable, token: string): Promise<string | null> {
  const userId = await liveLinkOwner(db, table, token);
  if (!userId) return null;
  const spent = await db
    .updateTable(table)
    .set({ used_at: now() })
    .where("token_hash", "=", hashLinkToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now())
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1 ? userId : null;
}

