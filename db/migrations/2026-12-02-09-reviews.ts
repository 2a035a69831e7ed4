// Review (審査): per call the aggregation rules, per review stage a panel of reviewers with a deadline,
// assignments of reviewers to proposals, declared conflicts of interest, score sheets (one per
// assignment) with a score per criterion, the sheet's own history, invitations of external reviewers,
// the reminders already sent, and the coordinator's recorded tie-break choices.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The lowest score a criterion allows (0–5 or 1–5); max_points already holds the highest.
  await db.schema.alterTable("call_criteria").addColumn("min_points", "integer", (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable("review_rules")
    .addColumn("call_id", "text", (c) => c.primaryKey().references("calls.id").onDelete("cascade"))
    .addColumn("rules", "text", (c) => c.notNull()) // JSON AggregationRules (app/domain/reviews/aggregation.ts)
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("review_stages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull()) // document_review | presentation
    .addColumn("deadline", "text") // ISO UTC; null: none set yet
    .addColumn("late_policy", "text", (c) => c.notNull().defaultTo("refuse")) // refuse | allow (recorded as late)
    .addColumn("show_others", "integer", (c) => c.notNull().defaultTo(0)) // reviewers see the others' scores after submitting
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_stages_call_stage_idx").on("review_stages").columns(["call_id", "stage"]).unique().execute();

  await db.schema
    .createTable("review_panel_members")
    .addColumn("stage_id", "text", (c) => c.notNull().references("review_stages.id").onDelete("cascade"))
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("added_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_panel_members_pk", ["stage_id", "reviewer_id"])
    .execute();
  await db.schema.createIndex("review_panel_members_reviewer_idx").on("review_panel_members").columns(["reviewer_id"]).execute();

  await db.schema
    .createTable("review_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("stage_id", "text", (c) => c.notNull().references("review_stages.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assigned_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_assignments_unique_idx").on("review_assignments").columns(["stage_id", "proposal_id", "reviewer_id"]).unique().execute();
  await db.schema.createIndex("review_assignments_reviewer_idx").on("review_assignments").columns(["reviewer_id", "stage_id"]).execute();
  await db.schema.createIndex("review_assignments_proposal_idx").on("review_assignments").columns(["proposal_id"]).execute();

  await db.schema
    .createTable("review_conflicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.references("proposals.id").onDelete("cascade")) // one proposal, or
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("cascade")) // every proposal of a group
    .addColumn("kind", "text", (c) => c.notNull()) // member | relative | business | other
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("declared_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("declared_side", "text", (c) => c.notNull()) // reviewer | coordinator
    .addColumn("declared_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_conflicts_reviewer_idx").on("review_conflicts").columns(["reviewer_id"]).execute();

  await db.schema
    .createTable("score_sheets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assignment_id", "text", (c) => c.notNull().unique().references("review_assignments.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull()) // draft | submitted
    .addColumn("comment_for_applicant", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("private_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("submitted_late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("excluded_at", "text") // a conflict declared after scoring: kept, left out of the aggregate
    .addColumn("excluded_reason", "text")
    .execute();

  await db.schema
    .createTable("scores")
    .addColumn("sheet_id", "text", (c) => c.notNull().references("score_sheets.id").onDelete("cascade"))
    .addColumn("criterion_id", "text", (c) => c.notNull().references("call_criteria.id").onDelete("cascade"))
    .addColumn("points", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("scores_pk", ["sheet_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("score_sheet_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sheet_id", "text", (c) => c.notNull().references("score_sheets.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull()) // submit | submit_late | late_refused | reopen | exclude
    .addColumn("reason", "text")
    .execute();
  await db.schema.createIndex("score_sheet_events_sheet_idx").on("score_sheet_events").columns(["sheet_id", "at"]).execute();

  await db.schema
    .createTable("reviewer_invites")
    .addColumn("token_hash", "text", (c) => c.primaryKey()) // SHA-256 (hex) of the mailed token
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("affiliation", "text") // 学識経験者, 市民委員 …
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("review_reminders")
    .addColumn("stage_id", "text", (c) => c.notNull().references("review_stages.id").onDelete("cascade"))
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // days_3 (to a reviewer) | all_in (to a coordinator, whose id is in reviewer_id)
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_reminders_pk", ["stage_id", "reviewer_id", "kind"])
    .execute();

  await db.schema
    .createTable("review_tie_breaks")
    .addColumn("stage_id", "text", (c) => c.notNull().references("review_stages.id").onDelete("cascade"))
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull()) // order among the tied, 0 first
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("review_tie_breaks_pk", ["stage_id", "proposal_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "review_tie_breaks",
    "review_reminders",
    "reviewer_invites",
    "score_sheet_events",
    "scores",
    "score_sheets",
    "review_conflicts",
    "review_assignments",
    "review_panel_members",
    "review_stages",
    "review_rules",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("call_criteria").dropColumn("min_points").execute();
}
