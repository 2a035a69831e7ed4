// Performance (issue 14): the content version that the shared cache of public pages is keyed by (one
// row, bumped in the transaction of every audited write — see app/http/page-cache.ts), and indexes for
// the heaviest queries on the ten-year dataset (docs/decisions/0015).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("content_versions")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("content_versions").values({ name: "public", version: 1 }).execute();

  // Every signed-in page counts the viewer's unread notifications: answered from the index alone.
  await db.schema.createIndex("notifications_user_unread_idx").on("notifications").columns(["user_id", "read_at"]).execute();
  // The dashboards count proposals waiting in a status; the staff list pages them newest submission first.
  await db.schema.createIndex("proposals_status_idx").on("proposals").columns(["status"]).execute();
  await db.schema.createIndex("proposals_submitted_idx").on("proposals").columns(["submitted_at", "updated_at"]).execute();
  // A plan's measures in order (the plan page, the progress list and its exports).
  await db.schema.createIndex("measures_plan_position_idx").on("measures").columns(["plan_id", "position"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["notifications_user_unread_idx", "proposals_status_idx", "proposals_submitted_idx", "measures_plan_position_idx"]) await db.schema.dropIndex(index).execute();
  await db.schema.dropTable("content_versions").execute();
}
