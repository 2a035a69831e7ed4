// The operators' command line: `npm run cli -- <command>` (see USAGE below).
// Argument parsing is the pure function parseCommand (unit-tested in db/cli.test.ts); the database
// modules are imported only when a command runs. Exit codes: 0 done, 1 failed, 2 bad arguments
// (and backup of PostgreSQL when pg_dump is not installed).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { roleChangeSchema, signUpSchema } from "../app/domain/accounts/schema";
import { ROLE_LABELS } from "../app/auth/permissions";
import { ROLES, type Role } from "./schema";

export type Command =
  | { kind: "help" }
  | { kind: "migrate" }
  | {
      kind: "create-user";
      email: string; // trimmed and lower-cased by the app's schema
      password: string;
      displayName: string;
      roles: Role[];
      department: string | null;
    }
  | { kind: "backup"; file: string; force: boolean }
  | { kind: "import-plan"; file: string; slug: string; dryRun: boolean; json: boolean };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

const roleLines = ROLES.map((r) => `                      ${r.padEnd(18)}${ROLE_LABELS[r]}`).join("\n");

export const USAGE = `協働マッチングポータル 運用コマンド

使い方: npm run cli -- <コマンド> [オプション]

コマンド:
  migrate
      データベースを最新のスキーマに更新し、適用したマイグレーションを表示します。

  create-user --email E --password-stdin --role R [--role R2 ...] [--name N] [--department 課名]
      利用者を作成します（先に migrate を行います。作成は監査ログに記録されます）。
      例: printf '%s' "$PASSWORD" | npm run cli -- create-user --email a@example.jp --password-stdin --role admin
      --email           メールアドレス（小文字にして保存します）
      --password-stdin  パスワード（12文字以上）を標準入力から読みます（末尾の改行1つは除きます）。
                        端末からは入力を表示せずに尋ねます。コマンド行に書かないので、npm の表示や
                        シェルの履歴に残りません
      --password P      コマンド行で渡す従来の形（履歴に残るため非推奨。"-" で始まるときは --password=値）
      --role        役割（1つ以上。繰り返して複数指定できます）:
${roleLines}
      --name        表示名（省略時はメールアドレスの @ より前）
      --department  所属課の名前（登録済みの課名と完全に一致するもの）

  backup FILE [--force]
      サーバーを止めずに、データベースのバックアップを FILE に作ります。
      SQLite:     オンラインバックアップで複製し、PRAGMA integrity_check が ok のときだけ完了とします。
      PostgreSQL: pg_dump（カスタム形式）で取ります。pg_dump が見つからないときは
                  実行すべきコマンドを表示して終了コード 2 で終わります。
      --force       FILE が既にあっても上書きします

  import-plan FILE [--plan SLUG] [--dry-run] [--json]
      計画書（タブ区切りのテキスト。UTF-8・Shift_JIS・Excel の「Unicode テキスト」）を取り込みます。形式（白井市の進捗一覧・山口市の実行計画・
      重点区分付きの進捗状況一覧、このポータルが書き出した進捗一覧の xlsx・CSV）は自動で判別します。同じファイルをもう一度取り込んでも何も変わらず、
      新しい版を取り込むと番号（コード）ごとに施策を更新し、変わった点を表示します。
      ファイルに誤りがあれば行番号つきで表示し、何も書き込みません。
      --plan        計画の識別名（英小文字・数字・-・_。省略時はファイル名から作ります）
      --dry-run     書き込まずに、取り込んだ場合の変更点だけを表示します
      --json        結果を JSON で表示します:
                    {"measures", "entries", "statuses", "fiscalYears", "warnings", "keptFields"}

  help
      この説明を表示します（--help, -h も同じ）。

対象のデータベースは環境変数 DATABASE_URL で決まります
（postgres:// で始まれば PostgreSQL、それ以外は SQLite のファイル。既定: file:./data/portal.sqlite）。

復元:
  SQLite      サーバーを止め、バックアップを DATABASE_URL のファイルへコピーし（同じ名前の -wal と -shm は削除）、起動します。
  PostgreSQL  pg_restore --clean --if-exists --no-owner --dbname=<URL> FILE

終了コード: 0 成功 / 1 失敗 / 2 引数の誤り
`;

