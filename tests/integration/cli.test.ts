// The operators' CLI (db/cli.ts) run as a real child process, as `npm run cli` runs it. Each test uses
// a database of its own (a temp SQLite file, or on the PostgreSQL pass a new database on the server of
// TEST_DATABASE_URL) rather than the one setup.ts made, because the CLI must be seen migrating a fresh one.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findPgProgram } from "../../db/backup";
import { createDb, type DB } from "../../db/index";
import { verifyPassword } from "../../app/auth/password.server";

const root = path.resolve(import.meta.dirname, "../..");
const onPostgres = process.env.INTEGRATION_ENGINE === "postgres";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cli-test-"));
const PASSWORD = "long-enough-pass";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database nobody has touched yet. */
async function freshDatabaseUrl(): Promise<string> {
  if (!onPostgres) return `file:${path.join(dir, `${randomUUID()}.sqlite`)}`;
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `portal_cli_test_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function openDb(url: string): DB {
  const db = createDb(url);
  cleanups.push(() => db.destroy());
  return db;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx db/cli.ts …` in the project root: `npm run cli -- …` (tsx db/cli.ts) minus one process. */
function cli(args: string[], databaseUrl: string, env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "db/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run cli -- migrate", { timeout: 90_000 }, () => {
  it("creates the tables on a fresh database, then has nothing left to do", async () => {
    const url = await freshDatabaseUrl();
    const first = await cli(["migrate"], url);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("2026-11-23-01-foundation");

    const tables = (await openDb(url).introspection.getTables()).map((t) => t.name);
    for (const table of ["users", "user_roles", "sessions", "audit_log", "departments", "groups", "group_members", "plans", "measures", "progress_entries", "measure_links"]) {
      expect(tables).toContain(table);
    }

    const second = await cli(["migrate"], url);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("最新");
    expect(second.stdout).not.toContain("2026-11-23-01-foundation");
  });
});

describe("npm run cli -- create-user", { timeout: 90_000 }, () => {
  it("migrates, creates the user with the roles and records it in the audit log", async () => {
    const url = await freshDatabaseUrl();
    const run = await cli(
      ["create-user", "--email", "Reviewer@Example.JP", "--password-stdin", "--role", "reviewer", "--role", "admin"],
      url,
      {},
      `${PASSWORD}\n`,
    );
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("reviewer@example.jp");

    const db = openDb(url);
    const user = await db.selectFrom("users").where("email", "=", "reviewer@example.jp").selectAll().executeTakeFirstOrThrow();
    expect(user.display_name).toBe("Reviewer");
    expect(user.department_id).toBeNull();
    expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
    const roles = await db.selectFrom("user_roles").where("user_id", "=", user.id).select("role").orderBy("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["admin", "reviewer"]);
    const audit = await db.selectFrom("audit_log").where("subject_id", "=", user.id).selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(["user.create"]);
  });

  it("refuses an e-mail that already has an account (any case), with exit 1", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "group_member"], url)).code).toBe(0);
    const again = await cli(["create-user", "--email", "A@example.jp", "--password", PASSWORD, "--role", "admin"], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("既に登録されています: a@example.jp");
    const db = openDb(url);
    const roles = await db.selectFrom("user_roles").select("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["group_member"]);
  });

  it("puts the user in a department named with --department, and refuses an unknown one", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["migrate"], url)).code).toBe(0);
    const db = openDb(url);
    await db
      .insertInto("departments")
      .values({ id: "dept-1", name: "企画政策課", parent_division: "企画財政部", contact: null, created_at: new Date().toISOString() })
      .execute();

    const unknown = await cli(
      ["create-user", "--email", "x@example.jp", "--password", PASSWORD, "--role", "department_staff", "--department", "存在しない課"],
      url,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("所属課が見つかりません: 存在しない課");
    expect(unknown.stderr).toContain("企画政策課");

    const known = await cli(
      ["create-user", "--email", "staff@example.jp", "--password", PASSWORD, "--role", "department_staff", "--department", "企画政策課", "--name", "企画 次郎"],
      url,
    );
    expect(known.code).toBe(0);
    const user = await db.selectFrom("users").where("email", "=", "staff@example.jp").selectAll().executeTakeFirstOrThrow();
    expect(user.department_id).toBe("dept-1");
    expect(user.display_name).toBe("企画 次郎");
    expect(await db.selectFrom("users").where("email", "=", "x@example.jp").select("id").executeTakeFirst()).toBeUndefined();
  });
});

