// Two-step sign-in for an account: setting up an authenticator app, the second step of a sign-in (a code,
// or a recovery code), new recovery codes, turning it off, and the administrator's reset. Every change is
// one transaction with its audit record. Refusals are AccountRefusedError (its reason in Japanese).
import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { endOtherSessions } from "../../auth/session.server";
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchingStep,
  newRecoveryCode,
  newSecret,
  openSecret,
  RECOVERY_CODE_COUNT,
  sealSecret,
} from "../../auth/totp.server";
import { requiresSecondFactor } from "../../auth/two-factor-policy";
import { recordAudit } from "../audit/commands.server";
import { AccountRefusedError } from "./refusal";


/** A secret shown on the set-up page stays the same for this long, so a reload does not undo a scan. */
const PENDING_MINUTES = 10;

export async function hasSecondFactor(db: DB, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("second_factors")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .select("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: DB, userId: string): Promise<SecondFactorStatus> {
  const row = await db.selectFrom("second_factors").where("user_id", "=", userId).select("confirmed_at").executeTakeFirst();
  const left = await db
    .selectFrom("recovery_codes")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return { enrolled: Boolean(row?.confirmed_at), confirmedAt: row?.confirmed_at ?? null, recoveryCodesLeft: Number(left.n) };
}

/** Which of these accounts have a confirmed second factor (for a page of the administrators' user list). */
export async function usersWithSecondFactor(db: DB, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom("second_factors").where("user_id", "in", userIds).where("confirmed_at", "is not", null).select("user_id").execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * The secret for the set-up page: the one shown in the last few minutes, or a new one. An account that
 * already has a second factor keeps it until the new one is confirmed (changing phones).
 */
export async function beginEnrolment(db: DB, viewer: Viewer): Promise<string> {
  const row = await db
    .selectFrom("second_factors")
    .where("user_id", "=", viewer.id)
    .select(["pending_secret", "pending_created_at"])
    .executeTakeFirst();
  const freshSince = new Date(Date.now() - PENDING_MINUTES * 60_000).toISOString();
  if (row?.pending_secret && row.pending_created_at && row.pending_created_at > freshSince) return openSecret(row.pending_secret);
  const secret = newSecret();
  const pending = { pending_secret: sealSecret(secret), pending_created_at: now() };
  if (row) await db.updateTable("second_factors").set(pending).where("user_id", "=", viewer.id).execute();
  else await db.insertInto("second_factors").values({ user_id: viewer.id, secret: null, confirmed_at: null, last_used_step: null, ...pending }).execute();
  return secret;
}

async function replaceRecoveryCodes(trx: DB, userId: string): Promise<string[]> {
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const at = now();
  await trx
    .insertInto("recovery_codes")
    .values(codes.map((code) => ({ id: newId(), user_id: userId, code_hash: hashRecoveryCode(code), used_at: null, created_at: at })))
    .execute();
  return codes;
}

/**
 * Confirms the secret on the set-up page with a code from the app: it becomes the account's second
 * factor (replacing an earlier one), ten new recovery codes are made and returned (to be shown once),
 * and every other session of the account ends — they were opened with the password alone.
 */
export async function confirmEnrolment(db: DB, viewer: Viewer, code: string, currentSessionToken: string): Promise<string[]> {
  const row = await db
    .selectFrom("second_factors")
    .where("user_id", "=", viewer.id)
    .select(["pending_secret", "pending_created_at", "confirmed_at"])
    .executeTakeFirst();
  if (!row?.pending_secret) {
    throw new AccountRefusedError("設定の有効期限が切れました。ページを開き直し、新しいQRコードを読み取ってください。");
  }
  const secret = openSecret(row.pending_secret);
  const step = matchingStep(secret, code);
  if (step === null) {
    throw new AccountRefusedError("確認コードが正しくありません。認証アプリに今表示されている6桁の数字を入力してください。");
  }
  return db.transaction().execute(async (trx) => {
    // Only the page's own secret, and only once: a second submission of the same form finds it gone.
    const updated = await trx
      .updateTable("second_factors")
      .set({ secret: sealSecret(secret), confirmed_at: now(), last_used_step: step, pending_secret: null, pending_created_at: null })
      .where("user_id", "=", viewer.id)
      .where("pending_secret", "=", row.pending_secret)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AccountRefusedError("設定の有効期限が切れました。ページを開き直し、新しいQRコードを読み取ってください。");
    }
    const codes = await replaceRecoveryCodes(trx, viewer.id);
    await endOtherSessions(trx, viewer.id, currentSessionToken);
    await recordAudit(trx, {
      actorId: viewer.id,
      action: row.confirmed_at ? "user.two_factor.replace" : "user.two_factor.enable",
      subjectType: "user",
      subjectId: viewer.id,
    });
    return codes;
  });
}

/** Ten new recovery codes; the earlier ones stop working. */
export async function regenerateRecoveryCodes(db: DB, viewer: Viewer): Promise<string[]> {
  if (!(await hasSecondFactor(db, viewer.id))) {
    throw new AccountRefusedError("二段階認証が設定されていません。先に認証アプリを設定してください。", {}, 409);
  }
  return db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, viewer.id);
    await recordAudit(trx, { actorId: viewer.id, action: "user.two_factor.recovery_codes", subjectType: "user", subjectId: viewer.id });
    return codes;
  });
}

