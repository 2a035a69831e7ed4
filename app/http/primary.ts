// What only the process that owns the database does: migrate and load the demo at start-up, and run the
// hourly jobs — the primary when clustered, else the one serving process. Imported lazily by start.ts,
// so a worker never loads the migrations, the demo data or the reminders (docs/decisions/0021).
import { DEMO_PASSWORD, isEmpty, loadDemo } from "../../db/demo";
import { getDb, optimizeDatabase } from "../../db/index";
import { migrateToLatest } from "../../db/migrate";
import { ROLE_LABELS } from "../auth/permissions";
import { forgetPastThrottling } from "../auth/throttle.server";
import { deleteAbandonedSignUps } from "../domain/accounts/abandoned-sign-ups.server";
import { mailDailyDigests } from "../domain/notifications/commands.server";
import { sendDeadlineReminders } from "../domain/proposals/reminders.server";
import { sendReportReminders } from "../domain/projects/reminders.server";
import { sendReviewReminders } from "../domain/reviews/commands.server";
import { originSettings } from "./origin";

export async function prepareDatabase() {
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
// in Tokyo the daily digests of notifications go out; self sign-ups never confirmed are deleted a week
// on, once no link of theirs is live and if nothing but their own rows names them
// (app/domain/accounts/abandoned-sign-ups.server.ts); the throttling's rows (sign-in attempts, mail
// requests), each naming an e-mail address, are deleted a day after their window. Each job's failure is
// logged and leaves the others (and the server) running. One process runs them (the primary when
// clustered), so no reminder or digest is sent twice.
export function scheduleHourlyJobs() {
  const db = getDb();
  const { origin } = originSettings();
  const hourly: [string, () => Promise<unknown>][] = [
    ["optimizeDatabase", () => optimizeDatabase(db)],
    ["sendDeadlineReminders", () => sendDeadlineReminders(db, new Date(), origin)],
    ["sendReviewReminders", () => sendReviewReminders(db, new Date(), origin)],
    ["sendReportReminders", () => sendReportReminders(db, new Date(), origin)],
    ["deleteAbandonedSignUps", () => deleteAbandonedSignUps(db, new Date())],
    ["forgetPastThrottling", () => forgetPastThrottling(db, new Date())],
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
