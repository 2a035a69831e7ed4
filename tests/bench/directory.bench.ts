// Benchmark (issue 3): 5,000 approved groups and 1,000 sheets in a fresh SQLite file; the built server
// started as in production (its own process); 20 concurrent clients for 10 s on (a) the group directory
// searched by a two-character word, (b) the same with filters, and (c) a sheet's page as its department
// sees it, with the suggested groups. Prints p50, p95 and requests/s for each. Target: p95 under 50 ms on
// the 2-core machine. Needs `npm run build` first (`npm run bench` does it). WEB_CONCURRENCY=2 runs the
// server as two worker processes, as `npm start` does with it.
import autocannon from "autocannon";
import { freshDatabase, percentile, removeFolder, requireBuild, startServer } from "./server";
import { benchGroupProfile, benchSheetForm, wordsFrom } from "./words";

const GROUPS = Number(process.env.BENCH_GROUPS ?? 5000);
const SHEETS = Number(process.env.BENCH_SHEETS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

requireBuild("directory");
const { dir } = freshDatabase("kyodo-bench-");

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
const { setUpSecondFactorFor } = await import("./second-factor");

// Word pools wide enough that texts differ the way real groups' texts do (a few topics shared by all
// would make every group a candidate for every query, which no real directory looks like).
const TOPICS = [
  "子育て支援", "里山保全", "防犯パトロール", "高齢者サロン", "国際交流", "農業体験", "学習支援", "防災訓練", "障がい者の就労", "食品ロス削減",
  "空き家活用", "音楽会", "スポーツ教室", "パソコン相談", "環境学習", "読み聞かせ", "子ども食堂", "見守り活動", "外国人の日本語学習", "竹林整備",
  "ごみ拾い", "花壇づくり", "歴史の語り部", "郷土料理", "梨の援農", "野鳥観察", "自然観察会", "健康体操", "認知症カフェ", "介護者の集い",
  "手話講座", "点訳ボランティア", "おもちゃの病院", "プレーパーク", "不登校の居場所", "ひとり親の相談", "フードバンク", "リサイクル", "古着の交換会", "落語会",
  "演劇ワークショップ", "写真教室", "囲碁将棋", "川の清掃", "ホタルの保全", "街路樹の手入れ", "交通安全教室", "消防団の支援", "避難所運営", "災害ボランティア",
  "地域通貨", "商店街のにぎわい", "マルシェ", "起業相談", "就労体験", "ひきこもり支援", "ピアサポート", "献血の呼びかけ", "動物愛護", "多文化共生",
];
const PLACES = ["西白井", "桜台", "南山", "大山口", "清水口", "池の上", "七次台", "冨士", "白井駅前", "公民センター", "福祉センター", "市民プール", "文化会館", "運動公園", "図書館", "小学校", "中学校", "集会所", "商店街", "農園"];
const WAYS = ["毎週", "月に2回", "年に4回", "夏休みに", "土曜日の午後に", "平日の夕方に", "季節ごとに", "毎朝"];
// A deterministic pseudo-random sequence, so every run seeds the same data.
const words = wordsFrom(20261123, { topics: TOPICS, places: PLACES, ways: WAYS });

async function seedData() {
  const db = getDb();
  await migrateToLatest(db);
  const at = now();
  const staffId = await registerUser(db, { email: "bench-staff@example.jp", displayName: "ベンチ 職員", password: "bench-password-2026", roles: ["department_staff"], source: "bench", emailConfirmed: true });
  await setUpSecondFactorFor(staffId);
  const departmentId = newId();
  await db.insertInto("departments").values({ id: departmentId, name: "生涯学習課", parent_division: "教育部", contact: null, created_at: at }).execute();
  await db.updateTable("users").set({ department_id: departmentId }).where("id", "=", staffId).execute();

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < GROUPS; i++) {
      const input = groupProfileSchema.parse(benchGroupProfile(words, i, { fields: FIELDS.codes, areas: AREAS.codes }));
      const id = newId();
      await trx.insertInto("groups").values({ id, status: "approved", created_at: at, updated_at: at, status_reason: null, reviewed_by: null, reviewed_at: null, ...profileColumns(input) }).execute();
      await writeLists(trx, id, input);
    }
    for (let i = 0; i < SHEETS; i++) {
      const input = sheetSchema.parse(benchSheetForm(words, i, { fields: FIELDS.codes, areas: AREAS.codes, forms: COLLABORATION_FORMS.codes }, "令和9年度"));
      const id = newId();
      await trx
        .insertInto("matching_sheets")
        .values({ id, department_id: departmentId, ...sheetColumns(input, "生涯学習課"), status: "published", published_at: at, created_by: staffId, created_at: at, updated_at: at })
        .execute();
      await writeSheetCodes(trx, id, input);
    }
  });
  const sheets = await db.selectFrom("matching_sheets").select("id").orderBy("id").limit(200).execute();
  return { staffCookie: (await startSession(staffId)).split(";")[0], sheetIds: sheets.map((s) => s.id) };
}

