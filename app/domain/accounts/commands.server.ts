// Account use cases: each validates its input (already parsed by the schema), writes in one
// transaction and records what an operator would need to know.
import type { DB } from "../../../db/index";
import type { AccountSource, ConfirmationPurpose, Role } from "../../../db/schema";
import { isUniqueViolation, newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../../auth/password.server";
import { endOtherSessions } from "../../auth/session.server";
import { isThrottled, MAIL_THROTTLE, recordAttempt, takeMailRequest } from "../../auth/throttle.server";
import { queueMail } from "../../mail/queue.server";
import { recordAudit } from "../audit/commands.server";
import { accountForNewLink, endLinks, liveLinkOwner, newLink, spendLink } from "./links.server";
import { findConfirmation, isEmailConfirmed, type ConfirmationLink } from "./queries.server";
import { AccountRefusedError } from "./refusal";
import { hasSecondFactor } from "./two-factor.server";

export { AccountRefusedError };

/** The address already has an account (`registerUser`'s one refusal): callers that expect it tell it their own way. */
const emailTaken = () => new AccountRefusedError("このメールアドレスは既に登録されています。", { email: ["このメールアドレスは既に登録されています。"] }, 409);

const THROTTLED = () =>
  new AccountRefusedError(
    `短い時間に何度も申し込まれたため、一時的に受け付けを止めています。${MAIL_THROTTLE.windowMinutes}分ほど待ってから、もう一度お試しください。`,
    {},
    429,
  );

/** The account was deleted meanwhile (an abandoned sign-up, deleteAbandonedSignUps): nothing is mailed. */
const ACCOUNT_GONE = () =>
  new AccountRefusedError("このアカウントは、メールアドレスが確認されないまま登録から日数がたったため削除されました。もう一度登録してください。", {}, 410);

const SIGNATURE = ["", "--", "協働マッチングポータル（このメールは送信専用です）"].join("\n");

/**
 * `source` says how the account came to be (self sign-up, the operators' CLI, the demo…), kept on the
 * account (`users.source`: only a self sign-up is deleted unconfirmed) and said in the audit log.
 * `emailConfirmed`: whether the address is already proven (an invitation mailed to it, an operator who
 * vouches for it); a self sign-up is not, until its confirmation link is followed. An address that
 * already has an account is refused (AccountRefusedError, 409) and nothing is written. `andThen`: a
 * write of the caller's that belongs with the account (sign-up's confirmation link), in the same
 * transaction; its result is returned instead of the account's id. The password is hashed before the
 * address is looked up (so a taken address answers as slowly) and before the transaction opens.
 */
export async function registerUser(db: DB, input: NewAccount & { password: string }): Promise<string>;
export async function registerUser<T>(db: DB, input: NewAccount & { password: string }, andThen: (trx: DB, id: string) => Promise<T>): Promise<T>;
export async function registerUser<T>(db: DB, input: NewAccount & { password: string }, andThen?: (trx: DB, id: string) => Promise<T>): Promise<T | string> {
  const passwordHash = await hashPassword(input.password);
  return db
    .transaction()
    .execute(async (trx) => {
      const id = await insertAccount(trx, { ...input, passwordHash });
      return andThen ? andThen(trx, id) : id;
    })
    .catch((error: unknown) => {
      // Two sign-ups racing with one address: on PostgreSQL both pass the check and one insert fails.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    });
}

export type NewAccount = {
  email: string;
  displayName: string;
  roles: Role[];
  departmentId?: string | null;
  source: Exclude<AccountSource, "unknown">;
  emailConfirmed: boolean;
};

/**
 * `registerUser`'s writes, inside a caller's transaction, for a use case that makes an account as one
 * step of its own (an invitation accepted with a new account). The password is hashed by the caller
 * before the transaction opens: hashing takes a while, and SQLite has one writer. On PostgreSQL an
 * address registered at the same moment elsewhere ends the transaction with a unique violation.
 */
export async function insertAccount(trx: DB, input: NewAccount & { passwordHash: string }): Promise<string> {
  const existing = await trx.selectFrom("users").where("email", "=", input.email).select("id").executeTakeFirst();
  if (existing) throw emailTaken();
  const id = newId();
  const at = now();
  await trx
    .insertInto("users")
    .values({
      id,
      email: input.email,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      department_id: input.departmentId ?? null,
      email_confirmed_at: input.emailConfirmed ? at : null,
      source: input.source,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const roles = [...new Set(input.roles)];
  for (const role of roles) {
    await trx.insertInto("user_roles").values({ user_id: id, role, granted_at: at, granted_by: null }).execute();
  }
  await recordAudit(trx, {
    actorId: id,
    action: "user.create",
    subjectType: "user",
    subjectId: id,
    detail: { email: input.email, roles, source: input.source, emailConfirmed: input.emailConfirmed },
  });
  return id;
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
    await endLinks(trx, "password_resets", userId);
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

/**
 * Mails a one-time link when the address has an account; does nothing visible otherwise, so the
 * page cannot be used to find out who has an account. Throttled per address and per client (429).
 * One transaction locks the account's row (`accountForNewLink`), ends its earlier links and writes the
 * new one; the mail goes after the commit. An account the hourly clean-up has just deleted answers as
 * an unknown address.
 */
export async function requestPasswordReset(db: DB, email: string, context: { origin: string; clientAddress: string }): Promise<void> {
  if (!(await takeMailRequest(db, "password_reset", email, context.clientAddress))) throw THROTTLED();
  const token = await db.transaction().execute(async (trx) => {
    const userId = await accountForNewLink(trx, { email });
    if (!userId) return null;
    const link = newLink(RESET_MINUTES);
    // Only the newest link works: one forwarded or left in an old mail is ended by asking again.
    await endLinks(trx, "password_resets", userId);
    await trx
      .insertInto("password_resets")
      .values({ token_hash: link.tokenHash, user_id: userId, expires_at: link.expiresAt, used_at: null, created_at: link.createdAt })
      .execute();
    return link.token;
  });
  if (!token) return;
  queueMail({
    to: email,
    subject: "【協働マッチングポータル】パスワード再設定のご案内",
    text: [
      "パスワード再設定のお申し込みを受け付けました。",
      `次のリンクから${RESET_MINUTES}分以内に新しいパスワードを設定してください（一度だけ使えます）。`,
      "",
      `${context.origin}/password/reset/${token}`,
      "",
      "お心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
    ].join("\n"),
  });
}

/** The user a reset link belongs to, while it is unused and unexpired. */
export async function findResetUser(db: DB, token: string): Promise<string | null> {
  return liveLinkOwner(db, "password_resets", token);
}

/**
 * Sets the new password and spends the link; returns the user id, or null when the link is no good.
 * The link reached the address, so an account whose address was not yet confirmed is confirmed too:
 * the owner of an address someone else registered takes the account over this way.
 */
export async function resetPassword(db: DB, token: string, password: string): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await spendLink(trx, "password_resets", token);
    if (!userId) return null;
    await endLinks(trx, "password_resets", userId); // the account's other reset links
    const at = now();
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: at }).where("id", "=", userId).execute();
    const confirmed = await trx
      .updateTable("users")
      .set({ email_confirmed_at: at })
      .where("id", "=", userId)
      .where("email_confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(confirmed.numUpdatedRows) > 0) await endLinks(trx, "email_confirmations", userId);
    // Whoever held the old password is signed out everywhere.
    await endOtherSessions(trx, userId, null);
    await recordAudit(trx, { actorId: userId, action: "user.password.reset", subjectType: "user", subjectId: userId });
    return userId;
  });
}

// ---- proof of the address ------------------------------------------------------------------------

const CONFIRMATION_HOURS = 24;

/** Sends a new confirmation link for `email` (ending the account's earlier ones), after the caller's commit. */
async function issueConfirmation(
  db: DB,
  user: { id: string; displayName: string },
  email: string,
  purpose: ConfirmationPurpose,
  origin: string,
  returnTo?: string,
): Promise<void> {
  const token = await db.transaction().execute((trx) => insertConfirmation(trx, user.id, email, purpose));
  mailConfirmation(user, email, purpose, token, origin, returnTo);
}

/**
 * Stores a new confirmation link for `email`, ending the account's earlier ones; returns its token for
 * the mail. The account's row is locked first (`accountForNewLink`): one the hourly clean-up has just
 * deleted is refused here, so no link to a deleted account is mailed.
 */
async function insertConfirmation(db: DB, userId: string, email: string, purpose: ConfirmationPurpose): Promise<string> {
  if (!(await accountForNewLink(db, { id: userId }))) throw ACCOUNT_GONE();
  const link = newLink(CONFIRMATION_HOURS * 60);
  await endLinks(db, "email_confirmations", userId);
  await db
    .insertInto("email_confirmations")
    .values({ token_hash: link.tokenHash, user_id: userId, email, purpose, expires_at: link.expiresAt, used_at: null, created_at: link.createdAt })
    .execute();
  return link.token;
}

/** Queues the mail that carries a confirmation link: call it once the link is committed. */
function mailConfirmation(
  user: { displayName: string },
  email: string,
  purpose: ConfirmationPurpose,
  token: string,
  origin: string,
  returnTo?: string,
): void {
  // `returnTo` (a path already checked by the caller) rides on the link: the confirmation goes there after.
  const url = `${origin}/account/confirm/${token}${returnTo ? `?redirectTo=${encodeURIComponent(returnTo)}` : ""}`;
  queueMail(
    purpose === "signup"
      ? {
          to: email,
          subject: "【協働マッチングポータル】メールアドレスの確認のお願い",
          text: [
            `${user.displayName} 様`,
            "",
            "協働マッチングポータルへのアカウント登録のお申し込みを受け付けました。",
            `次のリンクを開き、登録したパスワードでサインインして、メールアドレスを確認してください（${CONFIRMATION_HOURS}時間以内、一度だけ使えます）。確認が済むまで、アカウントは使えません。`,
            "",
            url,
            "",
            "お心当たりがない場合は、このメールを破棄してください。リンクを開かなければ、このアドレスのアカウントは使えるようになりません。",
            SIGNATURE,
          ].join("\n"),
        }
      : {
          to: email,
          subject: "【協働マッチングポータル】新しいメールアドレスの確認のお願い",
          text: [
            `${user.displayName} 様`,
            "",
            `アカウントのメールアドレスを、このアドレス（${email}）に変更するお申し込みを受け付けました。`,
            `次のリンクを開いて確認してください（${CONFIRMATION_HOURS}時間以内、一度だけ使えます）。確認するまで、メールアドレスは変わりません。`,
            "",
            url,
            "",
            "お心当たりがない場合は、このメールを破棄してください。",
            SIGNATURE,
          ].join("\n"),
        },
  );
}

/**
 * Self sign-up. The answer is the same whether or not the address has an account (the page says a
 * mail was sent): a new address gets an unconfirmed account and a confirmation link; a known one a mail
 * saying someone tried to register with it, with the ways to sign in. Nobody is signed in here, since
 * a session cookie would tell the two apart. Throttled per address and per client (429).
 */
export async function signUp(
  db: DB,
  input: { email: string; displayName: string; password: string },
  context: { origin: string; clientAddress: string; returnTo?: string },
): Promise<void> {
  if (!(await takeMailRequest(db, "signup", input.email, context.clientAddress))) throw THROTTLED();
  let token: string;
  try {
    // The account, its role, its audit entry and its confirmation link are one write: a failure
    // between them must not leave an account whose link was never made, which nobody could confirm.
    token = await registerUser(db, { ...input, roles: ["group_member"], source: "signup", emailConfirmed: false }, (trx, id) =>
      insertConfirmation(trx, id, input.email, "signup"),
    );
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error; // the address already has an account
    queueMail({
      to: input.email,
      subject: "【協働マッチングポータル】アカウント登録のお申し込みについて",
      text: [
        "このメールアドレスでアカウント登録のお申し込みがありましたが、このアドレスのアカウントは既にあります。新しいアカウントは作っていません。",
        "",
        "ご本人の場合は、次のページからサインインしてください。",
        `${context.origin}/login`,
        "",
        "パスワードを忘れた場合は、次のページから再設定できます。",
        `${context.origin}/password/forgot`,
        "",
        "お心当たりがない場合は、このメールを破棄してください。アカウントは変更されていません。",
        SIGNATURE,
      ].join("\n"),
    });
    return;
  }
  mailConfirmation({ displayName: input.displayName }, input.email, "signup", token, context.origin, context.returnTo);
}

/** A new sign-up confirmation link for a signed-in account whose address is not yet confirmed. */
export async function resendConfirmation(db: DB, viewer: Viewer, context: { origin: string; clientAddress: string }): Promise<void> {
  if (await isEmailConfirmed(db, viewer.id)) throw new AccountRefusedError("メールアドレスは確認済みです。", {}, 409);
  if (!(await takeMailRequest(db, "confirmation_resend", viewer.email, context.clientAddress))) throw THROTTLED();
  await issueConfirmation(db, viewer, viewer.email, "signup", context.origin);
}

/**
 * Asks to change the account's address: with the current password, a confirmation link goes to the new
 * address, and nothing changes until it is followed. When the new address already has an account, the
 * page answers the same and the mail to that address says the change cannot be made.
 */
export async function requestEmailChange(
  db: DB,
  viewer: Viewer,
  input: { email: string; currentPassword: string },
  context: { origin: string; clientAddress: string },
): Promise<void> {
  const user = await db.selectFrom("users").where("id", "=", viewer.id).select(["password_hash", "email"]).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AccountRefusedError("現在のパスワードが正しくありません。", { currentPassword: ["現在のパスワードが正しくありません。"] });
  }
  if (input.email === user.email) {
    throw new AccountRefusedError("いまのメールアドレスと同じです。", { email: ["いまのメールアドレスと同じです。新しいアドレスを入力してください。"] });
  }
  if (!(await takeMailRequest(db, "email_change", input.email, context.clientAddress))) throw THROTTLED();
  const taken = await db.selectFrom("users").where("email", "=", input.email).select("id").executeTakeFirst();
  if (taken) {
    queueMail({
      to: input.email,
      subject: "【協働マッチングポータル】メールアドレス変更のお申し込みについて",
      text: [
        "協働マッチングポータルで、あるアカウントのメールアドレスをこのアドレスに変更するお申し込みがありましたが、このアドレスのアカウントは既にあるため、変更できません。",
        "別のアドレスを指定するか、このアドレスのアカウントをお使いください。",
        "",
        "お心当たりがない場合は、このメールを破棄してください。",
        SIGNATURE,
      ].join("\n"),
    });
    return;
  }
  // The link and its audit entry together, and the mail only once both are committed.
  const token = await db.transaction().execute(async (trx) => {
    const token = await insertConfirmation(trx, viewer.id, input.email, "change");
    await recordAudit(trx, { actorId: viewer.id, action: "user.email.change_request", subjectType: "user", subjectId: viewer.id, detail: { to: input.email } });
    return token;
  });
  mailConfirmation(viewer, input.email, "change", token, context.origin);
}

const LINK_GONE =
  "このリンクは使用済みか、有効期限（24時間）が切れています。サインインして、確認メールをもう一度送ってください。";

/**
 * Follows a confirmation link. Only the account that asked for it may follow it, signed in: the link
 * proves the mailbox, the session the password — so someone who receives a stranger's sign-up mail
 * cannot confirm the stranger's account. A change link sets the new address and tells the old one.
 */
export async function confirmEmail(db: DB, viewer: Viewer, token: string, origin: string): Promise<ConfirmationLink> {
  const link = await findConfirmation(db, token);
  if (!link) throw new AccountRefusedError(LINK_GONE);
  if (link.userId !== viewer.id) {
    throw new AccountRefusedError("このリンクは、いまサインインしているアカウントのものではありません。サインアウトしてから、もう一度リンクを開いてください。", {}, 403);
  }
  const previous = await db
    .transaction()
    .execute(async (trx) => {
      // Spent only while still unused and unexpired: another post of it may have come first, or it may
      // have expired since the lookup above.
      if (!(await spendLink(trx, "email_confirmations", token))) throw new AccountRefusedError(LINK_GONE);
      const user = await trx.selectFrom("users").where("id", "=", viewer.id).select(["email", "email_confirmed_at"]).executeTakeFirstOrThrow();
      const at = now();
      await trx
        .updateTable("users")
        .set({ email: link.email, email_confirmed_at: user.email_confirmed_at ?? at, updated_at: at })
        .where("id", "=", viewer.id)
        .execute();
      if (link.purpose === "change") {
        // A reset link mailed to the old address must not open the account any more.
        await endLinks(trx, "password_resets", viewer.id);
      }
      await recordAudit(trx, {
        actorId: viewer.id,
        action: link.purpose === "change" ? "user.email.change" : "user.email.confirm",
        subjectType: "user",
        subjectId: viewer.id,
        detail: link.purpose === "change" ? { from: user.email, to: link.email } : { email: link.email },
      });
      return user.email;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AccountRefusedError(`${link.email} のアカウントが既にあるため、メールアドレスを変更できませんでした。`, {}, 409);
      }
      throw error;
    });
  if (link.purpose === "change" && previous !== link.email) {
    queueMail({
      to: previous,
      subject: "【協働マッチングポータル】メールアドレスが変更されました",
      text: [
        `${viewer.displayName} 様`,
        "",
        `協働マッチングポータルのアカウントのメールアドレスが、${previous} から ${link.email} に変更されました。今後のお知らせは新しいアドレスに届きます。`,
        "",
        "お心当たりがない場合は、すぐに協働推進課にご連絡ください。",
        `${origin}/login`,
        SIGNATURE,
      ].join("\n"),
    });
  }
  return link;
}

