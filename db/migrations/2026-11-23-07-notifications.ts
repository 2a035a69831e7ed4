// Notifications: what the portal tells a user, in the portal (お知らせ) and by mail — each message at
// once, or gathered into one mail a day for those who choose the daily digest.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("mailed_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("notifications_unmailed_idx").on("notifications").columns(["mailed_at", "user_id"]).execute();
  // 'immediate' (a mail per notification) or 'daily' (one digest a day).
  await db.schema.alterTable("users").addColumn("mail_frequency", "text", (c) => c.notNull().defaultTo("immediate")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("mail_frequency").execute();
  await db.schema.dropTable("notifications").execute();
}
