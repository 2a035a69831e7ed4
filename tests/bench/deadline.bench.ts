// Reliability benchmark (issue 4): the rush at a call's deadline. `npm run bench:deadline`.
//
// What it does: seeds a fresh SQLite file with 300 approved groups (a member and a session each), one
// published citizen call and one complete draft per group (rows inserted directly, checked with the
// app's own `submissionProblems`). Two built servers are started as separate processes on the same
// file. The call's `closes_at` is then set a few seconds ahead with `grace_minutes` 0, so the deadline
// D is exactly `closes_at` and falls inside the rush. 300 submissions (`POST /proposals/{id}`,
// `intent=submit&revision=1`, the member's cookie, a matching Origin) go out alternately to the two
// servers, mostly in simultaneous bursts from about 3 s before D to 3 s after it, a few one by one
// across D; every tenth proposal is submitted twice at the same instant (a double click, half of the
// pairs through the other server).
//
// How it judges: each request by the moment it was SENT (this machine's clock = the servers' clock).
// Sent more than the guard band (BENCH_GUARD_MS, 300 ms) after D it must be refused (400 with
// 「提出期限」); sent more than the guard band before D it must be accepted (a redirect to
// /proposals/{id}) — except that the contract judges by the server's clock, so a request that queued
// past D on a busy machine is rightly refused: a refusal counts as an error only when its answer also
// came back before D (decided before the deadline for certain); the others are reported as "queued past
// the deadline" with their latency. Inside the band either answer is fine; the table says how many fell
// there. Both requests of a double submit are judged alike (the second must also redirect). Then the
// database is read: one receipt number, one version and one submit transition per stored proposal,
// nothing stored for a proposal that was refused, nothing lost for one that was accepted. A warm-up
// first submits to an open and to a closed call through each server; if the endpoint does not answer as
// the contract says, no rush runs (the line then shows those failures as errors).
//
// The last line:
//   deadline-rush: accepted=N refused=M duplicates=D errors=E seconds=S
// N = proposals of the rush holding a receipt number, M = those left without one (N + M = 300);
// D = receipt numbers used twice + proposals with more than one version + proposals with more than
// one submit transition; E = 5xx answers + answers contradicting the send time outside the guard band
// + answers the contract does not allow (403, 404, 409, a 400 without 「提出期限」, a redirect
// elsewhere) + rows contradicting the answers + "SQLITE_BUSY" / "database is locked" in either
// server's output + connection errors; S = seconds from the first request sent to the last answer.
// The script exits 1 unless D and E are both 0. Needs `npm run build` first (`bench:deadline` does it).
import { freshDatabase, percentile, removeFolder, requireBuild, startServer, type BenchServer } from "./server";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 300);
const GUARD_MS = Number(process.env.BENCH_GUARD_MS ?? 300);
const LEAD_MS = 4000; // from the last preparation to the deadline: the earliest burst goes out 3 s before it
const GRACE_MINUTES = 0; // allowed by the call schema (0–1440); 0 puts the real boundary inside the rush
const REVISION = 1;

requireBuild("deadline");
const { dir, url } = freshDatabase("kyodo-deadline-");

const { getDb, closeDb, createDb } = await import("../../db/index");
const { migrateToLatest } = await import("../../db/migrate");
const { newId, now } = await import("../../db/values");
const { profileColumns, writeLists } = await import("../../app/domain/groups/commands.server");
const { groupProfileSchema } = await import("../../app/domain/groups/schema");
const { AREAS, FIELDS } = await import("../../app/domain/vocabulary");
const { registerUser } = await import("../../app/domain/accounts/commands.server");
const { startSession } = await import("../../app/auth/session.server");
const { proposalContentSchema, submissionProblems } = await import("../../app/domain/proposals/content");
const { fiscalYearOf } = await import("../../app/domain/proposals/receipt");
const { makeCall, makeProposal } = await import("../integration/proposal-fixtures");

type Db = ReturnType<typeof getDb>;

