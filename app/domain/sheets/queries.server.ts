// Reading matching sheets: the public list with its filters, one sheet with its codes, its questions,
// who is interested, and a department's own sheets.
import { sql, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "../../../db/index";
import type { Database } from "../../../db/schema";
import { containsPattern, searchWords } from "../search/japanese-text";
import type { SheetFilters } from "./schema";
import { listPage, readInOrder } from "../list-page";

export const SHEETS_PER_PAGE = 20;

/** Today's date in Asia/Tokyo as YYYY-MM-DD: application windows are the city's calendar days. */
export function tokyoToday(at: Date = new Date()): string {
  return at.toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
}

type SheetsQuery = ExpressionBuilder<Database, "matching_sheets">;

const openNow = (eb: SheetsQuery, today: string) =>
  eb.and([eb("matching_sheets.status", "=", "published"), eb.or([eb("apply_until", "is", null), eb("apply_until", ">=", today)])]);

/**
 * The sheets whose stored search text (title, department, texts; folded) holds every word of `q` (all
 * sheets for an empty `q`): the public list's search, also used by the calls' and plans' sheet choosers.
 */
export function sheetTextHas(q: string) {
  return (eb: SheetsQuery) => eb.and(searchWords(q).map((word) => sql<SqlBool>`matching_sheets.search_text like ${containsPattern(word)} escape '\\'`));
}

/** One page of the public list for `filters`, with the total; a page past the end shows the last (`listPage`). */
export async function listPublicSheets(db: DB, filters: SheetFilters, today = tokyoToday()) {
  let query = db
    .selectFrom("matching_sheets")
    .where("matching_sheets.status", filters.open ? "=" : "in", filters.open ? "published" : ["published", "closed"]);
  if (filters.open) query = query.where((eb) => openNow(eb, today));
  if (filters.q) query = query.where(sheetTextHas(filters.q));
  if (filters.department) query = query.where("department_id", "=", filters.department);
  if (filters.field) {
    const field = filters.field;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("sheet_fields").whereRef("sheet_fields.sheet_id", "=", "matching_sheets.id").where("field", "=", field).select("sheet_id")),
    );
  }
  if (filters.form) {
    const form = filters.form;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("sheet_forms").whereRef("sheet_forms.sheet_id", "=", "matching_sheets.id").where("form", "=", form).select("sheet_id")),
    );
  }
  const { n } = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, filters.page, SHEETS_PER_PAGE);
  // The page's ids first, then its rows by those ids (a "deferred join", `readInOrder`): without a word to
  // search, the ids come from the index `matching_sheets_public_list_idx` alone (the order, then
  // apply_until for 「受付中のみ」), so OFFSET skips index entries instead of reading each sheet above the
  // page with its department (the last of 404 pages: 15 ms on both engines).
  const onPage = await query
    .select("matching_sheets.id")
    .orderBy("matching_sheets.status", "desc") // published before closed
    .orderBy("matching_sheets.published_at", "desc")
    .orderBy("matching_sheets.id")
    .limit(limit)
    .offset(offset)
    .execute();
  const ids = onPage.map((r) => r.id);
  const rows = await readInOrder(ids, (ids) =>
    db
      .selectFrom("matching_sheets")
      .innerJoin("departments", "departments.id", "matching_sheets.department_id")
      .where("matching_sheets.id", "in", ids)
      .select([
        "matching_sheets.id",
        "matching_sheets.title",
        "matching_sheets.status",
        "matching_sheets.apply_until",
        "matching_sheets.priority",
        "matching_sheets.budget_scale",
        "matching_sheets.published_at",
        "departments.name as department_name",
      ])
      .execute(),
  );
  const codes = await codesOf(db, rows.map((r) => r.id));
  return {
    total,
    page,
    pageCount,
    sheets: rows.map((row) => ({ ...row, ...codes(row.id), openNow: row.status === "published" && (!row.apply_until || row.apply_until >= today) })),
  };
}

