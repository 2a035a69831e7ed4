// `npm start`: migrate, load the demo into an empty database, then serve.
import { closeDb, databaseUrl, engine, getDb, optimizeDatabase } from "../../db/index";
import { DEMO_PASSWORD, isEmpty, loadDemo } from "../../db/demo";
import { migrateToLatest } from "../../db/migrate";
import { ROLE_LABELS } from "../auth/permissions";
import { mailDailyDigests } from "../domain/notifications/commands.server";
import { sendDeadlineReminders } from "../domain/proposals/reminders.server";
import { createApp } from "./server";

const db = getDb();
const applied = await migrateToLatest(db);
if (applied.length > 0) console.log(`データベースを更新しました: ${applied.join(", ")}`);

if (process.env.DEMO_DATA !== "off" && (await isEmpty(db))) {
  const users = await loadDemo(db);
  console.log("\nデモデータを読み込みました。次のアカウントでサインインできます（パスワードは共通）:");
  for (const u of users) console.log(`  ${u.email.padEnd(28)} ${u.roles.map((r) => ROLE_LABELS[r]).join("・")}`);
  console.log(`  パスワード: ${DEMO_PASSWORD}\n`);
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const app = await createApp();
const server = app.listen(port, host, () => {
  console.log(`協働マッチングポータル: http://localhost:${port}  (${engine()}: ${engine() === "sqlite" ? databaseUrl() : "PostgreSQL"})`);
});

// Every hour: the planner's statistics follow the data as it grows, groups with a draft hear that a
// call's deadline is 7 days or 1 day away, and at 8:00 in Tokyo the daily digests of notifications go
// out. Each job's failure is logged and leaves the others (and the server) running.
const origin = process.env.PORTAL_ORIGIN || `http://localhost:${process.env.PORT ?? 3000}`;
const hourly: [string, () => Promise<unknown>][] = [
  ["optimizeDatabase", () => optimizeDatabase(db)],
  ["sendDeadlineReminders", () => sendDeadlineReminders(db, new Date(), origin)],
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

// Stop taking requests, let the ones under way finish, close the database, then exit (so a SQLite WAL
// is checkpointed and a process manager's restart is clean).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => void closeDb().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
