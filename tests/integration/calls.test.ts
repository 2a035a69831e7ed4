// Calls for proposals end to end through HTTP: the coordinator drafts, publishes and edits calls; the
// public finds published ones; nobody else manages them; the rubric freezes after the first submission.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { insertDepartment, insertSheet } from "../fixtures/records";
import { Client, clientFor, createUser, locationOf, pageText, useServer } from "./harness";
import { makeCall } from "./proposal-fixtures";

const base = useServer();

const FORM: Record<string, string | string[]> = {
  fiscalYear: "令和8年度",
  type: "citizen",
  title: "市民提案型協働事業の募集",
  description: "地域の課題を市と一緒に解決する事業を募集します。",
  minMembers: "5",
  minYearsActive: "1",
  opensAt: "2026-04-01T09:00",
  closesAt: "2099-02-10T17:00",
  graceMinutes: "15",
  budgetCapPerProposal: "1000000",
  budgetCapTotal: "5000000",
  cityShareByYear: "90, 80, 70",
  requiredAttachments: "事業計画書\n収支予算書",
  stages: ["formal_check", "document_review", "presentation"],
  "criteria[0].name": "公益性",
  "criteria[0].description": "市民全体の利益につながるか",
  "criteria[0].maxPoints": "20",
  "criteria[0].weight": "2",
  "criteria[1].name": "実現可能性",
  "criteria[1].maxPoints": "10",
  "criteria[1].weight": "1",
};

async function publishedSheet(title: string, status: "published" | "draft" = "published", departmentName = "生涯学習課") {
  const departmentId = await insertDepartment(getDb(), newId(), departmentName);
  return insertSheet(getDb(), { id: newId(), departmentId, title, status });
}

