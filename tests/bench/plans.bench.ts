// Import of a generated plan of 5,000 measures with 20,000 progress entries into a fresh SQLite file
// through importPlan (one transaction), then its xlsx export (the progress list). Target: each under
// 2 seconds on the 2-core CI machine. Prints seconds and rows per second; exits 1 only on errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "../../db/index";
import { migrateToLatest } from "../../db/migrate";
import { importPlan } from "../../app/domain/plans/commands.server";
import { progressListXlsx } from "../../app/domain/plans/export/spreadsheet.server";
import { loadStoredPlan } from "../../app/domain/plans/queries.server";
import { formatFiscalYearRange } from "../../app/domain/calendar/fiscal-year";
import { MEASURE_STATUSES, type ParsedMeasure, type ParsedPlan } from "../../app/domain/plans/types";

const GOALS = 10;
const POLICIES = 10; // per goal
const LEAVES = 48; // per policy → 10 + 100 + 4,800 = 4,910; topped up to 5,000 below
const MEASURES = 5_000;
const ENTRIES = 20_000;
const DEPARTMENTS = ["企画政策課", "秘書広報課", "市民活動支援課", "生涯学習課", "高齢者福祉課", "環境課"];

function generatePlan(): ParsedPlan {
  const measures: ParsedMeasure[] = [];
  const base = { implementers: [], targetActors: [], schedule: [], labels: [], entries: [], line: 0 };
  const leaves: ParsedMeasure[] = [];
  for (let g = 1; g <= GOALS; g++) {
    measures.push({ ...base, code: `${g}`, parentCode: null, level: 0, title: `基本目標${g}`, departments: [] });
    for (let p = 1; p <= POLICIES; p++) {
      const policy = `${g}-(${p})`;
      measures.push({ ...base, code: policy, parentCode: `${g}`, level: 1, title: `施策${g}-${p}`, departments: [] });
      const count = LEAVES + (g === 1 && p <= 9 ? 10 : 0); // the extra 90 leaves reach 5,000
      for (let l = 1; l <= count; l++) {
        const leaf: ParsedMeasure = {
          ...base,
          entries: [],
          code: `${policy}-${l}`,
          parentCode: policy,
          level: 2,
          title: `具体的な事業 ${g}-${p}-${l} 市民と協働して地域の課題を解決する取り組み`,
          departments: [DEPARTMENTS[l % DEPARTMENTS.length], DEPARTMENTS[(l + 2) % DEPARTMENTS.length]],
          status: MEASURE_STATUSES[l % MEASURE_STATUSES.length],
        };
        measures.push(leaf);
        leaves.push(leaf);
      }
    }
  }
  for (let i = 0; i < ENTRIES; i++) {
    const from = 2013 + (i % 8);
    const to = from + (i % 3);
    leaves[i % leaves.length].entries.push({
      text: `実施したこと${i + 1}: 講座の開催と報告書の公開、関係団体との意見交換`,
      fiscalYearFrom: from,
      fiscalYearTo: to,
      fiscalYearLabel: formatFiscalYearRange(from, to),
      departments: [DEPARTMENTS[i % DEPARTMENTS.length]],
      line: 0,
    });
  }
  if (measures.length !== MEASURES) throw new Error(`generated ${measures.length} measures, expected ${MEASURES}`);
  return { layout: "shiroi-progress", title: "生成した計画（ベンチマーク）", levelNames: ["基本目標", "施策", "具体的な事業"], measures, warnings: [] };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plans-bench-"));
const db = createDb(`file:${path.join(dir, "bench.sqlite")}`);
try {
  await migrateToLatest(db);
  const plan = generatePlan();
  const rows = MEASURES + ENTRIES;

  let start = performance.now();
  const report = await importPlan(db, plan, { slug: "bench", actorId: null });
  const importSeconds = (performance.now() - start) / 1000;
  if (report.summary.measures !== MEASURES || report.summary.entries !== ENTRIES) throw new Error(`imported ${JSON.stringify(report.summary)}`);

  start = performance.now();
  const again = await importPlan(db, plan, { slug: "bench", actorId: null });
  const reimportSeconds = (performance.now() - start) / 1000;
  if (again.measures.unchanged !== MEASURES) throw new Error("re-import changed something");

  start = performance.now();
  const stored = (await loadStoredPlan(db, "bench"))!;
  const loadSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const xlsx = await progressListXlsx(stored);
  const xlsxSeconds = (performance.now() - start) / 1000;

  const line = (label: string, seconds: number, count: number) =>
    console.log(`${label.padEnd(34)} ${seconds.toFixed(2)} s  ${Math.round(count / seconds).toLocaleString("en")} rows/s${seconds < 2 ? "" : "  (over the 2 s target)"}`);
  console.log(`plan: ${MEASURES.toLocaleString("en")} measures, ${ENTRIES.toLocaleString("en")} entries (SQLite file in ${dir})`);
  line("import (importPlan, 1 transaction)", importSeconds, rows);
  line("re-import, nothing changed", reimportSeconds, rows);
  line("load the stored plan", loadSeconds, rows);
  line("xlsx export (exceljs)", xlsxSeconds, MEASURES);
  line("load + xlsx export", loadSeconds + xlsxSeconds, MEASURES);
  console.log(`xlsx size: ${(xlsx.length / 1024 / 1024).toFixed(2)} MB`);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
