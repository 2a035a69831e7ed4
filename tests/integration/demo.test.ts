// The demo a first start loads into an empty database.
import { describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo } from "../../db/demo";
import { getDb } from "../../db/index";
import { ROLES } from "../../db/schema";
import { DEMO_SHEETS } from "../../db/demo/sheets";
import { DEMO_EVIDENCE, DEMO_PLAN_SLUG, DEMO_PROJECT_TITLES } from "../../db/demo/projects";
import { Client, pageText, useServer } from "./harness";

const base = useServer();

describe("the demo", () => {
  it("loads the seed departments, an account of each role that can sign in, and groups", async () => {
    expect(await isEmpty(getDb())).toBe(true);
    await loadDemo(getDb());
    expect(await isEmpty(getDb())).toBe(false);

    const departments = await getDb().selectFrom("departments").select("name").execute();
    expect(departments.map((d) => d.name).sort()).toEqual(DEMO_DEPARTMENTS.map((d) => d.name).sort());
    expect(departments.map((d) => d.name)).toContain("市民活動支援課");

    const roles = await getDb().selectFrom("user_roles").select("role").distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());

    for (const user of DEMO_USERS) {
      const response = await new Client(base).post("/login", { email: user.email, password: DEMO_PASSWORD });
      expect({ email: user.email, status: response.status }).toEqual({ email: user.email, status: 302 });
    }
    const groups = await getDb().selectFrom("groups").select(["id", "name", "status", "wishes", "search_text"]).execute();
    expect(groups.length).toBeGreaterThanOrEqual(18);
    expect(groups.filter((g) => g.status === "pending").length).toBe(2);
    // approved groups come with what matching reads: wishes, a track record, folded search text
    const activities = await getDb().selectFrom("group_activities").select("group_id").execute();
    for (const g of groups.filter((g) => g.status === "approved")) {
      expect({ name: g.name, wishes: Boolean(g.wishes), activities: activities.some((a) => a.group_id === g.id), searchable: g.search_text.length > 0 }).toEqual({
        name: g.name,
        wishes: true,
        activities: true,
        searchable: true,
      });
    }
    const owned = await getDb()
      .selectFrom("group_members")
      .innerJoin("users", "users.id", "group_members.user_id")
      .where("users.email", "=", "group@example.jp")
      .select("group_members.role")
      .execute();
    expect(owned.map((m) => m.role)).toEqual(["owner", "owner"]);
    const directory = await (await new Client(base).get(`/groups?q=${encodeURIComponent("子育")}`)).text();
    expect(directory).toContain("NPO法人 しろい子育てネット");

    // Matching sheets: the public list shows the published and closed ones, a draft stays hidden.
    const list = await pageText(await new Client(base).get("/sheets"));
    expect(list).toContain("放課後の子どもの居場所づくり");
    expect(list).toContain(`${DEMO_SHEETS.filter((s) => s.status !== "draft").length}件`);
    expect(list).not.toContain("里山の保全と環境学習（検討中）");
    const answered = await getDb().selectFrom("sheet_questions").where("answer", "is not", null).select("id").execute();
    expect(answered.length).toBeGreaterThanOrEqual(5);

    // A previous-year project went through the whole chain and is evidence on a measure of the demo plan.
    const projects = await getDb()
      .selectFrom("projects")
      .innerJoin("proposals", "proposals.id", "projects.proposal_id")
      .where("projects.title", "in", [...DEMO_PROJECT_TITLES])
      .select(["projects.fiscal_year", "proposals.status"])
      .orderBy("projects.fiscal_year")
      .execute();
    expect(projects).toEqual([
      { fiscal_year: 2025, status: "closed" },
      { fiscal_year: 2026, status: "in_progress" },
    ]);
    expect(await pageText(await new Client(base).get(`/plans/${DEMO_PLAN_SLUG}/progress`))).toContain(`${DEMO_EVIDENCE}(令和7年度)【市民活動支援課】`);
  });
});
