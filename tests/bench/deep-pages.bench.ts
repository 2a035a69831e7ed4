// The first and the last page of every list paged by number (docs/decisions/0015, "Deep pages of the
// numbered lists"): each list's domain function alone, called for its first and its last page in turn
// (alternated, so that a load spike falls on both), the median of the runs; then the plan of each query of the last page (EXPLAIN
// QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL). For the busiest department, user,
// reviewer and call of the dataset. Read-only; no server.
//   npm run bench -- deep-pages [--scale=full] [--runs=N] [--only=name,…]   BENCH_DATABASE_URL=postgres://… for a seeded PostgreSQL
import os from "node:os";
import { sql } from "kysely";
import { benchDatabase } from "./key-pages";

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const scale = option("scale") ?? process.env.BENCH_SCALE ?? "small";
const runs = Number(option("runs") ?? 41);
const only = option("only")?.split(",");
const url = benchDatabase(scale);

const { createDb, engineOf } = await import("../../db/index");
const engine = engineOf(url);
const db = createDb(url);
// A second connection that logs every query with its parameters, for the plans.
process.env.SLOW_QUERY_MS = "0";
process.env.SLOW_QUERY_PARAMS = "1";
const logged = createDb(url);
delete process.env.SLOW_QUERY_MS;
delete process.env.SLOW_QUERY_PARAMS;

const { listStaffProposals } = await import("../../app/domain/proposals/queries.server");
const { listUsers } = await import("../../app/domain/accounts/queries.server");
const { listNotifications } = await import("../../app/domain/notifications/queries.server");
const { listGroupsForReview, listChanges } = await import("../../app/domain/groups/queries.server");
const { listPublicSheets, listDepartmentSheets } = await import("../../app/domain/sheets/queries.server");
const { listCalls, findCall } = await import("../../app/domain/calls/queries.server");
const { reviewOverview, listReviewerAssignments } = await import("../../app/domain/reviews/queries.server");
const { listCallDecisions } = await import("../../app/domain/awards/queries.server");
const { listProjectsFor } = await import("../../app/domain/projects/queries.server");
const { sheetFiltersSchema } = await import("../../app/domain/sheets/schema");

const busiest = async (table: string, column: string, where = "1 = 1") => {
  const { rows } = await sql<{ id: string }>`select ${sql.ref(column)} as id from ${sql.table(table)} where ${sql.raw(where)} group by ${sql.ref(column)} order by count(*) desc, ${sql.ref(column)} limit 1`.execute(db);
  return rows[0]?.id ?? "";
};
const department = await busiest("matching_sheets", "department_id", "status != 'archived'");
const proposalDepartment = await busiest("proposal_departments", "department_id");
const notified = await busiest("notifications", "user_id");
// The reviewer with most finished reviews (the busiest one's may all be under review still).
const reviewer = (
  await sql<{ id: string }>`select a.reviewer_id as id from review_assignments a join proposals p on p.id = a.proposal_id where p.status not in ('submitted', 'in_review', 'presentation') group by a.reviewer_id order by count(*) desc, a.reviewer_id limit 1`.execute(db)
).rows[0]?.id ?? "";
const callId = await busiest("proposals", "call_id", "status not in ('draft', 'returned')");
const changed = await busiest("group_changes", "group_id");
const call = callId ? await findCall(db, callId) : undefined;
const coordinator = { id: "bench", roles: ["coordinator"], departmentId: null } as never;

// Each list: its page function (the last page is asked as page 10000: a page past the end shows the last),
// and what the result says its page count is.
type Paged = (d: typeof db, page: number) => Promise<{ pageCount?: number; paging?: { pageCount: number }; more?: boolean }>;
const lists: Record<string, Paged> = {
  "staff proposals (coordinator)": (d, page) => listStaffProposals(d, { departmentId: null, all: true }, page),
  ...(proposalDepartment ? { "staff proposals (department)": (d: typeof db, page: number) => listStaffProposals(d, { departmentId: proposalDepartment, all: false }, page) } : {}),
  users: (d, page) => listUsers(d, page),
  "review queue (approved)": (d, page) => listGroupsForReview(d, "approved", page),
  "review queue (pending)": (d, page) => listGroupsForReview(d, "pending", page),
  "public sheets": (d, page) => listPublicSheets(d, sheetFiltersSchema.parse({ page })),
  "public sheets (open)": (d, page) => listPublicSheets(d, sheetFiltersSchema.parse({ page, open: "1" })),
  "department sheets": (d, page) => listDepartmentSheets(d, department, page),
  "calls (coordinator)": (d, page) => listCalls(d, { publishedOnly: false }, page),
  notifications: (d, page) => listNotifications(d, notified, page),
  "notifications (unread)": (d, page) => listNotifications(d, notified, page, { unreadOnly: true }),
  "group history": (d, page) => listChanges(d, changed, page),
  projects: (d, page) => listProjectsFor(d, coordinator, page),
  ...(call ? { "call review": (d: typeof db, page: number) => reviewOverview(d, call, page), "call decisions": (d: typeof db, page: number) => listCallDecisions(d, call.id, page) } : {}),
};

// The reviewer's finished reviews say only whether another page follows: the last page is found by asking.
let reviewerLastPage = 1;
while ((await listReviewerAssignments(db, reviewer, { current: false, page: reviewerLastPage })).more) reviewerLastPage++;
lists["reviewer's finished reviews"] = async (d, page) => listReviewerAssignments(d, reviewer, { current: false, page: Math.min(page, reviewerLastPage) });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

console.log(`${engine}, ${runs} alternated runs each; load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
console.log("list | pages | first page (ms) | last page (ms)");
const plans: string[] = [];
for (const [name, list] of Object.entries(lists)) {
  if (only && !only.some((o) => name.startsWith(o))) continue;
  const last = await list(db, 10000);
  const pageCount = last.pageCount ?? last.paging?.pageCount ?? reviewerLastPage;
  await list(db, 1); // warm
  const first: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < runs; i++) {
    first.push(await time(() => list(db, 1)));
    deep.push(await time(() => list(db, 10000)));
  }
  console.log(`${name} | ${pageCount} | ${median(first).toFixed(2)} | ${median(deep).toFixed(2)}`);

  // The plans of the last page's queries.
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    await list(logged, 10000);
  } finally {
    process.stderr.write = write;
  }
  plans.push(`\n== ${name}, page ${pageCount}`);
  for (const line of lines.join("").split("\n").filter((l) => l.startsWith('{"slowQueryMs"'))) {
    const query = JSON.parse(line) as { slowQueryMs: number; sql: string; parameters: unknown[] };
    const explain = sql.raw(engine === "sqlite" ? "explain query plan " : "explain (analyze, buffers) ");
    const raw = sql.join([explain, sql.raw(query.sql)], sql.raw(""));
    const compiled = raw.compile(db);
    const plan = await db.executeQuery<Record<string, unknown>>({ ...compiled, parameters: query.parameters } as never);
    plans.push(`-- ${query.slowQueryMs.toFixed(2)} ms: ${query.sql}`);
    for (const row of plan.rows) plans.push(`   ${String(row.detail ?? row["QUERY PLAN"])}`);
  }
}
if (process.argv.includes("--plans")) console.log(plans.join("\n"));
await db.destroy();
await logged.destroy();