describe("calls for proposals", () => {
  let coordinator: Client;
  beforeAll(async () => {
    coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
  });

  async function create(fields: Record<string, string | string[]>) {
    const response = await coordinator.post("/coordinator/calls/new", fields);
    expect(response.status).toBe(302);
    return locationOf(response)!;
  }

  it("keeps a draft from the public until the coordinator publishes it, then lists it as 受付中", async () => {
    const title = `下書きの募集 ${Date.now()}`;
    const path = await create({ ...FORM, title, intent: "save" });
    const id = path.split("/").pop()!;
    expect((await new Client(base).get(path)).status).toBe(404);
    expect(await pageText(await new Client(base).get("/calls"))).not.toContain(title);
    expect(await pageText(await coordinator.get("/coordinator/calls"))).toContain(title);

    const edit = await coordinator.get(`/coordinator/calls/${id}/edit`);
    expect(await pageText(edit)).toContain(title);
    const published = await coordinator.post(`/coordinator/calls/${id}/edit`, { ...FORM, title, intent: "publish" });
    expect(published.status).toBe(302);

    const list = await pageText(await new Client(base).get("/calls"));
    expect(list).toContain(title);
    expect(list).toMatch(new RegExp(`${title}.*令和8年度（2026年度）.*市民提案型.*受付中`, "s"));

    const page = await pageText(await new Client(base).get(path));
    expect(page).toContain("令和8年4月1日（水）9:00〜令和81年2月10日（火）17:00");
    expect(page).toContain("令和81年2月10日（火）17:15 まで受け付けます");
    expect(page).toContain("1,000,000円");
    expect(page).toMatch(/1年目: 事業費の90%まで.*2年目: 事業費の80%まで.*3年目以降: 事業費の70%まで/s);
    expect(page).toContain("会員数 5人以上");
    expect(page).toContain("収支予算書");
    expect(page).toContain("公開プレゼンテーション（二次審査）");
    expect(page).toMatch(/公益性.*市民全体の利益につながるか.*20点.*×2/s);
    expect(page).toContain("満点: 50点");

    const audit = await getDb().selectFrom("audit_log").where("subject_id", "=", id).select("action").orderBy("created_at").execute();
    expect(audit.map((a) => a.action)).toEqual(["call.create", "call.publish"]);
  });

  it("shows a call that has not opened yet as 募集前, and one past its closing as 締切", async () => {
    await create({ ...FORM, title: "来年の募集", opensAt: "2098-04-01T09:00", intent: "publish" });
    await create({ ...FORM, title: "去年の募集", opensAt: "2025-04-01T09:00", closesAt: "2025-05-01T17:00", intent: "publish" });
    const list = await pageText(await new Client(base).get("/calls"));
    expect(list).toMatch(/来年の募集.*募集前/s);
    expect(list).toMatch(/去年の募集.*締切/s);
  });

  it("links a government call to published sheets, and refuses a sheet that is not published", async () => {
    const sheetId = await publishedSheet("公園の花壇づくり");
    const path = await create({ ...FORM, type: "government", title: "行政提案型の募集", sheetIds: [sheetId], intent: "publish" });
    const page = await pageText(await new Client(base).get(path));
    expect(page).toContain("行政提案型");
    expect(page).toContain(`href="/sheets/${sheetId}"`);
    expect(page).toContain("公園の花壇づくり");

    const form = await pageText(await coordinator.get("/coordinator/calls/new"));
    expect(form).toContain("公園の花壇づくり（生涯学習課）");
    const draftSheet = await publishedSheet("まだ下書きのシート", "draft", "都市計画課");
    expect(form).not.toContain("まだ下書きのシート");
    const refused = await coordinator.post("/coordinator/calls/new", { ...FORM, type: "government", sheetIds: [draftSheet], intent: "save" });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("公開中のマッチングシートから選んでください");
  });

  it("lets only the coordinator manage calls", async () => {
    const path = await create({ ...FORM, title: "管理の確認", intent: "publish" });
    const id = path.split("/").pop()!;
    for (const role of ["group_member", "department_staff", "reviewer", "admin"] as const) {
      const other = await clientFor(base, (await createUser([role])).id);
      expect((await other.get("/coordinator/calls")).status).toBe(403);
      expect((await other.get("/coordinator/calls/new")).status).toBe(403);
      expect((await other.post("/coordinator/calls/new", { ...FORM, intent: "publish" })).status).toBe(403);
      expect((await other.post(`/coordinator/calls/${id}/edit`, { ...FORM, title: "乗っ取り" })).status).toBe(403);
    }
    expect(await pageText(await new Client(base).get(path))).toContain("管理の確認");
  });

  it("refuses a rubric change once the first proposal is submitted, with the reason, but allows a title fix", async () => {
    const path = await create({ ...FORM, title: "提案が来た募集", intent: "publish" });
    const id = path.split("/").pop()!;
    await getDb().updateTable("calls").set({ first_submitted_at: now() }).where("id", "=", id).execute();

    const edit = await pageText(await coordinator.get(`/coordinator/calls/${id}/edit`));
    expect(edit).toContain("募集名と募集の内容（誤字の修正など）だけ変更できます");

    const refused = await coordinator.post(`/coordinator/calls/${id}/edit`, { ...FORM, title: "提案が来た募集", "criteria[0].weight": "3", intent: "save" });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("最初の提案が提出されたため、審査項目と募集条件は変更できません");
    const closing = await coordinator.post(`/coordinator/calls/${id}/edit`, { ...FORM, closesAt: "2099-03-10T17:00", intent: "save" });
    expect(closing.status).toBe(400);
    const criteria = await getDb().selectFrom("call_criteria").where("call_id", "=", id).select("weight").orderBy("position").execute();
    expect(criteria.map((c) => c.weight)).toEqual([2, 1]);

    const fixed = await coordinator.post(`/coordinator/calls/${id}/edit`, { ...FORM, title: "提案が来た募集（修正）", intent: "save" });
    expect(fixed.status).toBe(302);
    expect(await pageText(await new Client(base).get(path))).toContain("提案が来た募集（修正）");
  });

  it("shows HTML typed into text fields as text", async () => {
    const path = await create({ ...FORM, title: "<script>alert(1)</script>募集", description: "<b>太字</b>", "criteria[0].name": "<i>公益性</i>", intent: "publish" });
    for (const page of [await pageText(await new Client(base).get(path)), await pageText(await new Client(base).get("/calls"))]) {
      expect(page).not.toContain("<script>alert(1)</script>");
      expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;募集");
    }
    const detail = await pageText(await new Client(base).get(path));
    expect(detail).toContain("&lt;b&gt;太字&lt;/b&gt;");
    expect(detail).toContain("&lt;i&gt;公益性&lt;/i&gt;");
  });

  it("says what is wrong beside each field and keeps what was typed", async () => {
    const response = await coordinator.post("/coordinator/calls/new", {
      ...FORM,
      title: "入力を確かめる募集",
      opensAt: "2027-02-10T09:00",
      closesAt: "2027-01-10T17:00",
      budgetCapPerProposal: "-5",
      "criteria[1].weight": "0",
      intent: "save",
    });
    expect(response.status).toBe(400);
    const page = await pageText(response);
    expect(page).toContain("締切日時は受付開始日時より後にしてください");
    expect(page).toContain("1提案あたりの上限額は0円以上で入力してください");
    expect(page).toContain("重みは1〜10の整数で入力してください");
    expect(page).toContain('value="入力を確かめる募集"');
    expect(page).toContain('value="2027-01-10T17:00"');
    expect(page).toContain('value="-5"');
    expect(page).toContain("実現可能性");
    // The message stands beside its field: the weight input of row 2 points at its error.
    expect(page).toMatch(/name="criteria\[1\]\.weight"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="criteria\[1\]\.weight"/);
    expect(await getDb().selectFrom("calls").where("title", "=", "入力を確かめる募集").select("id").execute()).toEqual([]);
  });
});

describe("the public list of calls", () => {
  it("comes in pages of 50, the latest fiscal year first, and a page past the end shows the last", async () => {
    // Sixty calls of a year after every other call here, so they fill the first pages in their order.
    for (let i = 0; i < 60; i++) {
      await makeCall({ fiscalYear: 2100, title: `頁分けの募集${String(i).padStart(2, "0")}`, opensAt: new Date(Date.UTC(2100, 3, 1 + i)).toISOString(), closesAt: "2101-03-01T08:00:00.000Z" });
    }
    const first = await pageText(await new Client(base).get("/calls"));
    expect(first).toMatch(/頁分けの募集59.*頁分けの募集58.*頁分けの募集10/s);
    expect(first).not.toContain("頁分けの募集09");
    expect(first).toMatch(/\d+件（1／\d+ページ、新しい年度から）/);
    expect(first).toContain('href="/calls?page=2"');

    const second = await pageText(await new Client(base).get("/calls?page=2"));
    expect(second).toMatch(/頁分けの募集09.*頁分けの募集00/s);
    expect(second).not.toContain("頁分けの募集10");

    expect(await pageText(await new Client(base).get("/calls?page=abc"))).toContain("頁分けの募集59");
    const total = Number(/(\d+)件（1／/.exec(first)![1]);
    const last = await pageText(await new Client(base).get("/calls?page=9999"));
    expect(last).toContain(`${total}件（${Math.ceil(total / 50)}／${Math.ceil(total / 50)}ページ`);
  });
});
