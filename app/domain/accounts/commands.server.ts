// Account use cases: each validates its input (already parsed by the schema), writes in one
// transaction and records what an operator would need to know.
import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../../db/index";
import type { Role } from "../../../db/schema";
import { isUniqueViolation, newId, now } from "../../../db/values";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../../auth/password.server";
import { endOtherSessions } from "../../auth/session.server";
import { isThrottled, recordAttempt } from "../../auth/throttle.server";
import { sendMail } from "../../mail/mailer.server";
import { recordAudit } from "../audit/commands.server";
import { hasSecondFactor } from "./two-factor.server";

export class EmailTakenError extends Error {}

/** `source` says in the audit log how the account came to be: self sign-up, the operators' CLI, the demo… */
export async function registerUser(
  db: DB,
  input: { email: string; displayName: string; password: string; roles: Role[]; departmentId?: string | null; source: string },
  actorId: string | null = null,
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction()
    .execute(async (trx) => {
    const existing = await trx.selectFrom("users").where("email", "=", input.email).select("id").executeTakeFirst();
    if (existing) throw new EmailTakenError(input.email);
    const id = newId();
    const at = now();
    await trx
      .insertInto("users")
      .values({
        id,
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        department_id: input.departmentId ?? null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const role of new Set(input.roles)) {
      await trx.insertInto("user_roles").values({ user_id: id, role, granted_at: at, granted_by: actorId }).execute();
    }
    await recordAudit(trx, {
      actorId: actorId ?? id,
      action: "user.create",
      subjectType: "user",
      subjectId: id,
      detail: { email: input.email, roles: [...new Set(input.roles)], source: input.source },
    });
    return id;
  })
    .catch((error: unknown) => {
      // Two sign-ups racing with one address: on PostgreSQL both pass the check and one insert fails.
      if (isUniqueViolation(error)) throw new EmailTakenError(input.email);
      throw error;
    });
}

export type SignInResult = { ok: true; userId: string; secondFactor: boolean } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the password. The answer is the same whether or not the e-mail has an account. `secondFactor`:
 * a code must follow before there is a session.
 */
export async function authenticate(
  db: DB,
  input: { email: string; password: string },
  clientAddress: string,
): Promise<SignInResult> {
  if (await isThrottled(db, input.email, clientAddress)) return { ok: false, reason: "throttled" };
  const user = await db
    .selectFrom("users")
    .where("email", "=", input.email)
    .select(["id", "password_hash"])
    .executeTakeFirst();
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyAgainstNothing(input.password);
  const secondFactor = valid && user ? await hasSecondFactor(db, user.id) : false;
  // A right password before a code is not yet a sign-in: recorded as one, it would clear the account's
  // failure count, and wrong codes could be tried without end between correct passwords.
  if (!secondFactor) await recordAttempt(db, input.email, clientAddress, valid);
  return valid && user ? { ok: true, userId: user.id, secondFactor } : { ok: false, reason: "invalid" };
}

/**
 * Changes the password and ends every other session of the user (the current one stays signed in). The
 * route asks for recent re-authentication (`requireRecentAuthentication`) instead of the current password.
 */
export async function changePassword(
  db: DB,
  userId: string,
  input: { password: string },
  currentSessionToken: string,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now() }).where("id", "=", userId).execute();
    await endOtherSessions(trx, userId, currentSessionToken);
    await endResetLinks(trx, userId);
    await recordAudit(trx, { actorId: userId, action: "user.password.change", subjectType: "user", subjectId: userId });
  });
}

/**
 * Re-authentication: the signed-in user enters their password again before a sensitive change. Throttled
 * and counted with sign-in failures, so a session left open cannot be used to guess the password.
 */
export async function confirmPassword(
  db: DB,
  viewer: { id: string; email: string },
  password: string,
  clientAddress: string,
): Promise<"ok" | "invalid" | "throttled"> {
  if (await isThrottled(db, viewer.email, clientAddress)) return "throttled";
  const user = await db.selectFrom("users").where("id", "=", viewer.id).select("password_hash").executeTakeFirstOrThrow();
  const valid = await verifyPassword(user.password_hash, password);
  // Only failures count here: this session has passed any second step already, and a success recorded
  // now would clear the count of an attacker's failed codes on another browser.
  if (!valid) await recordAttempt(db, viewer.email, clientAddress, false);
  return valid ? "ok" : "invalid";
}

const RESET_MINUTES = 30;
/** At most this many reset mails per account and window, so the form cannot be used to flood an inbox. */
const RESET_MAILS_PER_WINDOW = 3;

