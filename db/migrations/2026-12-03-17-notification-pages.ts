// Performance (issue 14, item 5): a user's notifications in pages, newest first (a busy coordinator gets
// thousands over the years). The index ends on the id, so it gives the page's exact order (created_at
// desc, id desc) read backwards; it replaces the index on (user_id, created_at), which it begins with.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("notifications_user_created_idx").on("notifications").columns(["user_id", "created_at", "id"]).execute();
  await db.schema.dropIndex("notifications_user_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at"]).execute();
  await db.schema.dropIndex("notifications_user_created_idx").execute();
}