/** Fields, areas and forms of several sheets in three queries. */
async function codesOf(db: DB, sheetIds: string[]) {
  const empty = { fields: [] as string[], areas: [] as string[], forms: [] as string[] };
  if (sheetIds.length === 0) return () => empty;
  const [fields, areas, forms] = await Promise.all([
    db.selectFrom("sheet_fields").where("sheet_id", "in", sheetIds).select(["sheet_id", "field as code"]).orderBy("field").execute(),
    db.selectFrom("sheet_areas").where("sheet_id", "in", sheetIds).select(["sheet_id", "area as code"]).orderBy("area").execute(),
    db.selectFrom("sheet_forms").where("sheet_id", "in", sheetIds).select(["sheet_id", "form as code"]).orderBy("form").execute(),
  ]);
  const group = (rows: { sheet_id: string; code: string }[]) => {
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.sheet_id, [...(map.get(row.sheet_id) ?? []), row.code]);
    return map;
  };
  const [f, a, m] = [group(fields), group(areas), group(forms)];
  return (id: string) => ({ fields: f.get(id) ?? [], areas: a.get(id) ?? [], forms: m.get(id) ?? [] });
}

export async function findSheet(db: DB, id: string) {
  const row = await db
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .leftJoin("users as promoter", "promoter.id", "departments.promoter_user_id")
    .where("matching_sheets.id", "=", id)
    .selectAll("matching_sheets")
    .select(["departments.name as department_name", "promoter.display_name as promoter_name"])
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, ...(await codesOf(db, [id]))(id) };
}

export type SheetDetail = NonNullable<Awaited<ReturnType<typeof findSheet>>>;

/**
 * The questions on a sheet. The public and groups see answered ones without who asked; the department
 * (`forDepartment`) sees all of them, with the asking group.
 */
export async function listQuestions(db: DB, sheetId: string, { forDepartment }: { forDepartment: boolean }) {
  let query = db
    .selectFrom("sheet_questions")
    .innerJoin("groups", "groups.id", "sheet_questions.group_id")
    .where("sheet_id", "=", sheetId)
    .select(["sheet_questions.id", "question", "asked_at", "answer", "answered_at", "groups.name as group_name"])
    .orderBy("asked_at")
    .orderBy("sheet_questions.id");
  if (!forDepartment) query = query.where("answer", "is not", null);
  const rows = await query.execute();
  return rows.map((row) => (forDepartment ? row : { ...row, group_name: null }));
}

/** The groups that marked interest, for the department. */
export async function listInterests(db: DB, sheetId: string) {
  return db
    .selectFrom("sheet_interests")
    .innerJoin("groups", "groups.id", "sheet_interests.group_id")
    .where("sheet_id", "=", sheetId)
    .select(["groups.id as group_id", "groups.name as group_name", "level", "marked_at"])
    .orderBy("marked_at", "desc")
    .execute();
}

/** The approved groups the user belongs to, with the interest each has marked on the sheet. */
export async function approvedGroupsOf(db: DB, userId: string, sheetId: string) {
  return db
    .selectFrom("group_members")
    .innerJoin("groups", "groups.id", "group_members.group_id")
    .leftJoin("sheet_interests", (join) =>
      join.onRef("sheet_interests.group_id", "=", "groups.id").on("sheet_interests.sheet_id", "=", sheetId),
    )
    .where("group_members.user_id", "=", userId)
    .where("groups.status", "=", "approved")
    .select(["groups.id", "groups.name", "sheet_interests.level"])
    .orderBy("groups.name")
    .execute();
}

export const DEPARTMENT_SHEETS_PER_PAGE = 50;

/**
 * One page of a department's sheets (archived ones aside), last updated first, with what waits on each
 * (unanswered questions) and interest, and the total: ten years of a big department's sheets (hundreds)
 * are not one table on the dashboard (docs/decisions/0015). A page past the end shows the last.
 */
