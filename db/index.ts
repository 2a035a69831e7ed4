// Opens the database named by DATABASE_URL: a postgres:// URL goes through PostgresDialect and `pg`,
// anything else is a SQLite file (created on first start) through better-sqlite3.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, SqliteDriver, type LogEvent, type SqliteDatabase } from "kysely";
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

/**
 * The connection as Kysely sees it, with prepared statements kept by their SQL text (the most recently
 * used `limit` of them): Kysely prepares every query afresh, and parsing and planning the same dozen
 * statements again is a measurable part of a signed-in page (docs/decisions/0015, fourth pass). A
 * statement is only ever run to completion here (`all`/`run`; nothing streams), so sharing one is safe.
 */
function withKeptStatements(database: SQLite.Database, limit = 500): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else {
        statement = database.prepare(text);
        if (kept.size >= limit) kept.delete(kept.keys().next().value!);
      }
      kept.set(text, statement); // last used last: the first key is the one to drop
      return statement;
    },
    close: () => database.close(),
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SQLite.Database) {
    const kept = withKeptStatements(database);
    super({ database: kept });
    this.#database = kept;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
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
  if (engine() === "sqlite") await sql`pragma optimize = 0x10002`.execute(db);
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
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
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

export function engine(): Engine {
  return engineOf(databaseUrl());
}
