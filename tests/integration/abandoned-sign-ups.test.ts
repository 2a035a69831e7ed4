// The hourly clean-up of self sign-ups never confirmed (app/domain/accounts/abandoned-sign-ups.server.ts):
// deleted a week on once their links have expired, with their own rows, and recorded as the system's
// action; kept when confirmed, still holding a live link, too young, not a self sign-up, holding another
// role, or named by anything else. Every column that references users is classified, on each engine.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { startSession } from "../../app/auth/session.server";
import { ABANDONED_SIGN_UP_DAYS, deleteAbandonedSignUps, KEEPING_REFERENCES, KEPT_HISTORY, OWN_ROWS } from "../../app/domain/accounts/abandoned-sign-ups.server";
import { registerUser, requestPasswordReset, signUp } from "../../app/domain/accounts/commands.server";
import { listAuditEntries } from "../../app/domain/audit/queries.server";
import { makeGroup } from "./proposal-fixtures";
import { TEST_PASSWORD } from "./harness";

const db = () => getDb();
const DAY = 86_400_000;
let counter = 0;
const context = () => ({ origin: "https://portal.example.jp", clientAddress: `192.0.2.${++counter}` });

/** Signs up through the command, as the form does; returns the new, unconfirmed account's id. */
async function signedUp(prefix: string): Promise<{ id: string; email: string }> {
  const email = `${prefix}-${++counter}-${Date.now()}@example.jp`;
  await signUp(db(), { email, displayName: "登録 途中", password: TEST_PASSWORD }, context());
  const { id } = await db().selectFrom("users").where("email", "=", email).select("id").executeTakeFirstOrThrow();
  return { id, email };
}

const exists = async (id: string) => (await db().selectFrom("users").where("id", "=", id).select("id").executeTakeFirst()) !== undefined;

/** Every (table, column) whose foreign key references users, read from the database itself. */
async function referencesToUsers(): Promise<string[]> {
  if (process.env.INTEGRATION_ENGINE === "postgres") {
    const { rows } = await sql<{ t: string; c: string }>`
      select cl.relname as t, a.attname as c
      from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
      where k.contype = 'f' and k.confrelid = 'users'::regclass`.execute(db());
    return rows.map((r) => `${r.t}.${r.c}`).sort();
  }
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db());
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db());
    for (const fk of rows) if (fk.table === "users") found.push(`${name}.${fk.from}`);
  }
  return found.sort();
}

describe("deleting abandoned sign-ups", () => {
  it("knows every column that references an account: the account's own, kept history, or a reference that keeps it", async () => {
    const classified = new Set([...OWN_ROWS, ...KEPT_HISTORY, ...KEEPING_REFERENCES].map(([t, c]) => `${t}.${c}`));
    const references = await referencesToUsers();
    expect(references.length).toBeGreaterThan(40);
    expect(references.filter((r) => !classified.has(r))).toEqual([]);
  });

  it("deletes an unconfirmed self sign-up a week on, with its own rows, and records it as the system's; keeps every other account", async () => {
    const abandoned = await signedUp("abandoned");
    // Its own rows: a session, a reset link, a notification — they go with it.
    await startSession(abandoned.id);
    await requestPasswordReset(db(), abandoned.email, context());
    await db().insertInto("notifications").values({ id: newId(), user_id: abandoned.id, kind: "test", title: "お知らせ", body: "", link: null, created_at: now(), read_at: null, mailed_at: null }).execute();

    const confirmed = await signedUp("confirmed");
    await db().updateTable("users").set({ email_confirmed_at: now() }).where("id", "=", confirmed.id).execute();
    const liveLink = await signedUp("live-link");
    const member = await signedUp("member");
    await makeGroup("登録途中の会", [member.id]);
    const reviewer = await signedUp("reviewer");
    await db().insertInto("user_roles").values({ user_id: reviewer.id, role: "reviewer", granted_at: now(), granted_by: null }).execute();
    const asker = await signedUp("asker");
    const groupId = await makeGroup("確認済みの会", []);
    await db().updateTable("groups").set({ reviewed_by: asker.id }).where("id", "=", groupId).execute();
    // Never sent a sign-up link: made some other way (as the demo's unconfirmed account is).
    const notSignedUp = await registerUser(db(), { email: `other-${Date.now()}@example.jp`, displayName: "別経路", password: TEST_PASSWORD, roles: ["group_member"], source: "test", emailConfirmed: false });

    // Two days on, every link has expired, but no account is a week old.
    expect(await deleteAbandonedSignUps(db(), new Date(Date.now() + 2 * DAY))).toBe(0);
    expect(await exists(abandoned.id)).toBe(true);

    const later = new Date(Date.now() + (ABANDONED_SIGN_UP_DAYS + 1) * DAY);
    // A link sent again shortly before still works at that time.
    await db().updateTable("email_confirmations").set({ expires_at: new Date(later.getTime() + 3_600_000).toISOString() }).where("user_id", "=", liveLink.id).execute();

    expect(await deleteAbandonedSignUps(db(), later)).toBe(1);
    expect(await exists(abandoned.id)).toBe(false);
    for (const kept of [confirmed.id, liveLink.id, member.id, reviewer.id, asker.id, notSignedUp]) expect(await exists(kept)).toBe(true);
    for (const table of ["sessions", "password_resets", "email_confirmations", "notifications", "user_roles"] as const) {
      expect(await db().selectFrom(table).where("user_id", "=", abandoned.id).select("user_id").execute(), table).toEqual([]);
    }

    // In the audit log: the system deleted it, with its address and when it signed up; its creation stays.
    const entries = await db().selectFrom("audit_log").where("subject_id", "=", abandoned.id).select(["action", "actor_user_id", "detail"]).orderBy("created_at").execute();
    expect(entries.map((e) => [e.action, e.actor_user_id])).toEqual([
      ["user.create", null],
      ["user.delete_unconfirmed", null],
    ]);
    expect(JSON.parse(entries[1].detail)).toMatchObject({ email: abandoned.email });
    const [shown] = (await listAuditEntries(db()))!.entries.filter((e) => e.action === "確認されなかった登録の削除");
    expect(shown).toMatchObject({ actor: "（システム）", subject: "利用者: （削除済み）" });
    expect(shown.detail.map((d) => d.label)).toEqual(["メールアドレス", "登録日時"]);

    // Run again: nothing more to delete; the address is free for a new sign-up.
    expect(await deleteAbandonedSignUps(db(), later)).toBe(0);
    await signUp(db(), { email: abandoned.email, displayName: "登録 やり直し", password: TEST_PASSWORD }, context());
    expect((await db().selectFrom("users").where("email", "=", abandoned.email).select("display_name").executeTakeFirstOrThrow()).display_name).toBe("登録 やり直し");
  });
});
