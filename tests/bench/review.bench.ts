// Benchmark (issue 10): a call with 200 proposals, 12 reviewers and 8 criteria, every sheet submitted, in a
// fresh SQLite file; the built server started as in production; 20 concurrent clients for 10 s on the
// coordinator's result sheet, and its xlsx. Prints p50, p95 and requests/s for each, and the time of one
// export. Needs `npm run build` first (`npm run bench` does it; `npm run bench review` runs this alone).
import autocannon from "autocannon";
import { freshDatabase, percentile, removeFolder, requireBuild, startServer } from "./server";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 200);
const REVIEWERS = Number(process.env.BENCH_REVIEWERS ?? 12);
const CRITERIA = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

requireBuild("review");
const { dir } = freshDatabase("kyodo-bench-review-");

const { getDb } = await import("../../db/index");
const { migrateToLatest } = await import("../../db/migrate");
const { newId, now } = await import("../../db/values");
const { registerUser } = await import("../../app/domain/accounts/commands.server");
const { startSession } = await import("../../app/auth/session.server");
const { setUpSecondFactorFor } = await import("./second-factor");
const { emptyContent } = await import("../../app/domain/proposals/content");

let seed = 20261202;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function seedData() {
  const db = getDb();
  await migrateToLatest(db);
  const at = now();
  const coordinatorId = await registerUser(db, { email: "bench-coordinator@example.jp", displayName: "ベンチ 協働", password: "bench-password-2026", roles: ["coordinator"], source: "bench", emailConfirmed: true });
  await setUpSecondFactorFor(coordinatorId);
  const reviewerIds: string[] = [];
  for (let r = 0; r < REVIEWERS; r++) {
    reviewerIds.push(await registerUser(db, { email: `bench-reviewer${r}@example.jp`, displayName: `委員 ${r}`, password: "bench-password-2026", roles: ["reviewer"], source: "bench", emailConfirmed: true }));
  }
  const callId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("calls")
      .values({ id: callId, fiscal_year: 2026, type: "citizen", title: "ベンチの募集", description: "", min_members: null, min_years_active: null, opens_at: at, closes_at: at, grace_minutes: 0, budget_cap_per_proposal: 1_000_000, budget_cap_total: 50_000_000, city_share_by_year: "[90]", required_attachments: "[]", stages: JSON.stringify(["document_review"]), status: "published", first_submitted_at: at, published_at: at, created_by: null, created_at: at, updated_at: at })
      .execute();
    const criteria = Array.from({ length: CRITERIA }, (_, i) => ({ id: newId(), call_id: callId, position: i, name: `審査項目${i + 1}`, description: "", max_points: 10, weight: 1 + (i % 3) }));
    await trx.insertInto("call_criteria").values(criteria).execute();
    await trx.insertInto("review_rules").values({ call_id: callId, rules: JSON.stringify({ dropHighLow: true, scaleTo: 100, rounding: "half_up", roundingDigits: 1, passLine: { value: 50, unit: "percent" } }), updated_by: null, updated_at: at }).execute();
    const stageId = newId();
    await trx.insertInto("review_stages").values({ id: stageId, call_id: callId, stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
    for (const reviewerId of reviewerIds) await trx.insertInto("review_panel_members").values({ stage_id: stageId, reviewer_id: reviewerId, added_by: null, added_at: at }).execute();
    for (let p = 0; p < PROPOSALS; p++) {
      const groupId = newId();
      await trx.insertInto("groups").values({ id: groupId, name: `ベンチ団体${p}`, name_kana: "べんち", status: "approved", created_at: at, updated_at: at }).execute();
      const proposalId = newId();
      const content = JSON.stringify({ ...emptyContent(), title: `提案${p}`, budget: [{ year: 1, item: "事業費", amount: 100_000 + Math.floor(random() * 900) * 1000, bearer: "city" }] });
      await trx
        .insertInto("proposals")
        .values({ id: proposalId, call_id: callId, group_id: groupId, type: "citizen", sheet_id: null, status: "in_review", title: `提案${p}`, draft: content, revision: 1, saved_by: null, saved_at: at, current_version: 1, receipt_number: `R8-市民-${String(p + 1).padStart(4, "0")}`, receipt_fiscal_year: 2026, receipt_sequence: p + 1, first_submitted_at: at, submitted_at: at, consultation_opened_at: null, created_by: null, created_at: at, updated_at: at })
        .execute();
      await trx.insertInto("proposal_versions").values({ proposal_id: proposalId, version: 1, content, submitted_at: at, submitted_by: null }).execute();
      for (const reviewerId of reviewerIds) {
        const assignmentId = newId();
        await trx.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: proposalId, reviewer_id: reviewerId, assigned_by: null, assigned_at: at }).execute();
        const sheetId = newId();
        await trx.insertInto("score_sheets").values({ id: sheetId, assignment_id: assignmentId, status: "submitted", revision: 1, saved_at: at, submitted_at: at, excluded_at: null, excluded_reason: null }).execute();
        await trx.insertInto("scores").values(criteria.map((c) => ({ sheet_id: sheetId, criterion_id: c.id, points: Math.floor(random() * 11) }))).execute();
      }
    }
  });
  return { callId, cookie: (await startSession(coordinatorId)).split(";")[0] };
}

async function load(name: string, url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  (instance as unknown as import("node:events").EventEmitter).on("response", (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(`${name}: p50=${percentile(latencies, 50).toFixed(1)} ms p95=${percentile(latencies, 95).toFixed(1)} ms requests/s=${(result.requests.total / SECONDS).toFixed(0)} requests=${result.requests.total} failed=${failed}`);
  return failed;
}

const started = Date.now();
const { callId, cookie } = await seedData();
console.log(`seeded ${PROPOSALS} proposals × ${REVIEWERS} reviewers × ${CRITERIA} criteria (${PROPOSALS * REVIEWERS} sheets) in ${((Date.now() - started) / 1000).toFixed(1)} s (SQLite, ${CONNECTIONS} clients, ${SECONDS} s each)`);
const server = await startServer({ dir });
const page = `${server.base}/coordinator/calls/${callId}/results`;
let failed = 0;
try {
  const one = performance.now();
  const xlsx = await fetch(`${page}.xlsx`, { headers: { Cookie: cookie } });
  const bytes = (await xlsx.arrayBuffer()).byteLength;
  console.log(`one xlsx export: ${(performance.now() - one).toFixed(0)} ms, ${bytes} bytes, status ${xlsx.status}`);
  if (!xlsx.ok) failed++;
  failed += await load("result sheet page", page, { Cookie: cookie });
  failed += await load("result sheet xlsx", `${page}.xlsx`, { Cookie: cookie });
} finally {
  await server.stop();
  removeFolder(dir);
}
if (failed > 0) process.exit(1);