interface Draft {
  proposalId: string;
  cookie: string;
}

const CITY_SHARE = [80];
const CAP = 500_000;

const insertCall = (title: string, closesAt: Date) =>
  makeCall({
    title,
    fiscalYear: fiscalYearOf(new Date()),
    opensAt: new Date(Date.now() - 24 * 3600_000).toISOString(),
    closesAt: closesAt.toISOString(),
    graceMinutes: GRACE_MINUTES,
    cap: CAP,
    capTotal: CAP * (PROPOSALS + 10),
    cityShareByYear: CITY_SHARE,
  });

/** A draft that passes every check of a submission to these calls. */
function completeContent(i: number, departmentId: string) {
  const content = proposalContentSchema.parse({
    title: `地域の居場所づくり事業（${i}）`,
    departmentIds: [departmentId],
    problem: "放課後に子どもが安心して過ごせる場所が地域に不足している。",
    purpose: "週2回の居場所を開き、年間延べ1,000人の利用を目指す。",
    contentWho: "小学生とその保護者",
    contentWhat: "学習支援と遊びの場の提供",
    contentWhere: "公民センター",
    contentScale: "週2回、各回20人",
    whyCollaboration: "市の施設と広報、団体の人手と経験を合わせるため。",
    groupBrings: "スタッフ10人と運営のノウハウ",
    cityBrings: "会場の提供と広報",
    effects: "子どもの孤立の防止と保護者の安心",
    beneficiaries: "地域の小学生",
    continuity: "参加費と寄付で継続する。",
    team: "代表1人、スタッフ10人",
    schedule: [{ month: "4月", activity: "開始" }],
    roles: [{ task: "運営", group: "当日の運営", city: "会場の確保" }],
    budget: [
      { item: "会場費・教材費", year: 1, amount: 100_000, bearer: "city" },
      { item: "スタッフ交通費", year: 1, amount: 50_000, bearer: "group" },
    ],
    indicators: [{ name: "延べ利用者数", target: "1,000人" }],
  });
  const problems = submissionProblems(content, { type: "citizen", call: { budget_cap_per_proposal: CAP, city_share_by_year: CITY_SHARE }, sheetIds: [], missingAttachments: [] });
  if (Object.keys(problems).length > 0) throw new Error(`the seeded draft could not be submitted: ${JSON.stringify(problems)}`);
  return content;
}

/** A group with one member (owner, signed in) and a complete draft to `callId`. */
async function seedDraft(db: Db, i: number, callId: string, departmentId: string): Promise<Draft> {
  const userId = await registerUser(db, { email: `bench-${i}@example.jp`, displayName: `提案 ${i}`, password: "bench-password-2026", roles: ["group_member"], source: "bench", emailConfirmed: true });
  const at = now();
  const input = groupProfileSchema.parse({
    name: `居場所づくりの会${i}`,
    nameKana: "いばしょづくりのかい",
    legalForm: "voluntary",
    actorType: "civic_group",
    fields: [FIELDS.codes[0]],
    areas: [AREAS.codes[0]],
    representativeName: "代表 太郎",
    emailVisibility: "public",
    phoneVisibility: "staff",
    addressVisibility: "staff",
    websiteVisibility: "public",
    mission: "子どもの居場所をつくる団体です。",
    wishes: "",
    pastCollaboration: "",
    activities: [],
  });
  const groupId = newId();
  const proposalId = newId();
  const content = completeContent(i, departmentId);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("groups").values({ id: groupId, status: "approved", created_at: at, updated_at: at, status_reason: null, reviewed_by: null, reviewed_at: null, ...profileColumns(input) }).execute();
    await writeLists(trx, groupId, input);
    await trx.insertInto("group_members").values({ group_id: groupId, user_id: userId, role: "owner", joined_at: at }).execute();
    await makeProposal({ id: proposalId, call_id: callId, group_id: groupId, title: content.title, draft: JSON.stringify(content), revision: REVISION, saved_by: userId, created_by: userId, created_at: at }, trx);
    await trx.insertInto("proposal_departments").values({ proposal_id: proposalId, department_id: departmentId }).execute();
  });
  return { proposalId, cookie: (await startSession(userId)).split(";")[0] };
}

