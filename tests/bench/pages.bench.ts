// Benchmark (issue 14): every key page against the framework's own speed. Serves the portal (built, as in
// production) on the big dataset (tests/bench/dataset.ts) and, beside it, the bare Remix app of the same
// versions (tests/bench/bare: one route, the root layout, no data, the same Express adapter). For each key
// page, 20 clients for BENCH_SECONDS on the bare route (A), then on the page (B), BENCH_ROUNDS times
// (A B A B): each page's requests/s, the server's CPU time a request (from /proc: less swayed by the
// machine's other work than the rate), p50 and p95 are printed as a ratio to the bare run just before it,
// with the spread over the rounds, and the targets beside them. Absolute figures on a shared machine mean
// little; the ratios of neighbouring runs are what to quote (and they are noisy too: read the spread).
//
//   npm run bench -- pages                    small dataset (data/bench-small.sqlite, seeded once and kept)
//   npm run bench -- pages --scale=full       the issue's full dataset (seed it first: seed-dataset.ts)
//   BENCH_DATABASE_URL=postgres://… npm run bench -- pages     a database seeded by seed-dataset.ts --postgres
//   WEB_CONCURRENCY=2 …                       both servers as two worker processes
//   BENCH_ONLY=home,groups                    only the pages whose key starts so
//   BENCH_PROFILE=dir                         the portal's processes write --cpu-prof files into dir
//   BENCH_ACCEPT_ENCODING=identity            send no Accept-Encoding (every request sends a browser's
//                                             "gzip, deflate, br" otherwise; public pages are then sent compressed)
//   BENCH_START=tsx                           the portal from its source through tsx (`npm run serve`) instead of
//                                             the compiled build/server/start.js that `npm start` runs, to compare
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { benchDatabase, keyPages } from "./key-pages";
import { freePort, percentile, requireBuild, startServer } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const CONNECTIONS = 20;
// What every browser sends: the clients get the bytes a browser would (a cached public page compressed).
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
const requestHeaders = (cookie?: string): Record<string, string> => ({ ...(ACCEPT_ENCODING === "identity" ? {} : { "Accept-Encoding": ACCEPT_ENCODING }), ...(cookie ? { Cookie: cookie } : {}) });
const WORKERS = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1);
const scale = process.argv.find((a) => a.startsWith("--scale="))?.split("=")[1] ?? process.env.BENCH_SCALE ?? "small";
const bareRoot = path.join(path.dirname(new URL(import.meta.url).pathname), "bare");

requireBuild("pages");
if (!fs.existsSync(path.join(bareRoot, "build/index.js"))) {
  console.log("building the bare Remix app (tests/bench/bare) …");
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build", bareRoot], { stdio: "inherit" });
}

benchDatabase(scale);
const { pages: chosen, engine: usedEngine, counts } = await keyPages();

// The two servers.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyodo-bench-pages-"));
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
const portal = await startServer({ dir, nodeArgs: profile });
const barePort = await freePort();
const bare = spawn(process.execPath, [path.join(bareRoot, "server.js")], { env: { ...process.env, NODE_ENV: "production", PORT: String(barePort), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "inherit"] });
process.on("exit", () => bare.kill("SIGKILL"));
const bareBase = `http://127.0.0.1:${barePort}`;
for (let tries = 0; !(await fetch(`${bareBase}/`).then((r) => r.ok, () => false)); tries++) {
  if (tries > 100) throw new Error("the bare Remix app did not start");
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// CPU time (user + system) of a server's serving processes, from /proc: the CPU a request costs is less
// swayed by what else runs on a shared machine than the requests a second are.
function servingProcesses(pid: number): number[] {
  if (WORKERS === 1) return [pid];
  try {
    const lines = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)]).toString().trim().split("\n");
    return lines.map((l) => l.trim().split(/\s+/)).filter(([, command]) => command === "node").map(([p]) => Number(p));
  } catch {
    return [];
  }
}
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim() || 100);
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks * TICK_MS;
}

interface Run {
  /** The server's CPU time a request, ms. */
  cpu: number;
  rps: number;
  p50: number;
  p95: number;
  failed: number;
  /** What the failures were: status codes other than 2xx, errors, timeouts. */
  why: string;
}
async function load(url: string, cookie?: string, seconds = SECONDS, pids: number[] = []): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pids);
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: requestHeaders(cookie) });
  (instance as unknown as import("node:events").EventEmitter).on("response", (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const codes = Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, { count }]) => `${count}×${code}`);
  const why = [...codes, result.errors ? `${result.errors} errors` : "", result.timeouts ? `${result.timeouts} timeouts` : ""].filter(Boolean).join(" ");
  return { cpu: (cpuMs(pids) - cpuBefore) / Math.max(1, result.requests.total), rps: result.requests.total / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), failed: result.non2xx + result.errors + result.timeouts, why };
}

// autocannon stops at the end of a run, but the server still works through the requests it had taken:
// a heavy page's backlog would be charged to the next run. Wait until /healthz answers quickly again.
async function drain() {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const started = performance.now();
    await fetch(`${portal.base}/healthz`).then((r) => r.arrayBuffer(), () => null);
    if (performance.now() - started < 100) return;
  }
}

