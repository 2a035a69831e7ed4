// A fixed corpus of hostile input posted to every action in the authorization table's route list, as a
// role allowed to use it: whatever arrives (too long, malformed, control characters, markup, formula
// prefixes, unknown intents), the answer is never a 500. Input no form may hold (too long, nothing at
// all) stores nothing; text that is merely unusual (markup, a formula, SQL) may be kept as text — other
// tests check it is shown and exported as text — but never with a control character in it. New routes
// join this test when they join the authorization table.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { AREAS, expected, ROUTES, usersForEveryone } from "./authorization/areas";
import { EVERYONE, type Who } from "./authorization/table";
import { Client, clientFor, createUser, TEST_PASSWORD, useServer } from "./harness";

const base = useServer();
let users = new Map<Who, string>();

/** Field names the portal's forms use, so the values reach the schemas and commands behind them. */
const FIELDS = [
  "intent", "title", "name", "displayName", "email", "password", "passwordConfirm", "currentPassword", "body", "reason",
  "revision", "baseRevision", "label", "status", "role", "userId", "groupId", "sheetId", "callId", "measureId", "proposalId",
  "text", "comment", "note", "slug", "fiscalYear", "amount", "deadline", "points", "answer", "kind", "q", "redirectTo",
  "outcome", "summary", "departmentId", "reviewerId", "stage", "position", "id", "linkId", "entryId", "token", "file", "code",
];

/** Values no field accepts: a form made of them must change nothing. */
const REFUSED: Record<string, string> = {
  long: "長".repeat(20_000),
  empty: "",
};

/** Unusual but possible text: never a 500; may be stored (as text). */
const VALUES: Record<string, string> = {
  ...REFUSED,
  "lone surrogate": "a\uD800b",
  "control characters": "a\u0000b\u0007c\u001b[31m\u0085\u202E",
  markup: '<script>alert(1)</script><img src=x onerror=alert(1)>"\'',
  formula: '=HYPERLINK("https://evil.example","x")',
  sql: "' OR 1=1 --; drop table users;",
  numbers: "1e309",
  negative: "-1",
  "not a number": "NaN",
  path: "../../../../etc/passwd",
  "percent-encoded": "%FF%FE%00",
  "full-width digits": "２０２７",
  bidi: "\u202Eexe.pdf",
};

/** Intents the portal's forms send, each with every other field hostile. */
const INTENTS = [
  "save", "autosave", "submit", "delete", "publish", "close", "archive", "grant", "revoke", "answer", "ask", "interest",
  "approve", "reject", "suspend", "invite", "remove", "transfer", "link", "unlink", "status", "entry", "move", "message",
  "consult", "decide", "confirm", "return", "assign", "unassign", "score", "conflict", "rules", "stage", "panel", "accept",
  "read", "read-all", "import", "preview", "withdraw", "start", "report", "evaluate", "regenerate", "disable", "reset-two-factor",
];

type Form = Record<string, string | string[]>;

const refusedForms = (): [string, Form][] => Object.entries(REFUSED).map(([label, value]) => [label, Object.fromEntries(FIELDS.map((f) => [f, value]))]);

function textForms(): [string, Form][] {
  const cases: [string, Form][] = [];
  for (const [label, value] of Object.entries(VALUES)) if (!(label in REFUSED)) cases.push([label, Object.fromEntries(FIELDS.map((f) => [f, value]))]);
  for (const intent of INTENTS) {
    cases.push([`intent ${intent}`, { ...Object.fromEntries(FIELDS.map((f) => [f, VALUES.markup])), intent }]);
  }
  // every field twice: a schema expecting one value gets a list
  cases.push(["repeated fields", Object.fromEntries(FIELDS.map((f) => [f, ["1", VALUES.formula]]))]);
  return cases;
}

// Tables a refused request may still touch: the session in use (extended), sign-in throttling (and the
// half-way sign-ins the second step's cases start), the audit of refusals, and the secret the two-step
// set-up page prepares when it is shown again beside a refused code. Everything else must stay as it was.
const MAY_CHANGE = new Set(["sessions", "sign_in_attempts", "pending_sign_ins", "second_factors", "audit_log", "kysely_migration", "kysely_migration_lock"]);

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/;

/** "table.column: value" for every stored text that holds a control character. */
async function controlCharacters(): Promise<string[]> {
  const db = getDb();
  const found: string[] = [];
  for (const table of (await db.introspection.getTables()).map((t) => t.name)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) if (typeof value === "string" && CONTROL.test(value)) found.push(`${table}.${column}: ${JSON.stringify(value).slice(0, 80)}`);
    }
  }
  return found;
}

async function counts(): Promise<Record<string, number>> {
  const db = getDb();
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !MAY_CHANGE.has(name));
  const result: Record<string, number> = {};
  for (const table of tables.sort()) {
    const row = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    result[table] = Number(row.rows[0].n);
  }
  return result;
}

/** The first role (anonymous first) the route lets post: the corpus reaches its action, not a guard. */
function allowedRole(file: string): Who | null {
  const rule = ROUTES[file].post!;
  return EVERYONE.find((who) => expected(rule, who) === "ok") ?? null;
}

describe("the hostile-input corpus against the second step of sign-in", () => {
  // Only a browser holding a half-way sign-in (a right password) reaches this action.
  it("POST /login/two-factor with a half-way sign-in: no 500, nothing stored, no control character kept", { timeout: 120_000 }, async () => {
    const { email } = await createUser(["department_staff"]);
    const post = async (cases: [string, Form][]) => {
      const failures: string[] = [];
      for (const [label, form] of cases) {
        // Every case reaches the code check, not the throttle the earlier wrong codes would set off.
        await getDb().deleteFrom("sign_in_attempts").execute();
        const client = new Client(base);
        await client.post("/login", { email, password: TEST_PASSWORD });
        const response = await client.post("/login/two-factor", form);
        if (response.status >= 500) failures.push(`${label}: ${response.status}`);
        await response.arrayBuffer();
      }
      return failures;
    };
    const before = await counts();
    expect(await post(refusedForms())).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(await post(textForms())).toEqual([]);
    expect(await controlCharacters()).toEqual([]);
  });
});

describe("the hostile-input corpus against every action", () => {
  beforeAll(async () => {
    users = await usersForEveryone();
    for (const area of AREAS) await area.prepare?.(getDb(), users);
  });

  for (const [file, row] of Object.entries(ROUTES)) {
    if (!row.post) continue;
    const who = allowedRole(file);
    if (!who) continue;
    const post = async (cases: [string, Form][]) => {
      const failures: string[] = [];
      for (const [label, form] of cases) {
        const client = who === "anonymous" ? new Client(base) : await clientFor(base, users.get(who)!);
        const response = await client.post(row.path, form);
        if (response.status >= 500) failures.push(`${label}: ${response.status}`);
        await response.arrayBuffer();
      }
      return failures;
    };
    it(`POST ${row.path} (${file}) as ${who}: no 500; what no form holds stores nothing; no control character is kept`, { timeout: 120_000 }, async () => {
      const before = await counts();
      expect(await post(refusedForms())).toEqual([]);
      expect(await counts()).toEqual(before);
      expect(await post(textForms())).toEqual([]);
      expect(await controlCharacters()).toEqual([]);
    });
  }
});