async function seed() {
  const db = getDb();
  await migrateToLatest(db);
  const departmentId = newId();
  await db.insertInto("departments").values({ id: departmentId, name: "子育て支援課", parent_division: "健康子ども部", contact: null, created_at: now() }).execute();
  const rushCallId = await insertCall("締切ラッシュの募集", new Date(Date.now() + 3600_000)); // its closes_at is set just before the rush
  const openCallId = await insertCall("受付中の募集（準備運転）", new Date(Date.now() + 3600_000));
  const closedCallId = await insertCall("締切済みの募集（準備運転）", new Date(Date.now() - 3600_000));
  const rush: Draft[] = [];
  // Password hashing dominates: two at a time keeps both cores busy.
  for (let i = 0; i < PROPOSALS; i += 2) {
    const batch = [i, i + 1].filter((n) => n < PROPOSALS);
    rush.push(...(await Promise.all(batch.map((n) => seedDraft(db, n, rushCallId, departmentId)))));
  }
  const warmOpen = [await seedDraft(db, PROPOSALS, openCallId, departmentId), await seedDraft(db, PROPOSALS + 1, openCallId, departmentId)];
  const warmClosed = [await seedDraft(db, PROPOSALS + 2, closedCallId, departmentId), await seedDraft(db, PROPOSALS + 3, closedCallId, departmentId)];
  return { rushCallId, rush, warmOpen, warmClosed };
}

type Outcome = "accepted" | "refused" | "server_error" | "connection_error" | "unexpected";

interface Sent {
  proposal: number;
  server: number;
  sentAt: number; // ms since the epoch, this machine's clock
  twin: boolean;
  latency?: number;
  status?: number;
  outcome?: Outcome;
  detail?: string;
}

async function submit(server: BenchServer, draft: Draft, record: Sent): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(`${server.base}/proposals/${draft.proposalId}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: draft.cookie, Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "submit", revision: String(REVISION) }).toString(),
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.text();
    record.latency = performance.now() - started;
    record.status = response.status;
    const location = response.headers.get("Location") ?? "";
    const target = location ? new URL(location, server.base).pathname : "";
    if (response.status >= 500) record.outcome = "server_error";
    else if ((response.status === 303 || response.status === 302) && target === `/proposals/${draft.proposalId}`) record.outcome = "accepted";
    else if (response.status === 400 && body.includes("提出期限")) record.outcome = "refused";
    else record.outcome = "unexpected";
    if (record.outcome !== "accepted" && record.outcome !== "refused") {
      const main = /<main[^>]*>([\s\S]*?)<\/main>/i.exec(body)?.[1] ?? body;
      record.detail = `${response.status}${location ? ` → ${location}` : ""} ${main.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 160)}`;
    }
  } catch (error) {
    record.latency = performance.now() - started;
    record.outcome = "connection_error";
    record.detail = error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : String(error);
  }
  return record;
}

/**
 * When each proposal goes out, in ms relative to the deadline: 85 % in simultaneous bursts (the
 * largest ones well before and after the deadline, smaller ones closer), 15 % one by one across it.
 */
function schedule(n: number): number[] {
  const bursts: [offset: number, share: number][] = [
    [-3000, 0.14], [-2200, 0.14], [-1500, 0.12], [-1000, 0.09],
    [+700, 0.08], [+1200, 0.1], [+1800, 0.1], [+2500, 0.08],
  ];
  const offsets: number[] = [];
  for (const [offset, share] of bursts) offsets.push(...Array.from({ length: Math.round(n * share) }, () => offset));
  const singles = n - offsets.length;
  for (let k = 0; k < singles; k++) offsets.push(Math.round(-900 + (1800 * (k + 0.5)) / singles));
  return offsets.slice(0, n).sort((a, b) => a - b);
}

const seedStarted = Date.now();
const { rushCallId, rush, warmOpen, warmClosed } = await seed();
console.log(`seeded ${PROPOSALS} groups, members, sessions and complete drafts in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
await closeDb(); // only the two servers hold the file during the rush

