// Who did an audited act, in the words of every page that shows an audit entry's actor (the audit log,
// a project's timeline, the history of an award's conditions), so a deleted account reads the same on each.

/** Acts the server did by itself: no account ever did them. */
export const SYSTEM_ACTOR = "システム";
/** Acts of an account deleted since (an abandoned sign-up): the delete emptied the entry's actor. */
export const DELETED_ACTOR = "削除されたアカウント";

/**
 * The actor's name, read through `audit_log.actor_user_id` (`actor_name`, null when that finds no
 * account); without one, 削除されたアカウント when the entry says its actor was deleted
 * (`audit_log.actor_deleted_at`), and システム only when no account did it.
 */
export function auditActorName(entry: { actor_name: string | null; actor_deleted_at: string | null }): string {
  return entry.actor_name ?? (entry.actor_deleted_at ? DELETED_ACTOR : SYSTEM_ACTOR);
}
