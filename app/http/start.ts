// `npm start`: migrate, load the demo into an empty database, then serve — in this process, or with
// WEB_CONCURRENCY=N in N worker processes (node:cluster) sharing the port, the primary doing the
// migration, the hourly jobs and the orderly shutdown and serving nothing itself.
import cluster from "node:cluster";
import { closeDb, databaseUrl, engine } from "../../db/index";
import { mailQueueDrained } from "../mail/queue.server";
import { originSettings } from "./origin";
import { createApp } from "./server";
import { workerHeapArgs } from "./worker-heap";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const workerCount = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);
const clustered = workerCount > 1;

// Mail links come from the configured origin only: in production the server does not start without it.
try {
  originSettings();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Migration, demo data and the hourly jobs (primary.ts) are loaded only by the process that runs them:
// a worker never holds their code (docs/decisions/0021).
async function ownDatabase() {
  const { prepareDatabase, scheduleHourlyJobs } = await import("./primary");
  await prepareDatabase();
  scheduleHourlyJobs();
}

const banner = () => `協働マッチングポータル: http://localhost:${port}  (${engine()}: ${engine() === "sqlite" ? databaseUrl() : "PostgreSQL"})`;

if (clustered && cluster.isPrimary) {
  await ownDatabase();
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...workerHeapArgs(process.env, process.execArgv)] });
  let stopping = false;
  let listening = 0;
  const fork = () =>
    cluster.fork().once("listening", () => {
      if (++listening === workerCount) console.log(`${banner()} — ${workerCount} processes`);
    });
  for (let i = 0; i < workerCount; i++) fork();
  // A worker that dies while serving is replaced (after a pause, so a worker failing at start-up does
  // not make a fork loop).
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });
  // Each worker finishes its requests under way and exits; then the primary closes the database.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      let left = workers.length;
      const done = () => void closeDb().finally(() => process.exit(0));
      if (left === 0) done();
      for (const worker of workers) {
        worker?.once("exit", () => --left === 0 && done());
        worker?.process.kill("SIGTERM");
      }
      setTimeout(() => process.exit(1), 12_000).unref();
    });
  }
} else {
  if (!clustered) await ownDatabase();
  // MATCHING_WARM_UP=off: the matching indexes are built on the first request that needs them instead.
  const app = await createApp({ warmUp: process.env.MATCHING_WARM_UP !== "off" });
  const server = app.listen(port, host, () => {
    if (!clustered) console.log(banner());
  });

  // Stop taking requests, let the ones under way finish, close the database, then exit (so a SQLite WAL
  // is checkpointed and a process manager's restart is clean). A worker may get both signals (Ctrl-C
  // reaches the whole process group, and the primary passes SIGTERM on): the first one counts.
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      // Mail queued by the last requests (confirmation links, reset links) goes out before the exit.
      server.close(() => void mailQueueDrained().then(closeDb).finally(() => process.exit(0)));
      server.closeIdleConnections();
      setTimeout(() => process.exit(1), 10_000).unref();
    });
  }
}
