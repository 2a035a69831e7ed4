// A reviewer's finished reviews (docs/decisions/0015, "A reviewer's finished reviews"): each page sorts
// all of the reviewer's finished assignments (about 3,000 over ten years) by call, stage and receipt
// order, then reads the page's rows. Both indexes let that sort be fed from index entries alone, not
// from rows of `review_assignments` and `proposals`; without them PostgreSQL reads the reviewer's rows
// with a parallel worker (its start costs more than the work) or reads every proposal. Trailing key
// columns, not INCLUDE (PostgreSQL's alone).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The reviewer's assignments with the two columns the list joins on and its id; serves every query
  // `review_assignments_reviewer_idx` (reviewer_id, stage_id) served.
  await db.schema.dropIndex("review_assignments_reviewer_idx").execute();
  await db.schema.createIndex("review_assignments_reviewer_list_idx").on("review_assignments").columns(["reviewer_id", "stage_id", "proposal_id", "id"]).execute();
  // A proposal's status and its receipt order (receipt-order.server.ts) by its id.
  await db.schema.createIndex("proposals_receipt_order_idx").on("proposals").columns(["id", "status", "receipt_fiscal_year", "type", "receipt_sequence"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposals_receipt_order_idx").execute();
  await db.schema.dropIndex("review_assignments_reviewer_list_idx").execute();
  await db.schema.createIndex("review_assignments_reviewer_idx").on("review_assignments").columns(["reviewer_id", "stage_id"]).execute();
}
