// Writes a parsed plan document into the database: the first import creates the plan, a later one
// updates it measure by measure (codes are the key), so re-importing the same file changes nothing.
import type { DB } from "../../../db/index";
import type { Selectable } from "kysely";
import type { MeasureDepartmentTable, MeasureLinkSubject, MeasureTable, PlanTable, ProgressEntryTable } from "../../../db/schema";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { loadPlanSummary, loadStoredPlan, type PlanSummary } from "./queries.server";
import { formatFiscalYearRange } from "../calendar/fiscal-year";
import { FIELD_LABELS } from "./progress-table-columns";
import type { KeptField } from "./kept-fields";
import type { ImportIssue, MeasureStatus, OptionalMeasureField, OptionalPlanField, ParsedMeasure, ParsedPlan, PlanLayout, ProgressEntry } from "./types";

export { keptFieldsMessage, type KeptField } from "./kept-fields";

export interface ImportPlanOptions {
  slug: string;
  /** Display name; defaults to the document's title on creation and is kept on re-import. */
  name?: string;
  actorId: string | null;
  /** Compute the same report, then roll everything back. */
  dryRun?: boolean;
}

export interface StatusChange {
  code: string;
  from: string | null;
  to: string | null;
}

export interface ImportPlanReport {
  planId: string;
  slug: string;
  dryRun: boolean;
  created: boolean;
  /** The plan's own fields (title, layout, level names, fiscal years …) changed. */
  planUpdated: boolean;
  measures: { added: number; updated: number; removed: number; unchanged: number; kept: number };
  entries: { added: number; removed: number };
  statusChanges: number;
  /** Codes, for the operator's summary and the audit log. */
  changes: {
    added: string[];
    updated: string[];
    removed: string[];
    /** Absent from the new version but kept: staff entries or links hang on them. */
    kept: string[];
    statuses: StatusChange[];
  };
  warnings: ImportIssue[];
  /**
   * Columns (or plan rows) the file lacks, for which the stored values were kept rather than emptied:
   * the column's name and how many measures (1 for a plan field) had something there. Only fields
   * that held something are listed.
   */
  keptFields: KeptField[];
  /** The plan as stored after the import (before the rollback of a dry run). */
  summary: PlanSummary;
}

/** Thrown inside the transaction of a dry run so that the database rolls everything back. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportPlanReport) {
    super("dry run");
  }
}

// The layouts are named after the cities whose documents they read; 004 does not say its city.
const CITY_OF_LAYOUT: Readonly<Record<PlanLayout, string | null>> = {
  "shiroi-progress": "白井市",
  "yamaguchi-action-plan": "山口市",
  "tier-table": null,
  "portal-progress-list": null,
};

const CHUNK = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** The fields of a measure as the document states them, in column form, for comparing and writing. */
type MeasureFields = Omit<MeasureTable, "id" | "plan_id" | "created_at" | "updated_at">;

function measureFields(m: ParsedMeasure, position: number, idOfCode: Map<string, string>): MeasureFields {
  return {
    code: m.code,
    parent_id: m.parentCode ? (idOfCode.get(m.parentCode) ?? null) : null,
    level: m.level,
    position,
    title: m.title,
    page_ref: m.pageRef ?? null,
    description: m.description ?? null,
    purpose: m.purpose ?? null,
    current_issues: m.currentIssues ?? null,
    content: m.content ?? null,
    completion_criteria: m.completionCriteria ?? null,
    tier: m.tier ?? null,
    status: m.status ?? null,
    next_term_proposal: m.nextTermProposal ?? null,
    next_term_reason: m.nextTermReason ?? null,
    relist_of_measure_id: m.relistOf ? (idOfCode.get(m.relistOf) ?? null) : null,
    target_actors: JSON.stringify(m.targetActors),
    implementers: JSON.stringify(m.implementers),
    labels: JSON.stringify(m.labels),
    schedule: JSON.stringify(m.schedule),
  };
}