const servers = await Promise.all([startServer({ dir, capture: true }), startServer({ dir, capture: true })]);
const busyPattern = /SQLITE_BUSY|database is locked/i;
const before = servers.map((s) => s.output().length);
let seconds = 0;

function finish(line: { accepted: number; refused: number; duplicates: number; errors: number }): never {
  console.log(`deadline-rush: accepted=${line.accepted} refused=${line.refused} duplicates=${line.duplicates} errors=${line.errors} seconds=${seconds.toFixed(1)}`);
  process.exit(line.duplicates === 0 && line.errors === 0 ? 0 : 1);
}

async function stopAll() {
  await Promise.all(servers.map((s) => s.stop()));
}

// Warm-up through each server: one submission to an open call (must be accepted) and one to a closed
// call (must be refused). Loads the route's code in both processes and shows at once, before the rush,
// when the endpoint is missing or answers differently from the contract.
let warmFailures = 0;
for (const [k, server] of servers.entries()) {
  for (const [draft, expected] of [[warmOpen[k], "accepted"], [warmClosed[k], "refused"]] as const) {
    const result = await submit(server, draft, { proposal: -1, server: k, sentAt: Date.now(), twin: false });
    if (result.outcome !== expected) {
      warmFailures++;
      console.error(`warm-up on server ${k + 1}: expected ${expected}, got ${result.outcome} (${result.detail ?? result.status})`);
    }
  }
}
if (warmFailures > 0) {
  console.error("the submit endpoint does not answer as the contract says (is POST /proposals/{id} there?); no rush was run.");
  await stopAll();
  removeFolder(dir);
  finish({ accepted: 0, refused: 0, duplicates: 0, errors: warmFailures });
}

// The deadline: a whole second a few seconds ahead (closes_at as the call form stores it, without
// fractions, so a comparison of strings or of instants gives the same answer).
const deadline = Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000;
{
  const db = getDb();
  await db.updateTable("calls").set({ closes_at: new Date(deadline).toISOString(), grace_minutes: GRACE_MINUTES }).where("id", "=", rushCallId).execute();
  await closeDb();
}
const limit = deadline + GRACE_MINUTES * 60_000;
const offsets = schedule(PROPOSALS);
const plan: { at: number; proposal: number; server: number; twin: boolean }[] = [];
offsets.forEach((offset, i) => {
  plan.push({ at: limit + offset, proposal: i, server: i % 2, twin: false });
  // Every tenth proposal twice at the same instant; half of these pairs reach both servers.
  if (i % 10 === 3) plan.push({ at: limit + offset, proposal: i, server: i % 20 === 3 ? i % 2 : 1 - (i % 2), twin: true });
});
const byTime = new Map<number, typeof plan>();
for (const item of plan) byTime.set(item.at, [...(byTime.get(item.at) ?? []), item]);

console.log(`rush: ${plan.length} requests for ${PROPOSALS} proposals from ${Math.min(...offsets)} ms to +${Math.max(...offsets)} ms around the deadline (grace ${GRACE_MINUTES} min, guard band ±${GUARD_MS} ms)`);
const pending: Promise<Sent>[] = [];
for (const [at, items] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  for (const item of items) {
    pending.push(submit(servers[item.server], rush[item.proposal], { proposal: item.proposal, server: item.server, sentAt: Date.now(), twin: item.twin }));
  }
}
const results = await Promise.all(pending);
const firstSent = Math.min(...results.map((r) => r.sentAt));
const lastAnswer = Math.max(...results.map((r) => r.sentAt + (r.latency ?? 0)));
seconds = (lastAnswer - firstSent) / 1000;
await new Promise((resolve) => setTimeout(resolve, 300)); // let the servers print what they would
await stopAll();

