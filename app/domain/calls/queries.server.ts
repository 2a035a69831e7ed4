// Reading calls for proposals: the public list, the coordinator's list, one call with its criteria and
// linked sheets, and the published sheets a government call may be linked to.
import { sql } from "kysely";
import type { DB } from "../../../db/index";
import type { Call, CallStage } from "../../../db/schema";
import { callPhase } from "./rules";
import type { StoredCall } from "./schema";
import { listPage } from "../list-page";
import { searchQuerySchema } from "../zod";
import { searchWords } from "../search/japanese-text";
import { sheetTextHas, tokyoToday } from "../sheets/queries.server";

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

export const CALLS_PER_PAGE = 50;

/**
 * One page of the calls, the latest fiscal year first, with the total: about twenty calls a year add up
 * over ten years (issue 14). The public sees the published ones (`publishedOnly`), the coordinator every
 * call, drafts too. A page past the end shows the last. The table stays small (hundreds of rows), so
 * sorting it needs no index.
 */
export async function listCalls(db: DB, { publishedOnly }: { publishedOnly: boolean }, requestedPage = 1) {
  const calls = publishedOnly ? db.selectFrom("calls").where("status", "=", "published") : db.selectFrom("calls");
  const { n } = await calls.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, CALLS_PER_PAGE);
  const rows = await calls
    .select(["id", "fiscal_year", "type", "title", "status", "opens_at", "closes_at", "grace_minutes", "first_submitted_at", "updated_at"])
    .orderBy("fiscal_year", "desc")
    .orderBy("opens_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total, page, pageCount };
}

export type CallDetail = Omit<Call, "city_share_by_year" | "required_attachments" | "stages"> &
  StoredCall & { sheets: { id: string; title: string; status: string; department_name: string }[] };

export async function findCall(db: DB, id: string): Promise<CallDetail | undefined> {
  const row = await db.selectFrom("calls").where("id", "=", id).selectAll().executeTakeFirst();
  if (!row) return undefined;
  const [sheets, criteria] = await Promise.all([
    db
      .selectFrom("call_sheets")
      .innerJoin("matching_sheets", "matching_sheets.id", "call_sheets.sheet_id")
      .innerJoin("departments", "departments.id", "matching_sheets.department_id")
      .where("call_sheets.call_id", "=", id)
      .select(["matching_sheets.id", "matching_sheets.title", "matching_sheets.status", "departments.name as department_name"])
      .orderBy("matching_sheets.title")
      .execute(),
    db.selectFrom("call_criteria").where("call_id", "=", id).select(["name", "description", "max_points", "weight"]).orderBy("position").execute(),
  ]);
  return {
    ...row,
    city_share_by_year: parseJson<number[]>(row.city_share_by_year),
    required_attachments: parseJson<string[]>(row.required_attachments),
    stages: parseJson<CallStage[]>(row.stages),
    sheets,
    sheetIds: sheets.map((s) => s.id),
    criteria,
  };
}

/** At most this many sheets are offered by default, and at most this many found by a search (issue 14). */
export const SHEET_CHOICES_SHOWN = 100;

type SheetRow = { id: string; title: string; department_name: string };

const sheetChoice = (r: SheetRow) => ({ code: r.id, label: `${r.title}（${r.department_name}）` });

/**
 * The sheets a government call's form offers, bounded however many sheets ten years leave (issue 14):
 * - `linked`: the call's sheets (whatever their status now, so saving the form keeps them);
 * - `kept`: sheets asked for by id (ticked before a search; published ones only);
 * - `found`: with a search (`q`: words of the title, the department or the texts), the published sheets
 *   it finds, the newest published first, at most SHEET_CHOICES_SHOWN of `foundTotal`;
 * - `likely`: at most SHEET_CHOICES_SHOWN published sheets, those of the call's fiscal year first, then
 *   those accepting now, the newest published first;
 * - `notOffered`: how many published sheets are in none of these (the ones to search for).
 * Each list leaves out the sheets of the lists before it. Saving still checks that every chosen sheet is
 * published (`requirePublishedSheets`), whatever was offered.
 */
