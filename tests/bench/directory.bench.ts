// Benchmark (issue 3): 5,000 approved groups and 1,000 sheets in a fresh SQLite file; the built server
// in this process; 20 concurrent clients for 10 s on (a) the group directory searched by a two-character
// word, and (b) a sheet's page as its department sees it, with the suggested groups. Prints p50, p95 and
// requests/s for each. Target: p95 under 50 ms on the 2-core machine. Needs `npm run build` first.
import autocannon from "autocannon";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

const GROUPS = Number(process.env.BENCH_GROUPS ?? 5000);
const SHEETS = Number(process.env.BENCH_SHEETS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyodo-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.NODE_ENV = "production";
process.env.MAIL_OUTBOX_DIR = path.join(dir, "outbox");

if (!fs.existsSync("build/index.js")) {
  console.error("directory bench: build/index.js is missing — run `npm run build` first.");
  process.exit(1);
}

const { getDb, closeDb } = await import("../../db/index");
const { migrateToLatest } = await import("../../db/migrate");
const { newId, now } = await import("../../db/values");
const { profileColumns, writeLists } = await import("../../app/domain/groups/commands.server");
const { groupProfileSchema } = await import("../../app/domain/groups/schema");
const { sheetColumns, writeSheetCodes } = await import("../../app/domain/sheets/commands.server");
const { sheetSchema } = await import("../../app/domain/sheets/schema");
const { FIELDS, AREAS, COLLABORATION_FORMS } = await import("../../app/domain/vocabulary");
const { registerUser } = await import("../../app/domain/accounts/commands.server");
const { startSession } = await import("../../app/auth/session.server");
const { createApp } = await import("../../app/http/server");

// A deterministic pseudo-random sequence, so every run seeds the same data.
let seed = 20261123;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const some = <T>(items: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(items)))];

const TOPICS = ["子育て支援", "里山保全", "防犯パトロール", "高齢者サロン", "国際交流", "農業体験", "学習支援", "防災訓練", "障がい者の就労", "食品ロス削減", "空き家活用", "地域の音楽会", "スポーツ教室", "パソコン相談", "環境学習", "読み聞かせ", "子ども食堂", "見守り活動"];
const PLACES = ["西白井", "桜台", "南山", "大山口", "清水口", "池の上", "七次台", "冨士", "白井駅前", "公民センター"];
const text = (sentences: number) =>
  Array.from({ length: sentences }, () => `${pick(PLACES)}で${pick(TOPICS)}と${pick(TOPICS)}に取り組んでいます。`).join("");

async function seedData() {
  const db = getDb();
  await migrateToLatest(db);
  const at = now();
  const staffId = await registerUser(db, { email: "bench-staff@example.jp", displayName: "ベンチ 職員", password: "bench-password-2026", roles: ["department_staff"], source: "bench" });
  const departmentId = newId();
  await db.insertInto("departments").values({ id: departmentId, name: "生涯学習課", parent_division: "教育部", contact: null, created_at: at }).execute();
  await db.updateTable("users").set({ department_id: departmentId }).where("id", "=", staffId).execute();

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < GROUPS; i++) {
      const topic = pick(TOPICS);
      const input = groupProfileSchema.parse({
        name: `${pick(PLACES)}${topic}の会${i}`,
        nameKana: "べんちだんたい",
        legalForm: pick(["npo_corporation", "voluntary", "neighborhood_association", "general_incorporated"]),
        actorType: "civic_group",
        fields: some(FIELDS.codes, 3),
        areas: some(AREAS.codes, 2),
        representativeName: "代表 太郎",
        emailVisibility: "public",
        phoneVisibility: "staff",
        addressVisibility: "staff",
        websiteVisibility: "public",
        mission: `${topic}を通じて地域をよくする団体です。${text(2)}`,
        wishes: `市と一緒に${pick(TOPICS)}の講座を開きたい。`,
        pastCollaboration: random() < 0.2 ? "生涯学習課と共催で講座を開いた" : "",
        activities: [
          { fiscalYear: "R5", title: `${pick(TOPICS)}の集い`, description: text(1) },
          { fiscalYear: "R6", title: `${pick(TOPICS)}講座`, description: text(1) },
        ],
      });
      const id = newId();
      await trx.insertInto("groups").values({ id, status: "approved", created_at: at, updated_at: at, status_reason: null, reviewed_by: null, reviewed_at: null, ...profileColumns(input) }).execute();
      await writeLists(trx, id, input);
    }
    for (let i = 0; i < SHEETS; i++) {
      const input = sheetSchema.parse({
        title: `${pick(PLACES)}の${pick(TOPICS)}（${i}）`,
        background: text(3),
        outcomes: text(2),
        offerPlaces: "公民センターの会議室",
        fields: some(FIELDS.codes, 2),
        areas: some(AREAS.codes, 2),
        forms: some(COLLABORATION_FORMS.codes, 2),
        budgetScale: "under_500k",
        period: "令和9年度",
        contactName: "担当 一郎",
        contactPhone: "047-492-1111",
      });
      const id = newId();
      await trx
        .insertInto("matching_sheets")
        .values({ id, department_id: departmentId, ...sheetColumns(input, "生涯学習課"), status: "published", published_at: at, created_by: staffId, created_at: at, updated_at: at })
        .execute();
      await writeSheetCodes(trx, id, input);
    }
  });
  const sheet = await db.selectFrom("matching_sheets").select("id").orderBy("id").executeTakeFirstOrThrow();
  return { staffCookie: (await startSession(staffId)).split(";")[0], sheetId: sheet.id };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(name: string, url: string, headers: Record<string, string> = {}) {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  (instance as unknown as import("node:events").EventEmitter).on("response", (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${name}: p50=${percentile(latencies, 50).toFixed(1)} ms p95=${percentile(latencies, 95).toFixed(1)} ms ` +
      `requests/s=${(result.requests.total / SECONDS).toFixed(0)} requests=${result.requests.total} failed=${failed}`,
  );
  return failed;
}

const started = Date.now();
const { staffCookie, sheetId } = await seedData();
console.log(`seeded ${GROUPS} groups and ${SHEETS} sheets in ${((Date.now() - started) / 1000).toFixed(1)} s (SQLite, ${CONNECTIONS} clients, ${SECONDS} s each)`);

const app = await createApp();
const server = await new Promise<import("node:http").Server>((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Warm up: the first suggestion request builds the matching index (once per process).
const warm = Date.now();
const first = await fetch(`${base}/sheets/${sheetId}`, { headers: { Cookie: staffCookie } });
if (!(await first.text()).includes("この課題に合いそうな団体")) throw new Error("the sheet page did not show suggestions");
console.log(`first suggestion request (builds the index over ${GROUPS} groups): ${Date.now() - warm} ms`);

let failed = 0;
failed += await load("group search /groups?q=子育", `${base}/groups?q=${encodeURIComponent("子育")}`);
failed += await load("group search with filters, page 3", `${base}/groups?q=${encodeURIComponent("支援")}&field=child_development&page=3`);
failed += await load("sheet page with suggested groups (department)", `${base}/sheets/${sheetId}`, { Cookie: staffCookie });

server.closeAllConnections();
server.close();
await closeDb();
if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
if (failed > 0) {
  console.error(`directory bench: ${failed} requests failed`);
  process.exit(1);
}
