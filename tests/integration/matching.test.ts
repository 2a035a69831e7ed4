// Suggestions on the pages that show them: the department sees groups that fit its sheet, with the
// reasons; a group sees sheets that fit it on its dashboard; nobody else sees either; a change to a
// group (here: suspension) shows at once.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { Client, clientFor, createUser, locationOf, pageText, signedInClient, useServer } from "./harness";

const base = useServer();

function profile(name: string, overrides: Record<string, string | string[]>): Record<string, string | string[]> {
  return {
    name,
    nameKana: "てすと",
    legalForm: "npo_corporation",
    actorType: "civic_group",
    fields: ["child_development"],
    areas: ["nishi_shiroi"],
    representativeName: "代表 花子",
    email: "contact@example.jp",
    emailVisibility: "public",
    phone: "047-492-1111",
    phoneVisibility: "staff",
    addressVisibility: "staff",
    websiteVisibility: "public",
    mission: "",
    ...overrides,
  };
}

async function approvedGroup(name: string, overrides: Record<string, string | string[]>) {
  const { client } = await signedInClient(base, []);
  const response = await client.post("/groups/new", profile(name, overrides));
  expect(response.status).toBe(302);
  const id = locationOf(response)!.split("/")[2];
  await coordinator.post("/coordinator/groups", { groupId: id, decision: "approve" });
  return { id, client };
}

let coordinator: Client;
let staff: Client;
let sheetPath: string;
let kids: { id: string; client: Client };

beforeAll(async () => {
  coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
  const departmentId = newId();
  await getDb().insertInto("departments").values({ id: departmentId, name: "生涯学習課", parent_division: null, contact: null, created_at: now() }).execute();
  const user = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", user.id).execute();
  staff = await clientFor(base, user.id);

  kids = await approvedGroup("西白井こどもの居場所ネット", {
    mission: "放課後の小学生の居場所づくりと学習支援をしています。",
    "activities[0].fiscalYear": "R6",
    "activities[0].title": "放課後学習教室",
    "activities[0].description": "公民センターで週2回、宿題の見守り",
  });
  await approvedGroup("白井里山クラブ", { fields: ["environment"], areas: ["northern_rural"], mission: "谷津田の保全と竹林整備をしています。" });

  const response = await staff.post("/sheets/new", {
    title: "放課後の子どもの居場所づくり",
    background: "放課後を一人で過ごす小学生が増えています。",
    outcomes: "地域の大人が見守る居場所ができること。",
    offerPlaces: "公民センターの学習室",
    fields: ["child_development"],
    areas: ["nishi_shiroi"],
    forms: ["commission"],
    budgetScale: "under_500k",
    period: "令和9年度",
    contactName: "生涯 学",
    contactPhone: "047-492-1111",
    intent: "publish",
  });
  expect(response.status).toBe(302);
  sheetPath = locationOf(response)!;
});

describe("suggestions", () => {
  it("shows the department the groups that fit, each with why, and leaves out groups with nothing in common", async () => {
    const html = await pageText(await staff.get(sheetPath));
    const section = html.slice(html.indexOf("この課題に合いそうな団体"));
    expect(section).toContain("西白井こどもの居場所ネット");
    expect(section).toContain("活動分野が共通: 子どもの健全育成");
    expect(section).toMatch(/活動地域: 西白井地区/);
    expect(section).toContain("放課後学習教室");
    expect(section).not.toContain("白井里山クラブ");
  });

  it("keeps suggestions from the public and from groups", async () => {
    expect(await pageText(await new Client(base).get(sheetPath))).not.toContain("この課題に合いそうな団体");
    expect(await pageText(await kids.client.get(sheetPath))).not.toContain("この課題に合いそうな団体");
  });

  it("shows a group the sheets that fit it on its dashboard", async () => {
    const html = await pageText(await kids.client.get("/dashboard"));
    expect(html).toContain("西白井こどもの居場所ネットに合いそうなマッチングシート");
    expect(html).toContain("放課後の子どもの居場所づくり");
  });

  it("drops a group from the suggestions as soon as it is suspended", async () => {
    await coordinator.post("/coordinator/groups", { groupId: kids.id, decision: "suspend", reason: "連絡が取れないため" });
    const html = await pageText(await staff.get(sheetPath));
    expect(html.slice(html.indexOf("この課題に合いそうな団体"))).not.toContain("西白井こどもの居場所ネット");
  });

  it("suggests anew when the sheet changes", async () => {
    const before = await pageText(await staff.get(sheetPath));
    expect(before.slice(before.indexOf("この課題に合いそうな団体"))).not.toContain("白井里山クラブ");
    const edited = await staff.post(`${sheetPath}/edit`, {
      title: "谷津田と竹林の保全",
      background: "谷津田の竹林が広がり、手入れが追いつきません。",
      outcomes: "竹林整備の担い手が育つこと。",
      offerPlaces: "市有林",
      fields: ["environment"],
      areas: ["northern_rural"],
      forms: ["adoption"],
      budgetScale: "none",
      period: "令和9年度",
      contactName: "生涯 学",
      contactPhone: "047-492-1111",
      intent: "save",
    });
    expect(edited.status).toBe(302);
    const after = await pageText(await staff.get(sheetPath));
    expect(after.slice(after.indexOf("この課題に合いそうな団体"))).toContain("白井里山クラブ");
  });
});
