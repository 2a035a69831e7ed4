// Deep pages of the lists paged by number (issue 14, item 5; docs/decisions/0015, "Deep pages of the
// numbered lists"): the staff's proposal list and the public sheet list read a page's ids from an index
// alone, skipping the entries above the page there, and only then the page's rows and joins. For that
// the index must hold what the list filters on as well as its order, so the two order indexes are
// widened by those columns (trailing key columns: INCLUDE is PostgreSQL's alone). They serve every
// query the narrower ones served.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The staff list: newest submission first, filtered on status and consultation_opened_at.
  await db.schema.dropIndex("proposals_submitted_order_idx").execute();
  await db.schema
    .createIndex("proposals_staff_list_idx")
    .on("proposals")
    .columns(["submitted_at desc", "updated_at desc", "id", "status", "consultation_opened_at"])
    .execute();
  // The public sheet list: published before closed, newest first; 「受付中のみ」 filters on apply_until.
  await db.schema.dropIndex("matching_sheets_list_order_idx").execute();
  await db.schema
    .createIndex("matching_sheets_public_list_idx")
    .on("matching_sheets")
    .columns(["status desc", "published_at desc", "id", "apply_until"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposals_staff_list_idx").execute();
  await db.schema.createIndex("proposals_submitted_order_idx").on("proposals").columns(["submitted_at desc", "updated_at desc", "id"]).execute();
  await db.schema.dropIndex("matching_sheets_public_list_idx").execute();
  await db.schema.createIndex("matching_sheets_list_order_idx").on("matching_sheets").columns(["status desc", "published_at desc", "id"]).execute();
}