/** Every reset link of the account not yet used stops working (a reset, a password change, a newer link). */
async function endResetLinks(db: DB, userId: string): Promise<void> {
  await db.updateTable("password_resets").set({ used_at: now() }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}

function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Mails a one-time link when the address has an account; does nothing visible otherwise, so the
 * page cannot be used to find out who has an account.
 */
export async function requestPasswordReset(db: DB, email: string, baseUrl: string): Promise<void> {
  const user = await db.selectFrom("users").where("email", "=", email).select("id").executeTakeFirst();
  if (!user) return;
  const windowStart = new Date(Date.now() - RESET_MINUTES * 60_000).toISOString();
  const recent = await db
    .selectFrom("password_resets")
    .where("user_id", "=", user.id)
    .where("created_at", ">", windowStart)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= RESET_MAILS_PER_WINDOW) return;
  const token = randomBytes(32).toString("base64url");
  // Only the newest link works: one forwarded or left in an old mail is ended by asking again.
  await endResetLinks(db, user.id);
  await db
    .insertInto("password_resets")
    .values({
      token_hash: hashResetToken(token),
      user_id: user.id,
      expires_at: new Date(Date.now() + RESET_MINUTES * 60_000).toISOString(),
      used_at: null,
      created_at: now(),
    })
    .execute();
  await sendMail({
    to: email,
    subject: "【協働マッチングポータル】パスワード再設定のご案内",
    text: [
      "パスワード再設定のお申し込みを受け付けました。",
      `次のリンクから${RESET_MINUTES}分以内に新しいパスワードを設定してください（一度だけ使えます）。`,
      "",
      `${baseUrl}/password/reset/${token}`,
      "",
      "お心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
    ].join("\n"),
  });
}

/** The user a reset link belongs to, while it is unused and unexpired. */
export async function findResetUser(db: DB, token: string): Promise<string | null> {
  const row = await db
    .selectFrom("password_resets")
    .where("token_hash", "=", hashResetToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now())
    .select("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Sets the new password and spends the link; returns the user id, or null when the link is no good. */
export async function resetPassword(db: DB, token: string, password: string): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await findResetUser(trx, token);
    if (!userId) return null;
    await endResetLinks(trx, userId);
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now() }).where("id", "=", userId).execute();
    // Whoever held the old password is signed out everywhere.
    await endOtherSessions(trx, userId, null);
    await recordAudit(trx, { actorId: userId, action: "user.password.reset", subjectType: "user", subjectId: userId });
    return userId;
  });
}

export class LastAdminError extends Error {}

export async function grantRole(db: DB, actorId: string, userId: string, role: Role): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const has = await trx
      .selectFrom("user_roles")
      .where("user_id", "=", userId)
      .where("role", "=", role)
      .select("role")
      .executeTakeFirst();
    if (has) return;
    await trx.insertInto("user_roles").values({ user_id: userId, role, granted_at: now(), granted_by: actorId }).execute();
    await recordAudit(trx, { actorId, action: "role.grant", subjectType: "user", subjectId: userId, detail: { role } });
  });
}

export async function revokeRole(db: DB, actorId: string, userId: string, role: Role): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (role === "admin") {
      const admins = await trx
        .selectFrom("user_roles")
        .where("role", "=", "admin")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      // The portal must never be left without someone who can grant roles.
      if (Number(admins.n) <= 1) throw new LastAdminError();
    }
    const result = await trx
      .deleteFrom("user_roles")
      .where("user_id", "=", userId)
      .where("role", "=", role)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return;
    await recordAudit(trx, { actorId, action: "role.revoke", subjectType: "user", subjectId: userId, detail: { role } });
  });
}

export class UnknownDepartmentError extends Error {}

/** Puts a user in a department (or in none), as staff must be to act for their department; returns its name. */
export async function setUserDepartment(
  db: DB,
  actorId: string,
  userId: string,
  departmentId: string | null,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const department = departmentId
      ? await trx.selectFrom("departments").where("id", "=", departmentId).select("name").executeTakeFirst()
      : null;
    if (departmentId && !department) throw new UnknownDepartmentError(departmentId);
    await trx.updateTable("users").set({ department_id: departmentId, updated_at: now() }).where("id", "=", userId).execute();
    await recordAudit(trx, {
      actorId,
      action: "user.department.set",
      subjectType: "user",
      subjectId: userId,
      detail: { department: department?.name ?? null },
    });
    return department?.name ?? null;
  });
}
