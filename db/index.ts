// Opens the database named by DATABASE_URL: a postgres:// URL goes through PostgresDialect and `pg`,
// anything else is a SQLite file (created on first start) through better-sqlite3.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, PostgresIntrospector, sql, SqliteAdapter, SqliteDialect, SqliteDriver, type LogEvent, type PostgresPool, type PostgresPoolClient, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Engine = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/portal.sqlite";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** `file:./data/x.sqlite`, `sqlite:x.sqlite` or a bare path → a file path. */
export function sqlitePath(url: string): string {
  return url.replace(/^(file|sqlite):(\/\/)?/, "");
}

/**
 * Every SQLite transaction starts IMMEDIATE: our transactions read then write, and a DEFERRED one
 * that upgrades to a write lock fails with SQLITE_BUSY under concurrency instead of waiting.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: Parameters<SqliteDriver["beginTransaction"]>[0]) {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SQLite.Database) {
    const prepared = preparedStatements(database);
    super({ database: prepared });
    this.#database = prepared;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * SQLite's schema changes are transactional, but Kysely's adapter says they are not, so its migrator ran
 * each migration's statements one by one: a migration failing halfway left the database half migrated.
 * Now a run of migrations is one transaction, as on PostgreSQL: all of it or nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl() {
    return true;
  }
}

/**
 * Kysely prepares every query it runs; the same SQL comes back on every request (the session, the
 * account, the unread count …), and preparing it again was 2–3% of a signed-in page (decision 0022).
 * The last 500 statements are kept by their SQL (least recently used first out); one still being read
 * (a stream) is never handed out twice. SQLite re-prepares a kept statement itself after a schema change.
 */
export function preparedStatements(database: SQLite.Database, size = 500): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      const statement = kept.get(source);
      if (statement && !statement.busy) {
        kept.delete(source); // to the end: the most recently used
        kept.set(source, statement);
        return statement;
      }
      const fresh = database.prepare(source);
      if (!statement) {
        kept.set(source, fresh);
        if (kept.size > size) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
    close() {
      kept.clear();
      database.close();
    },
  };
}

/**
 * PostgreSQL parses, analyses and plans every query it is sent, unless the query was prepared under a
 * name on that connection. The same SQL comes back on every request (the session, the account, the
 * unread count, each page's own), so queries are sent as named statements: on the first use on a
 * connection `pg` prepares the statement, afterwards only binds and executes it (one query 255–313 →
 * 79–82 µs of wall time, decision 0022). Bounded: the first `size` distinct texts of a process get a name
 * (so each connection holds at most that many), and only plain reads and writes with at most 32
 * parameters (a long `in (…)` list changes with its length). PG_NAMED_STATEMENTS=off sends every query
 * unnamed, for a pooler in transaction mode that cannot keep prepared statements.
 */
export function namedStatements(pool: pg.Pool, size = 300): PostgresPool {
  const names = new Map<string, string | null>(); // null: sent unnamed from now on (below)
  const nameOf = (text: string, values: readonly unknown[]): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < size && values.length <= 32 && /^\s*(select|insert|update|delete|with)\b/i.test(text)) {
      name = `portal_${names.size}`;
      names.set(text, name);
    }
    return name ?? undefined;
  };
  // A table changed under a prepared `select *` (a migration run by another machine of the city while
  // this one serves): PostgreSQL refuses the statement ("cached plan must not change result type") on
  // every connection that prepared it. The query is then sent again unnamed, and from then on always.
  // Inside a transaction the refusal has already ended it; that transaction fails once.
  const run = async (client: pg.PoolClient, text: string, values: readonly unknown[]) => {
    const name = nameOf(text, values);
    try {
      return await client.query({ text, values: [...values], name });
    } catch (error) {
      if (name === undefined || (error as { code?: string }).code !== "0A000") throw error;
      names.set(text, null);
      return client.query({ text, values: [...values] });
    }
  };
  // One wrapper a connection, so that Kysely keeps recognising the connection it has seen before.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((text: string, values: readonly unknown[]) => run(client, text, values)) as unknown as PostgresPoolClient["query"],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 10000");
  database.pragma("synchronous = FULL");
  // Table statistics for the query planner (SQLite's advice for long-lived connections): without them
  // it may read every group to find one member's groups. start.ts repeats this every hour.
  database.pragma("optimize = 0x10002");
  return database;
}

/** Refreshes the planner's statistics where the data has grown (SQLite; PostgreSQL's autovacuum does this). */
export async function optimizeDatabase(db: DB): Promise<void> {
  if (engineOfDb(db) === "sqlite") await sql`pragma optimize = 0x10002`.execute(db);
}

/**
 * SLOW_QUERY_MS=N logs every query that takes N ms or more (N=0: every query) to stderr as one JSON line
 * with its duration and SQL (and its parameters with SLOW_QUERY_PARAMS=1, which may hold personal data:
 * for benchmark databases only) — how docs/decisions/0015 found the heaviest queries. Off by default.
 */
function slowQueryLog(): ((event: LogEvent) => void) | undefined {
  const threshold = process.env.SLOW_QUERY_MS;
  if (threshold === undefined || threshold === "") return undefined;
  const ms = Number(threshold);
  const withParameters = process.env.SLOW_QUERY_PARAMS === "1";
  return (event) => {
    if (event.queryDurationMillis < ms) return;
    const line = { slowQueryMs: Number(event.queryDurationMillis.toFixed(3)), sql: event.query.sql, ...(withParameters ? { parameters: event.query.parameters } : {}) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
}

export function createDb(url: string = databaseUrl()): DB {
  const log = slowQueryLog();
  if (engineOf(url) === "postgres") {
    // BIGINT and numeric come back as strings from pg; we only store text and integer columns.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server closes (a restart, a failover, a dropped test database) must not
    // take the whole process down: pg emits it on the pool, which replaces the connection when needed.
    pool.on("error", (error) => console.error(`PostgreSQL: an idle connection was closed (${error.message})`));
    const statements = process.env.PG_NAMED_STATEMENTS === "off" ? pool : namedStatements(pool);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: statements }), log });
  }
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqlite(sqlitePath(url))), log });
}

// One connection per process and URL. Kept on globalThis because the server start-up code and the
// Remix server bundle each load their own copy of this module.
const registry = ((globalThis as { __portalDatabases?: Map<string, DB> }).__portalDatabases ??= new Map());

export function getDb(): DB {
  const url = databaseUrl();
  let db = registry.get(url);
  if (!db) {
    db = createDb(url);
    registry.set(url, db);
  }
  return db;
}

export async function closeDb(): Promise<void> {
  const url = databaseUrl();
  const db = registry.get(url);
  registry.delete(url);
  await db?.destroy();
}

/** The engine DATABASE_URL names: for what has no database in hand (the start-up's banner). */
export function engine(): Engine {
  return engineOf(databaseUrl());
}

/**
 * The engine of this database or transaction, from the dialect it was made with (createDb chose it by
 * the URL it was given), not from DATABASE_URL, which need not be the URL it was opened from (createDb
 * takes any). Kysely's introspector is the dialect's own, and public.
 */
export function engineOfDb(db: Kysely<any>): Engine {
  return db.introspection instanceof PostgresIntrospector ? "postgres" : "sqlite";
}

/**
 * Whether a transaction on this database must lock a row to keep another from changing it (`select …
 * for update`, on PostgreSQL). SQLite has no such clause and needs none: every transaction begins
 * immediate, holding the database's one write lock until it ends.
 */
export function locksRows(db: Kysely<any>): boolean {
  return engineOfDb(db) === "postgres";
}
