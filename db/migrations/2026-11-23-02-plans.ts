// The city's plans: a tree of measures, their departments, progress entries, status history, and
// links from portal records (matching sheets, calls, proposals, later awarded projects) to measures.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("city", "text")
    .addColumn("first_fiscal_year", "integer")
    .addColumn("last_fiscal_year", "integer")
    .addColumn("level_names", "text", (c) => c.notNull()) // JSON array
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("issued", "text")
    .addColumn("tier_summary", "text") // JSON, the tier header as printed (tier-table layout)
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // parent_id and relist_of_measure_id carry no foreign key: the import writes a whole tree in batches
  // whose order need not put every target first, and it keeps both consistent itself.
  await db.schema
    .createTable("measures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("page_ref", "text")
    .addColumn("description", "text")
    .addColumn("purpose", "text")
    .addColumn("current_issues", "text")
    .addColumn("content", "text")
    .addColumn("completion_criteria", "text")
    .addColumn("tier", "text")
    .addColumn("status", "text")
    .addColumn("next_term_proposal", "text")
    .addColumn("next_term_reason", "text")
    .addColumn("relist_of_measure_id", "text")
    .addColumn("target_actors", "text", (c) => c.notNull()) // JSON array
    .addColumn("implementers", "text", (c) => c.notNull()) // JSON array
    .addColumn("labels", "text", (c) => c.notNull()) // JSON array
    .addColumn("schedule", "text", (c) => c.notNull()) // JSON [{fiscalYear, label}]
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("measures_plan_code_unique", ["plan_id", "code"])
    .execute();
  await db.schema.createIndex("measures_parent_idx").on("measures").column("parent_id").execute();

  // Names as printed, not department ids: the documents name departments that no longer exist.
  await db.schema
    .createTable("measure_departments")
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("department_name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("measure_departments_pk", ["measure_id", "position"])
    .execute();
  await db.schema.createIndex("measure_departments_name_idx").on("measure_departments").column("department_name").execute();

  await db.schema
    .createTable("progress_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("fiscal_year_from", "integer")
    .addColumn("fiscal_year_to", "integer")
    .addColumn("fiscal_year_label", "text")
    .addColumn("departments", "text", (c) => c.notNull()) // JSON array of names as printed
    .addColumn("source", "text", (c) => c.notNull()) // imported | staff | project
    .addColumn("source_id", "text") // the project (or other record) the entry is evidence from
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("progress_entries_measure_idx").on("progress_entries").columns(["measure_id", "position"]).execute();

  await db.schema
    .createTable("measure_status_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("changed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measure_status_changes_measure_idx").on("measure_status_changes").columns(["measure_id", "changed_at"]).execute();

  // subject_id is polymorphic (matching sheets, calls, proposals, projects), so it has no foreign key;
  // an awarded project links with subject_type 'project' without a schema change.
  await db.schema
    .createTable("measure_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("measure_id", "text", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer")
    .addColumn("department_name", "text")
    .addColumn("linked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addUniqueConstraint("measure_links_subject_unique", ["measure_id", "subject_type", "subject_id"])
    .execute();
  await db.schema.createIndex("measure_links_subject_idx").on("measure_links").columns(["subject_type", "subject_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["measure_links", "measure_status_changes", "progress_entries", "measure_departments", "measures", "plans"]) {
    await db.schema.dropTable(table).execute();
  }
}
