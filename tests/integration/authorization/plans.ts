// The plans area's routes in the authorization table. Staff in this table belong to no department, so
// they may not add entries to or link records to any measure; tests/integration/plans-pages.test.ts
// covers staff of the measure's own department (allowed) and of another one (403).
import { newId, now } from "../../../db/values";
import { coordinatorOnly, type AreaTable, type Rule } from "./table";

const coordinatorEdits: Rule = { anonymous: "login", coordinator: "ok", others: "forbidden" };

export const plans: AreaTable = {
  routes: {
    "plans._index": { path: "/plans", get: "ok" },
    "plans.import": { path: "/plans/import", get: coordinatorOnly, post: coordinatorOnly },
    "plans.$slug._index": { path: "/plans/authz-plan", get: "ok" },
    "plans.$slug.progress": { path: "/plans/authz-plan/progress", get: "ok" },
    "plans.$slug.progress[.]xlsx": { path: "/plans/authz-plan/progress.xlsx", get: "ok" },
    "plans.$slug.progress[.]csv": { path: "/plans/authz-plan/progress.csv", get: "ok" },
    "measures.$id._index": { path: "/measures/authz-measure", get: "ok" },
    "measures.$id.entries": { path: "/measures/authz-measure/entries", get: coordinatorEdits, post: coordinatorEdits },
    "measures.$id.status": { path: "/measures/authz-measure/status", get: coordinatorOnly, post: coordinatorOnly },
    "measures.$id.links": { path: "/measures/authz-measure/links", get: coordinatorEdits, post: coordinatorEdits },
  },
  async prepare(db) {
    const at = now();
    await db
      .insertInto("plans")
      .values({
        id: "authz-plan-id",
        slug: "authz-plan",
        name: "権限確認の計画",
        city: null,
        first_fiscal_year: 2024,
        last_fiscal_year: 2026,
        level_names: JSON.stringify(["基本目標", "施策"]),
        layout: "portal-progress-list",
        title: "権限確認の計画 進捗一覧",
        issued: null,
        tier_summary: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const measure = (id: string, code: string, parentId: string | null, level: number, position: number) => ({
      id,
      plan_id: "authz-plan-id",
      code,
      parent_id: parentId,
      level,
      position,
      title: `施策 ${code}`,
      page_ref: null,
      description: null,
      purpose: null,
      current_issues: null,
      content: null,
      completion_criteria: null,
      tier: level === 1 ? "Ⅰ" : null,
      status: level === 1 ? "着手中" : null,
      next_term_proposal: null,
      next_term_reason: null,
      relist_of_measure_id: null,
      target_actors: "[]",
      implementers: "[]",
      labels: "[]",
      schedule: "[]",
      created_at: at,
      updated_at: at,
    });
    await db.insertInto("measures").values([measure("authz-goal", "1", null, 0, 0), measure("authz-measure", "1-(1)", "authz-goal", 1, 1)]).execute();
    await db.insertInto("measure_departments").values({ measure_id: "authz-measure", position: 0, department_name: "権限確認課" }).execute();
    await db
      .insertInto("progress_entries")
      .values({
        id: newId(),
        measure_id: "authz-measure",
        text: "権限の確認",
        fiscal_year_from: 2024,
        fiscal_year_to: 2024,
        fiscal_year_label: "令和6年度",
        departments: JSON.stringify(["権限確認課"]),
        source: "imported",
        source_id: null,
        position: 0,
        created_at: at,
        created_by: null,
      })
      .execute();
  },
};
