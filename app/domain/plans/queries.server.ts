// Reads of the plans stored in the database.
import type { DB } from "../../../db/index";
import { PROGRESS_ENTRY_SOURCES, type ProgressEntrySource } from "../../../db/schema";
import { readContentVersion } from "../audit/content-version.server";
import { searchWords } from "../search/japanese-text";
import { KeyedProcessCache } from "../search/process-cache.server";
import { sheetTextHas } from "../sheets/queries.server";
import type { PlanSubject } from "./permissions";
import { MEASURE_STATUSES, type MeasureStatus, type ParsedMeasure, type ParsedPlan, type PlanLayout, type Tier, type TierSummaryRow } from "./types";

export interface PlanSummary {
  measures: number;
  entries: number;
  /** Measures per status; measures without a status are not counted. */
  statuses: Record<string, number>;
  fiscalYears: [number | null, number | null];
}

/** Counts for the CLI's --json output and the import report; null when no plan has this slug. */
export async function loadPlanSummary(db: DB, slug: string): Promise<PlanSummary | null> {
  const plan = await db
    .selectFrom("plans")
    .where("slug", "=", slug)
    .select(["id", "first_fiscal_year", "last_fiscal_year"])
    .executeTakeFirst();
  if (!plan) return null;
  const measures = await db
    .selectFrom("measures")
    .where("plan_id", "=", plan.id)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom("progress_entries")
    .innerJoin("measures", "measures.id", "progress_entries.measure_id")
    .where("measures.plan_id", "=", plan.id)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  const statusRows = await db
    .selectFrom("measures")
    .where("plan_id", "=", plan.id)
    .where("status", "is not", null)
    .groupBy("status")
    .select((eb) => ["status", eb.fn.countAll<string | number>().as("n")])
    .execute();
  // In the canonical order (未実施 … 済・継続), not the engine's collation, so both engines print the same.
  const rank = (status: string) => {
    const i = (MEASURE_STATUSES as readonly string[]).indexOf(status);
    return i === -1 ? MEASURE_STATUSES.length : i;
  };
  statusRows.sort((a, b) => rank(a.status as string) - rank(b.status as string) || String(a.status).localeCompare(String(b.status)));
  // PostgreSQL returns count(*) as a string (bigint).
  return {
    measures: Number(measures.n),
    entries: Number(entries.n),
    statuses: Object.fromEntries(statusRows.map((row) => [row.status as string, Number(row.n)])),
    fiscalYears: [plan.first_fiscal_year, plan.last_fiscal_year],
  };
}

// ---------------------------------------------------------------------------------------------------
// Pages: the plans side by side, a plan's measure tree, one measure with everything hanging on it.

export interface PlanListItem {
  id: string;
  slug: string;
  name: string;
  title: string;
  city: string | null;
  levelNames: string[];
  firstFiscalYear: number | null;
  lastFiscalYear: number | null;
  summary: PlanSummary;
}

export async function listPlans(db: DB): Promise<PlanListItem[]> {
  const plans = await db.selectFrom("plans").selectAll().orderBy("created_at").orderBy("slug").execute();
  const out: PlanListItem[] = [];
  for (const plan of plans) {
    out.push({
      id: plan.id,
      slug: plan.slug,
      name: plan.name,
      title: plan.title,
      city: plan.city,
      levelNames: JSON.parse(plan.level_names) as string[],
      firstFiscalYear: plan.first_fiscal_year,
      lastFiscalYear: plan.last_fiscal_year,
      summary: (await loadPlanSummary(db, plan.slug))!,
    });
  }
  return out;
}

/**
 * The ids of the plan's measures of these codes (the progress list links each row of its page to its
 * measure): the page's codes only, by the (plan_id, code) index — reading every measure of a big plan for
 * a page of 50 cost 6 ms a request on SQLite (docs/decisions/0015, "The second half of the chain").
 */
export async function measureIdsByCode(db: DB, planId: string, codes: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom("measures").where("plan_id", "=", planId).where("code", "in", codes.slice(i, i + 500)).select(["id", "code"]).execute();
    for (const m of rows) ids.set(m.code, m.id);
  }
  return ids;
}

export async function findPlan(db: DB, slug: string) {
  const plan = await db.selectFrom("plans").where("slug", "=", slug).selectAll().executeTakeFirst();
  if (!plan) return null;
  return {
    ...plan,
    levelNames: JSON.parse(plan.level_names) as string[],
    // Stored without source lines (they would differ between the city's file and the portal's export).
    tierSummary: plan.tier_summary ? (JSON.parse(plan.tier_summary) as TierSummaryRow[]).map((row) => ({ ...row, line: row.line ?? 0 })) : null,
  };
}

