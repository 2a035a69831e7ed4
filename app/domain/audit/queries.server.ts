import type { DB } from "../../../db/index";
import { tokyoDayEndIso } from "../calendar/tokyo-time";
import { auditActorName } from "./actor";
import { auditActionLabel, AUDIT_SUBJECT_LABELS, describeAuditDetail, detailReferences, readAuditDetail, type DetailLine } from "./labels";
import type { AuditLogPosition } from "./schema";

export const AUDIT_PAGE_SIZE = 100;

export interface AuditEntryView {
  id: string;
  createdAt: string;
  actor: string;
  action: string;
  subject: string;
  detail: DetailLine[];
}

export interface AuditLogPage {
  entries: AuditEntryView[];
  /** Whether there are entries older than the page's last (「古い記録」) and newer than its first (「新しい記録」). */
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * One page of the audit log, newest first, in the city's words: who (name and address), the
 * operation's name, the subject's kind and name, the detail as 「項目: 値」 lines. Names are looked up
 * in one query per kind of record on the page.
 *
 * The log is in one total order, newest first (created_at desc, id desc: entries of the same moment
 * by id), and a page starts where another ended (`position`), not at a count of entries: entries
 * written meanwhile land above the newest page and never shift the older ones between pages. Each
 * page is a range of the index on (created_at, id) (migration `2026-12-04-20-audit-log-order-index`),
 * as deep in ten years of log as at its top. Undefined when the position's entry does not exist.
 */
export async function listAuditEntries(db: DB, position: AuditLogPosition = { kind: "newest" }): Promise<AuditLogPage | undefined> {
  const range = await rangeOf(db, position);
  if (!range) return undefined;
  let query = db
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
    // Read away from the position: downwards for older entries, upwards (then turned) for newer ones.
    .orderBy("audit_log.created_at", range.read)
    .orderBy("audit_log.id", range.read)
    .limit(AUDIT_PAGE_SIZE + 1);
  const { older, newer, endsBefore } = range;
  // A row comparison, which both engines take as a range of the index (docs/decisions/0015).
  if (older) query = query.where((eb) => eb(eb.refTuple("audit_log.created_at", "audit_log.id"), "<", eb.tuple(older.createdAt, older.id)));
  if (newer) query = query.where((eb) => eb(eb.refTuple("audit_log.created_at", "audit_log.id"), ">", eb.tuple(newer.createdAt, newer.id)));
  if (endsBefore) query = query.where("audit_log.created_at", "<", endsBefore);
  const rows = await query.execute();
  const more = rows.length > AUDIT_PAGE_SIZE;
  const shown = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, detail: readAuditDetail(row.detail) }));
  // Upwards, the entry `newer` itself is older than the page, and one read beyond it is newer; downwards,
  // the reverse: the entry `older` is newer, and a day's page asks whether anything came after.
  if (range.read === "asc") shown.reverse();
  const hasOlder = range.read === "asc" || more;
  const hasNewer = range.read === "asc" ? more : older !== undefined || (endsBefore !== undefined && (await hasEntryNewerThan(db, shown[0], endsBefore)));

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
    hasOlder,
    hasNewer,
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
 * since, 「（システム）」 only for what the server did by itself (`auditActorName`, as every history says it).
 */
function actorOf(row: { actor_email: string | null; actor_name: string | null; actor_deleted_at: string | null }): string {
  return row.actor_email ? `${row.actor_name}（${row.actor_email}）` : `（${auditActorName(row)}）`;
}

interface EntryKey {
  createdAt: string;
  id: string;
}

/** What a page reads: entries older than `older`, newer than `newer` or written before `endsBefore`, in order `read`. */
interface PageRange {
  read: "asc" | "desc";
  older?: EntryKey;
  newer?: EntryKey;
  endsBefore?: string;
}

/** The range of the log a position names; undefined for a cursor that is no entry's id (or a day that does not exist). */
async function rangeOf(db: DB, position: AuditLogPosition): Promise<PageRange | undefined> {
  switch (position.kind) {
    case "newest":
      return { read: "desc" };
    case "until": {
      const endsBefore = tokyoDayEndIso(position.day);
      return endsBefore === null ? undefined : { read: "desc", endsBefore };
    }
    case "before":
    case "after": {
      const entry = await db.selectFrom("audit_log").where("id", "=", position.entryId).select(["id", "created_at as createdAt"]).executeTakeFirst();
      if (!entry) return undefined;
      return position.kind === "before" ? { read: "desc", older: entry } : { read: "asc", newer: entry };
    }
  }
}

/**
 * Whether the log has an entry newer than `entry` (the first of a page found by date), or from `instant`
 * on when that page is empty. Asked in the index's order: unordered, PostgreSQL may plan a scan of the table for it.
 */
async function hasEntryNewerThan(db: DB, entry: { id: string; created_at: string } | undefined, instant: string): Promise<boolean> {
  let query = db.selectFrom("audit_log").select("audit_log.id").orderBy("audit_log.created_at").orderBy("audit_log.id").limit(1);
  if (entry) query = query.where((eb) => eb(eb.refTuple("audit_log.created_at", "audit_log.id"), ">", eb.tuple(entry.created_at, entry.id)));
  else query = query.where("audit_log.created_at", ">=", instant);
  return (await query.executeTakeFirst()) !== undefined;
}

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
