// The hourly clean-up of self sign-ups never confirmed (app/domain/accounts/abandoned-sign-ups.server.ts):
// deleted a week on once their links have expired, with their own rows, and recorded as the system's
// action; kept when confirmed, still holding a live link, too young, not a self sign-up, holding another
// role, or named by anything else. Every column that references users is classified, on each engine.
// A confirmation re-sent or a reset asked as the clean-up comes to the account: kept with its new link,
// or gone with nothing mailed.
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { migrations } from "../../db/migrations/index";
import { newId, now } from "../../db/values";
import { startSession } from "../../app/auth/session.server";
import { ABANDONED_SIGN_UP_DAYS, deleteAbandonedSignUps, KEEPING_REFERENCES, KEPT_HISTORY, OWN_ROWS } from "../../app/domain/accounts/abandoned-sign-ups.server";
import { registerUser, requestPasswordReset, resendConfirmation, signUp } from "../../app/domain/accounts/commands.server";
import { loadViewer } from "../../app/domain/accounts/queries.server";
import { mailQueueDrained } from "../../app/mail/queue.server";
import { listAuditEntries } from "../../app/domain/audit/queries.server";
import { makeGroup } from "./proposal-fixtures";
import { outbox, TEST_PASSWORD } from "./harness";

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
    const shownEntries = (await listAuditEntries(db()))!.entries;
    const [shown] = shownEntries.filter((e) => e.action === "確認されなかった登録の削除");
    expect(shown).toMatchObject({ actor: "（システム）", subject: "利用者: （削除済み）" });
    expect(shown.detail.map((d) => d.label)).toEqual(["メールアドレス", "登録日時"]);
    // Its creation was its own act, not the system's: the page says a deleted account did it.
    const created = shownEntries.filter((e) => e.action === "利用者の登録" && e.subject === "利用者: （削除済み）");
    expect(created.map((e) => e.actor)).toEqual(["（削除されたアカウント）"]);

    // Run again: nothing more to delete; the address is free for a new sign-up.
    expect(await deleteAbandonedSignUps(db(), later)).toBe(0);
    await signUp(db(), { email: abandoned.email, displayName: "登録 やり直し", password: TEST_PASSWORD }, context());
    expect((await db().selectFrom("users").where("email", "=", abandoned.email).select("display_name").executeTakeFirstOrThrow()).display_name).toBe("登録 やり直し");
  });
});

describe("what counts as an abandoned sign-up", () => {
  it("deletes a sign-up left with no link at all or only spent ones; keeps one whose reset link is live, and an account made otherwise that asked for a link", async () => {
    const later = new Date(Date.now() + (ABANDONED_SIGN_UP_DAYS + 1) * DAY);
    const inAnHour = new Date(later.getTime() + 3_600_000).toISOString();
    // Signed up when the account and its link were two writes, and the second failed: no link at all.
    const noLink = await signedUp("no-link");
    await db().deleteFrom("email_confirmations").where("user_id", "=", noLink.id).execute();
    // Its one link spent, though the time it was good for is not over.
    const spent = await signedUp("spent");
    await db().updateTable("email_confirmations").set({ used_at: now(), expires_at: inAnHour }).where("user_id", "=", spent.id).execute();
    // The address's owner asked for a reset link shortly before: it must still open the account.
    const resetting = await signedUp("resetting");
    await requestPasswordReset(db(), resetting.email, context());
    await db().updateTable("password_resets").set({ expires_at: inAnHour }).where("user_id", "=", resetting.id).execute();
    // Made unconfirmed some other way (as the demo's account is), then sent a sign-up link again by its own request.
    const other = await registerUser(db(), { email: `other-asked-${Date.now()}@example.jp`, displayName: "別経路", password: TEST_PASSWORD, roles: ["group_member"], source: "demo", emailConfirmed: false });
    await db()
      .insertInto("email_confirmations")
      .values({ token_hash: newId(), user_id: other, email: "other@example.jp", purpose: "signup", expires_at: now(), used_at: null, created_at: now() })
      .execute();

    await deleteAbandonedSignUps(db(), later);
    expect(await exists(noLink.id)).toBe(false);
    expect(await exists(spent.id)).toBe(false);
    expect(await exists(resetting.id)).toBe(true);
    expect(await exists(other)).toBe(true);
  });
});

