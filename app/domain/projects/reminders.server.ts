// Report reminders (実績報告の提出期限のお知らせ): a report still being written (draft or returned) whose
// due date is 14 days away or nearer, and again once it is overdue, is announced to the group's members
// in the portal and by mail. Run hourly by the server next to the proposals' deadline reminders. Each
// notice goes out once: `project_reports.reminded_at` is set by an `update … where` that only one process
// can win.
import type { DB } from "../../../db/index";
import { groupMemberIds, mailNow, notify } from "../notifications/commands.server";
import { REPORT_KIND_LABELS, type ReportKind } from "./report";
import { formatDate } from "../calendar/format";

const DAY_MS = 24 * 60 * 60 * 1000;
export const REMIND_DAYS_BEFORE = 14;

/** The end of the due day in Tokyo (YYYY-MM-DD → the next midnight JST, as an instant). */
export function dueEnd(dueOn: string): Date {
  return new Date(Date.parse(`${dueOn}T00:00:00.000+09:00`) + DAY_MS);
}

/** Which notice is due at `at`: "soon" inside the 14 days, "overdue" after the day; each once. */
export function reportReminderDue(at: Date, dueOn: string, remindedAt: string | null): "soon" | "overdue" | null {
  const end = dueEnd(dueOn);
  if (at >= end) return remindedAt === null || new Date(remindedAt) < end ? "overdue" : null;
  if (end.getTime() - at.getTime() <= REMIND_DAYS_BEFORE * DAY_MS) return remindedAt === null ? "soon" : null;
  return null;
}

/** Sends the report reminders due at `at`; returns how many reports were reminded. */
export async function sendReportReminders(db: DB, at: Date, origin: string): Promise<number> {
  const horizon = new Date(at.getTime() + REMIND_DAYS_BEFORE * DAY_MS).toISOString().slice(0, 10);
  const reports = await db
    .selectFrom("project_reports")
    .innerJoin("projects", "projects.id", "project_reports.project_id")
    .where("project_reports.status", "in", ["draft", "returned"])
    .where("project_reports.due_on", "<=", horizon)
    .where("projects.ended_at", "is", null)
    .select(["project_reports.id", "project_reports.kind", "project_reports.due_on", "project_reports.reminded_at", "projects.id as project_id", "projects.group_id", "projects.title"])
    .orderBy("project_reports.due_on")
    .execute();
  let reminded = 0;
  for (const report of reports) {
    const due = reportReminderDue(at, report.due_on, report.reminded_at);
    if (!due) continue;
    const ids = await db.transaction().execute(async (trx) => {
      let claim = trx.updateTable("project_reports").set({ reminded_at: at.toISOString() }).where("id", "=", report.id);
      claim = report.reminded_at === null ? claim.where("reminded_at", "is", null) : claim.where("reminded_at", "=", report.reminded_at);
      const won = await claim.executeTakeFirst();
      if (Number(won.numUpdatedRows) !== 1) return [];
      const label = REPORT_KIND_LABELS[report.kind as ReportKind];
      const dueLabel = formatDate(report.due_on);
      return notify(trx, await groupMemberIds(trx, report.group_id), {
        kind: "project_report_due",
        title: due === "overdue" ? `${label}の提出期限（${dueLabel}）を過ぎています: 「${report.title}」` : `${label}の提出期限は${dueLabel}です: 「${report.title}」`,
        body: due === "overdue" ? "まだ提出されていません。報告を書いて提出してください。遅れる場合は担当課にご連絡ください。" : "報告を書いて、期限までに提出してください。",
        link: `/projects/${report.project_id}/reports/${report.kind}`,
      });
    });
    if (ids.length === 0) continue;
    await mailNow(db, ids, origin);
    reminded++;
  }
  return reminded;
}
