// Deadline reminders (提出期限のお知らせ): 7 days and 1 day before a published call closes, the members of
// every group whose proposal to it is still a draft hear of it in the portal and by mail. Run hourly by
// the server; each reminder goes out once, even with several processes running the tick at the same time.
import type { DB } from "../../../db/index";
import type { ProposalReminderTable } from "../../../db/schema";
import { now } from "../../../db/values";
import { groupMemberIds, mailNow, notify, type NotificationInput } from "../notifications/commands.server";
import { formatDateTime } from "../calendar/format";

export type ReminderKind = ProposalReminderTable["kind"];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reminder due at `at` for a draft begun at `createdAt`, for a deadline: none once it has passed or
 * while more than 7 days remain; the 1-day one in the last day; the 7-day one before that, but only for a
 * draft that already existed a week before the deadline (a draft begun later gets only the 1-day one).
 */
export function reminderDue(at: Date, createdAt: Date, deadline: Date): ReminderKind | null {
  const remaining = deadline.getTime() - at.getTime();
  if (remaining <= 0 || remaining > 7 * DAY_MS) return null;
  if (remaining <= DAY_MS) return "days_1";
  return createdAt.getTime() <= deadline.getTime() - 7 * DAY_MS ? "days_7" : null;
}

/**
 * The notice for one draft. The days left are counted up (6 days 23 hours → あと7日; 20 hours → あと1日),
 * so a reminder sent late (the server was down at the mark) still tells the truth.
 */
export function reminderNotice(
  proposal: { id: string; title: string },
  call: { title: string; closes_at: string },
  at: Date,
): NotificationInput {
  const daysLeft = Math.max(1, Math.ceil((Date.parse(call.closes_at) - at.getTime()) / DAY_MS));
  const title = proposal.title.trim() || "（無題の提案）";
  return {
    kind: "proposal_deadline",
    title: `提出期限まであと${daysLeft}日です: ${call.title}`,
    body:
      `提案「${title}」はまだ下書き（未提出）です。` +
      `提出期限は${formatDateTime(call.closes_at)}です。期限までに提出してください。`,
    link: `/proposals/${proposal.id}`,
  };
}

/** Sends the reminders due at `at`; returns how many proposals were reminded. */
export async function sendDeadlineReminders(db: DB, at: Date, origin: string): Promise<number> {
  // closes_at is stored by toISOString(), so the strings compare as the instants do.
  const drafts = await db
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .where("calls.status", "=", "published")
    .where("calls.closes_at", ">", at.toISOString())
    .where("calls.closes_at", "<=", new Date(at.getTime() + 7 * DAY_MS).toISOString())
    .where("proposals.status", "=", "draft")
    .select(["proposals.id", "proposals.group_id", "proposals.title", "proposals.created_at", "calls.title as call_title", "calls.closes_at"])
    .orderBy("calls.closes_at")
    .orderBy("proposals.id")
    .execute();
  if (drafts.length === 0) return 0;

  const sent = new Set(
    (
      await db
        .selectFrom("proposal_reminders")
        .where("proposal_id", "in", drafts.map((d) => d.id))
        .select(["proposal_id", "kind"])
        .execute()
    ).map((r) => `${r.proposal_id} ${r.kind}`),
  );

  let reminded = 0;
  for (const draft of drafts) {
    const kind = reminderDue(at, new Date(draft.created_at), new Date(draft.closes_at));
    if (!kind || sent.has(`${draft.id} ${kind}`)) continue;
    const notificationIds = await db.transaction().execute(async (trx) => {
      // The primary key decides who sends: another process that got here first leaves nothing to insert.
      const inserted = await trx
        .insertInto("proposal_reminders")
        .values({ proposal_id: draft.id, kind, sent_at: now() })
        .onConflict((oc) => oc.columns(["proposal_id", "kind"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return null;
      const notice = reminderNotice(draft, { title: draft.call_title, closes_at: draft.closes_at }, at);
      return notify(trx, await groupMemberIds(trx, draft.group_id), notice);
    });
    if (!notificationIds) continue;
    reminded++;
    await mailNow(db, notificationIds, origin);
  }
  return reminded;
}