describe("a confirmation re-sent while the clean-up runs", () => {
  const later = () => new Date(Date.now() + (ABANDONED_SIGN_UP_DAYS + 1) * DAY);

  /** Until the clean-up waits for a lock (PostgreSQL), or has had the time to queue behind the one connection (SQLite). */
  async function untilWaiting() {
    if (process.env.INTEGRATION_ENGINE !== "postgres") return new Promise((resolve) => setTimeout(resolve, 100));
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
      if (Number(rows[0].n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the clean-up never waited for the re-send's lock");
  }

  it("keeps the account when the new link is being written as the clean-up deletes it", async () => {
    const racing = await signedUp("racing");
    const at = later();
    let linkWritten!: () => void;
    let commit!: () => void;
    const written = new Promise<void>((resolve) => (linkWritten = resolve));
    const committing = new Promise<void>((resolve) => (commit = resolve));
    // The re-send's transaction: its new link is written (the foreign key locks the account's row) but
    // not yet committed when the clean-up comes to the account.
    const resend = db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("email_confirmations").set({ used_at: now() }).where("user_id", "=", racing.id).where("used_at", "is", null).execute();
        await trx
          .insertInto("email_confirmations")
          .values({ token_hash: newId(), user_id: racing.id, email: racing.email, purpose: "signup", expires_at: new Date(at.getTime() + 3_600_000).toISOString(), used_at: null, created_at: now() })
          .execute();
        linkWritten();
        await committing;
      });
    await written;
    const cleanup = deleteAbandonedSignUps(db(), at);
    await untilWaiting();
    commit();
    await resend;
    await cleanup;
    expect(await exists(racing.id)).toBe(true);
    expect(await db().selectFrom("email_confirmations").where("user_id", "=", racing.id).where("used_at", "is", null).select("token_hash").execute()).toHaveLength(1);
  });

  it("refuses to re-send for an account the clean-up has deleted, and mails nothing", async () => {
    const gone = await signedUp("gone");
    const viewer = (await loadViewer(db(), gone.id))!;
    expect(await deleteAbandonedSignUps(db(), later())).toBeGreaterThanOrEqual(1);
    expect(await exists(gone.id)).toBe(false);
    await mailQueueDrained();
    const mailed = () => outbox().filter((m) => m.to === gone.email).length;
    expect(mailed()).toBe(1); // the sign-up's
    await expect(resendConfirmation(db(), viewer, context())).rejects.toMatchObject({ status: 410 });
    await mailQueueDrained();
    expect(mailed()).toBe(1);
  });
});

describe("a password reset asked while the clean-up runs", () => {
  const later = () => new Date(Date.now() + (ABANDONED_SIGN_UP_DAYS + 1) * DAY);
  const postgres = process.env.INTEGRATION_ENGINE === "postgres";
  const mailed = (email: string) => outbox().filter((m) => m.to === email).map((m) => m.subject);

  /** Until `count` statements of this database wait for a lock (PostgreSQL). */
  async function untilWaiting(count: number) {
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
      if (Number(rows[0].n) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`fewer than ${count} statements ever waited for a lock`);
  }

  /** A transaction of the test's that locks `rows` and holds them until `release` is called. */
  async function holding(rows: (trx: ReturnType<typeof db>) => Promise<unknown>) {
    let locked!: () => void;
    let release!: () => void;
    const taken = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = db()
      .transaction()
      .execute(async (trx) => {
        await rows(trx);
        locked();
        await released;
      });
    await taken;
    return async () => {
      release();
      await held;
    };
  }

  // On SQLite the two cannot overlap (one writer: each transaction runs whole, one after the other),
  // so there they run in the order the race decides on PostgreSQL.
  it("keeps the account when the reset link is being written as the clean-up comes to it, and mails the link", async () => {
    // Signed up 8 days ago; its confirmation link and an earlier reset link, unused, have expired: the
    // clean-up, now, finds it abandoned. The new reset link, live for 30 minutes, keeps it.
    const racing = await signedUp("reset-racing");
    const at = new Date();
    await requestPasswordReset(db(), racing.email, context());
    const past = new Date(at.getTime() - 60_000).toISOString();
    await db().updateTable("users").set({ created_at: new Date(at.getTime() - (ABANDONED_SIGN_UP_DAYS + 1) * DAY).toISOString() }).where("id", "=", racing.id).execute();
    for (const table of ["email_confirmations", "password_resets"] as const) await db().updateTable(table).set({ expires_at: past }).where("user_id", "=", racing.id).execute();
    if (postgres) {
      // The reset locks the account, then waits to end the earlier link (held by the test); the
      // clean-up comes to the account meanwhile and waits for the reset's lock.
      const release = await holding((trx) => trx.selectFrom("password_resets").where("user_id", "=", racing.id).select("token_hash").forUpdate().execute());
      const reset = requestPasswordReset(db(), racing.email, context());
      await untilWaiting(1);
      const cleanup = deleteAbandonedSignUps(db(), at);
      await untilWaiting(2);
      await release();
      await reset;
      await cleanup;
    } else {
      await requestPasswordReset(db(), racing.email, context());
      await deleteAbandonedSignUps(db(), at);
    }
    expect(await exists(racing.id)).toBe(true);
    expect(await db().selectFrom("password_resets").where("user_id", "=", racing.id).where("used_at", "is", null).select("token_hash").execute()).toHaveLength(1);
    await mailQueueDrained();
    expect(mailed(racing.email).filter((s) => s.includes("パスワード再設定"))).toHaveLength(2);
  });

  it("answers as for an unknown address when the clean-up is deleting the account: no error, nothing written, nothing mailed", async () => {
    const gone = await signedUp("reset-gone");
    await db().insertInto("notifications").values({ id: newId(), user_id: gone.id, kind: "test", title: "お知らせ", body: "", link: null, created_at: now(), read_at: null, mailed_at: null }).execute();
    if (postgres) {
      // The clean-up has locked the account and is deleting it (its own rows go with it: it waits for
      // the notification, held by the test) when the reset is asked; the reset waits for its lock.
      const release = await holding((trx) => trx.selectFrom("notifications").where("user_id", "=", gone.id).select("id").forUpdate().execute());
      const cleanup = deleteAbandonedSignUps(db(), later());
      await untilWaiting(1);
      const reset = requestPasswordReset(db(), gone.email, context());
      await untilWaiting(2);
      await release();
      expect(await cleanup).toBeGreaterThanOrEqual(1);
      await expect(reset).resolves.toBeUndefined();
    } else {
      expect(await deleteAbandonedSignUps(db(), later())).toBeGreaterThanOrEqual(1);
      await expect(requestPasswordReset(db(), gone.email, context())).resolves.toBeUndefined();
    }
    expect(await exists(gone.id)).toBe(false);
    expect(await db().selectFrom("password_resets").where("user_id", "=", gone.id).select("token_hash").execute()).toEqual([]);
    await mailQueueDrained();
    expect(mailed(gone.email)).toHaveLength(1); // the sign-up's
  });
});

