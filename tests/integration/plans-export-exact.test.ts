// Export → import is exact (issue 13.1): for every plan layout of the seeds, importing the portal's own
// download over the plan leaves every stored row of the plan as it was (a full snapshot of plans,
// measures, measure_departments, progress_entries and measure_status_changes, minus ids and times).
// A file that lacks a column (an older export, or one trimmed in Excel) leaves that column alone.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { importPlan } from "../../app/domain/plans/commands.server";
import { parsePlan } from "../../app/domain/plans";
import { toCsvText } from "../../app/domain/plans/export/csv";
import { progressTableRows, toProgressTable } from "../../app/domain/plans/export/progress-table";
import { parsePlanFile } from "../../app/domain/plans/import/file.server";
import { progressListCsv, progressListXlsx } from "../../app/domain/plans/export/spreadsheet.server";
import { loadStoredPlan } from "../../app/domain/plans/queries.server";
import { readSeed, type SeedName } from "../fixtures/seed-documents";

const db = () => getDb();

/** Every stored field of the plan and of everything hanging on it, keyed by codes instead of ids. */
async function snapshot(slug: string) {
  const { id: planId, created_at: _c, updated_at: _u, ...plan } = await db().selectFrom("plans").where("slug", "=", slug).selectAll().executeTakeFirstOrThrow();
  const measures = await db().selectFrom("measures").where("plan_id", "=", planId).selectAll().orderBy("position").execute();
  const codeOf = new Map(measures.map((m) => [m.id, m.code]));
  const ids = measures.map((m) => m.id);
  const departments = await db().selectFrom("measure_departments").where("measure_id", "in", ids).selectAll().orderBy("measure_id").orderBy("position").execute();
  const entries = await db().selectFrom("progress_entries").where("measure_id", "in", ids).selectAll().orderBy("measure_id").orderBy("source").orderBy("position").execute();
  const statusChanges = await db().selectFrom("measure_status_changes").where("measure_id", "in", ids).selectAll().execute();
  return {
    plan,
    measures: measures.map(({ id, plan_id: _p, created_at: _mc, updated_at: _mu, parent_id, relist_of_measure_id, ...m }) => ({
      ...m,
      parent: parent_id ? codeOf.get(parent_id) : null,
      relistOf: relist_of_measure_id ? codeOf.get(relist_of_measure_id) : null,
      departments: departments.filter((d) => d.measure_id === id).map((d) => [d.position, d.department_name]),
      entries: entries
        .filter((e) => e.measure_id === id)
        .map(({ id: _e, measure_id: _m, created_at: _ec, created_by: _eb, ...e }) => e)
        .sort((a, b) => a.source.localeCompare(b.source) || a.position - b.position),
    })),
    statusChanges: statusChanges.length,
  };
}

type Format = "xlsx" | "csv" | "csv-sjis";

async function exportOf(slug: string, format: Format): Promise<Uint8Array> {
  const stored = (await loadStoredPlan(db(), slug))!;
  if (format === "xlsx") return progressListXlsx(stored);
  return progressListCsv(stored, format === "csv" ? "utf-8" : "sjis");
}

const SEEDS: SeedName[] = ["shiroi", "shiroiDated", "yamaguchi", "tierTable"];