describe("bad arguments", { timeout: 90_000 }, () => {
  const usage = (run: Run) => {
    expect(run.stderr).toContain("使い方: npm run cli -- <コマンド>");
    for (const command of ["migrate", "create-user", "backup"]) expect(run.stderr).toContain(command);
    expect(run.stdout).toBe("");
  };

  it("print the usage on stderr and exit 2, without touching the database", async () => {
    const file = path.join(dir, "untouched.sqlite");
    const url = `file:${file}`;
    const cases: [string[], string][] = [
      [["bogus"], "不明なコマンドです: bogus"],
      [["create-user", "--email"], "--email の値がありません"],
      [["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "root"], "不明な役割です: root"],
      [["migrate", "--yes"], "不明なオプションです: --yes"],
      [["backup"], "FILE を指定"],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, url);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      usage(run);
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it("help prints the usage on stdout and exits 0", async () => {
    const run = await cli(["--help"], `file:${path.join(dir, "help.sqlite")}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("使い方: npm run cli -- <コマンド>");
    expect(run.stderr).toBe("");
  });
});

describe("npm run cli -- backup", { timeout: 90_000 }, () => {
  it("refuses to overwrite an existing FILE unless --force", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["migrate"], url)).code).toBe(0);
    const target = path.join(dir, `${randomUUID()}.backup`);
    fs.writeFileSync(target, "keep me");

    const refused = await cli(["backup", target], url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ファイルが既にあります");
    expect(refused.stderr).toContain("--force");
    expect(fs.readFileSync(target, "utf8")).toBe("keep me");
    expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);

    if (onPostgres && !findPgProgram("pg_dump")) return; // --force would only print the pg_dump command
    const forced = await cli(["backup", target, "--force"], url);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe(onPostgres ? "PGDMP" : "SQLit");
  });

  it.skipIf(onPostgres)(
    "copies a SQLite database that another connection keeps writing to, and the copy passes integrity_check",
    async () => {
      const url = await freshDatabaseUrl();
      expect((await cli(["migrate"], url)).code).toBe(0);
      const file = url.slice("file:".length);
      const BATCH = 50;

      // Some volume first, so the copy takes a while.
      const seed = new SQLite(file);
      seed.pragma("journal_mode = WAL");
      const insert = seed.prepare(
        "insert into audit_log (id, actor_user_id, action, subject_type, subject_id, detail, created_at) values (?, null, 'test.seed', 'test', null, ?, ?)",
      );
      seed.transaction(() => {
        for (let i = 0; i < 20_000; i++) insert.run(randomUUID(), "x".repeat(200), new Date().toISOString());
      })();
      seed.close();
      const seeded = 20_000;

      // Another process writes batches of BATCH rows, one transaction each, for as long as the test lets it.
      const writerScript = `
        const SQLite = require("better-sqlite3");
        const { randomUUID } = require("node:crypto");
        const db = new SQLite(process.argv[1]);
        db.pragma("busy_timeout = 10000");
        const insert = db.prepare("insert into audit_log (id, actor_user_id, action, subject_type, subject_id, detail, created_at) values (?, null, 'test.write', 'test', null, ?, ?)");
        const batch = db.transaction(() => { for (let i = 0; i < ${BATCH}; i++) insert.run(randomUUID(), "y".repeat(200), new Date().toISOString()); });
        let batches = 0;
        let stop = false;
        process.on("SIGTERM", () => { stop = true; });
        (function loop() {
          if (stop) { db.close(); process.stdout.write("done " + batches + "\\n"); return; }
          batch(); batches++;
          if (batches === 5) process.stdout.write("writing\\n");
          setImmediate(loop);
        })();
      `;
      const writer = spawn(process.execPath, ["-e", writerScript, file], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
      let writerOut = "";
      writer.stdout.on("data", (d) => (writerOut += d));
      const writerDone = new Promise<void>((resolve) => writer.on("close", () => resolve()));
      await expect.poll(() => writerOut, { timeout: 10_000 }).toContain("writing");

      const target = path.join(dir, "during-writes.sqlite");
      const live = new SQLite(file, { readonly: true });
      const count = (db: SQLite.Database) => (db.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
      let copy: SQLite.Database | null = null;
      try {
        const run = await cli(["backup", target], url);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toContain("バックアップが完了しました");
        expect(run.stdout).toContain(target);
        expect(run.stdout).toContain("integrity_check: ok");
        expect(fs.existsSync(`${target}-wal`)).toBe(false);
        expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);

        copy = new SQLite(target, { readonly: true, fileMustExist: true });
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
        const copied = count(copy);
        // Writes went on before the copy was taken and go on after it: the copy is a moment in between,
        // holding whole transactions only.
        expect(copied).toBeGreaterThan(seeded);
        expect((copied - seeded) % BATCH).toBe(0);
        expect(copy.prepare("select count(*) as n from audit_log where action = 'test.seed'").get()).toEqual({ n: seeded });
        await expect.poll(() => count(live), { timeout: 10_000 }).toBeGreaterThan(copied);
      } finally {
        writer.kill("SIGTERM");
        await writerDone;
        copy?.close();
        live.close();
      }
    },
  );

  it.skipIf(onPostgres)("deletes a copy that fails integrity_check and exits 1", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["migrate"], url)).code).toBe(0);
    const file = url.slice("file:".length);
    const db = new SQLite(file);
    const insert = db.prepare(
      "insert into audit_log (id, actor_user_id, action, subject_type, subject_id, detail, created_at) values (?, null, 'test.seed', 'test', null, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(randomUUID(), "x".repeat(200), new Date().toISOString());
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    db.close();
    // Damage one page in the middle of the file; the online backup copies pages as they are.
    const fd = fs.openSync(file, "r+");
    const pages = Math.floor(fs.fstatSync(fd).size / pageSize);
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x41), 0, pageSize, pageSize * Math.floor(pages / 2));
    fs.closeSync(fd);

    const target = path.join(dir, "from-damaged.sqlite");
    const run = await cli(["backup", target], url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("整合性チェックに失敗");
    expect(run.stdout).not.toContain("バックアップが完了しました");
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it.runIf(onPostgres)("on PostgreSQL prints the pg_dump command and exits 2 when pg_dump cannot be found", async () => {
    const url = await freshDatabaseUrl();
    const run = await cli(["backup", path.join(dir, "pg.dump")], url, { PG_DUMP: "/nonexistent/pg_dump" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pg_dump --format=custom --file=");
    expect(fs.existsSync(path.join(dir, "pg.dump"))).toBe(false);
  });

  it.runIf(onPostgres && findPgProgram("pg_dump") !== null)("on PostgreSQL dumps with pg_dump", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "admin"], url)).code).toBe(0);
    const target = path.join(dir, "portal.dump");
    const run = await cli(["backup", target], url);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("pg_restore --list");
    expect(fs.readFileSync(target).subarray(0, 5).toString()).toBe("PGDMP");
  });
});

describe("npm run cli -- import-plan", { timeout: 90_000 }, () => {
  const seed = (name: string) => path.join(root, "tests/fixtures/seeds", name);

  it("imports a seed and prints exactly the --json summary, then finds nothing to change", async () => {
    const url = await freshDatabaseUrl();
    const run = await cli(["import-plan", seed("004_77c9cadea00771e0.txt"), "--json"], url);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["measures", "entries", "statuses", "fiscalYears", "warnings", "keptFields"]);
    expect(out).toMatchObject({
      measures: 46,
      entries: 17,
      statuses: { 未実施: 7, 着手中: 2, 一部済: 3, 済: 5, "済・継続": 6 },
      fiscalYears: [null, null],
    });
    expect(out.warnings.map((w: { line: number }) => w.line)).toEqual([5, 6, 7, 26, 43]);

    const db = openDb(url);
    const plan = await db.selectFrom("plans").selectAll().executeTakeFirstOrThrow();
    expect(plan.slug).toBe("004_77c9cadea00771e0");

    const again = await cli(["import-plan", seed("004_77c9cadea00771e0.txt")], url);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("前回の取り込みから変更はありません");
    expect(again.stdout).toContain("状況の変更: 0件");
    expect(await db.selectFrom("measure_status_changes").selectAll().execute()).toEqual([]);
  });

  it("with --dry-run reports the changes of a Shiroi seed and writes nothing", async () => {
    const url = await freshDatabaseUrl();
    const run = await cli(["import-plan", seed("000_74861bb8ecea7f00.txt"), "--plan", "shiroi", "--dry-run", "--json"], url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ measures: 105, entries: 93, statuses: { 未実施: 22 }, fiscalYears: [2013, 2017] });
    expect(await openDb(url).selectFrom("plans").selectAll().execute()).toEqual([]);
  });

  it("refuses a malformed file with its line numbers on stderr, exit 1 and nothing written", async () => {
    const url = await freshDatabaseUrl();
    expect((await cli(["migrate"], url)).code).toBe(0);
    const broken = fs
      .readFileSync(seed("004_77c9cadea00771e0.txt"), "utf8")
      .replace(/^2\t公共施設の有効利用\t【Ⅰ】<重点施策>\t済・継/m, "2\t公共施設の有効利用\t【Ⅰ】<重点施策>\t完了");
    const file = path.join(dir, "broken.txt");
    fs.writeFileSync(file, `\uFEFF${broken}`);
    const run = await cli(["import-plan", file, "--json"], url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/\d+行目: .*完了/);
    expect(run.stderr).toContain("何も書き込んでいません");
    const db = openDb(url);
    expect(await db.selectFrom("plans").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });
});
