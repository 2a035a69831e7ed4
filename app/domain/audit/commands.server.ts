import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import { bumpContentVersion, PRIVATE_ACTIONS } from "./content-version.server";

export interface AuditRecord {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends to the audit log; call it inside the transaction that makes the change. Unless the operation
 * is a private one (content-version.server.ts), it also bumps the content version in that transaction:
 * the shared cache of public pages (app/http/page-cache.ts) is keyed by that version. A private one
 * leaves it, so a write no visitor sees neither empties every cache nor waits on that row's lock.
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
  if (!PRIVATE_ACTIONS.has(record.action)) await bumpContentVersion(db);
}
