// The choosers of matching sheets stay bounded on ten years of sheets (issue 14): the call form and a
// measure's link form offer the linked sheets and at most 100 likely ones, say how many more there are,
// and find any other by a search (a plain GET, no JavaScript), which can then be linked and saved.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { registerUser } from "../../app/domain/accounts/commands.server";
import { importPlan } from "../../app/domain/plans/commands.server";
import { parsePlan } from "../../app/domain/plans";
import { readSeed } from "../fixtures/seed-documents";
import { insertDepartment, insertSheet } from "../fixtures/records";
import { Client, clientFor, createUser, locationOf, pageText, setUpSecondFactor, TEST_PASSWORD, useServer } from "./harness";

const base = useServer();
const db = () => getDb();
const sheetId = (departmentId: string, n: number) => `chooser-${departmentId}-${String(n).padStart(3, "0")}`;

/** `count` published sheets titled <prefix>NNN (from `from`), published a minute apart in `year`, the highest number the newest. */
async function publishSheets(departmentId: string, prefix: string, year: number, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    const id = await insertSheet(db(), { id: sheetId(departmentId, i), departmentId, title: `${prefix}${String(i).padStart(3, "0")}`, fiscalYear: null });
    const at = new Date(Date.UTC(year, 0, 1, 0, i)).toISOString();
    await db().updateTable("matching_sheets").set({ published_at: at, created_at: at }).where("id", "=", id).execute();
  }
}

const offeredCheckboxes = (html: string) => [...html.matchAll(/<input[^>]*name="sheetIds"[^>]*>/g)].map((m) => m[0]);
const offeredOptions = (html: string) => [...html.matchAll(/<option value="(chooser-[^"]+)"/g)].map((m) => m[1]);

const CALL: Record<string, string | string[]> = {
  fiscalYear: "令和12年度",
  type: "government",
  title: "行政提案型の募集（選択肢の確認）",
  description: "テーマに沿った提案を募集します。",
  opensAt: "2030-04-01T09:00",
  closesAt: "2099-02-10T17:00",
  graceMinutes: "0",
  budgetCapPerProposal: "1000000",
  budgetCapTotal: "3000000",
  cityShareByYear: "100",
  stages: ["formal_check", "document_review"],
  "criteria[0].name": "公益性",
  "criteria[0].maxPoints": "10",
  "criteria[0].weight": "1",
};