const FIELD_NAMES: readonly (keyof MeasureFields)[] = [
  "code", "parent_id", "level", "position", "title", "page_ref", "description", "purpose", "current_issues", "content",
  "completion_criteria", "tier", "status", "next_term_proposal", "next_term_reason", "relist_of_measure_id",
  "target_actors", "implementers", "labels", "schedule",
];

/** What identifies an imported entry; the source line is left out so that moving text is no change. */
function entryKey(e: { text: string; fiscalYearFrom: number | null; fiscalYearTo: number | null; fiscalYearLabel: string | null; departments: string[] }): string {
  return JSON.stringify([e.text, e.fiscalYearFrom, e.fiscalYearTo, e.fiscalYearLabel, e.departments]);
}

/** How many of `a` are not matched one-for-one in `b`. */
function multisetMinus(a: string[], b: string[]): number {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of a) {
    const c = left.get(k) ?? 0;
    if (c > 0) left.set(k, c - 1);
    else n++;
  }
  return n;
}

function fiscalYearRange(plan: ParsedPlan): [number | null, number | null] {
  const years: number[] = [];
  for (const m of plan.measures) {
    for (const cell of m.schedule) years.push(cell.fiscalYear);
    for (const e of m.entries) {
      if (e.fiscalYearFrom !== null) years.push(e.fiscalYearFrom);
      if (e.fiscalYearTo !== null) years.push(e.fiscalYearTo);
    }
  }
  if (years.length === 0) return [null, null];
  return [Math.min(...years), Math.max(...years)];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * For a file that lacks some columns or plan rows (the portal's table, an older export or one trimmed
 * in Excel): the stored values of those fields, so that the import leaves them alone instead of
 * emptying them. A measure new in the file has nothing stored and stays empty there.
 *
 * Also, for the portal's own table: an entry line equal to an entry staff or a project recorded on
 * that measure is that entry coming back through the export, not a new imported one.
 */
async function withStoredFields(db: DB, slug: string, parsed: ParsedPlan): Promise<{ plan: ParsedPlan; kept: KeptField[] }> {
  const absent = parsed.absent ?? { plan: [], measure: [] };
  const fromExport = parsed.layout === "portal-progress-list";
  if (absent.plan.length === 0 && absent.measure.length === 0 && !fromExport) return { plan: parsed, kept: [] };
  const stored = await loadStoredPlan(db, slug, { sources: ["imported"] });
  if (!stored) return { plan: parsed, kept: [] };
  const storedByCode = new Map(stored.measures.map((m) => [m.code, m]));
  const counts = new Map<OptionalMeasureField | OptionalPlanField, number>();
  const note = (field: OptionalMeasureField | OptionalPlanField, value: unknown) => {
    if (!isEmpty(value)) counts.set(field, (counts.get(field) ?? 0) + 1);
  };

  const plan: ParsedPlan = { ...parsed };
  for (const field of absent.plan) {
    if (field === "documentLayout") {
      const layout = stored.layout === "portal-progress-list" ? undefined : stored.layout;
      plan.documentLayout = layout;
      note(field, layout);
    } else {
      plan[field] = stored[field] as never;
      note(field, stored[field]);
    }
  }

  const own = fromExport ? await loadStoredPlan(db, slug, { sources: ["staff", "project"] }) : null;
  const ownByCode = new Map((own?.measures ?? []).map((m) => [m.code, m.entries.map(entryKey)]));
  plan.measures = parsed.measures.map((measure) => {
    const old = storedByCode.get(measure.code);
    const copy: ParsedMeasure = { ...measure };
    if (old) {
      for (const field of absent.measure) {
        (copy as unknown as Record<string, unknown>)[field] = old[field];
        note(field, old[field]);
      }
    }
    const ownKeys = ownByCode.get(measure.code);
    if (ownKeys && ownKeys.length > 0) {
      const left = [...ownKeys];
      copy.entries = copy.entries.filter((entry) => {
        const at = left.indexOf(entryKey(entry));
        if (at < 0) return true;
        left.splice(at, 1);
        return false;
      });
    }
    return copy;
  });
  const order = [...absent.plan, ...absent.measure];
  const kept = order.filter((field) => counts.has(field)).map((field) => ({ field, label: FIELD_LABELS[field], count: counts.get(field)! }));
  return { plan, kept };
}

/** The tier header as printed, without the source lines (which differ between a document and its export). */
function storedTierSummary(parsed: ParsedPlan): string | null {
  return parsed.tierSummary ? JSON.stringify(parsed.tierSummary.map(({ line: _line, ...row }) => row)) : null;
}

/**
 * Imports a parsed plan under `slug` in one transaction and returns what changed. Imported progress
 * entries are replaced per measure; entries entered by staff or coming from projects are never touched.
 * Status changes are kept in measure_status_changes. The report is recorded in the audit log.
 */
export async function importPlan(db: DB, given: ParsedPlan, options: ImportPlanOptions): Promise<ImportPlanReport> {
  try {
    return await db.transaction().execute(async (trx) => {
      const at = now();
      const existingPlan = await trx.selectFrom("plans").where("slug", "=", options.slug).selectAll().executeTakeFirst();
      const { plan: parsed, kept } = existingPlan ? await withStoredFields(trx, options.slug, given) : { plan: given, kept: [] };
      const { planId, planUpdated } = await savePlanRow(trx, parsed, existingPlan, options, at);
      const stored = await loadStoredMeasures(trx, planId);
      // Every measure's id is known before writing, so parents and 【再掲】 originals resolve in one pass.
      const idOfCode = new Map<string, string>();
      for (const m of parsed.measures) idOfCode.set(m.code, stored.byCode.get(m.code)?.id ?? newId());

      const report = emptyReport(planId, options, { created: !existingPlan, planUpdated, warnings: parsed.warnings, keptFields: kept });
      const writes = compareMeasures(parsed, stored, idOfCode, report, { planId, at, actorId: options.actorId });
      dropMissingMeasures(stored, idOfCode, report, writes);
      await writeMeasures(trx, writes, at);
      report.statusChanges = await recordStatusChanges(trx, report.changes.statuses, idOfCode, options.actorId, at);
      report.summary = (await loadPlanSummary(trx, options.slug))!;
      await auditImport(trx, report, options.actorId);

      if (options.dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

type StoredPlanRow = Selectable<PlanTable>;

/** Creates the plan row, or updates its own fields (title, layout, level names, years …) when they changed. */
async function savePlanRow(trx: DB, parsed: ParsedPlan, existingPlan: StoredPlanRow | undefined, options: ImportPlanOptions, at: string): Promise<{ planId: string; planUpdated: boolean }> {
  const [firstYear, lastYear] = fiscalYearRange(parsed);
  // The portal's export names the city's layout it came from; the plan keeps being that layout.
  const layout = parsed.documentLayout ?? parsed.layout;
  const planFields = {
    city: CITY_OF_LAYOUT[layout],
    first_fiscal_year: firstYear,
    last_fiscal_year: lastYear,
    level_names: JSON.stringify(parsed.levelNames),
    layout,
    title: parsed.title,
    issued: parsed.issued ?? null,
    tier_summary: storedTierSummary(parsed),
  };

  if (!existingPlan) {
    const planId = newId();
    await trx
      .insertInto("plans")
      .values({ id: planId, slug: options.slug, name: options.name ?? parsed.title, ...planFields, created_at: at, updated_at: at })
      .execute();
    return { planId, planUpdated: false };
  }
  const planId = existingPlan.id;
  const changed = (Object.keys(planFields) as (keyof typeof planFields)[]).some((k) => existingPlan[k] !== planFields[k]);
  const renamed = options.name !== undefined && options.name !== existingPlan.name;
  if (!changed && !renamed) return { planId, planUpdated: false };
  await trx
    .updateTable("plans")
    .set({ ...planFields, ...(renamed ? { name: options.name } : {}), updated_at: at })
    .where("id", "=", planId)
    .execute();
  return { planId, planUpdated: true };
}

/** The plan's measures as stored before this import, with what the import compares and protects. */
interface StoredMeasures {
  rows: Selectable<MeasureTable>[];
  byCode: Map<string, Selectable<MeasureTable>>;
  departments: Map<string, string[]>;
  /** The imported entries of each measure, as entryKey strings in order. */
  importedEntries: Map<string, string[]>;
  /** Measures with staff/project entries or links: never deleted by an import. */
  hasOwnData: Set<string>;
}

async function loadStoredMeasures(trx: DB, planId: string): Promise<StoredMeasures> {
  const rows = await trx.selectFrom("measures").where("plan_id", "=", planId).selectAll().execute();
  const departments = new Map<string, string[]>();
  const importedEntries = new Map<string, string[]>();
  const hasOwnData = new Set<string>();
  for (const ids of chunks(rows.map((m) => m.id))) {
    for (const d of await trx.selectFrom("measure_departments").where("measure_id", "in", ids).selectAll().orderBy("measure_id").orderBy("position").execute()) {
      departments.set(d.measure_id, [...(departments.get(d.measure_id) ?? []), d.department_name]);
    }
    const entries = await trx
      .selectFrom("progress_entries")
      .where("measure_id", "in", ids)
      .selectAll()
      .orderBy("measure_id")
      .orderBy("position")
      .execute();
    for (const e of entries) {
      if (e.source !== "imported") {
        hasOwnData.add(e.measure_id);
        continue;
      }
      const key = entryKey({
        text: e.text,
        fiscalYearFrom: e.fiscal_year_from,
        fiscalYearTo: e.fiscal_year_to,
        fiscalYearLabel: e.fiscal_year_label,
        departments: JSON.parse(e.departments) as string[],
      });
      importedEntries.set(e.measure_id, [...(importedEntries.get(e.measure_id) ?? []), key]);
    }
    for (const l of await trx.selectFrom("measure_links").where("measure_id", "in", ids).select("measure_id").execute()) {
      hasOwnData.add(l.measure_id);
    }
  }
  return { rows, byCode: new Map(rows.map((m) => [m.code, m])), departments, importedEntries, hasOwnData };
}

function emptyReport(
  planId: string,
  options: ImportPlanOptions,
  known: Pick<ImportPlanReport, "created" | "planUpdated" | "warnings" | "keptFields">,
): ImportPlanReport {
  return {
    planId,
    slug: options.slug,
    dryRun: Boolean(options.dryRun),
    created: known.created,
    planUpdated: known.planUpdated,
    measures: { added: 0, updated: 0, removed: 0, unchanged: 0, kept: 0 },
    entries: { added: 0, removed: 0 },
    statusChanges: 0,
    changes: { added: [], updated: [], removed: [], kept: [], statuses: [] },
    warnings: known.warnings,
    keptFields: known.keptFields,
    summary: { measures: 0, entries: 0, statuses: {}, fiscalYears: [null, null] },
  };
}

/** What the import writes, gathered first so that each table is written in a few batched statements. */
interface MeasureWrites {
  newMeasures: MeasureTable[];
  updates: { id: string; fields: MeasureFields }[];
  removedIds: string[];
  /** Measures whose departments, or imported entries, are replaced by the rows below. */
  replaceDepartmentsOf: string[];
  replaceEntriesOf: string[];
  departmentRows: MeasureDepartmentTable[];
  entryRows: ProgressEntryTable[];
}

/** Each measure of the file against its stored version: what to add or update, counted in the report. */
function compareMeasures(
  parsed: ParsedPlan,
  stored: StoredMeasures,
  idOfCode: Map<string, string>,
  report: ImportPlanReport,
  context: { planId: string; at: string; actorId: string | null },
): MeasureWrites {
  const { planId, at, actorId } = context;
  const writes: MeasureWrites = { newMeasures: [], updates: [], removedIds: [], replaceDepartmentsOf: [], replaceEntriesOf: [], departmentRows: [], entryRows: [] };
  parsed.measures.forEach((m, position) => {
    const id = idOfCode.get(m.code)!;
    const fields = measureFields(m, position, idOfCode);
    const old = stored.byCode.get(m.code);
    const departments = m.departments;
    const entryKeys = m.entries.map(entryKey);
    const oldKeys = old ? (stored.importedEntries.get(old.id) ?? []) : [];
    const entriesChanged = JSON.stringify(entryKeys) !== JSON.stringify(oldKeys);
    const departmentsChanged = JSON.stringify(departments) !== JSON.stringify(old ? (stored.departments.get(old.id) ?? []) : []);

    if (!old) {
      writes.newMeasures.push({ id, plan_id: planId, ...fields, created_at: at, updated_at: at });
      report.measures.added++;
      report.changes.added.push(m.code);
    } else {
      const changedFields = FIELD_NAMES.filter((k) => old[k] !== fields[k]);
      if (changedFields.length > 0 || departmentsChanged || entriesChanged) {
        report.measures.updated++;
        report.changes.updated.push(m.code);
      } else {
        report.measures.unchanged++;
      }
      if (changedFields.length > 0) writes.updates.push({ id, fields });
      if (old.status !== fields.status) {
        report.changes.statuses.push({ code: m.code, from: old.status, to: fields.status });
      }
    }
    if (!old || departmentsChanged) {
      if (old) writes.replaceDepartmentsOf.push(id);
      departments.forEach((name, i) => writes.departmentRows.push({ measure_id: id, position: i, department_name: name }));
    }
    if (!old || entriesChanged) {
      if (old) writes.replaceEntriesOf.push(id);
      report.entries.added += multisetMinus(entryKeys, oldKeys);
      report.entries.removed += multisetMinus(oldKeys, entryKeys);
      m.entries.forEach((e: ProgressEntry, i) =>
        writes.entryRows.push({
          id: newId(),
          measure_id: id,
          text: e.text,
          fiscal_year_from: e.fiscalYearFrom,
          fiscal_year_to: e.fiscalYearTo,
          fiscal_year_label: e.fiscalYearLabel,
          departments: JSON.stringify(e.departments),
          source: "imported",
          source_id: null,
          position: i,
          created_at: at,
          created_by: actorId,
        }),
      );
    }
  });
  return writes;
}

/**
 * Measures the new version no longer prints. One that staff have added entries or links to is kept
 * (with its imported entries removed) rather than lose their work; the report names it.
 */
function dropMissingMeasures(stored: StoredMeasures, idOfCode: Map<string, string>, report: ImportPlanReport, writes: MeasureWrites): void {
  for (const old of stored.rows) {
    if (idOfCode.has(old.code)) continue;
    const oldKeys = stored.importedEntries.get(old.id) ?? [];
    report.entries.removed += oldKeys.length;
    if (stored.hasOwnData.has(old.id)) {
      report.measures.kept++;
      report.changes.kept.push(old.code);
      if (oldKeys.length > 0) writes.replaceEntriesOf.push(old.id);
    } else {
      report.measures.removed++;
      report.changes.removed.push(old.code);
      writes.removedIds.push(old.id);
    }
  }
}

async function writeMeasures(trx: DB, writes: MeasureWrites, at: string): Promise<void> {
  for (const { id, fields } of writes.updates) {
    await trx.updateTable("measures").set({ ...fields, updated_at: at }).where("id", "=", id).execute();
  }
  for (const rows of chunks(writes.newMeasures)) await trx.insertInto("measures").values(rows).execute();
  for (const ids of chunks(writes.removedIds)) await trx.deleteFrom("measures").where("id", "in", ids).execute();
  for (const ids of chunks(writes.replaceDepartmentsOf)) await trx.deleteFrom("measure_departments").where("measure_id", "in", ids).execute();
  for (const ids of chunks(writes.replaceEntriesOf)) {
    await trx.deleteFrom("progress_entries").where("measure_id", "in", ids).where("source", "=", "imported").execute();
  }
  for (const rows of chunks(writes.departmentRows)) await trx.insertInto("measure_departments").values(rows).execute();
  for (const rows of chunks(writes.entryRows)) await trx.insertInto("progress_entries").values(rows).execute();
}

/** Each status the file changed, in measure_status_changes with the import as its reason; returns how many. */
async function recordStatusChanges(trx: DB, changes: StatusChange[], idOfCode: Map<string, string>, actorId: string | null, at: string): Promise<number> {
  const statusRows = changes.map((change) => ({
    id: newId(),
    measure_id: idOfCode.get(change.code)!,
    from_status: change.from,
    to_status: change.to,
    changed_by: actorId,
    reason: "計画書の取り込み",
    changed_at: at,
  }));
  for (const rows of chunks(statusRows)) await trx.insertInto("measure_status_changes").values(rows).execute();
  return statusRows.length;
}

async function auditImport(trx: DB, report: ImportPlanReport, actorId: string | null): Promise<void> {
  const { summary: _summary, warnings, ...detail } = report;
  await recordAudit(trx, {
    actorId,
    action: "plan.import",
    subjectType: "plan",
    subjectId: report.planId,
    detail: { ...detail, warnings: warnings.length },
  });
}

// ---------------------------------------------------------------------------------------------------
// Staff and the coordinator keep the plan's progress: entries, statuses, evidence links.

async function nextEntryPosition(db: DB, measureId: string): Promise<number> {
  const row = await db
    .selectFrom("progress_entries")
    .where("measure_id", "=", measureId)
    .select((eb) => eb.fn.max<number | string | null>("position").as("p"))
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export interface NewProgressEntry {
  measureId: string;
  text: string;
  fiscalYearFrom: number;
  fiscalYearTo?: number;
  departments: string[];
}

/** A progress entry entered by staff (source 'staff'); its period label is written in the era. */
export async function addProgressEntry(db: DB, viewer: Viewer, input: NewProgressEntry): Promise<string> {
  const actorId = viewer.id;
  const to = input.fiscalYearTo ?? input.fiscalYearFrom;
  return db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto("progress_entries")
      .values({
        id,
        measure_id: input.measureId,
        text: input.text,
        fiscal_year_from: input.fiscalYearFrom,
        fiscal_year_to: to,
        fiscal_year_label: formatFiscalYearRange(input.fiscalYearFrom, to),
        departments: JSON.stringify(input.departments),
        source: "staff",
        source_id: null,
        position: await nextEntryPosition(trx, input.measureId),
        created_at: now(),
        created_by: actorId,
      })
      .execute();
    await recordAudit(trx, { actorId, action: "plan.entry.add", subjectType: "measure", subjectId: input.measureId, detail: { entryId: id, text: input.text } });
    return id;
  });
}

/** Sets a measure's status; every change (with its reason) is kept in measure_status_changes. */
export async function setMeasureStatus(
  db: DB,
  viewer: Viewer,
  input: { measureId: string; status: MeasureStatus; reason: string | null },
): Promise<boolean> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const measure = await trx.selectFrom("measures").where("id", "=", input.measureId).select(["status"]).executeTakeFirstOrThrow();
    if (measure.status === input.status) return false;
    const at = now();
    await trx.updateTable("measures").set({ status: input.status, updated_at: at }).where("id", "=", input.measureId).execute();
    await trx
      .insertInto("measure_status_changes")
      .values({ id: newId(), measure_id: input.measureId, from_status: measure.status, to_status: input.status, changed_by: actorId, reason: input.reason, changed_at: at })
      .execute();
    await recordAudit(trx, {
      actorId,
      action: "plan.status.set",
      subjectType: "measure",
      subjectId: input.measureId,
      detail: { from: measure.status, to: input.status, reason: input.reason },
    });
    return true;
  });
}

export interface EvidenceLink {
  measureId: string;
  subjectType: MeasureLinkSubject;
  subjectId: string;
  fiscalYear: number | null;
  departmentName: string | null;
}

/** Links a record to a measure; linking the same record again changes nothing (false). */
export async function linkEvidence(db: DB, viewer: Viewer, link: EvidenceLink): Promise<boolean> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("measure_links")
      .where("measure_id", "=", link.measureId)
      .where("subject_type", "=", link.subjectType)
      .where("subject_id", "=", link.subjectId)
      .select("id")
      .executeTakeFirst();
    if (existing) return false;
    await trx
      .insertInto("measure_links")
      .values({
        id: newId(),
        measure_id: link.measureId,
        subject_type: link.subjectType,
        subject_id: link.subjectId,
        fiscal_year: link.fiscalYear,
        department_name: link.departmentName,
        linked_by: actorId,
        linked_at: now(),
      })
      .execute();
    await recordAudit(trx, { actorId, action: "plan.link.add", subjectType: "measure", subjectId: link.measureId, detail: { ...link } });
    return true;
  });
}

