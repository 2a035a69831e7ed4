// Performance (issue 14, fourth pass): the staff's list of received proposals is read in the index's own
// order. `proposals_submitted_idx` (submitted_at, updated_at) left the last term of the list's order
// (id) to a sort of every proposal sharing the same two timestamps — a whole call's worth when a batch
// is entered at once — and the ascending id under two descending terms needs the directions stored in
// the index for PostgreSQL to walk it too. This index replaces it (docs/decisions/0015).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("proposals_staff_order_idx").on("proposals").columns(["submitted_at desc", "updated_at desc", "id"]).execute();
  await db.schema.dropIndex("proposals_submitted_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("proposals_submitted_idx").on("proposals").columns(["submitted_at", "updated_at"]).execute();
  await db.schema.dropIndex("proposals_staff_order_idx").execute();
}
