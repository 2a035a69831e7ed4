// `npm start`: migrate, load the demo into an empty database, then serve — in this process, or with
// WEB_CONCURRENCY=N in N worker processes (node:cluster) sharing the port, the primary doing the
// migration, the hourly jobs and the orderly shutdown and serving nothing itself.
import cluster from "node:cluster";
import { closeDb, databaseUrl, engine, getDb, optimizeDatabase } from "../../db/index";
import { DEMO_PASSWORD, isEmpty, loadDemo } from "../../db/demo";
import { migrateToLatest } from "../../db/migrate";
import { ROLE_LABELS } from "../auth/permissions";
import { mailDailyDigests } from "../domain/notifications/commands.server";
import { sendDeadlineReminders } from "../domain/proposals/reminders.server";
import { sendReportReminders } from "../domain/projects/reminders.server";
import { sendReviewReminders } from "../domain/reviews/commands.server";
import { mailQueueDrained } from "../mail/queue.server";
import { originSettings } from "./origin";
import { createApp } from "./server";

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

async function prepareDatabase() {
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length > 0) console.log(`データベースを更新しました: ${applied.join(", ")}`);
  if (process.env.DEMO_DATA !== "off" && (await isEmpty(db))) {
    const users = await loadDemo(db);
    console.log("\nデモデータを読み込みました。次のアカウントでサインインできます（パスワードは共通）:");
    for (const u of users) {
      const note = u.unconfirmed ? "（メールアドレス未確認: 確認を求めるページだけが開きます）" : "";
      console.log(`  ${u.email.padEnd(28)} ${u.roles.map((r) => ROLE_LABELS[r]).join("・")}${note}`);
    }
    console.log(`  パスワード: ${DEMO_PASSWORD}`);
    console.log("  団体以外のアカウントは、初めてのサインインで二段階認証（認証アプリ）を設定します。\n");
  }
}

// Every hour: the planner's statistics follow the data as it grows, groups with a draft hear that a
// call's deadline is 7 days or 1 day away, reviewers with unsubmitted score sheets hear that the review
// deadline is 3 days away, groups with a results report due in 14 days or overdue hear it, and at 8:00
// in Tokyo the daily digests of notifications go
// out. Each job's failure is logged and leaves the others (and the server) running. One process runs
// them (the primary when clustered), so no reminder or digest is sent twice.
function scheduleHourlyJobs() {
  const db = getDb();
  const { origin } = originSettings();
  const hourly: [string, () => Promise<unknown>][] = [
    ["optimizeDatabase", () => optimizeDatabase(db)],
    ["sendDeadlineReminders", () => sendDeadlineReminders(db, new Date(), origin)],
    ["sendReviewReminders", () => sendReviewReminders(db, new Date(), origin)],
    ["sendReportReminders", () => sendReportReminders(db, new Date(), origin)],
    [
      "mailDailyDigests",
      async () => {
        const tokyoHour = Number(new Date().toLocaleString("en-US", { timeZone: "Asia/Tokyo", hour: "numeric", hourCycle: "h23" }));
        if (tokyoHour === 8) await mailDailyDigests(db, origin);
      },
    ],
  ];
  setInterval(
    () =>
      void (async () => {
        for (const [name, job] of hourly) await Promise.resolve().then(job).catch((error) => console.error(`${name}:`, error));
      })(),
    60 * 60 * 1000,
  ).unref();
}

const banner = () => `協働マッチングポータル: http://localhost:${port}  (${engine()}: ${engine() === "sqlite" ? databaseUrl() : "PostgreSQL"})`;

if (clustered && cluster.isPrimary) {
  await prepareDatabase();
  scheduleHourlyJobs();
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
  if (!clustered) {
    await prepareDatabase();
    scheduleHourlyJobs();
  }
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
