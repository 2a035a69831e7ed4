// Backups for `npm run cli -- backup FILE`, safe to take while the server is running.
//
// SQLite: better-sqlite3's online backup API (sqlite3_backup_*) on a connection of our own. All pages
// are copied in one step, i.e. inside one read transaction: in WAL mode writers carry on meanwhile and
// the copy is the database as of that moment. The copy is written next to FILE under a temporary name,
// switched to journal_mode=DELETE (one self-contained file), checked with PRAGMA integrity_check and
// only then moved to FILE. A copy that fails the check is deleted.
//
// PostgreSQL: pg_dump (custom format, one consistent snapshot) when it can be found, checked with
// `pg_restore --list`; without pg_dump the exact command is printed and the CLI exits 2.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export interface BackupDone {
  file: string;
  bytes: number;
}

/** Refuses early, before any work, when FILE exists (without --force) or its folder does not. */
export function checkTarget(file: string, force: boolean): string {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new BackupError(`保存先のフォルダがありません: ${path.dirname(target)}`);
  }
  if (fs.existsSync(target)) {
    if (!force) {
      throw new BackupError(`ファイルが既にあります: ${target}\n上書きする場合は --force を付けてください。`);
    }
    if (fs.statSync(target).isDirectory()) throw new BackupError(`フォルダは上書きできません: ${target}`);
  }
  return target;
}

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${Date.now()}`);
}

function removeSqliteFiles(file: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

/** Moves the finished copy into place; without `force` it never replaces a file that appeared meanwhile. */
function putInPlace(temporary: string, target: string, force: boolean): void {
  if (force) {
    fs.renameSync(temporary, target);
  } else {
    try {
      fs.linkSync(temporary, target); // fails with EEXIST instead of replacing
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new BackupError(`ファイルが既にあります: ${target}\n上書きする場合は --force を付けてください。`);
      }
      fs.copyFileSync(temporary, target, fs.constants.COPYFILE_EXCL); // file systems without hard links
    }
    fs.rmSync(temporary, { force: true });
  }
  try {
    const dir = fs.openSync(path.dirname(target), "r");
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // Not every platform can fsync a directory; the data itself is already synced by SQLite.
  }
}

/** `PRAGMA integrity_check` of a SQLite file: ["ok"] when sound, otherwise the problems found. */
export function integrityCheck(file: string): string[] {
  const db = new SQLite(file, { fileMustExist: true, readonly: true });
  try {
    return (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

export async function backupSqlite(sourceFile: string, file: string, force: boolean): Promise<BackupDone> {
  const target = checkTarget(file, force);
  const source = path.resolve(sourceFile);
  if (!fs.existsSync(source)) throw new BackupError(`データベースファイルがありません: ${source}`);
  if (fs.existsSync(target) && fs.realpathSync(target) === fs.realpathSync(source)) {
    throw new BackupError("バックアップ先が元のデータベースと同じファイルです。");
  }

  const temporary = temporaryName(target);
  try {
    const db = new SQLite(source, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 10000");
      // Everything in one step (one read transaction): small steps would restart every time the
      // server writes in between, and might never finish on a busy database.
      await db.backup(temporary, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }

    let problems: string[];
    try {
      const copy = new SQLite(temporary, { fileMustExist: true });
      try {
        copy.pragma("journal_mode = DELETE"); // the copy is one file, with no -wal/-shm beside it
      } finally {
        copy.close();
      }
      problems = integrityCheck(temporary);
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    if (problems.length !== 1 || problems[0] !== "ok") {
      throw new BackupError(`コピーの整合性チェックに失敗したため削除しました:\n  ${problems.slice(0, 10).join("\n  ")}`);
    }
    fs.chmodSync(temporary, 0o600); // it holds password hashes
    putInPlace(temporary, target, force);
  } catch (error) {
    removeSqliteFiles(temporary);
    throw error;
  }
  return { file: target, bytes: fs.statSync(target).size };
}

/** A postgres:// URL without its password, and the password (for PGPASSWORD, never on a command line). */
export function splitPassword(url: string): { url: string; password: string | null } {
  try {
    const u = new URL(url);
    const password = u.password ? decodeURIComponent(u.password) : null;
    u.password = "";
    return { url: u.toString(), password };
  } catch {
    return { url, password: null };
  }
}

/**
 * Finds a PostgreSQL client program: $PG_DUMP / $PG_RESTORE when set, else on PATH, else in Debian's
 * /usr/lib/postgresql/<version>/bin (newest first). pg_dump must be as new as the server.
 */
export function findPgProgram(name: "pg_dump" | "pg_restore"): string | null {
  // PG_DUMP / PG_RESTORE name the program outright, e.g. a newer client for a newer server.
  const chosen = process.env[name.toUpperCase()];
  if (chosen !== undefined) return chosen && fs.existsSync(chosen) ? chosen : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const candidate = path.join(root, v, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command an operator runs by hand (the password, if any, goes in PGPASSWORD). */
export function pgDumpCommand(url: string, file: string): string {
  const { url: bare, password } = splitPassword(url);
  return `${password ? "PGPASSWORD='<パスワード>' " : ""}pg_dump --format=custom --file=${shellQuote(path.resolve(file))} --dbname=${shellQuote(bare)}`;
}

export async function backupPostgres(url: string, file: string, force: boolean): Promise<BackupDone> {
  const target = checkTarget(file, force);
  const pgDump = findPgProgram("pg_dump");
  if (!pgDump) {
    throw new BackupError(
      `PostgreSQL のバックアップは pg_dump で取ります。pg_dump が見つかりません（$PG_DUMP、PATH、/usr/lib/postgresql/*/bin を探しました）。\n` +
        `PostgreSQL のクライアント（Debian では postgresql-client）を入れてから、次を実行してください:\n  ${pgDumpCommand(url, file)}`,
      2,
    );
  }
  const { url: bare, password } = splitPassword(url);
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const temporary = temporaryName(target);
  try {
    const dump = spawnSync(pgDump, ["--format=custom", `--file=${temporary}`, `--dbname=${bare}`], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (dump.error || dump.status !== 0) {
      throw new BackupError(`pg_dump が失敗しました（${dump.error?.message ?? `終了コード ${dump.status}`}）。`);
    }
    const pgRestore = findPgProgram("pg_restore");
    if (pgRestore) {
      const list = spawnSync(pgRestore, ["--list", temporary], { stdio: ["ignore", "ignore", "pipe"] });
      if (list.error || list.status !== 0) {
        throw new BackupError(`ダンプを pg_restore --list で読めなかったため削除しました: ${list.stderr?.toString().trim()}`);
      }
    }
    fs.chmodSync(temporary, 0o600); // it holds password hashes
    putInPlace(temporary, target, force);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return { file: target, bytes: fs.statSync(target).size };
}
