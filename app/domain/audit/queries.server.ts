import type { DB } from "../../../db/index";

export async function listAuditEntries(db: DB, { limit = 200 }: { limit?: number } = {}) {
  return db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.detail",
      "audit_log.created_at",
      "users.email as actor_email",
    ])
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id")
    .limit(limit)
    .execute();
}
