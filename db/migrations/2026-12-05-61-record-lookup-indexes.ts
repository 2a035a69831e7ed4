// Two lookups of one record's own rows that no index served (docs/decisions/0015, "Generic plans on
// PostgreSQL", and its last section):
// - a record's history read from the audit log — a project's timeline, an award's conditions history, the
//   corrections a decision letter lists — asks for one subject's entries in time order. Each was a walk
//   of the whole log: on ten years of a big city's log (a million entries) 4 s on SQLite (in time order,
//   by the log's order index) and 150–184 ms on PostgreSQL (a parallel sequential scan);
// - a project's continuation (`findRenewal`, on the project's page, and the check before a renewal is
//   started) looks for the proposal that renews it: a sequential scan of every proposal, 18–68 ms.
// Every audited write and every proposal written keeps one more index up to date, against a scan on
// every such page.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_subject_idx").on("audit_log").columns(["subject_type", "subject_id", "created_at", "id"]).execute();
  await db.schema.createIndex("proposals_renewal_idx").on("proposals").column("renewal_of_project_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposals_renewal_idx").execute();
  await db.schema.dropIndex("audit_log_subject_idx").execute();
}
