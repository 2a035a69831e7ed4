// An audit entry whose actor's account was deleted says so (`actor_deleted_at`), instead of reading as
// the system's once the foreign key has emptied its actor; and the entries of an actor are found by an
// index — the hourly clean-up marks them, and deleting an account empties them (ON DELETE SET NULL).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("actor_deleted_at", "text").execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").column("actor_user_id").execute();
  // Entries already emptied by the clean-up (user.delete_unconfirmed): the only entries on an account
  // with no actor are the system's, and the deletion is the system's one act on such an account, so
  // every other entry on it without an actor was the account's own.
  await sql`
    update audit_log set actor_deleted_at = (
      select max(d.created_at) from audit_log d
      where d.action = 'user.delete_unconfirmed' and d.subject_type = 'user' and d.subject_id = audit_log.subject_id
    )
    where actor_user_id is null and subject_type = 'user' and action <> 'user.delete_unconfirmed'
      and subject_id in (select subject_id from audit_log where action = 'user.delete_unconfirmed' and subject_type = 'user')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_actor_idx").execute();
  await db.schema.alterTable("audit_log").dropColumn("actor_deleted_at").execute();
}
