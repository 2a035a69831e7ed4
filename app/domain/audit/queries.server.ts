import type { DB } from "../../../db/index";
import { auditActionLabel, AUDIT_SUBJECT_LABELS, describeAuditDetail, detailReferences, type DetailLine } from "./labels";

export const AUDIT_PAGE_SIZE = 100;

export interface AuditEntryView {
  id: string;
  createdAt: string;
  actor: string;
  action: string;
  subject: string;
  detail: DetailLine[];
}

/**
 * One page of the audit log, newest first, in the city's words: who (name and address), the
 * operation's name, the subject's kind and name, the detail as 「項目: 値」 lines. Names are looked up
 * in one query per kind of record on the page.
 */
export async function listAuditEntries(db: DB, { page = 1 }: { page?: number } = {}): Promise<{ entries: AuditEntryView[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.detail",
      "audit_log.created_at",
      "audit_log.actor_deleted_at",
      "users.email as actor_email",
      "users.display_name as actor_name",
    ])
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const hasNext = rows.length > AUDIT_PAGE_SIZE;
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);

  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string | null) => {
    if (id) wanted.set(type, (wanted.get(type) ?? new Set()).add(id));
  };
  for (const row of shown) {
    want(row.subject_type, row.subject_id);
    for (const ref of detailReferences(row.detail)) want(ref.type, ref.id);
  }
  const names = await namesOf(db, wanted);

  return {
    hasNext,
    entries: shown.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      actor: actorOf(row),
      action: auditActionLabel(row.action),
      subject: [AUDIT_SUBJECT_LABELS[row.subject_type] ?? row.subject_type, row.subject_id ? (names.get(row.subject_id) ?? "（削除済み）") : ""]
        .filter(Boolean)
        .join(": "),
      detail: describeAuditDetail(row.detail, names),
    })),
  };
}

/**
 * Who acted: the account by name and address; 「（削除されたアカウント）」 when the account was deleted
 * since (its id is emptied then); 「（システム）」 only for what the server did by itself.
 */
function actorOf(row: { actor_email: string | null; actor_name: string | null; actor_deleted_at: string | null }): string {
  if (row.actor_email) return `${row.actor_name}（${row.actor_email}）`;
  return row.actor_deleted_at ? DELETED_ACCOUNT : SYSTEM;
}

const SYSTEM = "（システム）";
const DELETED_ACCOUNT = "（削除されたアカウント）";

/** id → a readable name, for the ids of each kind of record. */
async function namesOf(db: DB, wanted: Map<string, Set<string>>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = (type: string) => [...(wanted.get(type) ?? [])];
  const lookups: Array<Promise<void>> = [];
  const add = (type: string, run: (list: string[]) => Promise<Array<{ id: string; name: string }>>) => {
    const list = ids(type);
    if (list.length > 0) lookups.push(run(list).then((rows) => rows.forEach((r) => names.set(r.id, r.name))));
  };
  add("user", (list) =>
    db.selectFrom("users").where("id", "in", list).select(["id", "display_name", "email"]).execute()
      .then((rows) => rows.map((r) => ({ id: r.id, name: `${r.display_name}（${r.email}）` }))),
  );
  add("department", (list) => db.selectFrom("departments").where("id", "in", list).select(["id", "name"]).execute());
  add("group", (list) => db.selectFrom("groups").where("id", "in", list).select(["id", "name"]).execute());
  add("matching_sheet", (list) => db.selectFrom("matching_sheets").where("id", "in", list).select(["id", "title as name"]).execute());
  add("call", (list) => db.selectFrom("calls").where("id", "in", list).select(["id", "title as name"]).execute());
  add("proposal", (list) => db.selectFrom("proposals").where("id", "in", list).select(["id", "title as name"]).execute());
  add("project", (list) => db.selectFrom("projects").where("id", "in", list).select(["id", "title as name"]).execute());
  add("plan", (list) => db.selectFrom("plans").where("id", "in", list).select(["id", "title as name"]).execute());
  add("measure", (list) =>
    db.selectFrom("measures").where("id", "in", list).select(["id", "code", "title"]).execute()
      .then((rows) => rows.map((r) => ({ id: r.id, name: `${r.code} ${r.title}` }))),
  );
  await Promise.all(lookups);
  return names;
}
