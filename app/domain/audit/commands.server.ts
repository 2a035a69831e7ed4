import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import { bumpContentVersion } from "./content-version.server";

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends to the audit log; call it inside the transaction that makes the change. It also bumps the
 * content version in that transaction: every audited write may change a public page, and the shared
 * cache of public pages (app/http/page-cache.ts) is keyed by that version.
 */
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
  await bumpContentVersion(db);
}
