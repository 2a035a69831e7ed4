// Award and the collaboration project (協働事業): the coordinator's decision per proposal (prepared,
// then published per call at one moment), the conditions of a conditional adoption, the project an
// award creates with its agreement (協定), results reports (実績報告) and evaluations (評価), and the
// link of a renewal proposal (継続) to the project it continues.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("decisions")
    .addColumn("proposal_id", "text", (c) => c.primaryKey().references("proposals.id").onDelete("cascade"))
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("outcome", "text", (c) => c.notNull()) // adopted | conditional | candidate | rejected
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("amounts", "text", (c) => c.notNull()) // JSON number[]: the award in yen by project year (empty when not adopted)
    .addColumn("letter_number", "text", (c) => c.unique()) // 文書番号, given at publication
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("prepared_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("prepared_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text") // null until the call's decisions are published
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("decisions_call_idx").on("decisions").columns(["call_id", "outcome"]).execute();

  await db.schema
    .createTable("award_publications")
    .addColumn("call_id", "text", (c) => c.primaryKey().references("calls.id").onDelete("cascade"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("decision_conditions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // open | answered | confirmed | returned
    .addColumn("answer", "text")
    .addColumn("answer_attachment_id", "text", (c) => c.references("proposal_attachments.id").onDelete("set null"))
    .addColumn("answered_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("answered_at", "text")
    .addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null")) // confirmed or sent back by
    .addColumn("resolved_at", "text")
    .addColumn("return_reason", "text")
    .execute();
  await db.schema.createIndex("decision_conditions_proposal_idx").on("decision_conditions").columns(["proposal_id", "position"]).execute();

  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposal_id", "text", (c) => c.notNull().unique().references("proposals.id").onDelete("cascade"))
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id"))
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull()) // the 年度 the project runs in
    .addColumn("project_year", "integer", (c) => c.notNull()) // k of n (1 for a first award)
    .addColumn("total_years", "integer", (c) => c.notNull()) // n
    .addColumn("amounts", "text", (c) => c.notNull()) // JSON number[], copied from the decision
    .addColumn("renewal_of_project_id", "text", (c) => c.references("projects.id").onDelete("set null"))
    .addColumn("agreement_number", "text", (c) => c.unique())
    .addColumn("group_confirmed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("group_confirmed_at", "text")
    .addColumn("city_confirmed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("city_confirmed_at", "text")
    .addColumn("ended_at", "text") // 辞退 / 取消: the agreement fell through
    .addColumn("ended_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("projects_call_idx").on("projects").columns(["call_id"]).execute();
  await db.schema.createIndex("projects_group_idx").on("projects").columns(["group_id"]).execute();
  await db.schema.createIndex("projects_fiscal_year_idx").on("projects").columns(["fiscal_year"]).execute();

  await db.schema
    .createTable("project_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // interim | final
    .addColumn("due_on", "text", (c) => c.notNull()) // YYYY-MM-DD (Tokyo)
    .addColumn("status", "text", (c) => c.notNull()) // draft | submitted | accepted | returned
    .addColumn("content", "text", (c) => c.notNull()) // JSON: what was done, indicators, spending lines
    .addColumn("summary", "text", (c) => c.notNull().defaultTo("")) // the progress entry's line
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("submitted_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text")
    .addColumn("return_reason", "text")
    .addColumn("reminded_at", "text")
    .execute();
  await db.schema.createIndex("project_reports_kind_idx").on("project_reports").columns(["project_id", "kind"]).unique().execute();

  await db.schema
    .createTable("project_evaluations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("side", "text", (c) => c.notNull()) // group | department | third_party
    .addColumn("items", "text", (c) => c.notNull()) // JSON {item, score 1–5, comment}[]
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_evaluations_side_idx").on("project_evaluations").columns(["project_id", "side"]).unique().execute();

  // A renewal (継続) proposal for year k+1 names the project it continues.
  await db.schema.alterTable("proposals").addColumn("renewal_of_project_id", "text").execute();
  // Whether the call's projects file an interim report (中間報告) besides the final one.
  await db.schema.alterTable("calls").addColumn("interim_report", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("calls").dropColumn("interim_report").execute();
  await db.schema.alterTable("proposals").dropColumn("renewal_of_project_id").execute();
  for (const table of ["project_evaluations", "project_reports", "projects", "decision_conditions", "award_publications", "decisions"]) {
    await db.schema.dropTable(table).execute();
  }
}
