// The demo a first start loads into an empty database.
import { describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo } from "../../db/demo";
import { getDb } from "../../db/index";
import { ROLES } from "../../db/schema";
import { DEMO_SHEETS, DEMO_WAITING_QUESTION } from "../../db/demo/sheets";
import { DEMO_EVIDENCE, DEMO_PLAN_SLUG, DEMO_PROJECT_TITLES } from "../../db/demo/projects";
import { Client, locationOf, pageText, setUpThroughPage, signInWithForms, useServer } from "./harness";

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

    // A review in progress: the reviewer has proposals to score; staff-reviewer, a member of one applicant,
    // finds three (never that one); the coordinator's result sheet ranks the scored ones.
    // Staff demo accounts set up two-step sign-in at their first sign-in, as a person would.
    const signIn = async (email: string) => {
      const client = new Client(base);
      await signInWithForms(client, email, DEMO_PASSWORD);
      if (locationOf(await client.get("/dashboard")) === "/account/two-factor/setup") await setUpThroughPage(client);
      return client;
    };
    // Sheet notices (13.11): the demo group finds its question waiting for an answer; 生涯学習課's staff
    // and its 協働推進員 (staff@example.jp) find the question and the 相談したい among their notifications.
    const groupClient = new Client(base);
    await signInWithForms(groupClient, "group@example.jp", DEMO_PASSWORD);
    const groupDashboard = await pageText(await groupClient.get("/dashboard"));
    expect(groupDashboard).toContain("回答待ちの質問");
    expect(groupDashboard).toContain(DEMO_WAITING_QUESTION);
    for (const email of ["staff-reviewer@example.jp", "staff@example.jp"]) {
      const notices = await pageText(await (await signIn(email)).get("/notifications"));
      expect(notices).toContain("「放課後の子どもの居場所づくり」に");
      expect(notices).toContain("について相談を希望しています");
    }
    // The sheet page shows the 行政提案型 call taking proposals on it (13.10).
    const demoSheet = await getDb().selectFrom("matching_sheets").where("title", "=", "放課後の子どもの居場所づくり").select("id").executeTakeFirstOrThrow();
    const demoSheetPage = await pageText(await new Client(base).get(`/sheets/${demoSheet.id}`));
    expect(demoSheetPage).toContain("令和8年度 行政提案型協働事業の募集");
    expect(demoSheetPage).toContain("この募集に提案する");

    const reviews = await pageText(await (await signIn("reviewer@example.jp")).get("/reviews"));
    expect(reviews).toContain("令和7年度 市民提案型協働事業の募集");
    expect(reviews).toContain("未提出 3 件 / 4 件");
    expect(await pageText(await (await signIn("staff-reviewer@example.jp")).get("/reviews"))).not.toContain("地域の公民館で学ぶシニアのスマホ教室");
    const coordinator = await signIn("coordinator@example.jp");
    const call = await getDb().selectFrom("calls").where("fiscal_year", "=", 2025).select("id").executeTakeFirstOrThrow();
    const results = await pageText(await coordinator.get(`/coordinator/calls/${call.id}/results`));
    expect(results).toMatch(/<td>1<\/td><td>R7-市民-0001<\/td>/);
    expect(results).toContain("学識 経子");

    // Award: the demo group reads its published letter; the public call page lists the awarded projects only.
    const awarded = await getDb().selectFrom("proposals").where("title", "=", "父親の育児参加を広げる「パパの時間」拡大事業").select(["id", "call_id", "status"]).executeTakeFirstOrThrow();
    expect(awarded.status).toBe("adopted");
    const member = await signIn("group@example.jp");
    const letter = await pageText(await member.get(`/proposals/${awarded.id}/letter`));
    expect(letter).toContain("審査結果通知書");
    expect(letter).toContain("協推第");
    const callPage = await pageText(await new Client(base).get(`/calls/${awarded.call_id}`));
    expect(callPage).toContain("父親の育児参加を広げる「パパの時間」拡大事業");
    expect(callPage).toContain("親子で楽しむ里山の自然体験と竹林整備");
    expect(callPage).not.toContain("防犯カメラの地区内設置");

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