const HELP_WORDS = new Set(["help", "--help", "-h"]);

/** node:util parseArgs' English errors, said in Japanese. */
function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `不明なオプションです: ${option || message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/does not take an argument/.test(message)) return `${option} は値をとりません`;
      return `${option} の値がありません（"-" で始まる値は ${option}=値 の形で指定してください）`;
    default:
      return message;
  }
}

type Spec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

function parse(args: string[], options: Spec): { values: Record<string, unknown>; positionals: string[] } {
  return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: true });
}

/** Exactly one value of a string option (given with multiple: true so repeats can be refused). */
function single(values: Record<string, unknown>, name: string): string | undefined | Error {
  const list = values[name] as string[] | undefined;
  if (!list || list.length === 0) return undefined;
  if (list.length > 1) return new Error(`--${name} は1回だけ指定してください`);
  return list[0];
}

const PLAN_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** "plans/Shiroi 2018.txt" → "shiroi-2018": the file's base name, lower-cased, other characters as "-". */
export function slugFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, "");
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|-+$/g, "")
    .slice(0, 64);
  return PLAN_SLUG.test(slug) ? slug : "";
}

const FIELD_TO_OPTION: Record<string, string> = { email: "--email", password: "--password", displayName: "--name" };

/**
 * argv without `node script`: e.g. ["create-user", "--email", "a@example.jp", ...]. Pure but for
 * `stdin`, called only for `--password-stdin` (main passes the real standard input).
 */
export function parseCommand(argv: string[], stdin: () => string = () => ""): ParseResult {
  const [name, ...rest] = argv;
  if (name === undefined) return { ok: false, error: "コマンドを指定してください" };
  if (HELP_WORDS.has(name)) return { ok: true, command: { kind: "help" } };

  try {
    switch (name) {
      case "migrate": {
        const { values, positionals } = parse(rest, {});
        if (values.help) return { ok: true, command: { kind: "help" } };
        if (positionals.length > 0) return { ok: false, error: `migrate に余分な引数があります: ${positionals.join(" ")}` };
        return { ok: true, command: { kind: "migrate" } };
      }

      case "create-user": {
        const { values, positionals } = parse(rest, {
          email: { type: "string", multiple: true },
          password: { type: "string", multiple: true },
          "password-stdin": { type: "boolean" },
          role: { type: "string", multiple: true },
          name: { type: "string", multiple: true },
          department: { type: "string", multiple: true },
        });
        if (values.help) return { ok: true, command: { kind: "help" } };
        if (positionals.length > 0) {
          return { ok: false, error: `create-user に余分な引数があります: ${positionals.join(" ")}` };
        }
        const email = single(values, "email");
        let password = single(values, "password");
        if (values["password-stdin"]) {
          if (password !== undefined) return { ok: false, error: "--password と --password-stdin は一緒に指定できません" };
          password = stdin().replace(/\r?\n$/, "");
        }
        const displayName = single(values, "name");
        const department = single(values, "department");
        for (const v of [email, password, displayName, department]) if (v instanceof Error) return { ok: false, error: v.message };
        if (email === undefined) return { ok: false, error: "--email を指定してください" };
        if (password === undefined) return { ok: false, error: "--password-stdin（または --password）を指定してください" };
        const roleValues = (values.role as string[] | undefined) ?? [];
        if (roleValues.length === 0) return { ok: false, error: "--role を1つ以上指定してください" };

        const roles: Role[] = [];
        for (const value of roleValues) {
          const role = roleChangeSchema.shape.role.safeParse(value);
          if (!role.success) return { ok: false, error: `不明な役割です: ${value}（${ROLES.join(", ")} のいずれか）` };
          if (!roles.includes(role.data)) roles.push(role.data);
        }

        // The sign-up form's schema: same e-mail and password rules as the app.
        const fields = signUpSchema.safeParse({
          displayName: displayName ?? (email as string).trim().split("@")[0],
          email,
          password,
          passwordConfirm: password,
        });
        if (!fields.success) {
          const issue = fields.error.issues[0];
          const option = FIELD_TO_OPTION[String(issue.path[0])] ?? String(issue.path[0] ?? "");
          return { ok: false, error: `${option}: ${issue.message}` };
        }

        let departmentName: string | null = null;
        if (department !== undefined) {
          departmentName = (department as string).trim();
          if (!departmentName) return { ok: false, error: "--department: 所属課の名前が空です" };
        }
        return {
          ok: true,
          command: {
            kind: "create-user",
            email: fields.data.email,
            password: fields.data.password,
            displayName: fields.data.displayName,
            roles,
            department: departmentName,
          },
        };
      }

      case "backup": {
        const { values, positionals } = parse(rest, { force: { type: "boolean" } });
        if (values.help) return { ok: true, command: { kind: "help" } };
        if (positionals.length === 0) return { ok: false, error: "backup には保存先のファイル名 FILE を指定してください" };
        if (positionals.length > 1) return { ok: false, error: `backup の保存先は1つだけ指定してください: ${positionals.join(" ")}` };
        const file = positionals[0];
        if (!file.trim()) return { ok: false, error: "backup の保存先のファイル名が空です" };
        return { ok: true, command: { kind: "backup", file, force: Boolean(values.force) } };
      }

      case "import-plan": {
        const { values, positionals } = parse(rest, {
          plan: { type: "string", multiple: true },
          "dry-run": { type: "boolean" },
          json: { type: "boolean" },
        });
        if (values.help) return { ok: true, command: { kind: "help" } };
        if (positionals.length === 0) return { ok: false, error: "import-plan には取り込むファイル名 FILE を指定してください" };
        if (positionals.length > 1) return { ok: false, error: `import-plan のファイルは1つだけ指定してください: ${positionals.join(" ")}` };
        const file = positionals[0];
        if (!file.trim()) return { ok: false, error: "import-plan のファイル名が空です" };
        const plan = single(values, "plan");
        if (plan instanceof Error) return { ok: false, error: plan.message };
        let slug: string;
        if (plan !== undefined) {
          slug = plan.trim();
          if (!PLAN_SLUG.test(slug)) {
            return { ok: false, error: `--plan: 計画の識別名は英小文字・数字・-・_ で64文字以内にしてください: ${plan}` };
          }
        } else {
          slug = slugFromFileName(file);
          if (!slug) return { ok: false, error: `ファイル名から計画の識別名を作れません。--plan で指定してください: ${file}` };
        }
        return {
          ok: true,
          command: { kind: "import-plan", file, slug, dryRun: Boolean(values["dry-run"]), json: Boolean(values.json) },
        };
      }

      default:
        return { ok: false, error: `不明なコマンドです: ${name}` };
    }
  } catch (error) {
    return { ok: false, error: describeParseError(error) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Running a command. Database modules are loaded here, not at the top, so parsing stays light.

export async function runCommand(command: Command): Promise<number> {
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }

  const { createDb, databaseUrl, engineOf, sqlitePath } = await import("./index");
  const { splitPassword } = await import("./backup");
  const url = databaseUrl();
  const engine = engineOf(url);
  // Which database, for the messages; never with the password.
  const where = engine === "postgres" ? `PostgreSQL ${splitPassword(url).url}` : `SQLite ${path.resolve(sqlitePath(url))}`;

  if (command.kind === "backup") {
    const { BackupError, backupPostgres, backupSqlite } = await import("./backup");
    try {
      const started = Date.now();
      const done =
        engine === "postgres"
          ? await backupPostgres(url, command.file, command.force)
          : await backupSqlite(sqlitePath(url), command.file, command.force);
      const check = engine === "postgres" ? "pg_restore --list で読めることを確認済み" : "integrity_check: ok";
      console.log(
        `バックアップが完了しました: ${done.file}（${done.bytes.toLocaleString("ja-JP")} バイト、${check}、${((Date.now() - started) / 1000).toFixed(1)} 秒）\n元のデータベース: ${where}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        console.error(`バックアップできませんでした: ${error.message}`);
        return error.exitCode;
      }
      console.error(`バックアップできませんでした: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }

  // A plan file is read and parsed before the database is opened: a malformed one writes nothing.
  let parsedPlan: import("../app/domain/plans/types").ParsedPlan | null = null;
  if (command.kind === "import-plan") {
    const { PlanImportError } = await import("../app/domain/plans/import/index");
    const { parsePlanFile } = await import("../app/domain/plans/import/file.server");
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(command.file);
    } catch (error) {
      console.error(`ファイルを読めませんでした: ${command.file}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
      return 1;
    }
    try {
      // UTF-8 or Shift_JIS text in the cities' layouts, or the portal's own CSV/xlsx progress list.
      parsedPlan = await parsePlanFile(bytes);
    } catch (error) {
      if (error instanceof PlanImportError) {
        console.error(`${command.file}: ${error.message}\nデータベースには何も書き込んでいません。`);
        return 1;
      }
      throw error;
    }
  }

  const { migrateToLatest } = await import("./migrate");
  const db = createDb(url);
  try {
    const applied = await migrateToLatest(db);
    if (command.kind === "migrate") {
      console.log(`データベース: ${where}`);
      if (applied.length === 0) console.log("データベースは最新です（適用したマイグレーションはありません）。");
      else console.log(`適用したマイグレーション（${applied.length}件）:\n${applied.map((m) => `  ${m}`).join("\n")}`);
      return 0;
    }
    // stdout carries only the JSON under --json, so the migration note goes to stderr there.
    if (applied.length > 0) {
      const note = `データベースを更新しました: ${applied.join(", ")}`;
      if (command.kind === "import-plan" && command.json) console.error(note);
      else console.log(note);
    }

    if (command.kind === "import-plan") {
      const { importPlan, keptFieldsMessage } = await import("../app/domain/plans/commands.server");
      const report = await importPlan(db, parsedPlan!, { slug: command.slug, actorId: null, dryRun: command.dryRun });
      if (command.json) {
        const { measures, entries, statuses, fiscalYears } = report.summary;
        process.stdout.write(`${JSON.stringify({ measures, entries, statuses, fiscalYears, warnings: report.warnings, keptFields: report.keptFields }, null, 2)}\n`);
      } else {
        console.log(describeImport(report, parsedPlan!.title, where, keptFieldsMessage));
      }
      return 0;
    }

    // create-user
    const { AccountRefusedError, registerUser } = await import("../app/domain/accounts/commands.server");
    let departmentId: string | null = null;
    if (command.department !== null) {
      const found = await db.selectFrom("departments").where("name", "=", command.department).select("id").executeTakeFirst();
      if (!found) {
        const names = (await db.selectFrom("departments").select("name").orderBy("name").execute()).map((d) => d.name);
        console.error(
          `所属課が見つかりません: ${command.department}\n` +
            (names.length > 0 ? `登録済みの課: ${names.join("、")}` : "課がまだ1つも登録されていません。"),
        );
        return 1;
      }
      departmentId = found.id;
    }
    try {
      const id = await registerUser(db, {
        email: command.email,
        displayName: command.displayName,
        password: command.password,
        roles: command.roles,
        departmentId,
        source: "cli",
        // The operator who runs the CLI vouches for the address (and may grant the account roles).
        emailConfirmed: true,
      });
      console.log(
        `利用者を作成しました: ${command.email}\n` +
          `  ID: ${id}\n  表示名: ${command.displayName}\n` +
          `  役割: ${command.roles.map((r) => `${ROLE_LABELS[r]}（${r}）`).join("、")}\n` +
          `  所属課: ${command.department ?? "なし"}\n  データベース: ${where}`,
      );
      return 0;
    } catch (error) {
      // registerUser's one refusal: the address already has an account.
      if (error instanceof AccountRefusedError) {
        console.error(`このメールアドレスは既に登録されています: ${command.email}`);
        return 1;
      }
      throw error;
    }
  } catch (error) {
    console.error(`失敗しました（${where}）: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

/** The operator's summary of an import, in Japanese. */
function describeImport(
  report: import("../app/domain/plans/commands.server").ImportPlanReport,
  title: string,
  where: string,
  keptFieldsMessage: (kept: import("../app/domain/plans/commands.server").KeptField[]) => string | null,
): string {
  const { measures: m, entries: e, summary } = report;
  const lines: string[] = [];
  const head = report.dryRun ? "【試行（--dry-run）: 何も書き込んでいません】\n" : "";
  const what = report.created ? "新しい計画として取り込みました" : "既存の計画を更新しました";
  const nothing = !report.created && !report.planUpdated && m.added + m.updated + m.removed + m.kept === 0 && report.statusChanges === 0;
  lines.push(`${head}${title}（${report.slug}）: ${nothing ? "前回の取り込みから変更はありません" : what}`);
  lines.push(`  施策: 追加 ${m.added}、更新 ${m.updated}、削除 ${m.removed}、変更なし ${m.unchanged}` + (m.kept > 0 ? `、計画書にないが残したもの ${m.kept}` : ""));
  lines.push(`  実施したこと（取り込み分）: 追加 ${e.added}、削除 ${e.removed}`);
  lines.push(`  状況の変更: ${report.statusChanges}件`);
  const kept = keptFieldsMessage(report.keptFields);
  if (kept) lines.push(`  ${kept}`);
  const list = (label: string, codes: string[]) => {
    if (codes.length > 0) lines.push(`  ${label}: ${codes.slice(0, 20).join("、")}${codes.length > 20 ? ` ほか${codes.length - 20}件` : ""}`);
  };
  if (!report.created) {
    list("追加した施策", report.changes.added);
    list("更新した施策", report.changes.updated);
    list("削除した施策", report.changes.removed);
    list("職員の記録やリンクがあるため残した施策", report.changes.kept);
    for (const s of report.changes.statuses.slice(0, 20)) lines.push(`  ${s.code}: ${s.from ?? "（なし）"} → ${s.to ?? "（なし）"}`);
  }
  const statuses = Object.entries(summary.statuses).map(([s, n]) => `${s} ${n}`).join("、");
  const [first, last] = summary.fiscalYears;
  lines.push(
    `  合計: 施策 ${summary.measures}、実施したこと ${summary.entries}` +
      (statuses ? `、状況 ${statuses}` : "") +
      (first !== null ? `、年度 ${first}～${last}` : ""),
  );
  if (report.warnings.length > 0) {
    lines.push(`確認してほしい点（${report.warnings.length}件）:`);
    for (const w of report.warnings) lines.push(`  ${w.line}行目: ${w.message}`);
  }
  lines.push(`データベース: ${where}`);
  return lines.join("\n");
}

/**
 * The password for `--password-stdin`: piped input as it is, or typed at a terminal without being
 * shown (the terminal's echo is off while it is read).
 */
async function readPasswordFromStdin(): Promise<string> {
  if (!process.stdin.isTTY) return fs.readFileSync(0, "utf8");
  process.stderr.write("パスワード（表示されません）: ");
  process.stdin.setRawMode(true);
  let typed = "";
  try {
    for await (const chunk of process.stdin) {
      for (const ch of String(chunk)) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return typed;
        if (ch === "\u0003") throw new Error("中断しました");
        typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
      }
    }
    return typed;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write("\n");
  }
}

export async function main(argv: string[]): Promise<number> {
  const typed = argv[0] === "create-user" && argv.includes("--password-stdin") ? await readPasswordFromStdin() : "";
  const parsed = parseCommand(argv, () => typed);
  if (!parsed.ok) {
    process.stderr.write(`エラー: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  return runCommand(parsed.command);
}

function invokedDirectly(): boolean {
  try {
    return Boolean(process.argv[1]) && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await main(process.argv.slice(2));
}
