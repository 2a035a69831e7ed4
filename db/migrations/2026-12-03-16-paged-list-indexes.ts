// Performance (issue 14, item 5): the lists that came in pages later read each page in its exact order
// from an index, instead of sorting every row of the table for each page.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The administrators' user list, newest account first (thousands of accounts after ten years).
  await db.schema.createIndex("users_created_order_idx").on("users").columns(["created_at desc", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_created_order_idx").execute();
}
