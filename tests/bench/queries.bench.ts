// The heaviest queries of the key pages on the big dataset (issue 14, docs/decisions/0015): starts the
// built server with SLOW_QUERY_MS=0 (every query logged with its time and parameters), opens each key page
// as its role three times (the first fills the processes' caches; the other two are what a page costs
// once warm), then prints the ten queries with the longest warm time (the faster of the two runs, so that a
// load spike does not rank a primary-key lookup) and each one's plan on this engine (EXPLAIN QUERY PLAN
// on SQLite, EXPLAIN on PostgreSQL). `BENCH_QUERIES=N` prints N instead of ten.
// `BENCH_PLAN_MODES=1` (PostgreSQL) then replays every select the pages ran (cold requests' too) with its
// logged parameters under `plan_cache_mode = force_custom_plan` and `force_generic_plan` (PREPARE, then
// EXPLAIN ANALYZE EXECUTE, the faster of three): the portal's named statements may switch to a generic
// plan after five runs, planned without the parameters' values, and a constant list sent as parameters can
// make it much worse than the custom one (docs/decisions/0015, "Generic plans on PostgreSQL"). Custom
// counts its planning, which it pays every run; generic does not. `!!` marks ≥ 3× and ≥ 5 ms slower generic.
//   npm run bench -- queries [--scale=full]      BENCH_DATABASE_URL=postgres://… for a seeded PostgreSQL
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { benchDatabase, keyPages } from "./key-pages";
import { requireBuild, startServer } from "./server";

const scale = process.argv.find((a) => a.startsWith("--scale="))?.split("=")[1] ?? process.env.BENCH_SCALE ?? "small";
requireBuild("queries");
benchDatabase(scale);
const { pages, engine } = await keyPages();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyodo-bench-queries-"));
process.env.SLOW_QUERY_MS = "0";
process.env.SLOW_QUERY_PARAMS = "1";
process.env.PUBLIC_PAGE_CACHE = "off"; // the queries behind the public pages, not the cache in front
const server = await startServer({ dir, capture: true });
delete process.env.SLOW_QUERY_MS;
delete process.env.SLOW_QUERY_PARAMS;
// Each worker builds the matching indexes in the background once it answers (warmUp): wait until the
// log has been quiet for a second, so that those queries are not charged to the first pages.
for (let quiet = 0, length = -1, tries = 0; quiet < 5 && tries < 600; tries++) {
  quiet = server.output().length === length ? quiet + 1 : 0;
  length = server.output().length;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

interface Seen {
  sql: string;
  parameters: unknown[];
  pages: Set<string>;
  warm: number[];
}
const seen = new Map<string, Seen>();
// Every query, the first (cold) requests' too: the result sheet and the progress page are read whole only
// when their data changed, and their queries are as much the generic plans' concern.
const everyQuery = new Map<string, Seen>();
const parse = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith('{"slowQueryMs"'))
    .map((line) => JSON.parse(line) as { slowQueryMs: number; sql: string; parameters: unknown[] });
for (const page of pages) {
  for (let round = 0; round < 3; round++) {
    const before = server.output().length;
    const response = await fetch(server.base + page.path, { headers: page.cookie ? { Cookie: page.cookie } : {} });
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the log lines of this request
    const logged = parse(server.output().slice(before));
    for (const query of logged) {
      const entry = everyQuery.get(query.sql) ?? { sql: query.sql, parameters: query.parameters, pages: new Set<string>(), warm: [] };
      everyQuery.set(query.sql, { ...entry, pages: entry.pages.add(page.key) });
    }
    if (round === 0) continue;
    for (const query of logged) {
      const entry = seen.get(query.sql) ?? { sql: query.sql, parameters: query.parameters, pages: new Set<string>(), warm: [] };
      entry.pages.add(page.key);
      entry.warm.push(query.slowQueryMs);
      if (query.slowQueryMs <= Math.min(...entry.warm)) entry.parameters = query.parameters;
      seen.set(query.sql, entry);
    }
  }
}
await server.stop();
fs.rmSync(dir, { recursive: true, force: true });