// ---- Judge the answers.
type Zone = "before" | "guard" | "after";
const zoneOf = (sentAt: number): Zone => (sentAt < limit - GUARD_MS ? "before" : sentAt > limit + GUARD_MS ? "after" : "guard");
const problems = new Map<string, string[]>();
const lateArrivals: number[] = []; // latencies of requests sent before the deadline that reached it after
const problem = (kind: string, example: string) => problems.set(kind, [...(problems.get(kind) ?? []), example]);
for (const r of results) {
  const zone = zoneOf(r.sentAt);
  const when = `sent ${r.sentAt - limit >= 0 ? "+" : ""}${r.sentAt - limit} ms, answered in ${(r.latency ?? 0).toFixed(0)} ms by server ${r.server + 1}${r.twin ? ", second of a double submit" : ""}`;
  if (r.outcome === "server_error") problem("5xx answers", `${when}: ${r.detail}`);
  else if (r.outcome === "connection_error") problem("connection errors", `${when}: ${r.detail}`);
  else if (r.outcome === "unexpected") problem("answers the contract does not allow", `${when}: ${r.detail}`);
  else if (zone === "before" && r.outcome === "refused") {
    // The contract judges by the server's clock: a request queued past the deadline is rightly refused.
    // Only a refusal answered before the deadline was certainly decided before it.
    if (r.sentAt + (r.latency ?? 0) < limit) problem("refused though sent and answered before the deadline", when);
    else lateArrivals.push(r.latency ?? 0);
  }
  else if (zone === "after" && r.outcome === "accepted") problem("accepted though sent after the deadline", when);
}

// ---- Read the database.
const db = createDb(url);
const rows = await db
  .selectFrom("proposals")
  .where("call_id", "=", rushCallId)
  .select(["id", "status", "receipt_number", "current_version", "submitted_at"])
  .execute();
