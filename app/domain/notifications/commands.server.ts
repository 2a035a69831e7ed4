// Telling users what happened: a notification is written in the transaction of the change it reports,
// then mailed — at once to those who want each message, in one digest a day to the others.
import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { sendMail } from "../../mail/mailer.server";

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  /** A path in the portal, e.g. `/sheets/…`. */
  link: string | null;
}

/** Writes one notification per user (call it inside the change's transaction); returns their ids. */
export async function notify(db: DB, userIds: string[], input: NotificationInput): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const at = now();
  const rows = unique.map((userId) => ({ id: newId(), user_id: userId, ...input, created_at: at, read_at: null, mailed_at: null }));
  await db.insertInto("notifications").values(rows).execute();
  return rows.map((r) => r.id);
}

/** The members of a group, to notify them all. */
export async function groupMemberIds(db: DB, groupId: string): Promise<string[]> {
  return (await db.selectFrom("group_members").where("group_id", "=", groupId).select("user_id").execute()).map((r) => r.user_id);
}

/** Every coordinator (協働推進課), to notify them all. */
export async function coordinatorIds(db: DB): Promise<string[]> {
  return (await db.selectFrom("user_roles").where("role", "=", "coordinator").select("user_id").execute()).map((r) => r.user_id);
}

/** The staff of the departments a proposal names (its related departments). */
export async function relatedStaffIds(db: DB, proposalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("proposal_departments")
    .innerJoin("users", "users.department_id", "proposal_departments.department_id")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .where("proposal_departments.proposal_id", "=", proposalId)
    .where("user_roles.role", "=", "department_staff")
    .select("users.id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Who hears of what groups do on a department's sheets: its staff and its 協働推進員
 * (`departments.promoter_user_id`, who may sit in another department).
 */
export async function departmentContactIds(db: DB, departmentId: string): Promise<string[]> {
  const [staff, department] = await Promise.all([
    db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .where("users.department_id", "=", departmentId)
      .where("user_roles.role", "=", "department_staff")
      .select("users.id")
      .execute(),
    db.selectFrom("departments").where("id", "=", departmentId).select("promoter_user_id").executeTakeFirst(),
  ]);
  return [...new Set([...staff.map((r) => r.id), ...(department?.promoter_user_id ? [department.promoter_user_id] : [])])];
}

const SIGNATURE = "\n\n— 協働マッチングポータル\nお知らせの受け取り方（1件ずつ／1日1回まとめて）は「お知らせ」のページで変えられます。";

function absolute(origin: string, link: string | null): string {
  return link ? `\n${origin}${link}` : "";
}

/**
 * Mails the given notifications to users who want each message at once (the others wait for the
 * digest). Call after the change's transaction has committed; a mail that fails stays unmailed and is
 * tried again with the next digest run.
 */
export async function mailNow(db: DB, notificationIds: string[], origin: string): Promise<void> {
  if (notificationIds.length === 0) return;
  const pending = await db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .where("notifications.id", "in", notificationIds)
    .where("notifications.mailed_at", "is", null)
    .where("users.mail_frequency", "=", "immediate")
    .select(["notifications.id", "notifications.title", "notifications.body", "notifications.link", "users.email"])
    .execute();
  for (const n of pending) {
    try {
      await sendMail({ to: n.email, subject: `【協働マッチングポータル】${n.title}`, text: `${n.body}${absolute(origin, n.link)}${SIGNATURE}` });
    } catch (error) {
      // The change itself is done; this mail goes out with the next digest run instead.
      console.error(`notification ${n.id}: mail failed, kept for the next run`, error);
      continue;
    }
    await db.updateTable("notifications").set({ mailed_at: now() }).where("id", "=", n.id).execute();
  }
}

/** One mail per daily-digest user with everything not yet mailed; returns how many mails went out. */
export async function mailDailyDigests(db: DB, origin: string): Promise<number> {
  const pending = await db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .where("notifications.mailed_at", "is", null)
    .select(["notifications.id", "notifications.title", "notifications.body", "notifications.link", "notifications.created_at", "users.id as user_id", "users.email"])
    .orderBy("users.id")
    .orderBy("notifications.created_at")
    .execute();
  const byUser = new Map<string, typeof pending>();
  for (const n of pending) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
  for (const items of byUser.values()) {
    const lines = items.map((n, i) => `${i + 1}. ${n.title}\n${n.body}${absolute(origin, n.link)}`).join("\n\n");
    await sendMail({
      to: items[0].email,
      subject: `【協働マッチングポータル】お知らせのまとめ（${items.length}件）`,
      text: `前回のまとめ以降のお知らせです。\n\n${lines}${SIGNATURE}`,
    });
    await db.updateTable("notifications").set({ mailed_at: now() }).where("id", "in", items.map((n) => n.id)).execute();
  }
  return byUser.size;
}

/** The viewer's own notifications, all marked read. */
export async function markAllRead(db: DB, viewer: Viewer): Promise<void> {
  await db.updateTable("notifications").set({ read_at: now() }).where("user_id", "=", viewer.id).where("read_at", "is", null).execute();
}

/** How the viewer is mailed: at once, or gathered into the 8:00 digest. */
export async function setMailFrequency(db: DB, viewer: Viewer, frequency: "immediate" | "daily"): Promise<void> {
  await db.updateTable("users").set({ mail_frequency: frequency, updated_at: now() }).where("id", "=", viewer.id).execute();
}