export interface TreeMeasure {
  id: string;
  code: string;
  parentId: string | null;
  level: number;
  title: string;
  tier: string | null;
  status: string | null;
  departments: string[];
  entries: number;
  links: number;
}

async function departmentsOf(db: DB, measureIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < measureIds.length; i += 500) {
    const rows = await db
      .selectFrom("measure_departments")
      .where("measure_id", "in", measureIds.slice(i, i + 500))
      .select(["measure_id", "department_name"])
      .orderBy("measure_id")
      .orderBy("position")
      .execute();
    for (const row of rows) out.set(row.measure_id, [...(out.get(row.measure_id) ?? []), row.department_name]);
  }
  return out;
}

/** Every measure of the plan in document order, with its departments and counts of entries and links. */
export async function loadPlanTree(db: DB, planId: string): Promise<TreeMeasure[]> {
  const measures = await db
    .selectFrom("measures")
    .where("plan_id", "=", planId)
    .select(["id", "code", "parent_id", "level", "title", "tier", "status"])
    .orderBy("position")
    .execute();
  const departments = await departmentsOf(db, measures.map((m) => m.id));
  const count = async (table: "progress_entries" | "measure_links") => {
    const rows = await db
      .selectFrom(table)
      .innerJoin("measures", "measures.id", `${table}.measure_id`)
      .where("measures.plan_id", "=", planId)
      .groupBy(`${table}.measure_id`)
      .select((eb) => [`${table}.measure_id as measure_id`, eb.fn.countAll<string | number>().as("n")])
      .execute();
    return new Map(rows.map((r) => [r.measure_id as string, Number(r.n)]));
  };
  const entries = await count("progress_entries");
  const links = await count("measure_links");
  return measures.map((m) => ({
    id: m.id,
    code: m.code,
    parentId: m.parent_id,
    level: m.level,
    title: m.title,
    tier: m.tier,
    status: m.status,
    departments: departments.get(m.id) ?? [],
    entries: entries.get(m.id) ?? 0,
    links: links.get(m.id) ?? 0,
  }));
}

/** The name of the viewer's own department, which measure_departments names are compared with. */
export async function departmentNameOf(db: DB, departmentId: string | null): Promise<string | null> {
  if (!departmentId) return null;
  const row = await db.selectFrom("departments").where("id", "=", departmentId).select("name").executeTakeFirst();
  return row?.name ?? null;
}

/** A measure's facts needed by the permission check, or null when no measure has this id. */
export async function findMeasureSubject(db: DB, measureId: string) {
  const measure = await db.selectFrom("measures").where("id", "=", measureId).select(["id", "plan_id", "code", "title", "status"]).executeTakeFirst();
  if (!measure) return null;
  const departmentNames = (await departmentsOf(db, [measure.id])).get(measure.id) ?? [];
  return { ...measure, departmentNames };
}

export interface MeasureEntry {
  id: string;
  text: string;
  fiscalYearFrom: number | null;
  fiscalYearTo: number | null;
  fiscalYearLabel: string | null;
  departments: string[];
  source: string;
  sourceId: string | null;
  createdAt: string;
}

export interface MeasureLinkView {
  id: string;
  subjectType: string;
  subjectId: string;
  /** The linked record's title when it still exists (matching sheets today). */
  title: string | null;
  /** The department owning the linked record, when known. */
  departmentId: string | null;
  /** Path of the record's public page, when the portal has one. */
  href: string | null;
  fiscalYear: number | null;
  departmentName: string | null;
  linkedAt: string;
}

function entryOrder(a: { source: string; position: number; created_at: string }, b: { source: string; position: number; created_at: string }) {
  const rank = (s: string) => (s === "imported" ? 0 : 1);
  return rank(a.source) - rank(b.source) || (a.source === "imported" ? a.position - b.position : a.created_at.localeCompare(b.created_at) || a.position - b.position);
}

