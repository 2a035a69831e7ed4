// Importing the seed plan documents into the database (importPlan): counts as the documents print
// them, idempotent re-import, a later version, dry runs, malformed files, and staff entries kept.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { importPlan } from "../../app/domain/plans/commands.server";
import { loadPlanSummary } from "../../app/domain/plans/queries.server";
import { parsePlan, PlanImportError } from "../../app/domain/plans";
import { readSeed } from "../fixtures/seed-documents";

const db = () => getDb();

async function count(table: "plans" | "measures" | "measure_departments" | "progress_entries" | "measure_status_changes" | "audit_log") {
  const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function allCounts() {
  return {
    plans: await count("plans"),
    measures: await count("measures"),
    departments: await count("measure_departments"),
    entries: await count("progress_entries"),
    statusChanges: await count("measure_status_changes"),
  };
}

async function levels(slug: string): Promise<number[]> {
  const rows = await db()
    .selectFrom("measures")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .where("plans.slug", "=", slug)
    .select("measures.level")
    .execute();
  const out: number[] = [];
  for (const { level } of rows) out[level] = (out[level] ?? 0) + 1;
  return out;
}

async function measureOf(slug: string, code: string) {
  return db()
    .selectFrom("measures")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .where("plans.slug", "=", slug)
    .where("measures.code", "=", code)
    .selectAll("measures")
    .executeTakeFirstOrThrow();
}

describe("importPlan: the seeds", () => {
  // Counts as asserted by the parser tests (app/domain/plans/import/*.test.ts), counted from the files.
  it.each([
    ["shiroi", "shiroi-000", [3, 10, 33, 59], 93, { 未実施: 22 }, [2013, 2017]],
    ["shiroiDated", "shiroi-001", [3, 10, 33, 59], 93, { 未実施: 22 }, [2013, 2017]],
    ["yamaguchi", "yamaguchi-002", [5, 16, 52], 0, {}, [2008, 2012]],
    ["tierTable", "tier-004", [7, 16, 23], 17, { 未実施: 7, 着手中: 2, 一部済: 3, 済: 5, "済・継続": 6 }, [null, null]],
  ] as const)("imports %s with every measure, entry and status", async (seed, slug, byLevel, entries, statuses, years) => {
    const report = await importPlan(db(), parsePlan(readSeed(seed)), { slug, actorId: null });
    const total = byLevel.reduce((a, b) => a + b, 0);
    expect(report).toMatchObject({ created: true, measures: { added: total, updated: 0, removed: 0, unchanged: 0 }, entries: { added: entries, removed: 0 }, statusChanges: 0 });
    expect(await levels(slug)).toEqual(byLevel);
    const summary = await loadPlanSummary(db(), slug);
    expect(summary).toEqual({ measures: total, entries, statuses, fiscalYears: years });
    // Status keys come in the canonical order on both engines.
    expect(Object.keys(summary!.statuses)).toEqual(Object.keys(statuses));
    expect(report.summary).toEqual(summary);
  });

  it("keeps the tree, departments as printed, 【再掲】 links and the plan's own fields", async () => {
    const shiroi = await db().selectFrom("plans").where("slug", "=", "shiroi-000").selectAll().executeTakeFirstOrThrow();
    expect(shiroi).toMatchObject({ name: "市民参加・協働のまちづくりプラン 進捗一覧", city: "白井市", layout: "shiroi-progress", first_fiscal_year: 2013, last_fiscal_year: 2017 });
    expect(JSON.parse(shiroi.level_names)).toEqual(["基本目標", "施策", "取組", "具体的な事業"]);

    const leaf = await measureOf("shiroi-000", "1-(1)-(1)-①");
    const parent = await measureOf("shiroi-000", "1-(1)-(1)");
    expect(leaf.parent_id).toBe(parent.id);
    expect(await measureOf("shiroi-000", "2-(4)")).toMatchObject({ page_ref: "P53～P56" });

    const plan = parsePlan(readSeed("yamaguchi"));
    const relisted = plan.measures.filter((m) => m.relistOf);
    expect(relisted.length).toBeGreaterThan(0);
    for (const m of relisted) {
      const row = await measureOf("yamaguchi-002", m.code);
      expect(row.relist_of_measure_id).toBe((await measureOf("yamaguchi-002", m.relistOf!)).id);
    }
    const departments = await db()
      .selectFrom("measure_departments")
      .innerJoin("measures", "measures.id", "measure_departments.measure_id")
      .innerJoin("plans", "plans.id", "measures.plan_id")
      .where("plans.slug", "=", "yamaguchi-002")
      .select("department_name")
      .distinct()
      .execute();
    expect(departments.map((d) => d.department_name).sort()).toEqual([...new Set(plan.measures.flatMap((m) => m.departments))].sort());
  });
});

describe("importPlan: re-import and later versions", () => {
  it("changes nothing when the same file comes again", async () => {
    const plan = parsePlan(readSeed("shiroi"));
    await importPlan(db(), plan, { slug: "again", actorId: null });
    const before = await allCounts();
    const measuresBefore = await db().selectFrom("measures").select(["id", "updated_at"]).orderBy("id").execute();

    const report = await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "again", actorId: null });
    expect(report).toMatchObject({
      created: false,
      planUpdated: false,
      measures: { added: 0, updated: 0, removed: 0, unchanged: 105, kept: 0 },
      entries: { added: 0, removed: 0 },
      statusChanges: 0,
    });
    expect(await allCounts()).toEqual(before);
    expect(await db().selectFrom("measures").select(["id", "updated_at"]).orderBy("id").execute()).toEqual(measuresBefore);
  });

  it("updates by code from a later version, keeps the status history and records the import in the audit log", async () => {
    const original = readSeed("tierTable");
    await importPlan(db(), parsePlan(original), { slug: "later", actorId: null });
    const auditBefore = await count("audit_log");
    const historyBefore = await count("measure_status_changes");

    const later = original
      .replace("ホームページにて民間打合せスペースmapの作成及び公開", "ホームページにて民間打合せスペースmapの作成及び公開と更新")
      .replace(/^6\t(個別に実施している協働事業[^\t]*\t【Ⅱ-ア】\t)未\t/m, "6\t$1着手中\t")
      .replace(/^(23\t協働事業の評価・検証[^\n]*)$/m, "$1\n24\t協働事業の成果を発表する場の設置\t【Ⅲ】\t未\t\t\t");
    expect(later).not.toBe(original);

    const report = await importPlan(db(), parsePlan(later), { slug: "later", actorId: null });
    expect(report.created).toBe(false);
    expect(report.changes.added).toEqual(["24"]);
    expect([...report.changes.updated].sort()).toEqual(["1", "6"]);
    expect(report.measures).toMatchObject({ added: 1, updated: 2, removed: 0, unchanged: 44 });
    expect(report.entries).toEqual({ added: 1, removed: 1 });
    expect(report.statusChanges).toBe(1);
    expect(report.changes.statuses).toEqual([{ code: "6", from: "未実施", to: "着手中" }]);

    const six = await measureOf("later", "6");
    expect(six.status).toBe("着手中");
    const history = await db().selectFrom("measure_status_changes").where("measure_id", "=", six.id).selectAll().execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ from_status: "未実施", to_status: "着手中" });
    expect(await count("measure_status_changes")).toBe(historyBefore + 1);

    const one = await measureOf("later", "1");
    const entries = await db().selectFrom("progress_entries").where("measure_id", "=", one.id).select("text").execute();
    expect(entries.map((e) => e.text)).toEqual(["ホームページにて民間打合せスペースmapの作成及び公開と更新"]);

    const audit = await db().selectFrom("audit_log").where("action", "=", "plan.import").orderBy("created_at", "desc").selectAll().execute();
    expect(await count("audit_log")).toBe(auditBefore + 1);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ slug: "later", statusChanges: 1, measures: { added: 1, updated: 2 } });

    // Back to the original: the new measure goes, the status goes back, and that is history too.
    const back = await importPlan(db(), parsePlan(original), { slug: "later", actorId: null });
    expect(back.changes.removed).toEqual(["24"]);
    expect(back.changes.statuses).toEqual([{ code: "6", from: "着手中", to: "未実施" }]);
  });

  it("keeps staff and project entries through a re-import, and a dropped measure that carries them", async () => {
    const original = readSeed("tierTable");
    const withExtra = original.replace(/^(23\t協働事業の評価・検証[^\n]*)$/m, "$1\n24\t協働事業の成果を発表する場の設置\t【Ⅲ】\t未\t\t\t");
    await importPlan(db(), parsePlan(withExtra), { slug: "staff", actorId: null });
    const one = await measureOf("staff", "1");
    const extra = await measureOf("staff", "24");
    const staffEntry = (measureId: string, source: "staff" | "project") => ({
      id: newId(),
      measure_id: measureId,
      text: `${source} が追加した実績`,
      fiscal_year_from: 2024,
      fiscal_year_to: 2024,
      fiscal_year_label: "令和6年度",
      departments: JSON.stringify(["市民活動支援課"]),
      source,
      source_id: source === "project" ? newId() : null,
      position: 10,
      created_at: now(),
      created_by: null,
    });
    await db().insertInto("progress_entries").values([staffEntry(one.id, "staff"), staffEntry(one.id, "project"), staffEntry(extra.id, "staff")]).execute();

    const changed = original.replace("ホームページにて民間打合せスペースmapの作成及び公開", "差し替えた実績");
    const report = await importPlan(db(), parsePlan(changed), { slug: "staff", actorId: null });
    expect(report.changes.kept).toEqual(["24"]);
    expect(report.measures).toMatchObject({ removed: 0, kept: 1 });

    const sources = await db().selectFrom("progress_entries").where("measure_id", "=", one.id).select(["source", "text"]).orderBy("position").execute();
    expect(sources).toEqual([
      { source: "imported", text: "差し替えた実績" },
      { source: "staff", text: "staff が追加した実績" },
      { source: "project", text: "project が追加した実績" },
    ]);
    expect(await db().selectFrom("progress_entries").where("measure_id", "=", extra.id).select("source").execute()).toEqual([{ source: "staff" }]);
  });
});

