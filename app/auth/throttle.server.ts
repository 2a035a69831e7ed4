// Throttling of sign-in and of the requests that send mail. Both are kept in the database so that every
// server process sees the same counts. Sign-in failures count per account (e-mail, whether or not it
// exists) and per client address; mail requests per recipient address (likewise) and per client address.
import type { DB } from "../../db/index";
import type { MailRequestKind } from "../../db/schema";
import { newId, now } from "../../db/values";

export const THROTTLE = {
  windowMinutes: Number(process.env.SIGNIN_WINDOW_MINUTES ?? 15),
  maxFailuresPerAccount: Number(process.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT ?? 5),
  maxFailuresPerAddress: Number(process.env.SIGNIN_MAX_FAILURES_PER_ADDRESS ?? 20),
};

async function recentFailures(db: DB, column: "email" | "client_address", value: string): Promise<number> {
  const windowStart = new Date(Date.now() - THROTTLE.windowMinutes * 60_000).toISOString();
  let since = windowStart;
  if (column === "email") {
    // The account's own successful sign-in clears its count. Not so for an address: an attacker could
    // clear it by signing in to an account of their own between guesses.
    const lastSuccess = await db
      .selectFrom("sign_in_attempts")
      .where("email", "=", value)
      .where("succeeded", "=", 1)
      .where("attempted_at", ">", windowStart)
      .select((eb) => eb.fn.max("attempted_at").as("at"))
      .executeTakeFirst();
    if (lastSuccess?.at) since = lastSuccess.at;
  }
  const row = await db
    .selectFrom("sign_in_attempts")
    .where(column, "=", value)
    .where("succeeded", "=", 0)
    .where("attempted_at", ">", since)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function isThrottled(db: DB, email: string, clientAddress: string): Promise<boolean> {
  const [byAccount, byAddress] = await Promise.all([
    recentFailures(db, "email", email),
    recentFailures(db, "client_address", clientAddress),
  ]);
  return byAccount >= THROTTLE.maxFailuresPerAccount || byAddress >= THROTTLE.maxFailuresPerAddress;
}

export async function recordAttempt(db: DB, email: string, clientAddress: string, succeeded: boolean) {
  await db
    .insertInto("sign_in_attempts")
    .values({ id: newId(), email, client_address: clientAddress, succeeded: succeeded ? 1 : 0, attempted_at: now() })
    .execute();
}

export const MAIL_THROTTLE = {
  windowMinutes: Number(process.env.MAIL_REQUEST_WINDOW_MINUTES ?? 60),
  maxPerRecipient: Number(process.env.MAIL_REQUESTS_PER_RECIPIENT ?? 3),
  maxPerClient: Number(process.env.MAIL_REQUESTS_PER_CLIENT ?? 20),
};

/**
 * Counts a request that would send mail (sign-up, password reset, re-sending a confirmation, an address
 * change) and says whether it may go ahead. Counted per kind, per recipient address — known or not, so
 * the answer reveals nothing — and per client address, so neither an inbox nor the portal's mail can be
 * flooded. A refused request is not counted.
 */
export async function takeMailRequest(db: DB, kind: MailRequestKind, email: string, clientAddress: string): Promise<boolean> {
  const since = new Date(Date.now() - MAIL_THROTTLE.windowMinutes * 60_000).toISOString();
  const count = async (column: "email" | "client_address", value: string) =>
    Number(
      (
        await db
          .selectFrom("mail_requests")
          .where("kind", "=", kind)
          .where(column, "=", value)
          .where("requested_at", ">", since)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [byRecipient, byClient] = await Promise.all([count("email", email), count("client_address", clientAddress)]);
  if (byRecipient >= MAIL_THROTTLE.maxPerRecipient || byClient >= MAIL_THROTTLE.maxPerClient) return false;
  await db.insertInto("mail_requests").values({ id: newId(), kind, email, client_address: clientAddress, requested_at: now() }).execute();
  return true;
}

/** How long a throttling row is kept once its window has passed: an operator can still see last night's attempts. */
export const THROTTLE_ROWS_KEPT_HOURS = 24;

/**
 * Deletes the sign-in attempts and mail requests whose window passed more than THROTTLE_ROWS_KEPT_HOURS
 * before `at`: nothing counts them any more, and each names an e-mail address, known or not. Run hourly
 * by app/http/primary.ts; returns how many rows went.
 */
export async function forgetPastThrottling(db: DB, at: Date): Promise<number> {
  const before = (windowMinutes: number) => new Date(at.getTime() - (windowMinutes + THROTTLE_ROWS_KEPT_HOURS * 60) * 60_000).toISOString();
  const attempts = await db.deleteFrom("sign_in_attempts").where("attempted_at", "<", before(THROTTLE.windowMinutes)).executeTakeFirst();
  const requests = await db.deleteFrom("mail_requests").where("requested_at", "<", before(MAIL_THROTTLE.windowMinutes)).executeTakeFirst();
  return Number(attempts.numDeletedRows) + Number(requests.numDeletedRows);
}
