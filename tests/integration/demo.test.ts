// The demo a first start loads into an empty database.
import { describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemo } from "../../db/demo";
import { getDb } from "../../db/index";
import { ROLES } from "../../db/schema";
import { DEMO_SHEETS } from "../../db/demo/sheets";
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
    const groups = await getDb().selectFrom("groups").select(["name", "status"]).execute();
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(groups.some((g) => g.status === "pending")).toBe(true);

    // Matching sheets: the public list shows the published and closed ones, a draft stays hidden.
    const list = await pageText(await new Client(base).get("/sheets"));
    expect(list).toContain("放課後の子どもの居場所づくり");
    expect(list).toContain(`${DEMO_SHEETS.filter((s) => s.status !== "draft").length}件`);
    expect(list).not.toContain("里山の保全と環境学習（検討中）");
    const answered = await getDb().selectFrom("sheet_questions").where("answer", "is not", null).select("id").execute();
    expect(answered.length).toBeGreaterThanOrEqual(5);
  });
});