/**
 * Roles go only to accounts whose address is proven: otherwise whoever registered a future staff
 * member's address first would receive that person's role.
 */
export async function grantRole(db: DB, viewer: Viewer, userId: string, role: Role): Promise<void> {
  const actorId = viewer.id;
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").where("id", "=", userId).select(["email", "email_confirmed_at"]).executeTakeFirst();
    if (user && !user.email_confirmed_at) {
      throw new AccountRefusedError(
        `${user.email} はメールアドレスの確認が済んでいないため、役割を付与できません。本人に確認メールのリンクを開いてもらってから、もう一度付与してください。`,
        {},
        409,
      );
    }
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

export async function revokeRole(db: DB, viewer: Viewer, userId: string, role: Role): Promise<void> {
  const actorId = viewer.id;
  await db.transaction().execute(async (trx) => {
    if (role === "admin") {
      const admins = await trx
        .selectFrom("user_roles")
        .where("role", "=", "admin")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      // The portal must never be left without someone who can grant roles.
      if (Number(admins.n) <= 1) {
        throw new AccountRefusedError("最後の管理者から管理者の役割は外せません。先に別のユーザーを管理者にしてください。", {}, 409);
      }
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

/** Puts a user in a department (or in none), as staff must be to act for their department; returns its name. */
export async function setUserDepartment(
  db: DB,
  viewer: Viewer,
  userId: string,
  departmentId: string | null,
): Promise<string | null> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const department = departmentId
      ? await trx.selectFrom("departments").where("id", "=", departmentId).select("name").executeTakeFirst()
      : null;
    if (departmentId && !department) throw new AccountRefusedError("その所属課は見つかりませんでした。一覧から選び直してください。", {}, 404);
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
