// A department's proposals (docs/decisions/0015, "A department's proposals"): department staff see the
// proposals that name their department (`proposal_departments`), in the staff list's order. That order
// is in `proposals_staff_list_idx`, but a department's are a twentieth of it, so PostgreSQL read the
// whole index (29,000 entries) and hash-joined it with the department's rows for every page. Looked up
// by id from the department's rows instead, each proposal's list columns must come from an index:
// the id, then what the list filters on and sorts by (trailing key columns: INCLUDE is PostgreSQL's
// alone). It serves the lookups by id with a status that `proposals_receipt_order_idx` served too.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("proposals_department_list_idx")
    .on("proposals")
    .columns(["id", "status", "consultation_opened_at", "submitted_at", "updated_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposals_department_list_idx").execute();
}
