// Matching sheets (マッチングシート): a department's challenge, its fields / areas / collaboration forms,
// public questions and answers, and groups' interest. Also each department's 協働推進員.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("departments")
    .addColumn("promoter_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("matching_sheets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("background", "text", (c) => c.notNull()) // 現状と課題
    .addColumn("outcomes", "text", (c) => c.notNull()) // 期待する成果
    .addColumn("offer_people", "text", (c) => c.notNull()) // what the city can offer: people …
    .addColumn("offer_places", "text", (c) => c.notNull()) // … places
    .addColumn("offer_money", "text", (c) => c.notNull()) // … money
    .addColumn("offer_information", "text", (c) => c.notNull()) // … information
    .addColumn("budget_scale", "text") // a BUDGET_SCALES code
    .addColumn("fiscal_year", "integer")
    .addColumn("period", "text") // as the department writes it: 「令和9年4月～令和10年3月」
    .addColumn("apply_until", "text") // YYYY-MM-DD, the last day groups may come forward
    .addColumn("priority", "text", (c) => c.notNull()) // a SHEET_PRIORITIES code
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // draft | published | closed | archived
    .addColumn("search_text", "text", (c) => c.notNull()) // folded title and texts, for LIKE search
    .addColumn("published_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("matching_sheets_status_idx").on("matching_sheets").columns(["status", "updated_at"]).execute();
  await db.schema.createIndex("matching_sheets_department_idx").on("matching_sheets").column("department_id").execute();
  // The in-process search lists and matching indexes ask "has anything changed?" on every request
  // (count and latest updated_at): these indexes answer that without reading the rows.
  await db.schema.createIndex("matching_sheets_updated_idx").on("matching_sheets").column("updated_at").execute();
  await db.schema.createIndex("groups_updated_idx").on("groups").column("updated_at").execute();
  // "Which approved groups is this user in?" is asked on every sheet page a member opens.
  await db.schema.createIndex("group_members_user_idx").on("group_members").column("user_id").execute();

  // One row per code, so filters are portable EXISTS queries on an index.
  for (const [table, column] of [
    ["sheet_fields", "field"],
    ["sheet_areas", "area"],
    ["sheet_forms", "form"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("sheet_id", "text", (c) => c.notNull().references("matching_sheets.id").onDelete("cascade"))
      .addColumn(column, "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["sheet_id", column])
      .execute();
    await db.schema.createIndex(`${table}_${column}_idx`).on(table).columns([column, "sheet_id"]).execute();
  }

  await db.schema
    .createTable("sheet_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sheet_id", "text", (c) => c.notNull().references("matching_sheets.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("asked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answered_at", "text")
    .execute();
  await db.schema.createIndex("sheet_questions_sheet_idx").on("sheet_questions").columns(["sheet_id", "asked_at"]).execute();

  await db.schema
    .createTable("sheet_interests")
    .addColumn("sheet_id", "text", (c) => c.notNull().references("matching_sheets.id").onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull()) // interested (関心あり) | consult (相談したい)
    .addColumn("marked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sheet_interests_pk", ["sheet_id", "group_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["sheet_interests", "sheet_questions", "sheet_forms", "sheet_areas", "sheet_fields", "matching_sheets"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("group_members_user_idx").execute();
  await db.schema.dropIndex("groups_updated_idx").execute();
  await db.schema.alterTable("departments").dropColumn("promoter_user_id").execute();
}