const versionCounts = new Map(
  (await db.selectFrom("proposal_versions").select(["proposal_id"]).select((eb) => eb.fn.countAll<number>().as("n")).groupBy("proposal_id").execute()).map((r) => [r.proposal_id, Number(r.n)]),
);
const submitCounts = new Map(
  (
    await db
      .selectFrom("proposal_transitions")
      .where("action", "=", "submit")
      .select(["proposal_id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .groupBy("proposal_id")
      .execute()
  ).map((r) => [r.proposal_id, Number(r.n)]),
);
const sharedReceipts = await db
  .selectFrom("proposals")
  .where("receipt_number", "is not", null)
  .select(["receipt_number"])
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .groupBy("receipt_number")
  .having((eb) => eb.fn.countAll(), ">", 1)
  .execute();
await db.destroy();

const byId = new Map(rows.map((r) => [r.id, r]));
let duplicates = sharedReceipts.reduce((sum, r) => sum + Number(r.n) - 1, 0);
for (const r of sharedReceipts) problem("receipt numbers used twice", `${r.receipt_number} × ${r.n}`);
const delays: number[] = [];
rush.forEach((draft, i) => {
  const row = byId.get(draft.proposalId);
  const answers = results.filter((r) => r.proposal === i);
  const versions = versionCounts.get(draft.proposalId) ?? 0;
  const submits = submitCounts.get(draft.proposalId) ?? 0;
  const label = `proposal ${i} (sent ${answers[0].sentAt - limit} ms)`;
  if (versions > 1) (duplicates++, problem("proposals with more than one version", `${label}: ${versions}`));
  if (submits > 1) (duplicates++, problem("proposals with more than one submit transition", `${label}: ${submits}`));
  const stored = Boolean(row?.receipt_number);
  if (stored) {
    if (row!.status !== "submitted" || row!.current_version !== 1 || versions === 0 || submits === 0) {
      problem("stored proposals missing part of their submission", `${label}: status=${row!.status} current_version=${row!.current_version} versions=${versions} submit transitions=${submits}`);
    }
    if (answers.every((a) => a.outcome === "refused")) problem("stored though every answer refused it", label);
    if (row!.submitted_at) delays.push(Date.parse(row!.submitted_at) - Math.min(...answers.map((a) => a.sentAt)));
  } else {
    if (row?.status !== "draft" || versions > 0 || submits > 0) {
      problem("refused proposals changed anyway", `${label}: status=${row?.status} versions=${versions} submit transitions=${submits}`);
    }
    if (answers.some((a) => a.outcome === "accepted")) problem("accepted but not stored", label);
  }
});
const accepted = rows.filter((r) => r.receipt_number).length;
const refused = PROPOSALS - accepted;

// ---- The servers' own words.
const busyLines = servers.flatMap((s, k) =>
  s
    .output()
    .slice(before[k])
    .split("\n")
    .filter((line) => busyPattern.test(line))
    .map((line) => `server ${k + 1}: ${line.trim().slice(0, 200)}`),
);
for (const line of busyLines) problem("SQLITE_BUSY / database is locked in the servers' output", line);

// ---- Report.
const duplicateKinds = new Set(["receipt numbers used twice", "proposals with more than one version", "proposals with more than one submit transition"]);
let errors = 0;
for (const [kind, examples] of problems) if (!duplicateKinds.has(kind)) errors += examples.length;

const zones = { before: 0, guard: 0, after: 0 };
for (const r of results) zones[zoneOf(r.sentAt)]++;
const latencies = results.map((r) => r.latency ?? 0).sort((a, b) => a - b);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const row = (label: string, value: string | number) => console.log(`  ${label.padEnd(44)} ${value}`);
console.log("");
row("requests (proposals + double submits)", `${results.length} (${PROPOSALS} + ${results.length - PROPOSALS})`);
row(`sent before / within ±${GUARD_MS} ms / after the deadline`, `${zones.before} / ${zones.guard} (not judged) / ${zones.after}`);
row("latency p50 / p95 / max", `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(latencies[latencies.length - 1])}`);
for (const [k] of servers.entries()) {
  const mine = results.filter((r) => r.server === k);
  const count = (o: Outcome) => mine.filter((r) => r.outcome === o).length;
  const lat = mine.map((r) => r.latency ?? 0).sort((a, b) => a - b);
  row(
    `server ${k + 1}: requests, accepted, refused, other`,
    `${mine.length}, ${count("accepted")}, ${count("refused")}, ${mine.length - count("accepted") - count("refused")} (p50 ${ms(percentile(lat, 50))}, p95 ${ms(percentile(lat, 95))})`,
  );
}
const statuses = [...new Set(results.map((r) => r.status ?? 0))].sort();
row("answer statuses", statuses.map((s) => `${s || "none"}×${results.filter((r) => (r.status ?? 0) === s).length}`).join(" "));
if (results.some((r) => r.outcome === "accepted" && r.status === 302)) row("note", "some redirects were 302; the contract says 303");
delays.sort((a, b) => a - b);
if (delays.length) row("stored submitted_at − sent, p50 / max", `${ms(percentile(delays, 50))} / ${ms(delays[delays.length - 1])}`);
const lastAccepted = Math.max(...results.filter((r) => r.outcome === "accepted").map((r) => r.sentAt - limit));
const firstRefused = Math.min(...results.filter((r) => r.outcome === "refused").map((r) => r.sentAt - limit));
if (lateArrivals.length) {
  row("sent before, queued past the deadline, refused", `${lateArrivals.length} (answered in up to ${ms(Math.max(...lateArrivals))}; not errors: server clock)`);
}
const signed = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? "+" : ""}${n} ms` : "none");
row("latest accepted / earliest refused send", `${signed(lastAccepted)} / ${signed(firstRefused)}`);
for (const [kind, examples] of problems) {
  console.log(`  ${kind}: ${examples.length}`);
  for (const example of examples.slice(0, 5)) console.log(`    ${example}`);
}
removeFolder(dir);
finish({ accepted, refused, duplicates, errors });
