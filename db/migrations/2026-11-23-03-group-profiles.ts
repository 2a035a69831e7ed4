// Group profiles (団体): the profile columns on `groups`, fields and areas as join tables (portable,
// indexable filters), the track record, the change history and member invitations.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite takes one ADD COLUMN per statement, and NOT NULL only with a default.
  const columns: [string, "text" | "integer", string | null][] = [
    ["legal_form", "text", null],
    ["actor_type", "text", null],
    ["founded_year", "integer", null],
    ["founded_month", "integer", null],
    ["member_count", "integer", null],
    ["representative_name", "text", null],
    ["email", "text", null],
    ["email_visibility", "text", "staff"],
    ["phone", "text", null],
    ["phone_visibility", "text", "staff"],
    ["address", "text", null],
    ["address_visibility", "text", "staff"],
    ["website", "text", null],
    ["website_visibility", "text", "public"],
    ["mission", "text", null],
    ["wishes", "text", null],
    ["past_collaboration", "text", null],
    ["status_reason", "text", null],
    ["reviewed_by", "text", null],
    ["reviewed_at", "text", null],
    ["search_text", "text", ""],
  ];
  for (const [name, type, defaultValue] of columns) {
    await db.schema
      .alterTable("groups")
      .addColumn(name, type, (c) => (defaultValue === null ? c : c.notNull().defaultTo(defaultValue)))
      .execute();
  }
  await db.schema.createIndex("groups_status_kana_idx").on("groups").columns(["status", "name_kana"]).execute();

  await db.schema
    .createTable("group_fields")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("field", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_fields_pk", ["group_id", "field"])
    .execute();
  await db.schema.createIndex("group_fields_field_idx").on("group_fields").columns(["field", "group_id"]).execute();

  await db.schema
    .createTable("group_areas")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("area", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_areas_pk", ["group_id", "area"])
    .execute();
  await db.schema.createIndex("group_areas_area_idx").on("group_areas").columns(["area", "group_id"]).execute();

  await db.schema
    .createTable("group_activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("fiscal_year", "integer")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("group_activities_group_idx").on("group_activities").column("group_id").execute();

  await db.schema
    .createTable("group_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("changed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull()) // JSON string[]
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("group_changes_group_idx").on("group_changes").columns(["group_id", "changed_at"]).execute();

  await db.schema
    .createTable("group_invites")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("group_invites_group_idx").on("group_invites").column("group_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["group_invites", "group_changes", "group_activities", "group_areas", "group_fields"]) {
    await db.schema.dropTable(table).execute();
  }
}
