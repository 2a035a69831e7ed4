// Self sign-ups whose address was never confirmed are deleted a week on, once no link of theirs is live, so an
// address typed by mistake (or registered by someone else) is not held by a dead account for ever.
// Run hourly by app/http/primary.ts. Deleted only when nothing but the account's own rows names it.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { locksRows, type DB } from "../../../db/index";
import type { Database } from "../../../db/schema";
import { now } from "../../../db/values";
import { recordAudit } from "../audit/commands.server";

/** How long after its sign-up an unconfirmed account is kept (and its links expired) before it is deleted. */
export const ABANDONED_SIGN_UP_DAYS = 7;

/** At most this many a run, so one run never holds SQLite's one writer long; the next run takes the rest. */
const PER_RUN = 200;

type Reference = readonly [table: string, column: string];

/**
 * Rows that are the account's own and go with it (ON DELETE CASCADE): its sign-ins, links, second
 * factor and notifications, and its role rows — of which it may hold only group_member (below).
 */
export const OWN_ROWS: readonly Reference[] = [
  ["user_roles", "user_id"],
  ["sessions", "user_id"],
  ["pending_sign_ins", "user_id"],
  ["password_resets", "user_id"],
  ["email_confirmations", "user_id"],
  ["second_factors", "user_id"],
  ["recovery_codes", "user_id"],
  ["notifications", "user_id"],
];

/**
 * History that stays: the account's own audit entries (its creation) lose their actor (ON DELETE SET
 * NULL), marked first with when their actor was deleted (`actor_deleted_at`), so the audit log shows a
 * deleted account there and not the system.
 */
export const KEPT_HISTORY: readonly Reference[] = [["audit_log", "actor_user_id"]];

/**
 * Any row here naming the account keeps it: it has taken part in something (a group, a sheet, a
 * proposal, a review…), or someone has acted on it. Every column that references users and is neither
 * the account's own nor kept history is here; a test holds this list to the schema's foreign keys.
 * `groups.reviewed_by` has no foreign key but names an account all the same.
 */
export const KEEPING_REFERENCES: readonly Reference[] = [
  ["user_roles", "granted_by"],
  ["departments", "promoter_user_id"],
  ["groups", "reviewed_by"],
  ["group_members", "user_id"],
  ["group_changes", "changed_by"],
  ["group_invites", "invited_by"],
  ["group_invites", "accepted_by"],
  ["matching_sheets", "created_by"],
  ["sheet_questions", "asked_by"],
  ["sheet_questions", "answered_by"],
  ["sheet_interests", "marked_by"],
  ["calls", "created_by"],
  ["proposals", "created_by"],
  ["proposals", "saved_by"],
  ["proposal_versions", "submitted_by"],
  ["proposal_transitions", "actor_id"],
  ["proposal_attachments", "uploaded_by"],
  ["proposal_messages", "author_id"],
  ["progress_entries", "created_by"],
  ["measure_status_changes", "changed_by"],
  ["measure_links", "linked_by"],
  ["review_rules", "updated_by"],
  ["review_panel_members", "reviewer_id"],
  ["review_panel_members", "added_by"],
  ["review_assignments", "reviewer_id"],
  ["review_assignments", "assigned_by"],
  ["review_conflicts", "reviewer_id"],
  ["review_conflicts", "declared_by"],
  ["score_sheet_events", "actor_id"],
  ["reviewer_invites", "invited_by"],
  ["reviewer_invites", "accepted_by"],
  ["review_reminders", "reviewer_id"],
  ["review_tie_breaks", "decided_by"],
  ["decisions", "prepared_by"],
  ["award_publications", "published_by"],
  ["decision_conditions", "answered_by"],
  ["decision_conditions", "resolved_by"],
  ["projects", "group_confirmed_by"],
  ["projects", "city_confirmed_by"],
  ["project_reports", "saved_by"],
  ["project_reports", "submitted_by"],
  ["project_reports", "decided_by"],
  ["project_evaluations", "submitted_by"],
];

