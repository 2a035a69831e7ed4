// Argument parsing of the operators' CLI (db/cli.ts): pure, no database.
import { describe, expect, it } from "vitest";
import { pgDumpCommand, splitPassword } from "./backup";
import { parseCommand, USAGE } from "./cli";

const PASSWORD = "long-enough-pass";

function error(argv: string[]): string {
  const result = parseCommand(argv);
  if (result.ok) throw new Error(`expected a usage error, got ${JSON.stringify(result.command)}`);
  return result.error;
}

describe("parseCommand", () => {
  it("needs a command and knows only its own", () => {
    expect(error([])).toMatch(/コマンドを指定/);
    expect(error(["bogus"])).toBe("不明なコマンドです: bogus");
    expect(error(["--email", "a@example.jp"])).toMatch(/不明なコマンド/);
  });

  it("treats help, --help and -h (also after a command) as help", () => {
    for (const argv of [["help"], ["--help"], ["-h"], ["create-user", "--help"], ["backup", "-h"], ["migrate", "--help"]]) {
      expect(parseCommand(argv)).toEqual({ ok: true, command: { kind: "help" } });
    }
  });

  it("parses migrate and refuses anything after it", () => {
    expect(parseCommand(["migrate"])).toEqual({ ok: true, command: { kind: "migrate" } });
    expect(error(["migrate", "now"])).toMatch(/余分な引数/);
    expect(error(["migrate", "--force"])).toBe("不明なオプションです: --force");
  });

  describe("create-user", () => {
    it("parses a full command, normalising the e-mail like the app and de-duplicating roles", () => {
      const result = parseCommand([
        "create-user",
        "--email",
        "  Staff@Example.JP ",
        `--password=${PASSWORD}`,
        "--role",
        "department_staff",
        "--role",
        "reviewer",
        "--role",
        "reviewer",
        "--name",
        "企画 次郎",
        "--department",
        "企画政策課",
      ]);
      expect(result).toEqual({
        ok: true,
        command: {
          kind: "create-user",
          email: "staff@example.jp",
          password: PASSWORD,
          displayName: "企画 次郎",
          roles: ["department_staff", "reviewer"],
          department: "企画政策課",
        },
      });
    });

    it("takes the password from standard input with --password-stdin (one trailing newline dropped), never with --password too", () => {
      const result = parseCommand(["create-user", "--email", "a@example.jp", "--password-stdin", "--role", "admin"], () => `${PASSWORD}\n`);
      expect(result).toMatchObject({ ok: true, command: { password: PASSWORD } });
      expect(error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--password-stdin", "--role", "admin"])).toBe(
        "--password と --password-stdin は一緒に指定できません",
      );
      const short = parseCommand(["create-user", "--email", "a@example.jp", "--password-stdin", "--role", "admin"], () => "short\n");
      expect(short).toEqual({ ok: false, error: "--password: パスワードは12文字以上で入力してください" });
    });

    it("defaults the display name to the e-mail's local part and the department to none", () => {
      const result = parseCommand(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "admin"]);
      expect(result).toMatchObject({ ok: true, command: { displayName: "a", department: null, roles: ["admin"] } });
    });

    it("requires --email, --password and at least one --role", () => {
      expect(error(["create-user", "--password", PASSWORD, "--role", "admin"])).toBe("--email を指定してください");
      expect(error(["create-user", "--email", "a@example.jp", "--role", "admin"])).toBe("--password-stdin（または --password）を指定してください");
      expect(error(["create-user", "--email", "a@example.jp", "--password", PASSWORD])).toMatch(/--role を1つ以上/);
    });

    it("reports an option given without its value", () => {
      expect(error(["create-user", "--email"])).toMatch(/^--email の値がありません/);
      // the next option is not taken as the value
      expect(error(["create-user", "--email", "--password", PASSWORD, "--role", "admin"])).toMatch(/^--email の値がありません/);
    });

    it("refuses unknown options, repeated single options and stray arguments", () => {
      expect(error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "admin", "--admin"])).toBe(
        "不明なオプションです: --admin",
      );
      expect(
        error(["create-user", "--email", "a@example.jp", "--email", "b@example.jp", "--password", PASSWORD, "--role", "admin"]),
      ).toBe("--email は1回だけ指定してください");
      expect(error(["create-user", "a@example.jp", "--password", PASSWORD, "--role", "admin"])).toMatch(/余分な引数/);
    });

    it("accepts only the roles of db/schema.ts", () => {
      const message = error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "superuser"]);
      expect(message).toMatch(/^不明な役割です: superuser/);
      expect(message).toContain("group_member, department_staff, reviewer, coordinator, admin");
      expect(error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "Admin"])).toMatch(/不明な役割/);
    });

    it("applies the app's e-mail and password rules", () => {
      expect(error(["create-user", "--email", "not-an-address", "--password", PASSWORD, "--role", "admin"])).toMatch(
        /^--email: メールアドレスの形式が正しくありません/,
      );
      expect(error(["create-user", "--email", "a@example.jp", "--password", "elevenchars", "--role", "admin"])).toBe(
        "--password: パスワードは12文字以上で入力してください",
      );
      expect(parseCommand(["create-user", "--email", "a@example.jp", "--password", "twelve-chars", "--role", "admin"]).ok).toBe(
        true,
      );
      expect(error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "admin", "--name", " "])).toMatch(
        /^--name: /,
      );
      expect(
        error(["create-user", "--email", "a@example.jp", "--password", PASSWORD, "--role", "admin", "--department", ""]),
      ).toMatch(/^--department: /);
    });

    it("takes a password that starts with a dash only in --password=value form", () => {
      expect(error(["create-user", "--email", "a@example.jp", "--password", "-starts-with-dash", "--role", "admin"])).toMatch(
        /--password=値/,
      );
      const result = parseCommand(["create-user", "--email", "a@example.jp", "--password=-starts-with-dash", "--role", "admin"]);
      expect(result).toMatchObject({ ok: true, command: { password: "-starts-with-dash" } });
    });
  });

  describe("backup", () => {
    it("takes exactly one FILE and an optional --force", () => {
      expect(parseCommand(["backup", "b.sqlite"])).toEqual({ ok: true, command: { kind: "backup", file: "b.sqlite", force: false } });
      expect(parseCommand(["backup", "--force", "b.sqlite"])).toEqual({
        ok: true,
        command: { kind: "backup", file: "b.sqlite", force: true },
      });
      expect(error(["backup"])).toMatch(/FILE を指定/);
      expect(error(["backup", "a", "b"])).toMatch(/1つだけ/);
      expect(error(["backup", "b.sqlite", "--overwrite"])).toBe("不明なオプションです: --overwrite");
      expect(error(["backup", "b.sqlite", "--force=yes"])).toBe("--force は値をとりません");
    });
  });

  describe("import-plan", () => {
    it("takes one FILE, a slug from --plan or else from the file name, and the two switches", () => {
      expect(parseCommand(["import-plan", "seeds/000_74861bb8ecea7f00.txt"])).toEqual({
        ok: true,
        command: { kind: "import-plan", file: "seeds/000_74861bb8ecea7f00.txt", slug: "000_74861bb8ecea7f00", dryRun: false, json: false },
      });
      expect(parseCommand(["import-plan", "plans/Shiroi Plan 2018.txt", "--dry-run", "--json"])).toEqual({
        ok: true,
        command: { kind: "import-plan", file: "plans/Shiroi Plan 2018.txt", slug: "shiroi-plan-2018", dryRun: true, json: true },
      });
      expect(parseCommand(["import-plan", "進捗一覧.txt", "--plan", "shiroi-2018"])).toMatchObject({
        ok: true,
        command: { slug: "shiroi-2018" },
      });
      expect(parseCommand(["import-plan", "--help"])).toEqual({ ok: true, command: { kind: "help" } });
    });

    it("refuses a missing FILE, two FILEs, a bad or repeated --plan and a file name without a usable slug", () => {
      expect(error(["import-plan"])).toMatch(/FILE を指定/);
      expect(error(["import-plan", "a.txt", "b.txt"])).toMatch(/1つだけ/);
      expect(error(["import-plan", "a.txt", "--plan", "白井"])).toMatch(/^--plan: /);
      expect(error(["import-plan", "a.txt", "--plan", "a", "--plan", "b"])).toMatch(/1回だけ/);
      expect(error(["import-plan", "a.txt", "--plan"])).toMatch(/--plan の値がありません/);
      expect(error(["import-plan", "進捗一覧.txt"])).toMatch(/--plan で指定/);
      expect(error(["import-plan", "a.txt", "--json=yes"])).toBe("--json は値をとりません");
    });
  });
});