describe("importPlan: nothing written", () => {
  it("computes the report of a dry run and rolls it back", async () => {
    const before = await allCounts();
    const auditBefore = await count("audit_log");
    const report = await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "dry", actorId: null, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, created: true, measures: { added: 105 }, entries: { added: 93 } });
    expect(report.summary).toMatchObject({ measures: 105, entries: 93, statuses: { 未実施: 22 } });
    expect(await allCounts()).toEqual(before);
    expect(await count("audit_log")).toBe(auditBefore);
    expect(await loadPlanSummary(db(), "dry")).toBeNull();
  });

  it("refuses a malformed file before anything reaches the database", async () => {
    const before = await allCounts();
    const broken = readSeed("tierTable").replace(/^2\t公共施設の有効利用\t【Ⅰ】<重点施策>\t済・継/m, "2\t公共施設の有効利用\t【Ⅰ】<重点施策>\t完了");
    expect(() => parsePlan(broken)).toThrow(PlanImportError);
    try {
      parsePlan(broken);
    } catch (error) {
      expect((error as PlanImportError).issues[0]).toMatchObject({ line: expect.any(Number), message: expect.stringContaining("完了") });
    }
    expect(await allCounts()).toEqual(before);
  });

  it("rolls back everything when a write fails half-way", async () => {
    const before = await allCounts();
    const plan = parsePlan(readSeed("shiroi"));
    // Two measures with one code break the (plan_id, code) constraint after the plan row is written.
    const duplicated = { ...plan, measures: [...plan.measures, { ...plan.measures[plan.measures.length - 1] }] };
    await expect(importPlan(db(), duplicated, { slug: "half", actorId: null })).rejects.toThrow();
    expect(await allCounts()).toEqual(before);
    expect(await loadPlanSummary(db(), "half")).toBeNull();
  });
});