async function load(name: string, url: string, headers: Record<string, string> = {}, paths: string[] = []) {
  const latencies: number[] = [];
  const requests = paths.map((path) => ({ method: "GET" as const, path }));
  const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, ...(requests.length ? { requests } : {}) });
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
const { staffCookie, sheetIds } = await seedData();
const sheetId = sheetIds[0];
console.log(`seeded ${GROUPS} groups and ${SHEETS} sheets in ${((Date.now() - started) / 1000).toFixed(1)} s (SQLite, ${CONNECTIONS} clients, ${SECONDS} s each)`);

await closeDb(); // the server process opens the file itself
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = await startServer({ dir, nodeArgs: profile });
const base = server.base;

// Warm up: the first suggestion request builds the matching index (once per process); the next one, for
// another sheet, shows the cost of ranking all groups for a sheet not seen before.
const warm = Date.now();
const first = await fetch(`${base}/sheets/${sheetId}`, { headers: { Cookie: staffCookie } });
if (!(await first.text()).includes("この課題に合いそうな団体")) throw new Error("the sheet page did not show suggestions");
console.log(`first suggestion request (builds the index over ${GROUPS} groups): ${Date.now() - warm} ms`);
const unseen = performance.now();
await (await fetch(`${base}/sheets/${sheetIds[1]}`, { headers: { Cookie: staffCookie } })).text();
console.log(`a sheet page whose suggestions are not yet known (ranks ${GROUPS} groups): ${(performance.now() - unseen).toFixed(1)} ms`);

// With WEB_CONCURRENCY=N the server runs N worker processes, each with its own indexes: parallel
// requests reach every worker, so none builds its index inside a measured run.
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1);
const warmPaths = ["/groups?q=" + encodeURIComponent("子育"), ...sheetIds.slice(0, 2).map((id) => `/sheets/${id}`)];
for (let round = 0; round < 3; round++) {
  await Promise.all(
    warmPaths.flatMap((path) => Array.from({ length: 4 * workers }, () => fetch(base + path, { headers: { Cookie: staffCookie } }).then((r) => r.text()))),
  );
}
console.log(`server processes: ${workers} (WEB_CONCURRENCY)`);

let failed = 0;
const only = process.env.BENCH_ONLY ?? "";
if (process.env.BENCH_BASELINE || only === "baseline") {
  await load("baseline /healthz", `${base}/healthz`);
  await load("baseline / (home page)", `${base}/`);
}
if (!only || only === "search") {
  failed += await load("group search /groups?q=子育", `${base}/groups?q=${encodeURIComponent("子育")}`);
  failed += await load("group search with filters, page 3", `${base}/groups?q=${encodeURIComponent("支援")}&field=child_development&page=3`);
}
if (!only || only === "suggestions") {
  failed += await load("sheet page with suggested groups (department), one sheet", `${base}/sheets/${sheetId}`, { Cookie: staffCookie });
  // 200 different sheets in turn: each is ranked once (over all groups), then answered from memory.
  const paths = sheetIds.map((id) => `/sheets/${id}`);
  failed += await load(`sheet pages with suggested groups, ${paths.length} sheets in turn`, base, { Cookie: staffCookie }, paths);
}

await server.stop();
removeFolder(dir);
if (failed > 0) {
  console.error(`directory bench: ${failed} requests failed`);
  process.exit(1);
}
