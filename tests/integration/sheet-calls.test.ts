// A sheet page shows the calls taking proposals on it, with 「この募集に提案する」: a visitor not signed in
// is told why to sign in and, through sign-in or sign-up (with its address confirmation), comes back to
// the call's proposal page (issue 13.10).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { Client, clientFor, createUser, locationOf, outbox, pageText, TEST_PASSWORD, useServer } from "./harness";
import { makeCall, makeDepartment, makeGroup } from "./proposal-fixtures";

const base = useServer();

const SHEET: Record<string, string | string[]> = {
  title: "商店街の空き店舗を使った交流の場",
  background: "商店街の空き店舗が増え、人通りが減っています。高齢の方が気軽に立ち寄れる場所も足りません。",
  outcomes: "空き店舗に地域の人が集まる場ができ、商店街に人通りが戻ること。",
  offerPeople: "産業振興課の職員が打合せに参加します。",
  offerPlaces: "",
  offerMoney: "",
  offerInformation: "商店街の通行量調査の結果を提供します。",
  fields: ["community_development"],
  areas: ["nishi_shiroi"],
  forms: ["cooperation"],
  budgetScale: "under_500k",
  fiscalYear: "令和9年度",
  period: "令和9年4月～令和10年3月",
  applyUntil: "2099-03-31",
  priority: "normal",
  contactName: "産業 振興",
  contactPhone: "047-492-1111",
  contactEmail: "shoko@city.example.jp",
};

let sheetPath: string;
let openCall: string;
let closedCall: string;
let notYetCall: string;
const proposePath = () => `/calls/${openCall}/propose`;

beforeAll(async () => {
  const departmentId = await makeDepartment("産業振興課（提案の入口）");
  const staff = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();
  const created = await (await clientFor(base, staff.id)).post("/sheets/new", { ...SHEET, intent: "publish" });
  expect(created.status).toBe(302);
  sheetPath = locationOf(created)!;
  const sheetId = sheetPath.split("/").at(-1)!;
  openCall = await makeCall({ type: "government", title: "令和9年度 行政提案型 協働事業の募集", sheetIds: [sheetId] });
  closedCall = await makeCall({ type: "government", title: "締め切った募集", sheetIds: [sheetId], closesAt: "2020-02-10T08:00:00.000Z" });
  notYetCall = await makeCall({ type: "government", title: "まだ始まらない募集", sheetIds: [sheetId], opensAt: "2098-04-01T00:00:00.000Z" });
  await makeCall({ type: "government", title: "ほかのシートの募集" });
});

describe("a sheet's open calls", () => {
  it("lists the calls taking proposals on the sheet now, and sends a visitor not signed in through sign-in to the proposal", async () => {
    const html = await pageText(await new Client(base).get(sheetPath));
    expect(html).toContain("この課題で提案を受け付けている募集");
    expect(html).toContain("令和9年度 行政提案型 協働事業の募集");
    expect(html).toContain(`href="/login?redirectTo=${encodeURIComponent(proposePath())}"`);
    expect(html).toContain("この募集に提案する");
    expect(html).not.toContain("締め切った募集");
    expect(html).not.toContain("まだ始まらない募集");
    expect(html).not.toContain("ほかのシートの募集");
    expect(html).not.toContain(`/calls/${closedCall}`);
    expect(html).not.toContain(`/calls/${notYetCall}`);
  });

  it("links a signed-in group member straight to the proposal page, and shows no button to department staff", async () => {
    const member = await createUser(["group_member"]);
    await makeGroup("空き店舗を活かす会", [member.id]);
    const html = await pageText(await (await clientFor(base, member.id)).get(sheetPath));
    expect(html).toContain(`href="${proposePath()}"`);
    const staff = await clientFor(base, (await createUser(["department_staff"])).id);
    const staffHtml = await pageText(await staff.get(sheetPath));
    expect(staffHtml).toContain("令和9年度 行政提案型 協働事業の募集");
    expect(staffHtml).not.toContain("この募集に提案する");
  });

  it("tells the visitor on the sign-in page why, and keeps the way back on the sign-up link", async () => {
    const html = await pageText(await new Client(base).get(`/login?redirectTo=${encodeURIComponent(proposePath())}`));
    expect(html).toContain("提案するには、団体のメンバーとしてサインインしてください。アカウントがない場合は登録してください");
    expect(html).toContain(`href="/signup?redirectTo=${encodeURIComponent(proposePath())}"`);
    // A plain sign-in says nothing of proposals.
    expect(await pageText(await new Client(base).get("/login"))).not.toContain("提案するには");
  });

  it("returns a member to the call's proposal page after sign-in", async () => {
    const member = await createUser(["group_member"]);
    await makeGroup("サインインして戻る会", [member.id]);
    const client = new Client(base);
    const signedIn = await client.post("/login", { email: member.email, password: TEST_PASSWORD, redirectTo: proposePath() });
    expect(locationOf(signedIn)).toBe(proposePath());
    const page = await pageText(await client.get(proposePath()));
    expect(page).toContain("提案書の作成");
    expect(page).toContain("令和9年度 行政提案型 協働事業の募集");
  });

  it("returns a new visitor to the call's proposal page once the address is confirmed after sign-up", async () => {
    const email = `newcomer-${Date.now()}@example.jp`;
    const client = new Client(base);
    const signedUp = await client.post("/signup", {
      displayName: "新しく 来た人",
      email,
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
      redirectTo: proposePath(),
    });
    expect(signedUp.status).toBe(200);
    const mail = outbox().filter((m) => m.to === email).at(-1)!;
    const link = new URL(/https?:\/\/\S+\/account\/confirm\/\S+/.exec(mail.text)![0]);
    expect(link.searchParams.get("redirectTo")).toBe(proposePath());
    const confirmPath = link.pathname + link.search;

    // The link, opened before sign-in, asks for it and comes back to itself.
    const opened = await pageText(await client.get(confirmPath));
    expect(opened).toContain(`/login?redirectTo=${encodeURIComponent(confirmPath)}`);
    const signedIn = await client.post("/login", { email, password: TEST_PASSWORD, redirectTo: confirmPath });
    expect(signedIn.headers.get("Location")).toBe(confirmPath);
    const confirmed = await client.post(confirmPath);
    expect(confirmed.headers.get("Location")).toBe(proposePath());
    expect((await client.get(proposePath())).status).toBe(200);
  });

  it("does not follow a redirect off the portal carried on the sign-up", async () => {
    const email = `offsite-${Date.now()}@example.jp`;
    await new Client(base).post("/signup", { displayName: "外へ 行く人", email, password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, redirectTo: "//evil.example/x" });
    const mail = outbox().filter((m) => m.to === email).at(-1)!;
    expect(mail.text).not.toContain("evil.example");
  });
});
