// Reads of the plans stored in the database.
import type { DB } from "../../../db/index";
import { MEASURE_STATUSES } from "./types";

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