export async function unlinkEvidence(db: DB, viewer: Viewer, input: { measureId: string; linkId: string }): Promise<boolean> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const link = await trx.selectFrom("measure_links").where("id", "=", input.linkId).where("measure_id", "=", input.measureId).selectAll().executeTakeFirst();
    if (!link) return false;
    await trx.deleteFrom("measure_links").where("id", "=", link.id).execute();
    await recordAudit(trx, {
      actorId,
      action: "plan.link.remove",
      subjectType: "measure",
      subjectId: input.measureId,
      detail: { subjectType: link.subject_type, subjectId: link.subject_id },
    });
    return true;
  });
}

export interface ProjectEvidence {
  projectId: string;
  measureIds: string[];
  /** What the project did, as it should read in the progress list. */
  text: string;
  fiscalYear: number;
  departmentNames: string[];
  actorId?: string | null;
}

/**
 * An awarded project becomes evidence: for each measure a link (subject_type 'project') and a progress
 * entry (source 'project', source_id = the project). Calling it again for the same project replaces
 * that project's entries (e.g. a corrected text) instead of adding duplicates; nothing else is touched.
 * No schema change is needed for projects: both tables already carry polymorphic subject/source ids.
 */
export async function recordProjectEvidence(db: DB, evidence: ProjectEvidence): Promise<{ added: number; replaced: number }> {
  return db.transaction().execute((trx) => recordProjectEvidenceIn(trx, evidence));
}