describe("the audit entries of accounts deleted before their entries were marked", () => {
  it("are marked by the migration that adds the mark: an account's own entries, not the system's", async () => {
    const migrator = new Migrator({ db: db(), provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo("2026-12-03-18-history-and-unread-indexes");
    expect(error).toBeUndefined();
    const gone = newId();
    const entry = (action: string, subjectId: string, createdAt: string) => ({ id: newId(), actor_user_id: null, action, subject_type: "user", subject_id: subjectId, detail: "{}", created_at: createdAt });
    await db()
      .insertInto("audit_log")
      .values([entry("user.create", gone, "2026-11-01T00:00:00.000Z"), entry("user.delete_unconfirmed", gone, "2026-11-09T00:00:00.000Z"), entry("user.delete_unconfirmed", newId(), "2026-11-09T00:00:00.000Z")])
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const marks = await db().selectFrom("audit_log").where("action", "like", "user.%").where("actor_user_id", "is", null).select(["action", "subject_id", "actor_deleted_at"]).orderBy("created_at").execute();
    expect(marks.filter((m) => m.subject_id === gone).map((m) => [m.action, m.actor_deleted_at])).toEqual([
      ["user.create", "2026-11-09T00:00:00.000Z"],
      ["user.delete_unconfirmed", null],
    ]);
    expect(marks.filter((m) => m.action === "user.delete_unconfirmed").every((m) => m.actor_deleted_at === null)).toBe(true);
  });
});

describe("sign-ups made before the account said how it came to be", () => {
  it("are found by the clean-up once the migration has read their audit entries; accounts made otherwise stay", async () => {
    const migrator = new Migrator({ db: db(), provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026-12-04-20-audit-log-order-index")).error).toBeUndefined();
    // Made as sign-up, the CLI and the demo made them then: the account, its role, and (not the demo)
    // its own `user.create` entry saying how. Unconfirmed, nine days ago, every link long expired.
    const signedUpAt = new Date(Date.now() - (ABANDONED_SIGN_UP_DAYS + 2) * DAY).toISOString();
    const made = async (name: string, source: string | null) => {
      const id = newId();
      const email = `${name}-${Date.now()}@example.jp`;
      await sql`insert into users (id, email, display_name, password_hash, department_id, email_confirmed_at, created_at, updated_at)
        values (${id}, ${email}, ${name}, ${"-"}, ${null}, ${null}, ${signedUpAt}, ${signedUpAt})`.execute(db());
      await db().insertInto("user_roles").values({ user_id: id, role: "group_member", granted_at: signedUpAt, granted_by: null }).execute();
      if (source !== null) {
        const detail = JSON.stringify({ email, roles: ["group_member"], source, emailConfirmed: false });
        await db().insertInto("audit_log").values({ id: newId(), actor_user_id: id, action: "user.create", subject_type: "user", subject_id: id, detail, created_at: signedUpAt }).execute();
      }
      return id;
    };
    const signedUpBefore = await made("before-signup", "signup");
    const byCli = await made("before-cli", "cli");
    const byDemo = await made("before-demo", null);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const sources = await db().selectFrom("users").where("id", "in", [signedUpBefore, byCli, byDemo]).select(["id", "source"]).execute();
    expect(Object.fromEntries(sources.map((s) => [s.id, s.source]))).toEqual({ [signedUpBefore]: "signup", [byCli]: "cli", [byDemo]: "unknown" });
    await deleteAbandonedSignUps(db(), new Date());
    expect(await exists(signedUpBefore)).toBe(false);
    expect(await exists(byCli)).toBe(true);
    expect(await exists(byDemo)).toBe(true);
  });
});
