// Proposals (提案書): a group's proposal to a call, the draft it edits, every submitted version (frozen),
// the timeline of its transitions, its attachments, the consultation (事前相談) with the related
// departments, and the deadline reminders already sent. Numbered after 07 so databases that ran 07 apply it.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
    .addColumn("type", "text", (c) => c.notNull()) // government | citizen (the call's type)
    .addColumn("sheet_id", "text", (c) => c.references("matching_sheets.id")) // the theme of a government proposal
    .addColumn("status", "text", (c) => c.notNull()) // lifecycle.ts PROPOSAL_STATUSES
    .addColumn("title", "text", (c) => c.notNull()) // the draft's title, for lists
    .addColumn("draft", "text", (c) => c.notNull()) // JSON ProposalContent being edited (draft / returned)
    .addColumn("revision", "integer", (c) => c.notNull()) // +1 per save: a save over a newer one is refused
    .addColumn("saved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull()) // last submitted version, 0 before the first
    .addColumn("receipt_number", "text", (c) => c.unique())
    .addColumn("receipt_fiscal_year", "integer")
    .addColumn("receipt_sequence", "integer")
    .addColumn("first_submitted_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("consultation_opened_at", "text") // from then on the related departments see the draft
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposals_group_idx").on("proposals").columns(["group_id", "updated_at"]).execute();
  await db.schema.createIndex("proposals_call_idx").on("proposals").columns(["call_id", "status"]).execute();
  await db.schema
    .createIndex("proposals_receipt_sequence_idx")
    .on("proposals")
    .columns(["receipt_fiscal_year", "type", "receipt_sequence"])
    .unique()
    .execute();

  await db.schema
    .createTable("proposal_departments")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addPrimaryKeyConstraint("proposal_departments_pk", ["proposal_id", "department_id"])
    .execute();
  await db.schema.createIndex("proposal_departments_department_idx").on("proposal_departments").columns(["department_id", "proposal_id"]).execute();

  await db.schema
    .createTable("proposal_versions")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull()) // JSON ProposalContent, never updated
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("proposal_versions_pk", ["proposal_id", "version"])
    .execute();

  await db.schema
    .createTable("proposal_transitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_role", "text", (c) => c.notNull()) // group | coordinator | department
    .addColumn("actor_organization", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("proposal_transitions_proposal_idx").on("proposal_transitions").columns(["proposal_id", "at"]).execute();

  await db.schema
    .createTable("proposal_attachments")
    .addColumn("id", "text", (c) => c.primaryKey()) // the stored file's id
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull()) // which required attachment, or その他
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposal_attachments_proposal_idx").on("proposal_attachments").columns(["proposal_id", "uploaded_at"]).execute();

  await db.schema
    .createTable("proposal_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_side", "text", (c) => c.notNull()) // group | department | coordinator
    .addColumn("author_organization", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("proposal_messages_proposal_idx").on("proposal_messages").columns(["proposal_id", "created_at"]).execute();

  await db.schema
    .createTable("proposal_reminders")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // days_7 | days_1
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("proposal_reminders_pk", ["proposal_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["proposal_reminders", "proposal_messages", "proposal_attachments", "proposal_transitions", "proposal_versions", "proposal_departments", "proposals"]) {
    await db.schema.dropTable(table).execute();
  }
}