export async function callSheetChoices(
  db: DB,
  { linked, keptIds = [], fiscalYear, q = "" }: { linked: SheetRow[]; keptIds?: string[]; fiscalYear: number | null; q?: string },
  today = tokyoToday(),
) {
  const linkedIds = linked.map((s) => s.id);
  const published = () => {
    let query = db
      .selectFrom("matching_sheets")
      .innerJoin("departments", "departments.id", "matching_sheets.department_id")
      .where("matching_sheets.status", "=", "published");
    if (linkedIds.length) query = query.where("matching_sheets.id", "not in", linkedIds);
    return query;
  };
  const columns = ["matching_sheets.id", "matching_sheets.title", "departments.name as department_name"] as const;
  const count = async (query: ReturnType<typeof published>) => Number((await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const searching = searchWords(q).length > 0;
  const [kept, found, foundTotal, likely, publishedTotal] = await Promise.all([
    keptIds.length
      ? published().where("matching_sheets.id", "in", keptIds.slice(0, SHEET_CHOICES_SHOWN)).select(columns).orderBy("matching_sheets.id").execute()
      : [],
    searching
      ? published().where(sheetTextHas(q)).select(columns).orderBy("matching_sheets.published_at", "desc").orderBy("matching_sheets.id").limit(SHEET_CHOICES_SHOWN).execute()
      : [],
    searching ? count(published().where(sheetTextHas(q))) : 0,
    published()
      .select(columns)
      // Ranks rather than NULLS FIRST / LAST, which the two engines order differently.
      .orderBy(sql`case when matching_sheets.fiscal_year = ${fiscalYear ?? -1} then 0 else 1 end`)
      .orderBy(sql`case when matching_sheets.apply_until is null or matching_sheets.apply_until >= ${today} then 0 else 1 end`)
      .orderBy("matching_sheets.published_at", "desc")
      .orderBy("matching_sheets.id")
      .limit(SHEET_CHOICES_SHOWN)
      .execute(),
    count(published()),
  ]);
  const seen = new Set(linkedIds);
  const fresh = (rows: SheetRow[]) => rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(sheetChoice);
  const offered = { linked: linked.map(sheetChoice), kept: fresh(kept), found: fresh(found), likely: fresh(likely) };
  return { ...offered, searched: searching, foundTotal, notOffered: publishedTotal - offered.kept.length - offered.found.length - offered.likely.length };
}

/**
 * The call form's sheets for the page's query string: `sheetq` (the search, `searchQuerySchema`) and
 * `sheet` (ids ticked before the search), in the shape the form shows (`SheetChoicesView`).
 */
export async function callSheetChoicesFor(db: DB, params: URLSearchParams, call: { linked: SheetRow[]; fiscalYear: number | null }) {
  const q = searchQuerySchema.parse(params.get("sheetq") ?? undefined) ?? "";
  return { ...(await callSheetChoices(db, { ...call, keptIds: params.getAll("sheet"), q })), q, shownAtMost: SHEET_CHOICES_SHOWN };
}

/**
 * The government calls taking proposals on this sheet now (受付中 by the server's clock), for the
 * sheet page's 「この募集に提案する」. Calls before their opening or past their closing are left out.
 */
export async function openCallsForSheet(db: DB, sheetId: string, at: Date = new Date()) {
  const rows = await db
    .selectFrom("call_sheets")
    .innerJoin("calls", "calls.id", "call_sheets.call_id")
    .where("call_sheets.sheet_id", "=", sheetId)
    .where("calls.status", "=", "published")
    .where("calls.type", "=", "government")
    .select(["calls.id", "calls.title", "calls.fiscal_year", "calls.status", "calls.opens_at", "calls.closes_at", "calls.grace_minutes"])
    .orderBy("calls.closes_at")
    .orderBy("calls.id")
    .execute();
  return rows.filter((call) => callPhase(call, at) === "open").map(({ id, title, fiscal_year, closes_at }) => ({ id, title, fiscal_year, closes_at }));
}
