import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit log; call it inside the transaction that makes the change. */
export async function recordAudit(db: DB, record: AuditRecord): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      actor_user_id: record.actorId,
      action: record.action,
      subject_type: record.subjectType,
      subject_id: record.subjectId,
      detail: JSON.stringify(record.detail ?? {}),
      created_at: now(),
    })
    .execute();
}
