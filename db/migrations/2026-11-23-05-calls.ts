// Calls for proposals (募集): the coordinator's call with its rules, the matching sheets a government
// call is about, and the review criteria (the rubric). Proposals come in a later migration.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("calls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull()) // government (行政提案型) | citizen (市民提案型)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("min_members", "integer")
    .addColumn("min_years_active", "integer")
    .addColumn("opens_at", "text", (c) => c.notNull()) // ISO UTC
    .addColumn("closes_at", "text", (c) => c.notNull()) // ISO UTC
    .addColumn("grace_minutes", "integer", (c) => c.notNull())
    .addColumn("budget_cap_per_proposal", "integer", (c) => c.notNull()) // yen
    .addColumn("budget_cap_total", "integer", (c) => c.notNull()) // yen
    .addColumn("city_share_by_year", "text", (c) => c.notNull()) // JSON number[]: [90, 80, 70]
    .addColumn("required_attachments", "text", (c) => c.notNull()) // JSON string[]
    .addColumn("stages", "text", (c) => c.notNull()) // JSON string[] of formal_check | document_review | presentation
    .addColumn("status", "text", (c) => c.notNull()) // draft | published; open / closed come from the dates
    .addColumn("first_submitted_at", "text") // set by the first proposal submitted; freezes rubric and rules
    .addColumn("published_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("calls_status_idx").on("calls").columns(["status", "opens_at"]).execute();

  await db.schema
    .createTable("call_sheets")
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("sheet_id", "text", (c) => c.notNull().references("matching_sheets.id"))
    .addPrimaryKeyConstraint("call_sheets_pk", ["call_id", "sheet_id"])
    .execute();
  await db.schema.createIndex("call_sheets_sheet_idx").on("call_sheets").columns(["sheet_id", "call_id"]).execute();

  await db.schema
    .createTable("call_criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("max_points", "integer", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("call_criteria_call_idx").on("call_criteria").columns(["call_id", "position"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["call_criteria", "call_sheets", "calls"]) await db.schema.dropTable(table).execute();
}