/** Entries of these measures: imported ones in document order, then staff and project ones as added. */
export async function entriesOf(db: DB, measureIds: string[]): Promise<Map<string, MeasureEntry[]>> {
  const out = new Map<string, MeasureEntry[]>();
  for (let i = 0; i < measureIds.length; i += 500) {
    const rows = await db.selectFrom("progress_entries").where("measure_id", "in", measureIds.slice(i, i + 500)).selectAll().execute();
    rows.sort((a, b) => a.measure_id.localeCompare(b.measure_id) || entryOrder(a, b));
    for (const e of rows) {
      const list = out.get(e.measure_id) ?? [];
      list.push({
        id: e.id,
        text: e.text,
        fiscalYearFrom: e.fiscal_year_from,
        fiscalYearTo: e.fiscal_year_to,
        fiscalYearLabel: e.fiscal_year_label,
        departments: JSON.parse(e.departments) as string[],
        source: e.source,
        sourceId: e.source_id,
        createdAt: e.created_at,
      });
      out.set(e.measure_id, list);
    }
  }
  return out;
}

export async function loadMeasure(db: DB, measureId: string) {
  const measure = await db.selectFrom("measures").where("id", "=", measureId).selectAll().executeTakeFirst();
  if (!measure) return null;
  const plan = (await db.selectFrom("plans").where("id", "=", measure.plan_id).select(["id", "slug", "name", "level_names"]).executeTakeFirstOrThrow());
  const levelNames = JSON.parse(plan.level_names) as string[];

  const ancestors: { id: string; code: string; title: string; level: number }[] = [];
  let parentId = measure.parent_id;
  while (parentId && ancestors.length < 10) {
    const parent = await db.selectFrom("measures").where("id", "=", parentId).where("plan_id", "=", plan.id).select(["id", "code", "title", "level", "parent_id"]).executeTakeFirst();
    if (!parent) break;
    ancestors.unshift({ id: parent.id, code: parent.code, title: parent.title, level: parent.level });
    parentId = parent.parent_id;
  }
  const children = await db.selectFrom("measures").where("parent_id", "=", measure.id).where("plan_id", "=", plan.id).select(["id", "code", "title", "status"]).orderBy("position").execute();
  const relistOf = measure.relist_of_measure_id
    ? ((await db.selectFrom("measures").where("id", "=", measure.relist_of_measure_id).where("plan_id", "=", plan.id).select(["id", "code", "title"]).executeTakeFirst()) ?? null)
    : null;
  const relistedAs = await db.selectFrom("measures").where("relist_of_measure_id", "=", measure.id).where("plan_id", "=", plan.id).select(["id", "code", "title"]).execute();

  const departments = (await departmentsOf(db, [measure.id])).get(measure.id) ?? [];
  const entries = (await entriesOf(db, [measure.id])).get(measure.id) ?? [];

  const linkRows = await db.selectFrom("measure_links").where("measure_id", "=", measure.id).selectAll().orderBy("linked_at").execute();
  const sheetIds = linkRows.filter((l) => l.subject_type === "matching_sheet").map((l) => l.subject_id);
  const sheets = sheetIds.length
    ? await db.selectFrom("matching_sheets").where("id", "in", sheetIds).select(["id", "title", "department_id", "status"]).execute()
    : [];
  const sheetById = new Map(sheets.map((s) => [s.id, s]));
  // Collaboration projects (協働事業) become links when their agreement is concluded (projects area).
  const projectIds = linkRows.filter((l) => l.subject_type === "project").map((l) => l.subject_id);
  const projectTitles = new Map(
    projectIds.length ? (await db.selectFrom("projects").where("id", "in", projectIds).select(["id", "title"]).execute()).map((p) => [p.id, p.title] as const) : [],
  );
  const links: MeasureLinkView[] = linkRows.map((l) => ({
    id: l.id,
    subjectType: l.subject_type,
    subjectId: l.subject_id,
    title: sheetById.get(l.subject_id)?.title ?? projectTitles.get(l.subject_id) ?? null,
    departmentId: sheetById.get(l.subject_id)?.department_id ?? null,
    href:
      sheetById.has(l.subject_id) && sheetById.get(l.subject_id)!.status !== "draft"
        ? `/sheets/${l.subject_id}`
        : projectTitles.has(l.subject_id)
          ? `/projects/${l.subject_id}`
          : null,
    fiscalYear: l.fiscal_year,
    departmentName: l.department_name,
    linkedAt: l.linked_at,
  }));

  const statusChanges = await db
    .selectFrom("measure_status_changes")
    .leftJoin("users", "users.id", "measure_status_changes.changed_by")
    .where("measure_status_changes.measure_id", "=", measure.id)
    .select([
      "measure_status_changes.id",
      "measure_status_changes.from_status",
      "measure_status_changes.to_status",
      "measure_status_changes.reason",
      "measure_status_changes.changed_at",
      "users.display_name",
    ])
    .orderBy("measure_status_changes.changed_at")
    .orderBy("measure_status_changes.id")
    .execute();

  return {
    plan: { id: plan.id, slug: plan.slug, name: plan.name, levelNames },
    measure: {
      id: measure.id,
      code: measure.code,
      level: measure.level,
      levelName: levelNames[measure.level] ?? null,
      title: measure.title,
      pageRef: measure.page_ref,
      description: measure.description,
      purpose: measure.purpose,
      currentIssues: measure.current_issues,
      content: measure.content,
      completionCriteria: measure.completion_criteria,
      tier: measure.tier,
      status: measure.status,
      nextTermProposal: measure.next_term_proposal,
      nextTermReason: measure.next_term_reason,
      targetActors: JSON.parse(measure.target_actors) as string[],
      implementers: JSON.parse(measure.implementers) as string[],
      labels: JSON.parse(measure.labels) as string[],
      schedule: JSON.parse(measure.schedule) as { fiscalYear: number; label: string }[],
      departments,
    },
    ancestors,
    children,
    relistOf,
    relistedAs,
    entries,
    links,
    statusChanges,
  };
}

