// The database each pass runs on, and the SQLite settings the portal depends on for safe concurrent writes.
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseUrl, engine, getDb, sqlitePath } from "../../db/index";

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

  it("enforces foreign keys", async () => {
    await expect(
      getDb()
        .insertInto("user_roles")
        .values({ user_id: "no-such-user", role: "admin", granted_at: new Date().toISOString(), granted_by: null })
        .execute(),
    ).rejects.toThrow();
  });
});
