import type { DB } from "../../../db/index";
import { listPage } from "../list-page";

export const NOTIFICATIONS_PER_PAGE = 50;

/**
 * One page of the user's notifications, newest first, with the total (a busy coordinator gets thousands
 * over the years; issue 14); `unreadOnly` keeps the unread ones. A page past the end shows the last. Ties
 * in the order's direction, so an index read backwards gives the page: `notifications(user_id,
 * created_at, id)` for all, the partial one on the same columns `where read_at is null` for the unread
 * (which also counts them: `unreadCount`). How many are unread is the frame's `unreadCount`, which every
 * signed-in page already has.
 */
export async function listNotifications(db: DB, userId: string, requestedPage = 1, { unreadOnly = false } = {}) {
  let mine = db.selectFrom("notifications").where("user_id", "=", userId);
  if (unreadOnly) mine = mine.where("read_at", "is", null);
  const { n } = await mine.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, NOTIFICATIONS_PER_PAGE);
  const rows = await mine
    .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total, page, pageCount };
}

export async function unreadCount(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function mailFrequencyOf(db: DB, userId: string) {
  const row = await db.selectFrom("users").where("id", "=", userId).select("mail_frequency").executeTakeFirstOrThrow();
  return row.mail_frequency;
}
