// Reading calls for proposals: the public list, the coordinator's list, one call with its criteria and
// linked sheets, and the published sheets a government call may be linked to.
import type { DB } from "../../../db/index";
import type { Call, CallStage } from "../../../db/schema";
import { callPhase } from "./rules";
import type { StoredCall } from "./schema";
import { listPage } from "../list-page";

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

export const CALLS_PER_PAGE = 50;

/**
 * One page of the published calls, latest fiscal year first, and the total: ten years of a city's calls
 * (about 200) are not one page. A page past the end shows the last.
 */
export async function listPublishedCalls(db: DB, requestedPage = 1) {
  const published = db.selectFrom("calls").where("status", "=", "published");
  const { n } = await published.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, CALLS_PER_PAGE);
  const calls = await published
    .select(["id", "fiscal_year", "type", "title", "status", "opens_at", "closes_at", "grace_minutes"])
    .orderBy("fiscal_year", "desc")
    .orderBy("opens_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
  return { calls, total, page, pageCount };
}

export const COORDINATOR_CALLS_PER_PAGE = 50;

/**
 * One page of every call, drafts too (the coordinator's list), the latest fiscal year first, with the total:
 * about twenty calls a year add up over ten years (issue 14). A page past the end shows the last. The
 * table stays small (hundreds of rows), so sorting it needs no index.
 */
export async function listAllCalls(db: DB, requestedPage = 1) {
  const { n } = await db.selectFrom("calls").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const { page, pageCount, limit, offset } = listPage(total, requestedPage, COORDINATOR_CALLS_PER_PAGE);
  const rows = await db
    .selectFrom("calls")
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

/** Published matching sheets, for the government call's checkboxes (with the department's name). */
export async function listPublishedSheetChoices(db: DB) {
  const rows = await db
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .where("matching_sheets.status", "=", "published")
    .select(["matching_sheets.id", "matching_sheets.title", "departments.name as department_name"])
    .orderBy("departments.name")
    .orderBy("matching_sheets.title")
    .execute();
  return rows.map((r) => ({ code: r.id, label: `${r.title}（${r.department_name}）` }));
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
