// Matching sheets end to end through HTTP: a department writes, publishes and closes its sheets; the
// public finds them; groups ask and mark interest; the department answers and sees who is interested.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { insertSheet } from "../fixtures/records";
import { Client, clientFor, createUser, locationOf, pageText, useServer } from "./harness";

const base = useServer();

async function department(name: string) {
  const id = newId();
  await getDb().insertInto("departments").values({ id, name, parent_division: null, contact: null, created_at: now() }).execute();
  return id;
}

async function staffOf(departmentId: string) {
  const user = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", user.id).execute();
  return clientFor(base, user.id);
}

/** A user who belongs to a group with this status. */
async function memberOfGroup(name: string, status: "approved" | "pending") {
  const user = await createUser(["group_member"]);
  const groupId = newId();
  const at = now();
  await getDb().insertInto("groups").values({ id: groupId, name, name_kana: "だんたい", status, created_at: at, updated_at: at }).execute();
  await getDb().insertInto("group_members").values({ group_id: groupId, user_id: user.id, role: "owner", joined_at: at }).execute();
  return { client: await clientFor(base, user.id), groupId };
}

const COMPLETE: Record<string, string | string[]> = {
  title: "放課後の子どもの居場所づくり",
  background: "共働き世帯が増え、放課後に一人で過ごす小学生が増えています。子育て中の保護者からも相談が寄せられています。",
  outcomes: "地域の大人が見守る居場所が各地区にでき、子どもが安心して過ごせるようになること。",
  offerPeople: "生涯学習課の職員が月1回の打合せに参加します。",
  offerPlaces: "公民センターの会議室を無償で使えます。",
  offerMoney: "",
  offerInformation: "利用者アンケートの結果を提供します。",
  fields: ["child_development", "social_education"],
  areas: ["nishi_shiroi", "sakuradai"],
  forms: ["cooperation", "commission"],
  budgetScale: "under_500k",
  fiscalYear: "令和9年度",
  period: "令和9年4月～令和10年3月",
  applyUntil: "2099-03-31",
  priority: "low_overlooked",
  contactName: "生涯 学",
  contactPhone: "047-492-1111",
  contactEmail: "kyodo@city.example.jp",
};

async function publishedSheet(staff: Client, overrides: Record<string, string | string[]> = {}) {
  const response = await staff.post("/sheets/new", { ...COMPLETE, ...overrides, intent: "publish" });
  expect(response.status).toBe(302);
  return locationOf(response)!;
}