describe("export → import over the plan", () => {
  it.each(SEEDS.flatMap((seed) => (["xlsx", "csv", "csv-sjis"] as const).map((format) => [seed, format] as const)))(
    "seed %s, %s: every stored field is as before",
    async (seed, format) => {
      const slug = `exact-${seed}-${format}`;
      await importPlan(db(), parsePlan(readSeed(seed)), { slug, actorId: null });
      const before = await snapshot(slug);

      const report = await importPlan(db(), await parsePlanFile(await exportOf(slug, format)), { slug, actorId: null });
      expect(await snapshot(slug)).toEqual(before);
      expect(report).toMatchObject({ planUpdated: false, measures: { added: 0, updated: 0, removed: 0, kept: 0 }, entries: { added: 0, removed: 0 }, statusChanges: 0, keptFields: [] });
    },
  );

  it("carries what the seeds hold beyond the progress list (the fields the issue found erased)", async () => {
    const yamaguchi = await snapshot("exact-yamaguchi-xlsx");
    const blocks = yamaguchi.measures.filter((m) => m.level === 2);
    expect(blocks).toHaveLength(52);
    for (const m of blocks) {
      expect(m.purpose && m.current_issues && m.content && m.completion_criteria).toBeTruthy();
      expect(JSON.parse(m.schedule)).not.toEqual([]);
      expect(JSON.parse(m.implementers)).not.toEqual([]);
    }
    expect(yamaguchi.plan).toMatchObject({ layout: "yamaguchi-action-plan", city: "山口市", first_fiscal_year: 2008, last_fiscal_year: 2012 });
    const shiroi = await snapshot("exact-shiroiDated-xlsx");
    expect(shiroi.measures.filter((m) => m.page_ref)).toHaveLength(43);
    expect(shiroi.plan).toMatchObject({ issued: "平成30年7月 市民活動支援課", layout: "shiroi-progress", city: "白井市" });
    const tiers = await snapshot("exact-tierTable-xlsx");
    expect(JSON.parse(tiers.plan.tier_summary!)).toHaveLength(4);
  });

  it("keeps staff and project entries single: their lines in the export are not imported again", async () => {
    const slug = "exact-staff";
    await importPlan(db(), parsePlan(readSeed("shiroi")), { slug, actorId: null });
    const measure = await db()
      .selectFrom("measures")
      .innerJoin("plans", "plans.id", "measures.plan_id")
      .where("plans.slug", "=", slug)
      .where("measures.code", "=", "1-(1)-(1)-①")
      .select("measures.id")
      .executeTakeFirstOrThrow();
    await db()
      .insertInto("progress_entries")
      .values(
        (["staff", "project"] as const).map((source, i) => ({
          id: newId(),
          measure_id: measure.id,
          text: `${source === "staff" ? "職員" : "協働事業"}が記録した実績`,
          fiscal_year_from: 2024,
          fiscal_year_to: 2024,
          fiscal_year_label: "令和6年度",
          departments: JSON.stringify(["秘書広報課"]),
          source,
          source_id: source === "project" ? newId() : null,
          position: 10 + i,
          created_at: now(),
          created_by: null,
        })),
      )
      .execute();
    const before = await snapshot(slug);
    const report = await importPlan(db(), await parsePlanFile(await exportOf(slug, "xlsx")), { slug, actorId: null });
    expect(report.entries).toEqual({ added: 0, removed: 0 });
    expect(await snapshot(slug)).toEqual(before);
  });
});

describe("a file without some of the columns", () => {
  it("leaves those fields as stored and says which, for an export made before the columns existed", async () => {
    const slug = "exact-old-export";
    await importPlan(db(), parsePlan(readSeed("yamaguchi")), { slug, actorId: null });
    const before = await snapshot(slug);
    // The export as it was: only the progress list's columns, no rows for the plan's own fields.
    const table = toProgressTable((await loadStoredPlan(db(), slug))!);
    const keep = table.header.map((name, i) => (["番号", "施策", "担当課", "実施したこと(実施年度)", "状況", "優先度", "階層", "上位番号", "再掲元"].includes(name) ? i : -1)).filter((i) => i >= 0);
    const old = toCsvText([[table.title], keep.map((i) => table.header[i]), ...table.rows.map((r) => keep.map((i) => r.cells[i]))]);

    const report = await importPlan(db(), await parsePlanFile(Buffer.from(old)), { slug, actorId: null, dryRun: true });
    expect(report.keptFields.map((k) => [k.label, k.count])).toEqual([
      ["計画書の形式", 1],
      ["付記", 4],
      ["実施主体", 52],
      ["推進項目対象", 52],
      ["目的", 52],
      ["現状と課題", 52],
      ["推進内容", 52],
      ["完了の目安", 52],
      ["年次計画", 52],
    ]);
    await importPlan(db(), await parsePlanFile(Buffer.from(old)), { slug, actorId: null });
    expect(await snapshot(slug)).toEqual(before);
  });

  it("still empties a field whose column is there with empty cells", async () => {
    const slug = "exact-cleared";
    await importPlan(db(), parsePlan(readSeed("yamaguchi")), { slug, actorId: null });
    const table = toProgressTable((await loadStoredPlan(db(), slug))!);
    const purpose = table.header.indexOf("目的");
    const cleared = progressTableRows({ ...table, rows: table.rows.map((r) => ({ ...r, cells: r.cells.map((c, i) => (i === purpose ? "" : c)) })) });
    const report = await importPlan(db(), await parsePlanFile(Buffer.from(toCsvText(cleared))), { slug, actorId: null });
    expect(report.measures.updated).toBe(52);
    expect(report.keptFields).toEqual([]);
    const rows = await db().selectFrom("measures").innerJoin("plans", "plans.id", "measures.plan_id").where("plans.slug", "=", slug).select("purpose").execute();
    expect(rows.every((r) => r.purpose === null)).toBe(true);
  });
});