describe("USAGE", () => {
  it("names every command in English and every role", () => {
    for (const word of ["migrate", "create-user", "backup", "help", "--email", "--password", "--role", "--name", "--department", "--force", "import-plan", "--plan", "--dry-run", "--json"]) {
      expect(USAGE).toContain(word);
    }
    for (const role of ["group_member", "department_staff", "reviewer", "coordinator", "admin"]) expect(USAGE).toContain(role);
    expect(USAGE).toContain("使い方");
  });
});

describe("pg_dump command", () => {
  it("keeps the password out of the URL and the printed command", () => {
    expect(splitPassword("postgres://app:s%40cret@db.example:5432/portal?sslmode=require")).toEqual({
      url: "postgres://app@db.example:5432/portal?sslmode=require",
      password: "s@cret",
    });
    expect(splitPassword("postgres://app@127.0.0.1:55432/postgres")).toEqual({
      url: "postgres://app@127.0.0.1:55432/postgres",
      password: null,
    });
    const command = pgDumpCommand("postgres://app:secret@db.example/portal", "/var/backups/portal.dump");
    expect(command).toBe(
      "PGPASSWORD='<パスワード>' pg_dump --format=custom --file=/var/backups/portal.dump --dbname=postgres://app@db.example/portal",
    );
    expect(command).not.toContain("secret");
  });
});
