// Performance (issue 14, docs/decisions/0015): indexes for the heaviest queries left on the full dataset,
// checked on both engines. Two indexes of 2026-12-02-14 are replaced by wider ones that serve what they
// served and more (a landed migration is frozen, so they are dropped here).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The staff list's count (`status != 'draft' or consultation_opened_at is not null`, which no index can
  // seek) reads this index alone instead of every proposal row; lookups by status use it as before, and
  // the ids of the proposals in a status (the reviewer's unfinished sheets) come from it without a row.
  await db.schema.dropIndex("proposals_status_idx").execute();
  await db.schema.createIndex("proposals_status_consultation_idx").on("proposals").columns(["status", "consultation_opened_at", "id"]).execute();
  // The staff list's page in its exact order (newest submission first, then id), so LIMIT 50 reads 50 rows
  // instead of sorting every proposal that shares the first timestamps (a call's closing day).
  await db.schema.dropIndex("proposals_submitted_idx").execute();
  await db.schema.createIndex("proposals_submitted_order_idx").on("proposals").columns(["submitted_at desc", "updated_at desc", "id"]).execute();
  // The reviewer's dashboard counts the reviewer's assignments from this index without reading a row, and
  // finds those of the proposals under review by (reviewer, proposal).
  await db.schema.createIndex("review_assignments_reviewer_proposal_idx").on("review_assignments").columns(["reviewer_id", "proposal_id"]).execute();
  // The sheet list's page in its exact order (published before closed, newest first, then id): LIMIT 20
  // reads 20 rows instead of sorting every published and closed sheet.
  await db.schema.createIndex("matching_sheets_list_order_idx").on("matching_sheets").columns(["status desc", "published_at desc", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["proposals_status_consultation_idx", "proposals_submitted_order_idx", "review_assignments_reviewer_proposal_idx", "matching_sheets_list_order_idx"]) await db.schema.dropIndex(index).execute();
  await db.schema.createIndex("proposals_status_idx").on("proposals").columns(["status"]).execute();
  await db.schema.createIndex("proposals_submitted_idx").on("proposals").columns(["submitted_at", "updated_at"]).execute();
}