// Ranked by the faster of its warm runs: on a shared machine a load spike stalls one request (a primary-key
// lookup can take 80 ms then), while a query that is slow by its plan is slow every time.
const cost = (query: Seen) => Math.min(...query.warm);
const heaviest = [...seen.values()].sort((a, b) => cost(b) - cost(a)).slice(0, Number(process.env.BENCH_QUERIES ?? 10));
const { getDb, closeDb } = await import("../../db/index");
const db = getDb();
console.log(`${engine}: the ${heaviest.length} slowest queries of ${pages.length} key pages, warm (the faster of two requests, then the slower, ms); load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
for (const [i, query] of heaviest.entries()) {
  console.log(`\n${i + 1}. ${cost(query).toFixed(1)} ms (${Math.max(...query.warm).toFixed(1)}) — ${[...query.pages].join(", ")}\n   ${query.sql}`);
  const explain = engine === "sqlite" ? sql.raw("explain query plan ") : sql.raw("explain ");
  const raw = sql.join([explain, sql.raw(query.sql)], sql.raw(""));
  // Bind the logged parameters to the logged SQL ($1… on PostgreSQL, ? on SQLite) through the driver.
  const compiled = { sql: raw.compile(db).sql, parameters: query.parameters, query: raw.compile(db).query };
  const plan = await db.executeQuery<Record<string, unknown>>(compiled as never).catch((error: Error) => ({ rows: [{ error: error.message }] as Record<string, unknown>[] }));
  for (const row of plan.rows) console.log(`   ${engine === "sqlite" ? String(row.detail ?? JSON.stringify(row)) : String(row["QUERY PLAN"] ?? JSON.stringify(row))}`);
}
if (process.env.BENCH_PLAN_MODES === "1" && engine === "postgres") await comparePlanModes([...everyQuery.values()].filter((q) => /^\s*select/i.test(q.sql)));
await closeDb();

/** Each query's execution under a custom and a generic plan, on one connection of the bench's own. */
async function comparePlanModes(queries: Seen[]) {
  // The logged values written into EXECUTE's argument list (a bench database's rows, never input).
  const literal = (v: unknown) =>
    v === null ? "null" : typeof v === "number" || typeof v === "boolean" ? String(v) : `'${(typeof v === "object" ? JSON.stringify(v) : String(v)).replaceAll("'", "''")}'`;
  const rows: { custom: number; generic: number; pages: string; sql: string }[] = [];
  await db.connection().execute(async (connection) => {
    const run = (text: string) => connection.executeQuery<Record<string, unknown>>(sql.raw(text).compile(connection));
    for (const query of queries) {
      const ms: Record<string, number> = {};
      for (const mode of ["force_custom_plan", "force_generic_plan"]) {
        await run(`set plan_cache_mode = ${mode}`);
        await run("deallocate all");
        await run(`prepare bench_query as ${query.sql}`);
        const args = query.parameters.length ? `(${query.parameters.map(literal).join(", ")})` : "";
        ms[mode] = Infinity;
        for (let i = 0; i < 3; i++) {
          const [plan] = (await run(`explain (analyze, format json) execute bench_query${args}`)).rows[0]["QUERY PLAN"] as Record<string, number>[];
          ms[mode] = Math.min(ms[mode], plan["Execution Time"] + (mode === "force_custom_plan" ? plan["Planning Time"] : 0));
        }
      }
      rows.push({ custom: ms.force_custom_plan, generic: ms.force_generic_plan, pages: [...query.pages].join(", "), sql: query.sql });
    }
    await run("deallocate all");
    await run("reset plan_cache_mode");
  });
  rows.sort((a, b) => b.generic / b.custom - a.generic / a.custom);
  console.log(`\ncustom against generic plans of ${rows.length} queries (ms, EXPLAIN ANALYZE, the faster of three; custom with its planning); load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  for (const row of rows) {
    const worse = row.generic >= 3 * row.custom && row.generic - row.custom >= 5 ? "!!" : "  ";
    console.log(`${worse} ${row.custom.toFixed(2).padStart(7)} ${row.generic.toFixed(2).padStart(7)} ${(row.generic / row.custom).toFixed(1).padStart(5)}×  ${row.pages}\n      ${row.sql.slice(0, 200)}`);
  }
}
