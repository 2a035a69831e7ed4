// Performance (issue 14, item 5): lists bounded by one group or user that still grew with the years, now
// in pages, each page read in its exact order from an index.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A group's history, newest change first (changed_at desc, id desc), read backwards; it replaces the
  // index on (group_id, changed_at), which it begins with.
  await db.schema.createIndex("group_changes_group_changed_idx").on("group_changes").columns(["group_id", "changed_at", "id"]).execute();
  await db.schema.dropIndex("group_changes_group_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("group_changes_group_idx").on("group_changes").columns(["group_id", "changed_at"]).execute();
  await db.schema.dropIndex("group_changes_group_changed_idx").execute();
}