// Every page answers, once alone (the result sheet and its xlsx: the < 1 s target, first and warm), and
// warm-up requests reach every worker (each builds its own indexes and caches).
const alone: Record<string, number[]> = {};
for (const page of chosen) {
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const response = await fetch(portal.base + page.path, { headers: page.cookie ? { Cookie: page.cookie } : {} });
    await response.arrayBuffer();
    (alone[page.key] ??= []).push(performance.now() - started);
    if (!response.ok) throw new Error(`${page.key} ${page.path}: status ${response.status}`);
  }
  await Promise.all(Array.from({ length: 4 * WORKERS }, () => fetch(portal.base + page.path, { headers: page.cookie ? { Cookie: page.cookie } : {} }).then((r) => r.arrayBuffer())));
}
await load(`${bareBase}/`, undefined, 1);
const portalProcesses = servingProcesses(portal.process.pid!);
const bareProcesses = servingProcesses(bare.pid!);

const loadAverage = () => os.loadavg().map((n) => n.toFixed(1)).join(" ");
console.log(
  `${usedEngine}, ${counts.groups} groups, ${counts.proposals} proposals, ${counts.projects} projects, ${counts.audit} audit rows (${process.env.BENCH_DATABASE_URL ? "as seeded" : `scale ${scale}`}); public page cache ${process.env.PUBLIC_PAGE_CACHE === "off" ? "off" : "on"}; Accept-Encoding: ${ACCEPT_ENCODING}; ` +
    `WEB_CONCURRENCY=${WORKERS}; ${CONNECTIONS} clients, ${SECONDS} s a run, ${ROUNDS} rounds of bare (A) then page (B); load average ${loadAverage()}`,
);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const spread = (values: number[]) => (values.length > 1 ? ` (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})` : "");
const header = `${"page".padEnd(22)} ${"req/s ×bare".padEnd(20)} ${"CPU a req ×bare".padEnd(20)} ${"p50 ×bare".padEnd(20)} ${"p95 ×bare".padEnd(20)} ${"page p95".padEnd(10)} ${"bare req/s".padEnd(10)} target`;
console.log(header);
let failed = 0;
const missed: string[] = [];
for (const page of chosen) {
  const rps: number[] = [];
  const cpu: number[] = [];
  const p50: number[] = [];
  const p95: number[] = [];
  const pageP95: number[] = [];
  const bareRps: number[] = [];
  let runsFailed = 0;
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = await load(`${bareBase}/`, undefined, SECONDS, bareProcesses);
    const b = await load(portal.base + page.path, page.cookie, SECONDS, portalProcesses);
    await drain();
    failed += a.failed + b.failed;
    runsFailed += a.failed + b.failed;
    if (a.failed) failures.push(`bare: ${a.why}`);
    if (b.failed) failures.push(`page: ${b.why}`);
    rps.push(b.rps / a.rps);
    cpu.push(b.cpu / a.cpu);
    p50.push(b.p50 / a.p50);
    p95.push(b.p95 / a.p95);
    pageP95.push(b.p95);
    bareRps.push(a.rps);
  }
  const goal = page.public ? 1.0 : 0.5;
  const pageFailed = runsFailed;
  const verdicts = [median(rps) >= goal ? `≥ ${goal}× met` : `≥ ${goal}× MISSED`, median(pageP95) < 50 ? "p95 < 50 ms met" : "p95 < 50 ms MISSED"];
  if (page.key.startsWith("results")) verdicts.push(Math.max(...alone[page.key]) < 1000 ? "alone < 1 s met" : "alone < 1 s MISSED");
  if (verdicts.some((v) => v.includes("MISSED"))) missed.push(page.key);
  console.log(
    `${page.key.padEnd(22)} ${(median(rps).toFixed(2) + spread(rps)).padEnd(20)} ${(median(cpu).toFixed(2) + spread(cpu)).padEnd(20)} ${(median(p50).toFixed(2) + spread(p50)).padEnd(20)} ${(median(p95).toFixed(2) + spread(p95)).padEnd(20)} ` +
      `${(median(pageP95).toFixed(0) + " ms").padEnd(10)} ${median(bareRps).toFixed(0).padEnd(10)} ${verdicts.join(", ")}${pageFailed ? `, ${pageFailed} requests FAILED (${failures.join("; ")})` : ""}`,
  );
}
console.log(`alone (first, then warm), ms: ${chosen.map((p) => `${p.key} ${alone[p.key].map((t) => t.toFixed(0)).join("/")}`).join("; ")}`);

// Memory of each serving process with the whole dataset loaded (target < 300 MB).
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const serving = servingProcesses(portal.process.pid!);
const rss = serving.map(rssOf);
console.log(`memory of each serving process (RSS): ${rss.map((mb) => `${mb.toFixed(0)} MB`).join(", ")} — target < 300 MB ${rss.every((mb) => mb < 300) ? "met" : "MISSED"}`);
// What a worker holds (its heap after a full GC) beside what V8 kept of its peaks; RSS again after the GC.
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const held: string[] = [];
for (const pid of serving) {
  const usage = await portal.heapAfterGc(pid);
  held.push(usage ? `heap ${mb(usage.heapUsed)} used of ${mb(usage.heapTotal)}, external ${mb(usage.external)}, RSS ${mb(usage.rss)}` : "did not answer");
}
console.log(`after a full GC, each serving process: ${held.join("; ")}${process.env.BENCH_START === "tsx" ? " (BENCH_START=tsx)" : ""}`);
console.log(`load average at the end: ${loadAverage()}; targets missed: ${missed.length ? missed.join(", ") : "none"}`);

bare.kill("SIGTERM");
await portal.stop();
fs.rmSync(dir, { recursive: true, force: true });
if (failed > 0) {
  console.error(`pages bench: ${failed} requests failed`);
  process.exit(1);
}