describe("the call form's sheets", () => {
  let coordinator: Client;
  let department: string;
  beforeAll(async () => {
    coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
    department = await insertDepartment(db(), "dept-choosers-calls", "選択肢確認課");
    await publishSheets(department, "選択肢確認", 2030, 1, 130);
  });

  it("offers the linked sheets and at most 100 others, says how many more, and finds the rest by a search", async () => {
    const fresh = await coordinator.get("/coordinator/calls/new");
    const html = await pageText(fresh);
    const published = Number((await db().selectFrom("matching_sheets").where("status", "=", "published").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(offeredCheckboxes(html)).toHaveLength(100);
    expect(html).toContain("選択肢確認130（選択肢確認課）"); // the newest
    expect(html).not.toContain("選択肢確認001");
    expect(html).toContain(`上に表示していないものが${published - 100}件あります`);

    // A call linked to the oldest sheet: its edit form offers it, ticked, beside the 100.
    const created = await coordinator.post("/coordinator/calls/new", { ...CALL, sheetIds: [sheetId(department, 1)], intent: "save" });
    expect(created.status).toBe(302);
    const callId = locationOf(created)!.split("/").pop()!;
    const edit = await pageText(await coordinator.get(`/coordinator/calls/${callId}/edit`));
    const boxes = offeredCheckboxes(edit);
    expect(boxes).toHaveLength(101);
    expect(boxes.filter((b) => /\schecked/.test(b))).toEqual([expect.stringContaining(`value="${sheetId(department, 1)}"`)]);
    expect(edit).toContain(`上に表示していないものが${published - 101}件あります`);

    // A sheet not offered by default is found by a search, and linked by saving the form.
    expect(edit).not.toContain("選択肢確認002");
    const found = await pageText(await coordinator.get(`/coordinator/calls/${callId}/edit?sheetq=${encodeURIComponent("選択肢確認002")}`));
    expect(found).toContain("「選択肢確認002」に一致する、公開中のマッチングシート: 1件");
    expect(offeredCheckboxes(found)).toContainEqual(expect.stringContaining(`value="${sheetId(department, 2)}"`));
    expect(found).toContain(`value="選択肢確認002"`); // the search field keeps the words
    const saved = await coordinator.post(`/coordinator/calls/${callId}/edit?sheetq=x`, { ...CALL, sheetIds: [sheetId(department, 1), sheetId(department, 2)], intent: "save" });
    expect(saved.status).toBe(302);
    const linked = await db().selectFrom("call_sheets").where("call_id", "=", callId).select("sheet_id").orderBy("sheet_id").execute();
    expect(linked.map((l) => l.sheet_id)).toEqual([sheetId(department, 1), sheetId(department, 2)]);

    // Ticked sheets asked for again (what the page does before a search) stay offered; a draft never is.
    const draft = await insertSheet(db(), { id: "chooser-draft", departmentId: department, title: "選択肢確認の下書き", status: "draft" });
    const kept = await pageText(await coordinator.get(`/coordinator/calls/new?sheet=${sheetId(department, 3)}&sheet=${draft}`));
    expect(kept).toContain("選択肢確認003");
    expect(kept).not.toContain("選択肢確認の下書き");
    // Saving still refuses a sheet that is not published, whatever the page offered.
    const refused = await coordinator.post(`/coordinator/calls/${callId}/edit`, { ...CALL, sheetIds: [draft], intent: "save" });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("公開中のマッチングシートから選んでください");
  });

  it("does not grow with the number of sheets", async () => {
    const before = (await pageText(await coordinator.get("/coordinator/calls/new"))).length;
    await publishSheets(department, "選択肢確認", 2030, 131, 200);
    const after = await pageText(await coordinator.get("/coordinator/calls/new"));
    expect(offeredCheckboxes(after)).toHaveLength(100);
    expect(Math.abs(after.length - before)).toBeLessThan(200); // only the counts' digits change
    expect(after.length).toBeLessThan(120_000);
  });
});

describe("a measure's sheets to link", () => {
  let measure: string;
  let staff: Client;
  let coordinator: Client;
  let department: string;
  beforeAll(async () => {
    await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "shiroi", actorId: null });
    measure = (
      await db()
        .selectFrom("measures")
        .innerJoin("plans", "plans.id", "measures.plan_id")
        .where("plans.slug", "=", "shiroi")
        .where("measures.code", "=", "1-(1)-(1)-①") // its departments include 秘書広報課
        .select("measures.id")
        .executeTakeFirstOrThrow()
    ).id;
    department = await insertDepartment(db(), "dept-choosers-plans", "秘書広報課");
    await publishSheets(department, "根拠確認", 2031, 1, 130);
    const staffId = await registerUser(db(), { email: `chooser-staff-${Date.now()}@example.jp`, displayName: "職員", password: TEST_PASSWORD, roles: ["department_staff"], departmentId: department, source: "test", emailConfirmed: true });
    await setUpSecondFactor(staffId);
    staff = await clientFor(base, staffId);
    coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
  });

  it("offers staff their department's newest 100, says how many more, and finds and links another", async () => {
    const page = await pageText(await staff.get(`/measures/${measure}`));
    const options = offeredOptions(page);
    expect(options).toHaveLength(100);
    expect(options[0]).toBe(sheetId(department, 130));
    expect(page).toContain("ほかに30件あります");

    const found = await pageText(await staff.get(`/measures/${measure}/links?q=${encodeURIComponent("根拠確認007")}`));
    expect(found).toContain("「根拠確認007」に一致する、結び付けられるマッチングシート: 1件");
    expect(offeredOptions(found)).toEqual([sheetId(department, 7)]);
    const linked = await staff.post(`/measures/${measure}/links`, { intent: "link", sheetId: sheetId(department, 7) });
    expect(linked.status).toBe(302);
    // Linked, it is no longer offered (the counts leave it out too).
    expect(await pageText(await staff.get(`/measures/${measure}/links?q=${encodeURIComponent("根拠確認007")}`))).toContain("に一致する、結び付けられるマッチングシートはありません");
  });

  it("offers the coordinator the 100 most recently published, and does not grow with the number of sheets", async () => {
    const page = await pageText(await coordinator.get(`/measures/${measure}`));
    expect(offeredOptions(page)).toHaveLength(100);
    expect(page).toContain("根拠確認130");
    await publishSheets(department, "根拠確認", 2031, 131, 200);
    const after = await pageText(await coordinator.get(`/measures/${measure}`));
    expect(offeredOptions(after)).toHaveLength(100);
    expect(after).toContain("根拠確認330");
    expect(Math.abs(after.length - page.length)).toBeLessThan(200);
  });
});
