// The database each pass runs on, and the SQLite settings the portal depends on for safe concurrent writes.
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseUrl, engine, getDb, namedStatements, optimizeDatabase, sqlitePath } from "../../db/index";
import { createUser } from "./harness";

const onPostgres = process.env.INTEGRATION_ENGINE === "postgres";

describe("the database", () => {
  it("is the engine this pass is meant to test", () => {
    expect(engine()).toBe(onPostgres ? "postgres" : "sqlite");
  });

  it.skipIf(onPostgres)("runs SQLite with WAL, foreign keys, a busy timeout and synchronous=FULL", async () => {
    const db = getDb();
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("foreign_keys")).toBe(1);
    expect(await pragma("synchronous")).toBe(2);
    expect(Number(await pragma("busy_timeout"))).toBeGreaterThan(0);
  });

  it.skipIf(onPostgres)("starts transactions IMMEDIATE, so a read-then-write cannot be overtaken by another writer", async () => {
    const other = new SQLite(sqlitePath(databaseUrl()));
    other.pragma("busy_timeout = 0");
    try {
      await getDb().transaction().execute(async (trx) => {
        await trx.selectFrom("users").select("id").execute();
        // Under a DEFERRED begin, a read holds no write lock and this would succeed.
        expect(() => other.exec("begin immediate")).toThrow(/database is locked|SQLITE_BUSY/);
      });
    } finally {
      other.close();
    }
  });

  it.runIf(onPostgres)("survives the server closing its idle connections, and keeps answering", async () => {
    const db = getDb();
    await sql`select 1`.execute(db); // at least one pooled connection, now idle
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = new URL(databaseUrl()).pathname.slice(1);
    const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the pool see the closed connection
    const rows = await db.selectFrom("users").select("id").execute();
    expect(rows).toBeInstanceOf(Array);
  });

  it.runIf(onPostgres)("prepares a repeated query once on a connection, within the bound, and never a long in-list", async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    const db = new Kysely<{ users: { id: string } }>({ dialect: new PostgresDialect({ pool: namedStatements(pool, 2) }) });
    try {
      const prepared = async () =>
        (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(db)).rows.map((r) => r.statement);
      const byId = (id: string) => db.selectFrom("users").select("id").where("id", "=", id).execute();
      await byId("a");
      await byId("b"); // the same text: bound to the statement prepared for "a"
      // The query by id, once, and the query of pg_prepared_statements itself.
      expect(await prepared()).toEqual([expect.stringContaining('where "id" = $1'), expect.stringContaining("pg_prepared_statements")]);
      const ids = Array.from({ length: 40 }, (_, i) => `id-${i}`);
      await db.selectFrom("users").select("id").where("id", "in", ids).execute(); // 40 parameters: unnamed
      expect(await prepared()).toHaveLength(2);
      await db.selectFrom("users").select("id").where("id", "<>", "x").execute(); // past the bound of 2: unnamed
      expect(await prepared()).toHaveLength(2);
      expect((await byId("c")).length).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it.runIf(onPostgres)("answers a prepared select * again after another process changed its table", async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    const db = new Kysely<{ changing: { id: string; extra?: string } }>({ dialect: new PostgresDialect({ pool: namedStatements(pool) }) });
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    try {
      await admin.query("create table changing (id text primary key)");
      await admin.query("insert into changing values ('a')");
      const read = () => db.selectFrom("changing").selectAll().where("id", "=", "a").execute();
      expect(await read()).toEqual([{ id: "a" }]);
      // A migration run elsewhere, while this connection keeps the statement prepared.
      await admin.query("alter table changing add column extra text default 'x'");
      expect(await read()).toEqual([{ id: "a", extra: "x" }]);
      expect(await read()).toEqual([{ id: "a", extra: "x" }]);
    } finally {
      await admin.query("drop table if exists changing");
      await admin.end();
      await db.destroy();
    }
  });

  it.skipIf(onPostgres)("keeps planner statistics, so one member's groups are found from the membership, not by reading every group", async () => {
    const db = getDb();
    const at = new Date().toISOString();
    const user = await db.selectFrom("users").select("id").executeTakeFirst();
    const userId = user?.id ?? (await createUser(["group_member"])).id;
    const groups = Array.from({ length: 300 }, (_, i) => ({ id: `stats-${i}`, name: `統計の会${i}`, name_kana: "とうけい", status: "approved" as const, created_at: at, updated_at: at }));
    await db.insertInto("groups").values(groups).execute();
    await db.insertInto("group_members").values({ group_id: "stats-1", user_id: userId, role: "owner", joined_at: at }).execute();
    await optimizeDatabase(db);
    const plan = await sql<{ detail: string }>`explain query plan select groups.id from group_members inner join groups on groups.id = group_members.group_id where group_members.user_id = ${userId} and groups.status = ${"approved"}`.execute(db);
    expect(plan.rows[0].detail).toMatch(/^(SCAN|SEARCH) group_members/);
  });

  it.skipIf(onPostgres)("reads one record's history from the audit log by its subject, not by walking the whole log in time order", async () => {
    // As a project's timeline, an award's conditions history and a letter's corrections ask: on ten years
    // of a city's log (a million entries) the walk took 4 s on SQLite (docs/decisions/0015).
    const plan = await sql<{ detail: string }>`explain query plan select id, action from audit_log where subject_type = ${"proposal"} and subject_id = ${"p-1"} and action in (${"award.condition_answer"}, ${"award.condition_confirm"}) order by created_at, id`.execute(getDb());
    expect(plan.rows.map((r) => r.detail).join(" | ")).toMatch(/^SEARCH audit_log USING INDEX audit_log_subject_idx \(subject_type=\? AND subject_id=\?\)$/);
  });

  it.skipIf(onPostgres)("finds a call's recorded conflicts by the proposal or the group they name, not by reading every conflict", async () => {
    // The call's review page asks for them on every request; the table keeps every conflict ever recorded.
    const plan = await sql<{ detail: string }>`explain query plan select c.id from review_conflicts c inner join proposals p on p.id = c.proposal_id where p.call_id = ${"c-1"} union select c.id from review_conflicts c where c.group_id in (select group_id from proposals where call_id = ${"c-1"})`.execute(getDb());
    const details = plan.rows.map((r) => r.detail).join(" | ");
    expect(details).toContain("SEARCH c USING INDEX review_conflicts_proposal_idx (proposal_id=?)");
    expect(details).toContain("SEARCH c USING INDEX review_conflicts_group_idx (group_id=?)");
  });

  it("enforces foreign keys", async () => {
    await expect(
      getDb()
        .insertInto("user_roles")
        .values({ user_id: "no-such-user", role: "admin", granted_at: new Date().toISOString(), granted_by: null })
        .execute(),
    ).rejects.toThrow();
  });
});
