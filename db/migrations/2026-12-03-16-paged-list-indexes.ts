// Performance (issue 14, item 5): the lists that came in pages later read each page in its exact order
// from an index, instead of sorting every row of the table for each page.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The administrators' user list, newest account first (thousands of accounts after ten years).
  await db.schema.createIndex("users_created_order_idx").on("users").columns(["created_at desc", "id"]).execute();
  // The coordinator's review queue in one status, oldest (pending) or newest first (thousands approved).
  await db.schema.createIndex("groups_status_updated_idx").on("groups").columns(["status", "updated_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_created_order_idx").execute();
  await db.schema.dropIndex("groups_status_updated_idx").execute();
}
