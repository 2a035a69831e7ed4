// Runs before each integration test file: a fresh database (a new SQLite file, or a new PostgreSQL
// database when TEST_DATABASE_URL is set), migrated, and a fresh mail outbox.
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

const adminUrl = process.env.TEST_DATABASE_URL;
let dropDatabase: (() => Promise<void>) | null = null;

if (adminUrl) {
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