export type MeasurePage = NonNullable<Awaited<ReturnType<typeof loadMeasure>>>;

/** At most this many sheets are offered to link, by default and by a search (issue 14). */
export const LINKABLE_SHEETS_SHOWN = 100;

/**
 * Matching sheets (archived ones aside) the viewer may link to the measure and that are not linked yet,
 * at most LINKABLE_SHEETS_SHOWN of `total`; with a search (`q`, words of the title, the department or the
 * texts), those it finds, the newest first; without one, the likely ones — a department's own sheets,
 * newest first, or for the coordinator (`all`, every department's) the most recently published.
 */
export async function linkableSheets(db: DB, { measureId, departmentId, all, q = "" }: { measureId: string; departmentId: string | null; all: boolean; q?: string }) {
  const searching = searchWords(q).length > 0;
  let query = db
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .where("matching_sheets.status", "!=", "archived")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("measure_links")
            .where("measure_links.measure_id", "=", measureId)
            .where("measure_links.subject_type", "=", "matching_sheet")
            .whereRef("measure_links.subject_id", "=", "matching_sheets.id")
            .select("measure_links.id"),
        ),
      ),
    );
  if (!all) query = query.where("matching_sheets.department_id", "=", departmentId ?? "");
  if (searching) query = query.where(sheetTextHas(q));
  // The coordinator's likely ones are the published (and since closed) sheets, newest published first.
  else if (all) query = query.where("matching_sheets.status", "in", ["published", "closed"]);
  const { n } = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const sheets = await query
    .select([
      "matching_sheets.id",
      "matching_sheets.title",
      "matching_sheets.fiscal_year",
      "matching_sheets.status",
      "matching_sheets.department_id",
      "departments.name as department_name",
    ])
    .orderBy(all && !searching ? "matching_sheets.published_at" : "matching_sheets.created_at", "desc")
    .orderBy("matching_sheets.id")
    .limit(LINKABLE_SHEETS_SHOWN)
    .execute();
  return { sheets, total: Number(n), searched: searching };
}

export async function findSheetForLink(db: DB, sheetId: string) {
  return db
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .where("matching_sheets.id", "=", sheetId)
    .select(["matching_sheets.id", "matching_sheets.title", "matching_sheets.fiscal_year", "matching_sheets.department_id", "departments.name as department_name"])
    .executeTakeFirst();
}

/** A link of this measure (scoped by measure id, so a URL cannot reach another measure's link). */
export async function findLink(db: DB, measureId: string, linkId: string) {
  return db.selectFrom("measure_links").where("id", "=", linkId).where("measure_id", "=", measureId).selectAll().executeTakeFirst();
}

/** The department owning a linked record: matching sheets know it; other record types arrive later. */
export async function recordDepartmentId(db: DB, subjectType: string, subjectId: string): Promise<string | null> {
  if (subjectType === "matching_sheet") {
    const sheet = await db.selectFrom("matching_sheets").where("id", "=", subjectId).select("department_id").executeTakeFirst();
    return sheet?.department_id ?? null;
  }
  return null;
}

/**
 * The stored plan in the parsers' shape (ParsedPlan), so that the exports (progress list, xlsx, CSV,
 * tier summary, chart) are computed the same way from an upload and from the database. Entries of every
 * source are included: imported ones first in document order, then staff and project ones.
 */