/**
 * An abandoned sign-up at `at`: unconfirmed; made by self sign-up (`users.source`, set when it was made —
 * with or without a link: a sign-up that failed half-way when the account and its link were two writes
 * left none; the demo's unconfirmed account, made otherwise, stays even once it asks for a link); signed
 * up more than ABANDONED_SIGN_UP_DAYS ago; no link of it still live (unused and unexpired, a reset link
 * too: the owner of the address may be taking the account over); no role but group_member; named by
 * nothing in KEEPING_REFERENCES.
 */
function abandonedAt(at: Date) {
  const cutoff = new Date(at.getTime() - ABANDONED_SIGN_UP_DAYS * 86_400_000).toISOString();
  return (eb: ExpressionBuilder<Database, "users">): Expression<SqlBool> => {
    const liveLink = (table: "email_confirmations" | "password_resets") =>
      eb.exists(
        eb
          .selectFrom(table)
          .whereRef(`${table}.user_id`, "=", "users.id")
          .where(`${table}.used_at`, "is", null)
          .where(`${table}.expires_at`, ">", at.toISOString())
          .select(`${table}.user_id`),
      );
    return eb.and([
      eb("users.email_confirmed_at", "is", null),
      eb("users.created_at", "<", cutoff),
      eb("users.source", "=", "signup"),
      eb.not(liveLink("email_confirmations")),
      eb.not(liveLink("password_resets")),
      eb.not(
        eb.exists(
          eb.selectFrom("user_roles").whereRef("user_roles.user_id", "=", "users.id").where("user_roles.role", "!=", "group_member").select("user_roles.user_id"),
        ),
      ),
      ...KEEPING_REFERENCES.map(([table, column]) =>
        eb.not(eb.exists(sql`(select 1 from ${sql.table(table)} where ${sql.ref(`${table}.${column}`)} = ${sql.ref("users.id")})`)),
      ),
    ]);
  };
}

/** Thrown to roll back a deletion whose conditions no longer hold. */
const KEPT = Symbol("kept");

/**
 * Deletes the abandoned sign-ups (their own rows go with them) and records each in the audit log as
 * the system's action, with the address and when it signed up. Returns how many were deleted.
 */
export async function deleteAbandonedSignUps(db: DB, at: Date): Promise<number> {
  const abandoned = abandonedAt(at);
  const candidates = await db
    .selectFrom("users")
    .where(abandoned)
    .select(["id", "email", "created_at"])
    .orderBy("created_at")
    .limit(PER_RUN)
    .execute();
  let deleted = 0;
  for (const user of candidates) {
    await db.transaction().execute(async (trx) => {
      // The account's row first, as a link's foreign key locks it: a link being written now (a re-send
      // at this moment) is committed before the conditions below are read, and one written after waits
      // for this transaction and then finds the account gone, before anything is mailed. Reading the
      // conditions in the statement that takes the lock would not do: on PostgreSQL it waits for the
      // lock, but reads the other tables as they were when it began.
      const locked = await trx.selectFrom("users").where("id", "=", user.id).select("id").$if(locksRows(trx), (q) => q.forUpdate()).executeTakeFirst();
      if (!locked) throw KEPT;
      // Its audit entries say first that their actor was deleted: the delete empties their actor.
      await trx.updateTable("audit_log").set({ actor_deleted_at: now() }).where("actor_user_id", "=", user.id).execute();
      // The conditions again in the statement that deletes: the account may have been confirmed, sent a
      // new link or named by something since it was read. Then it stays, and its entries as they were.
      const result = await trx.deleteFrom("users").where("users.id", "=", user.id).where(abandoned).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw KEPT;
      await recordAudit(trx, {
        actorId: null,
        action: "user.delete_unconfirmed",
        subjectType: "user",
        subjectId: user.id,
        detail: { email: user.email, signedUpAt: user.created_at },
      });
      deleted += 1;
    }).catch((error: unknown) => {
      if (error !== KEPT) throw error;
    });
  }
  return deleted;
}