export async function listDepartmentSheets(db: DB, departmentId: string, requestedPage = 1) {
  const sheets = db.selectFrom("matching_sheets").where("department_id", "=", departmentId).where("status", "!=", "archived");
  const { n } = await sheets.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, DEPARTMENT_SHEETS_PER_PAGE);
  const rows = await sheets
    .select((eb) => [
      "matching_sheets.id",
      "title",
      "status",
      eb
        .selectFrom("sheet_questions")
        .whereRef("sheet_questions.sheet_id", "=", "matching_sheets.id")
        .where("answer", "is", null)
        .select((q) => q.fn.countAll().as("n"))
        .as("unanswered"),
      eb
        .selectFrom("sheet_interests")
        .whereRef("sheet_interests.sheet_id", "=", "matching_sheets.id")
        .select((q) => q.fn.countAll().as("n"))
        .as("interested"),
    ])
    .orderBy("updated_at", "desc")
    .orderBy("matching_sheets.id")
    .limit(limit)
    .offset(offset)
    .execute();
  // Sheets with questions waiting for an answer, whichever page they are on (the longest waiting first).
  const waiting = await db
    .selectFrom("sheet_questions")
    .innerJoin("matching_sheets", "matching_sheets.id", "sheet_questions.sheet_id")
    .where("matching_sheets.department_id", "=", departmentId)
    .where("matching_sheets.status", "!=", "archived")
    .where("sheet_questions.answer", "is", null)
    .groupBy(["matching_sheets.id", "matching_sheets.title"])
    .select((eb) => ["matching_sheets.id", "matching_sheets.title", eb.fn.countAll().as("n"), eb.fn.min("sheet_questions.asked_at").as("since")])
    .orderBy("since")
    .orderBy("matching_sheets.id")
    .limit(WAITING_SHEETS_SHOWN)
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, unanswered: Number(r.unanswered ?? 0), interested: Number(r.interested ?? 0) })),
    total,
    page,
    pageCount,
    waiting: waiting.map((w) => ({ id: w.id, title: w.title, unanswered: Number(w.n) })),
  };
}

/** At most this many sheets with waiting questions are named above the department's list. */
export const WAITING_SHEETS_SHOWN = 20;

/** Sheets groups can come forward for now, for matching (codes and texts, no contacts). */
export async function loadOpenSheets(db: DB, today = tokyoToday()) {
  const rows = await db
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .where((eb) => openNow(eb, today))
    .select([
      "matching_sheets.id",
      "title",
      "background",
      "outcomes",
      "offer_people",
      "offer_places",
      "offer_money",
      "offer_information",
      "departments.name as department_name",
      "matching_sheets.updated_at",
    ])
    .orderBy("matching_sheets.id")
    .execute();
  const codes = await codesOf(db, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, ...codes(row.id) }));
}

/**
 * The questions the user's groups asked that have no answer yet (they are not public until answered,
 * so this is where the asking group finds them), newest first; on one sheet when `sheetId` is given.
 */
export async function unansweredQuestionsOfMember(db: DB, userId: string, sheetId?: string) {
  let query = db
    .selectFrom("sheet_questions")
    .innerJoin("group_members", "group_members.group_id", "sheet_questions.group_id")
    .innerJoin("groups", "groups.id", "sheet_questions.group_id")
    .innerJoin("matching_sheets", "matching_sheets.id", "sheet_questions.sheet_id")
    .where("group_members.user_id", "=", userId)
    .where("sheet_questions.answer", "is", null)
    .select([
      "sheet_questions.id",
      "sheet_questions.question",
      "sheet_questions.asked_at",
      "groups.name as group_name",
      "matching_sheets.id as sheet_id",
      "matching_sheets.title as sheet_title",
    ])
    .orderBy("sheet_questions.asked_at", "desc")
    .orderBy("sheet_questions.id");
  if (sheetId) query = query.where("sheet_questions.sheet_id", "=", sheetId);
  return query.execute();
}
