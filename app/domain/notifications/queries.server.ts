import type { DB } from "../../../db/index";

export async function listNotifications(db: DB, userId: string, limit = 50) {
  return db
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .select(["id", "kind", "title", "body", "link", "created_at", "read_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
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
