import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Migrator, sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, locksRows, preparedStatements } from "./index";

describe("preparedStatements (the SQLite statements Kysely prepares, kept by their SQL)", () => {
  const open = () => {
    const database = new SQLite(":memory:");
    database.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
    return database;
  };

  it("hands out the same statement for the same SQL, with each call's own parameters", () => {
    const kept = preparedStatements(open());
    const first = kept.prepare("select name from t where id = ?");
    expect(first.all([1])).toEqual([{ name: "a" }]);
    const again = kept.prepare("select name from t where id = ?");
    expect(again).toBe(first);
    expect(again.all([2])).toEqual([{ name: "b" }]);
  });

  it("never hands out a statement still being read: a second one is prepared", () => {
    const kept = preparedStatements(open());
    const reading = kept.prepare("select name from t order by id");
    const rows = reading.iterate([]) as IterableIterator<{ name: string }>;
    expect(rows.next().value).toEqual({ name: "a" });
    const other = kept.prepare("select name from t order by id");
    expect(other).not.toBe(reading);
    expect(other.all([])).toHaveLength(3);
    expect([...rows].map((r) => r.name)).toEqual(["b", "c"]);
  });

  it("keeps the most recently used, up to its size", () => {
    const kept = preparedStatements(open(), 2);
    const a = kept.prepare("select 1");
    kept.prepare("select 2");
    kept.prepare("select 1"); // used again: "select 2" is now the oldest
    kept.prepare("select 3");
    expect(kept.prepare("select 1")).toBe(a);
    const two = kept.prepare("select 2");
    expect(kept.prepare("select 2")).toBe(two); // prepared afresh, then kept
  });

  it("answers with the table as it is after a migration changed it", () => {
    const database = open();
    const kept = preparedStatements(database);
    expect(kept.prepare("select * from t where id = ?").all([1])).toEqual([{ id: 1, name: "a" }]);
    database.exec("alter table t add column note text default 'n'");
    expect(kept.prepare("select * from t where id = ?").all([1])).toEqual([{ id: 1, name: "a", note: "n" }]);
  });
});

describe("migrations on SQLite", () => {
  it("run as one transaction: one failing halfway leaves none of the run applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyodo-migrate-"));
    const db = createDb(`file:${path.join(dir, "m.sqlite")}`) as unknown as Kysely<Record<string, Record<string, unknown>>>;
    try {
      const migrations = {
        "1-first": { up: async (d: Kysely<unknown>) => void (await d.schema.createTable("first").addColumn("id", "text").execute()) },
        "2-broken": {
          up: async (d: Kysely<unknown>) => {
            await d.schema.createTable("second").addColumn("id", "text").execute();
            await sql`insert into nowhere values (1)`.execute(d);
          },
        },
      };
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
      expect(error).toBeDefined();
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name in ('first', 'second')`.execute(db);
      expect(tables.rows).toEqual([]);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("locksRows (whether a transaction locks the rows it reads before writing)", () => {
  /** Runs `check` with DATABASE_URL naming the other engine, so only the database itself can tell. */
  const withDatabaseUrl = async (url: string, check: () => Promise<void>) => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      await check();
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  };

  it("answers for the database it is given, and its transactions, whatever DATABASE_URL names", async () => {
    await withDatabaseUrl("postgres://portal@127.0.0.1:5432/portal", async () => {
      const sqlite = createDb("file::memory:");
      try {
        expect(locksRows(sqlite)).toBe(false);
        expect(await sqlite.transaction().execute(async (trx) => locksRows(trx))).toBe(false);
      } finally {
        await sqlite.destroy();
      }
    });
    await withDatabaseUrl("file:./data/portal.sqlite", async () => {
      // Never connected: the pool opens a connection only for a query.
      const postgres = createDb("postgres://nobody@127.0.0.1:1/none");
      try {
        expect(locksRows(postgres)).toBe(true);
      } finally {
        await postgres.destroy();
      }
    });
  });
});
