// Performance (issue 14, item 5): lists bounded by one group or user that still grew with the years, now
// in pages, each page read in its exact order from an index.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A group's history, newest change first (changed_at desc, id desc), read backwards; it replaces the
  // index on (group_id, changed_at), which it begins with.
  await db.schema.createIndex("group_changes_group_changed_idx").on("group_changes").columns(["group_id", "changed_at", "id"]).execute();
  await db.schema.dropIndex("group_changes_group_idx").execute();
  // A user's unread notifications, newest first (/notifications?unread=1), and how many there are (the
  // frame's count on every signed-in page): a partial index of the unread ones only gives the page in its
  // order (read backwards) and the count, reading those rows alone. It replaces the index on (user_id,
  // read_at), which gave the count but not the order: PostgreSQL does not take `read_at is null` on an
  // index column as fixing it for the order after it, and both engines use a partial index when the
  // query says `read_at is null` as the index does.
  await db.schema.createIndex("notifications_unread_idx").on("notifications").columns(["user_id", "created_at", "id"]).where(sql.ref("read_at"), "is", null).execute();
  await db.schema.dropIndex("notifications_user_unread_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("notifications_user_unread_idx").on("notifications").columns(["user_id", "read_at"]).execute();
  await db.schema.dropIndex("notifications_unread_idx").execute();
  await db.schema.createIndex("group_changes_group_idx").on("group_changes").columns(["group_id", "changed_at"]).execute();
  await db.schema.dropIndex("group_changes_group_changed_idx").execute();
}
