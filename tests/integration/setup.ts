// Runs before each integration test file: a fresh database, migrated, and a fresh mail outbox.
// The database is a new SQLite file, or with INTEGRATION_ENGINE=postgres a new database on the
// PostgreSQL server of TEST_DATABASE_URL (`npm run test:integration` runs both passes).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { closeDb, getDb } from "../../db/index";
import { migrateToLatest } from "../../db/migrate";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
process.env.MAIL_OUTBOX_DIR = path.join(dir, "outbox");

const onPostgres = process.env.INTEGRATION_ENGINE === "postgres";
const adminUrl = process.env.TEST_DATABASE_URL;
if (onPostgres && !adminUrl) throw new Error("INTEGRATION_ENGINE=postgres needs TEST_DATABASE_URL (postgres://user@host:port/db)");
let dropDatabase: (() => Promise<void>) | null = null;

if (onPostgres && adminUrl) {
  const name = `portal_test_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "portal.sqlite")}`;
}

await migrateToLatest(getDb());

afterAll(async () => {
  await closeDb();
  await dropDatabase?.();
  fs.rmSync(dir, { recursive: true, force: true });
});
