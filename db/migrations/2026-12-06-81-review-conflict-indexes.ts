// A call's recorded conflicts (the review page, docs/decisions/0015 "The call's recorded conflicts") are
// found by the proposal or by the group they name; neither column had an index, so every conflict ever
// recorded was read for each page. A proposal's or a group's deletion, which cascades to its conflicts,
// looks them up by the same columns.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("review_conflicts_proposal_idx").on("review_conflicts").columns(["proposal_id"]).execute();
  await db.schema.createIndex("review_conflicts_group_idx").on("review_conflicts").columns(["group_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("review_conflicts_group_idx").execute();
  await db.schema.dropIndex("review_conflicts_proposal_idx").execute();
}