/** The same inside the caller's transaction (the project area writes it as it accepts the final report). */
export async function recordProjectEvidenceIn(trx: DB, evidence: ProjectEvidence): Promise<{ added: number; replaced: number }> {
  {
    const at = now();
    let added = 0;
    let replaced = 0;
    for (const measureId of evidence.measureIds) {
      const measure = await trx.selectFrom("measures").where("id", "=", measureId).select("id").executeTakeFirst();
      if (!measure) throw new Error(`measure ${measureId} does not exist`);
      const removed = await trx
        .deleteFrom("progress_entries")
        .where("measure_id", "=", measureId)
        .where("source", "=", "project")
        .where("source_id", "=", evidence.projectId)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0) replaced++;
      else added++;
      await trx
        .insertInto("progress_entries")
        .values({
          id: newId(),
          measure_id: measureId,
          text: evidence.text,
          fiscal_year_from: evidence.fiscalYear,
          fiscal_year_to: evidence.fiscalYear,
          fiscal_year_label: formatFiscalYearRange(evidence.fiscalYear, evidence.fiscalYear),
          departments: JSON.stringify(evidence.departmentNames),
          source: "project",
          source_id: evidence.projectId,
          position: await nextEntryPosition(trx, measureId),
          created_at: at,
          created_by: evidence.actorId ?? null,
        })
        .execute();
      const link = await trx
        .selectFrom("measure_links")
        .where("measure_id", "=", measureId)
        .where("subject_type", "=", "project")
        .where("subject_id", "=", evidence.projectId)
        .select("id")
        .executeTakeFirst();
      if (!link) {
        await trx
          .insertInto("measure_links")
          .values({
            id: newId(),
            measure_id: measureId,
            subject_type: "project",
            subject_id: evidence.projectId,
            fiscal_year: evidence.fiscalYear,
            department_name: evidence.departmentNames.join("、") || null,
            linked_by: evidence.actorId ?? null,
            linked_at: at,
          })
          .execute();
      }
    }
    await recordAudit(trx, {
      actorId: evidence.actorId ?? null,
      action: "plan.project-evidence",
      subjectType: "project",
      subjectId: evidence.projectId,
      detail: { measureIds: evidence.measureIds, fiscalYear: evidence.fiscalYear, added, replaced },
    });
    return { added, replaced };
  }
}
