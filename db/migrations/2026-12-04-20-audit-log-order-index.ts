// The audit log read by cursor (/admin/audit?before=…, ?after=…, ?until=…): one total order, newest first
// (created_at desc, id desc), each page read from where the previous one ended instead of counted past
// with OFFSET. The index on (created_at, id) gives that order read backwards, and the older or newer
// side of an entry as a range of it; it replaces the index on created_at alone, which it begins with.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_created_id_idx").on("audit_log").columns(["created_at", "id"]).execute();
  await db.schema.dropIndex("audit_log_created_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").column("created_at").execute();
  await db.schema.dropIndex("audit_log_created_id_idx").execute();
}