describe("a department's matching sheets", () => {
  let deptA: string;
  let deptB: string;
  let staffA: Client;
  let staffB: Client;
  beforeAll(async () => {
    deptA = await department("生涯学習課");
    deptB = await department("産業振興課");
    staffA = await staffOf(deptA);
    staffB = await staffOf(deptB);
  });

  it("keeps a draft from everyone outside the department and the coordinator", async () => {
    const response = await staffA.post("/sheets/new", { title: "まだ考え中の課題", intent: "save" });
    expect(response.status).toBe(302);
    const path = locationOf(response)!;
    expect((await staffA.get(path)).status).toBe(200);
    expect((await new Client(base).get(path)).status).toBe(404);
    expect((await staffB.get(path)).status).toBe(404);
    const coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
    expect((await coordinator.get(path)).status).toBe(200);
    expect(await pageText(await new Client(base).get("/sheets"))).not.toContain("まだ考え中の課題");
  });

  it("refuses to publish without what a group needs, says what is missing beside each field, and keeps what was typed", async () => {
    const response = await staffA.post("/sheets/new", { title: "空き家を地域の集会所に", background: "空き家が増えています。", intent: "publish" });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("公開するには期待する成果を書いてください");
    expect(html).toContain("公開するには活動分野を1つ以上選んでください");
    expect(html).toContain("公開するには電話番号かメールアドレスを書いてください");
    expect(html).toContain('value="空き家を地域の集会所に"');
    expect(html).toContain("空き家が増えています。");
  });

  it("rejects a phone number with letters, an e-mail without @ and a 100,000-character text, with Japanese messages", async () => {
    const response = await staffA.post("/sheets/new", {
      ...COMPLETE,
      contactPhone: "047-abc-1111",
      contactEmail: "kyodo.city.example.jp",
      background: "あ".repeat(100_000),
      intent: "save",
    });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("電話番号は数字とハイフンで入力してください");
    expect(html).toContain("メールアドレスの形式が正しくありません");
    expect(html).toContain("現状と課題は4000文字以内で入力してください");
  });

  it("shows HTML and script typed into a sheet as text", async () => {
    const path = await publishedSheet(staffA, { title: "<script>alert(1)</script>の課題", background: "<b>太字</b><img src=x onerror=alert(1)>" });
    const html = await pageText(await new Client(base).get(path));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;の課題");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
  });

  it("keeps HTML typed into every text field as text, on the sheet, in the list and in the edit form", async () => {
    const textFields = ["title", "background", "outcomes", "offerPeople", "offerPlaces", "offerMoney", "offerInformation", "period", "contactName"];
    const payload = (field: string) => `<script>alert("${field}")</script><img src=x onerror=alert(1)>`;
    const path = await publishedSheet(staffA, Object.fromEntries(textFields.map((f) => [f, payload(f)])));
    for (const page of [path, `${path}/edit`, "/sheets"]) {
      const html = await pageText(await staffA.get(page));
      expect({ page, raw: /<script>alert\(|<img src=x/.test(html) }).toEqual({ page, raw: false });
    }
    const html = await pageText(await staffA.get(path));
    for (const field of textFields) expect(html).toContain(`&lt;script&gt;alert(&quot;${field}&quot;)&lt;/script&gt;`);
  });

  it("lets only the owning department edit or close a sheet", async () => {
    const path = await publishedSheet(staffA);
    expect((await staffB.get(`${path}/edit`)).status).toBe(403);
    expect((await staffB.post(`${path}/edit`, { ...COMPLETE, title: "乗っ取り" })).status).toBe(403);
    expect((await staffB.post(path, { intent: "status", to: "closed" })).status).toBe(403);
    const group = await memberOfGroup("見守りの会", "approved");
    expect((await group.client.post(path, { intent: "status", to: "closed" })).status).toBe(403);
    expect(await pageText(await new Client(base).get(path))).toContain("放課後の子どもの居場所づくり");

    expect((await staffA.post(path, { intent: "status", to: "closed" })).status).toBe(302);
    expect(await pageText(await new Client(base).get(path))).toContain("受付終了");
    // closed → closed is not a move the table allows
    expect((await staffA.post(path, { intent: "status", to: "closed" })).status).toBe(409);
  });

  it("keeps a published sheet publishable: an edit that empties a needed field is refused", async () => {
    const path = await publishedSheet(staffA);
    const response = await staffA.post(`${path}/edit`, { ...COMPLETE, outcomes: "", intent: "save" });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("公開するには期待する成果を書いてください");
    const saved = await staffA.post(`${path}/edit`, { ...COMPLETE, outcomes: "居場所が5か所になる。", intent: "save" });
    expect(saved.status).toBe(302);
    expect(await pageText(await new Client(base).get(path))).toContain("居場所が5か所になる。");
  });
});

describe("the public list of sheets", () => {
  let staff: Client;
  beforeAll(async () => {
    const dept = await department("市民安全課");
    staff = await staffOf(dept);
    const background = "地域の担い手が高齢化しています。";
    await publishedSheet(staff, { title: "防犯パトロールの担い手づくり", background, fields: ["community_safety"], forms: ["adoption"], areas: ["citywide"] });
    await publishedSheet(staff, { title: "子育てサロンの運営", background, fields: ["child_development"], forms: ["subsidy"] });
    await publishedSheet(staff, { title: "ボランティア募集の情報発信", background, fields: ["npo_support"], forms: ["information_exchange"], applyUntil: "" });
  });

  const titles = async (query: string) => pageText(await new Client(base).get(`/sheets${query}`));

  it("shows the 受付期限 in the era, on the list and on the sheet", async () => {
    const list = await titles("");
    expect(list).toContain("受付期限 令和81年3月31日");
    expect(list).not.toContain("受付期限 2099-03-31");
    const path = await publishedSheet(staff, { title: "夜間の見守り活動", fields: ["community_safety"], forms: ["adoption"], applyUntil: "2027-02-15" });
    expect(await pageText(await new Client(base).get(path))).toMatch(/<dt>受付期限<\/dt>\s*<dd>令和9年2月15日<\/dd>/);
  });

  it("finds a sheet by a two-character word and by kana and width variants", async () => {
    expect(await titles("?q=子育")).toContain("子育てサロンの運営");
    expect(await titles("?q=子育")).not.toContain("防犯パトロールの担い手づくり");
    expect(await titles("?q=%E3%81%B1%E3%81%A8%E3%82%8D%E3%83%BC%E3%82%8B")).toContain("防犯パトロールの担い手づくり"); // ぱとろーる
    expect(await titles("?q=%EF%BE%8A%EF%BE%9F%EF%BE%84%EF%BE%9B%EF%BD%B0%EF%BE%99")).toContain("防犯パトロールの担い手づくり"); // ﾊﾟﾄﾛｰﾙ
  });

  it("filters by field and collaboration form", async () => {
    const byField = await titles("?field=community_safety");
    expect(byField).toContain("防犯パトロールの担い手づくり");
    expect(byField).not.toContain("子育てサロンの運営");
    const byForm = await titles("?form=subsidy");
    expect(byForm).toContain("子育てサロンの運営");
    expect(byForm).not.toContain("防犯パトロールの担い手づくり");
  });

  it("'open now' leaves out sheets whose window has passed", async () => {
    const path = await publishedSheet(staff, { title: "締切の過ぎた課題" });
    await getDb().updateTable("matching_sheets").set({ apply_until: "2020-03-31" }).where("id", "=", path.split("/").pop()!).execute();
    expect(await titles("")).toContain("締切の過ぎた課題");
    expect(await titles("?open=1")).not.toContain("締切の過ぎた課題");
    expect(await titles("?open=1")).toContain("ボランティア募集の情報発信");
  });

  it("shows the last page for a page past the end, not an empty list under the count", async () => {
    const dept = await department("頁送り確認課");
    for (let i = 0; i < 23; i++) await insertSheet(getDb(), { id: `paging-sheet-${String(i).padStart(2, "0")}`, departmentId: dept, title: `頁送り確認${String(i).padStart(2, "0")}` });
    const listed = (html: string) => [...html.matchAll(/>(頁送り確認\d\d)</g)].map((m) => m[1]);
    const second = await titles(`?department=${dept}&page=2`);
    expect(listed(second)).toHaveLength(3);
    const pastTheEnd = await titles(`?department=${dept}&page=9999`);
    expect(pastTheEnd).toContain("23件");
    expect(listed(pastTheEnd)).toEqual(listed(second));
    expect(pastTheEnd).toContain('<span aria-current="page">2</span>');
    expect(pastTheEnd).not.toContain("条件に合うマッチングシートはありません");
  });

  it("shows each sheet once across a page boundary, in the list's order: published before closed, newest first, then id", async () => {
    const dept = await department("頁境界確認課");
    // 23 sheets titled by the place each must have (01 first): 01–18 published an hour apart, 19–21 at one
    // earlier moment (told apart by the id), 22–23 closed though published later than any. Written in a
    // scrambled order, with ids against the order (the page's rows are read by their ids), so that neither
    // the table's order nor the ids' is the list's.
    const day = Date.UTC(2026, 10, 1);
    const idOf = (place: number) => (place >= 19 && place <= 21 ? `border-tie-${place}` : `border-${99 - place}`);
    const scrambled = (step: number) => Array.from({ length: 23 }, (_, i) => ((i + 1) * step) % 23 || 23);
    for (const place of scrambled(7)) {
      await insertSheet(getDb(), { id: idOf(place), departmentId: dept, title: `頁境界確認${String(place).padStart(2, "0")}`, status: place <= 21 ? "published" : "closed" });
    }
    for (const place of scrambled(5)) {
      const publishedAt = place <= 18 ? day - place * 3_600_000 : place <= 21 ? day - 30 * 86_400_000 : day + (30 - place) * 3_600_000;
      await getDb().updateTable("matching_sheets").set({ published_at: new Date(publishedAt).toISOString() }).where("id", "=", idOf(place)).execute();
    }
    const listed = async (page: number) => [...(await titles(`?department=${dept}&page=${page}`)).matchAll(/>(頁境界確認\d\d)</g)].map((m) => m[1]);
    const places = Array.from({ length: 23 }, (_, i) => `頁境界確認${String(i + 1).padStart(2, "0")}`);
    expect(await listed(1)).toEqual(places.slice(0, 20));
    expect(await listed(2)).toEqual(places.slice(20));
  });

  it("ignores filter values that are not on the lists instead of failing", async () => {
    const response = await new Client(base).get("/sheets?field=%3Cscript%3E&page=-3&form=nope");
    expect(response.status).toBe(200);
    // A search longer than the box allows (only a hand-made address) is no search: 防犯… would leave this sheet out.
    expect(await titles("?field=child_development&q=防犯")).not.toContain("子育てサロンの運営");
    expect(await titles(`?field=child_development&q=${encodeURIComponent("防犯".repeat(51))}`)).toContain("子育てサロンの運営");
  });
});

describe("questions, answers and interest", () => {
  let staff: Client;
  let path: string;
  beforeAll(async () => {
    staff = await staffOf(await department("社会福祉課"));
    path = await publishedSheet(staff, { title: "高齢者の買い物支援" });
  });

  it("publishes an answer to every group, without naming who asked", async () => {
    const asker = await memberOfGroup("買い物応援団", "approved");
    const other = await memberOfGroup("となりの会", "approved");
    const asked = await asker.client.post(path, { intent: "ask", groupId: asker.groupId, question: "車両は市で用意できますか？" });
    expect(asked.status).toBe(302);

    // Unanswered: the department sees it with the group's name; nobody else sees it.
    const forDepartment = await pageText(await staff.get(path));
    expect(forDepartment).toContain("車両は市で用意できますか？");
    expect(forDepartment).toContain("買い物応援団");
    expect(await pageText(await other.client.get(path))).not.toContain("車両は市で用意できますか？");

    const questionId = (await getDb().selectFrom("sheet_questions").where("question", "=", "車両は市で用意できますか？").select("id").executeTakeFirstOrThrow()).id;
    expect((await staff.post(path, { intent: "answer", questionId, answer: "公用車1台を週2回お貸しできます。" })).status).toBe(302);

    for (const client of [other.client, new Client(base)]) {
      const html = await pageText(await client.get(path));
      expect(html).toContain("車両は市で用意できますか？");
      expect(html).toContain("公用車1台を週2回お貸しできます。");
      expect(html).not.toContain("買い物応援団");
    }
  });

  it("lets only members of approved groups ask, and only for their own group", async () => {
    const pending = await memberOfGroup("承認待ちの会", "pending");
    expect((await pending.client.post(path, { intent: "ask", groupId: pending.groupId, question: "質問です" })).status).toBe(403);
    expect((await new Client(base).post(path, { intent: "ask", groupId: pending.groupId, question: "質問です" })).status).toBe(302); // to sign in

    const member = await memberOfGroup("正直な会", "approved");
    const stranger = await memberOfGroup("よその会", "approved");
    const response = await member.client.post(path, { intent: "ask", groupId: stranger.groupId, question: "なりすまし" });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("あなたが所属する承認済みの団体を選んでください");
    expect(await getDb().selectFrom("sheet_questions").where("question", "=", "なりすまし").select("id").execute()).toEqual([]);
  });

  it("shows a question and an answer holding HTML as text", async () => {
    const member = await memberOfGroup("記号の会", "approved");
    await member.client.post(path, { intent: "ask", groupId: member.groupId, question: "<script>alert('q')</script>" });
    const questionId = (await getDb().selectFrom("sheet_questions").where("question", "=", "<script>alert('q')</script>").select("id").executeTakeFirstOrThrow()).id;
    await staff.post(path, { intent: "answer", questionId, answer: "<b onmouseover=alert('a')>回答</b>" });
    const html = await pageText(await new Client(base).get(path));
    expect(html).toContain("&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;");
    expect(html).toContain("&lt;b onmouseover=alert(&#x27;a&#x27;)&gt;回答&lt;/b&gt;");
    expect(html).not.toContain("<script>alert('q')");
  });

  it("an empty question gets a message beside the field", async () => {
    const member = await memberOfGroup("急ぎの会", "approved");
    const response = await member.client.post(path, { intent: "ask", groupId: member.groupId, question: "  " });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("質問を入力してください");
  });

  it("shows the department (not the public) which groups are interested", async () => {
    const member = await memberOfGroup("相談したい会", "approved");
    expect((await member.client.post(path, { intent: "interest", groupId: member.groupId, level: "consult" })).status).toBe(302);
    const forDepartment = await pageText(await staff.get(path));
    expect(forDepartment).toContain("相談したい会");
    expect(forDepartment).toMatch(/相談したい会<\/a> — 相談したい/);
    // The day it was marked, on the Tokyo clock (16:00 UTC on 31 January is 1 February in Tokyo), in the era.
    await getDb().updateTable("sheet_interests").set({ marked_at: "2027-01-31T16:00:00.000Z" }).where("group_id", "=", member.groupId).execute();
    expect(await pageText(await staff.get(path))).toMatch(/相談したい会<\/a> — 相談したい（令和9年2月1日）/);
    expect(await pageText(await new Client(base).get(path))).not.toContain("相談したい会");

    expect((await member.client.post(path, { intent: "interest", groupId: member.groupId, level: "none" })).status).toBe(302);
    const after = await pageText(await staff.get(path));
    const interestSection = after.slice(after.indexOf('id="sheet-interests"'), after.indexOf("</section>", after.indexOf('id="sheet-interests"')));
    expect(interestSection).not.toContain("相談したい会");
  });

  it("a department cannot answer another department's questions", async () => {
    const otherStaff = await staffOf(await department("都市計画課"));
    const asker = await memberOfGroup("確認の会", "approved");
    await asker.client.post(path, { intent: "ask", groupId: asker.groupId, question: "他課の回答テスト" });
    const questionId = (await getDb().selectFrom("sheet_questions").where("question", "=", "他課の回答テスト").select("id").executeTakeFirstOrThrow()).id;
    expect((await otherStaff.post(path, { intent: "answer", questionId, answer: "勝手な回答" })).status).toBe(403);
    const row = await getDb().selectFrom("sheet_questions").where("id", "=", questionId).select("answer").executeTakeFirstOrThrow();
    expect(row.answer).toBeNull();
  });

  it("puts unanswered questions on the department's dashboard", async () => {
    const ownStaff = await staffOf(await department("高齢者福祉課"));
    const sheetPath = await publishedSheet(ownStaff, { title: "見守り訪問の担い手" });
    const asker = await memberOfGroup("見守り隊", "approved");
    await asker.client.post(sheetPath, { intent: "ask", groupId: asker.groupId, question: "訪問先の名簿はいただけますか？" });
    const dashboard = await pageText(await ownStaff.get("/dashboard"));
    expect(dashboard).toContain("見守り訪問の担い手");
    expect(dashboard).toMatch(/<strong>1件<\/strong>/);
  });
});