export async function loadStoredPlan(db: DB, slug: string, options: { sources?: readonly ProgressEntrySource[] } = {}): Promise<ParsedPlan | null> {
  const plan = await findPlan(db, slug);
  if (!plan) return null;
  const rows = await db.selectFrom("measures").where("plan_id", "=", plan.id).selectAll().orderBy("position").execute();
  const ids = rows.map((m) => m.id);
  const departments = await departmentsOf(db, ids);
  const entries = await entriesOf(db, ids);
  const sources = options.sources ?? PROGRESS_ENTRY_SOURCES;
  const codeOf = new Map(rows.map((m) => [m.id, m.code]));
  const measures: ParsedMeasure[] = rows.map((m) => ({
    code: m.code,
    parentCode: m.parent_id ? (codeOf.get(m.parent_id) ?? null) : null,
    level: m.level,
    title: m.title,
    pageRef: m.page_ref ?? undefined,
    description: m.description ?? undefined,
    departments: departments.get(m.id) ?? [],
    implementers: JSON.parse(m.implementers) as string[],
    targetActors: JSON.parse(m.target_actors) as string[],
    purpose: m.purpose ?? undefined,
    currentIssues: m.current_issues ?? undefined,
    content: m.content ?? undefined,
    completionCriteria: m.completion_criteria ?? undefined,
    schedule: JSON.parse(m.schedule) as ParsedMeasure["schedule"],
    tier: (m.tier ?? undefined) as Tier | undefined,
    status: (m.status ?? undefined) as MeasureStatus | undefined,
    nextTermProposal: m.next_term_proposal ?? undefined,
    nextTermReason: m.next_term_reason ?? undefined,
    relistOf: m.relist_of_measure_id ? codeOf.get(m.relist_of_measure_id) : undefined,
    labels: JSON.parse(m.labels) as string[],
    entries: (entries.get(m.id) ?? []).filter((e) => sources.includes(e.source as ProgressEntrySource)).map((e) => ({
      text: e.text,
      fiscalYearFrom: e.fiscalYearFrom,
      fiscalYearTo: e.fiscalYearTo,
      fiscalYearLabel: e.fiscalYearLabel,
      departments: e.departments,
      line: 0,
    })),
    line: 0,
  }));
  return {
    layout: plan.layout as PlanLayout,
    title: plan.title,
    issued: plan.issued ?? undefined,
    levelNames: plan.levelNames,
    measures,
    tierSummary: plan.tierSummary ?? undefined,
    warnings: [],
  };
}

/** The permission subject of a measure for this viewer (their department's name included). */
export async function measureSubjectFor(db: DB, measureId: string, viewerDepartmentId: string | null): Promise<PlanSubject | null> {
  const measure = await findMeasureSubject(db, measureId);
  if (!measure) return null;
  return { kind: "measure", id: measure.id, departmentNames: measure.departmentNames, viewerDepartmentName: await departmentNameOf(db, viewerDepartmentId) };
}

// ---- what the plan pages read, kept per content version -------------------------------------------

/**
 * The plan page and the progress list read the whole plan (a big plan: thousands of measures and tens of
 * thousands of entries, 1–2 s under load). A visitor's copy comes from the shared page cache; a signed-in
 * clerk's page is never cached, so what it reads is kept here, per process and plan, for as long as the
 * content version is the same (bumped in the transaction of every audited change a visitor can see, as
 * every change of a plan is, so a change is read on the next request in every process:
 * docs/decisions/0015). Frozen, since every request shares it.
 */
const planTrees = new KeyedProcessCache<readonly TreeMeasure[]>(8);
const storedPlans = new KeyedProcessCache<ParsedPlan | null>(3);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

async function keptPerVersion<T>(db: DB, cache: KeyedProcessCache<T>, key: string, load: () => Promise<T>): Promise<T> {
  const version = await readContentVersion(db);
  if (version === null) return load();
  return cache.get(db, key, String(version), async () => deepFreeze(await load()));
}

/** `loadPlanTree` for the plan page, shared (and frozen) while the content version stays. */
export function planTreeForPage(db: DB, planId: string): Promise<readonly TreeMeasure[]> {
  return keptPerVersion(db, planTrees, planId, () => loadPlanTree(db, planId));
}

/** `loadStoredPlan` (every source) for the progress list and its downloads, shared (and frozen) while the content version stays. */
export function storedPlanForPage(db: DB, slug: string): Promise<ParsedPlan | null> {
  return keptPerVersion(db, storedPlans, slug, () => loadStoredPlan(db, slug));
}