async function removeSecondFactor(trx: DB, userId: string): Promise<boolean> {
  const removed = await trx.deleteFrom("second_factors").where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();
  await trx.deleteFrom("second_factors").where("user_id", "=", userId).execute();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx.deleteFrom("pending_sign_ins").where("user_id", "=", userId).execute();
  return Number(removed.numDeletedRows) > 0;
}

/** Turns two-step sign-in off — only for an account whose roles do not require it. */
export async function disableSecondFactor(db: DB, viewer: Viewer): Promise<void> {
  if (requiresSecondFactor(viewer.roles)) {
    throw new AccountRefusedError("あなたの役割では二段階認証が必須のため、解除できません。端末を替える場合は「認証アプリを変更する」から設定し直してください。", {}, 403);
  }
  await db.transaction().execute(async (trx) => {
    if (!(await removeSecondFactor(trx, viewer.id))) throw new AccountRefusedError("二段階認証は設定されていません。", {}, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "user.two_factor.disable", subjectType: "user", subjectId: viewer.id });
  });
}

/**
 * The administrator's reset for someone who lost their phone and their recovery codes: the second factor
 * and recovery codes are removed and every session of the account ends. Staff set it up again at their
 * next sign-in. Returns false when the account had none.
 */
export async function resetSecondFactor(db: DB, admin: Viewer, userId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").where("id", "=", userId).select("email").executeTakeFirst();
    if (!user) throw new AccountRefusedError("そのユーザーは見つかりませんでした。", {}, 404);
    if (!(await removeSecondFactor(trx, userId))) return false;
    await endOtherSessions(trx, userId, null);
    await recordAudit(trx, {
      actorId: admin.id,
      action: "user.two_factor.reset",
      subjectType: "user",
      subjectId: userId,
      detail: { email: user.email },
    });
    return true;
  });
}

export type SecondStepResult =
  | { ok: true; recoveryCodesLeft: number | null }
  | { ok: false; reason: "invalid" | "replayed" };

/**
 * The second step of a sign-in: a 6-digit code from the app (of now or one step either side, and newer
 * than the last code accepted), or one of the account's unused recovery codes, which is then spent.
 * `recoveryCodesLeft` is set when a recovery code was used.
 */
export async function verifySecondStep(db: DB, userId: string, input: string, time = Date.now()): Promise<SecondStepResult> {
  const row = await db
    .selectFrom("second_factors")
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .select("secret")
    .executeTakeFirst();
  if (!row?.secret) return { ok: false, reason: "invalid" };
  const compact = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) {
    const step = matchingStep(openSecret(row.secret), compact, time);
    if (step === null) return { ok: false, reason: "invalid" };
    // Accepted only when newer than the last accepted step, in one statement: two requests racing with
    // the same code cannot both pass.
    const updated = await db
      .updateTable("second_factors")
      .set({ last_used_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1 ? { ok: true, recoveryCodesLeft: null } : { ok: false, reason: "replayed" };
  }
  if (!looksLikeRecoveryCode(input)) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable("recovery_codes")
      .set({ used_at: now() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashRecoveryCode(input))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" } as const;
    const left = await trx
      .selectFrom("recovery_codes")
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: userId,
      action: "user.two_factor.recovery_code_used",
      subjectType: "user",
      subjectId: userId,
      detail: { remaining: Number(left.n) },
    });
    return { ok: true, recoveryCodesLeft: Number(left.n) } as const;
  });
}
