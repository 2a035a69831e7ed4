// Group profiles as people use them: register, review, directory search, who sees what, members,
// history, and bad input — through the built server, as a browser without JavaScript does.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { Client, clientFor, createUser, locationOf, outbox, pageText, signedInClient, useServer } from "./harness";

const base = useServer();
const db = () => getDb();

let n = 0;
function profileForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  n += 1;
  return {
    name: `テスト団体${n}`,
    nameKana: "てすとだんたい",
    legalForm: "voluntary",
    actorType: "civic_group",
    fields: ["child_development", "health_welfare"],
    areas: ["citywide"],
    foundedYear: "令和3年",
    foundedMonth: "4",
    memberCount: "12",
    representativeName: "代表 花子",
    email: "contact@example.jp",
    emailVisibility: "public",
    phone: "047-492-1111",
    phoneVisibility: "staff",
    address: "白井市復1123",
    addressVisibility: "staff",
    website: "https://example.jp",
    websiteVisibility: "public",
    mission: "地域の親子の居場所づくりをしています。",
    wishes: "市と一緒に講座を開きたい。",
    pastCollaboration: "",
    "activities[0].fiscalYear": "R5",
    "activities[0].title": "親子ひろば",
    "activities[0].description": "週3回開催",
    "activities[1].fiscalYear": "",
    "activities[1].title": "",
    "activities[1].description": "",
    ...overrides,
  };
}

/** Registers a group as `client` and returns its id. */
async function register(client: Client, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const response = await client.post("/groups/new", profileForm(overrides));
  expect(response.status).toBe(302);
  return locationOf(response)!.split("/")[2];
}

/** The names of the groups the directory lists on a page. */
async function listed(path: string): Promise<string[]> {
  const html = await pageText(await new Client(base).get(path));
  return [...html.matchAll(/<h2><a [^>]*href="\/groups\/[^"]+">([^<]*)<\/a><\/h2>/g)].map((m) => m[1]);
}

async function coordinator() {
  return (await signedInClient(base, ["coordinator"])).client;
}

async function review(groupId: string, decision: string, reason = "") {
  const response = await (await coordinator()).post("/coordinator/groups", { groupId, decision, reason });
  expect(response.status).toBe(302);
}

describe("registering and reviewing a group", () => {
  it("registers as pending, owned by the registrant; the coordinator approves; then it is listed", async () => {
    const { client, user } = await signedInClient(base, []);
    const id = await register(client, { name: "審査待ち子育て会" });
    const member = await db().selectFrom("group_members").where("group_id", "=", id).selectAll().executeTakeFirstOrThrow();
    expect(member).toMatchObject({ user_id: user.id, role: "owner" });
    // registering made them a group member
    const roles = await db().selectFrom("user_roles").where("user_id", "=", user.id).select("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["group_member"]);

    const profile = await pageText(await client.get(`/groups/${id}`));
    expect(profile).toContain("審査状況: 承認待ち");
    expect(profile).toContain("2021年（令和3年）4月");
    expect(profile).toContain("令和5年度");
    expect(await listed(`/groups?q=${encodeURIComponent("審査待ち")}`)).toEqual([]);
    expect((await new Client(base).get(`/groups/${id}`)).status).toBe(404);

    const queue = await pageText(await (await coordinator()).get("/coordinator/groups"));
    expect(queue).toContain("審査待ち子育て会");
    // the coordinator can decide from the profile too; the group's own members cannot
    expect(await pageText(await (await coordinator()).get(`/groups/${id}`))).toContain('action="/coordinator/groups?status=pending"');
    expect(profile).not.toContain('action="/coordinator/groups');
    await review(id, "approve");

    expect(await listed(`/groups?q=${encodeURIComponent("審査待ち")}`)).toEqual(["審査待ち子育て会"]);
    expect((await new Client(base).get(`/groups/${id}`)).status).toBe(200);
  });

  it("shows a rejection's reason to the group, and an edit sends it back for review", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const id = await register(client, { name: "差戻し団体" });
    const refused = await (await coordinator()).post("/coordinator/groups", { groupId: id, decision: "reject", reason: "" });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("差戻し・停止の理由を入力してください");

    await review(id, "reject", "活動実績を具体的に書いてください");
    const dashboard = await pageText(await client.get("/dashboard"));
    expect(dashboard).toContain("差戻しの理由: 活動実績を具体的に書いてください");
    expect(await pageText(await client.get(`/groups/${id}`))).toContain("活動実績を具体的に書いてください");

    const saved = await client.post(`/groups/${id}/edit`, profileForm({ name: "差戻し団体", mission: "内容を具体的にしました" }));
    expect(saved.status).toBe(302);
    const row = await db().selectFrom("groups").where("id", "=", id).select(["status"]).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
  });

  it("suspending hides a group from the directory and its page from the public", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const id = await register(client, { name: "停止される会" });
    await review(id, "approve");
    expect(await listed("/groups?q=停止される会")).toEqual(["停止される会"]);
    await review(id, "suspend", "連絡が取れないため");
    expect(await listed("/groups?q=停止される会")).toEqual([]);
    expect((await new Client(base).get(`/groups/${id}`)).status).toBe(404);
    expect((await (await signedInClient(base, ["department_staff"])).client.get(`/groups/${id}`)).status).toBe(404);
    // its members still see it, with the reason
    expect(await pageText(await client.get(`/groups/${id}`))).toContain("連絡が取れないため");
  });

  it("refuses a decision the status does not allow", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const id = await register(client);
    const response = await (await coordinator()).post("/coordinator/groups", { groupId: id, decision: "suspend", reason: "x" });
    expect(response.status).toBe(409);
    expect(await pageText(response)).toContain("この団体の状態では、その操作はできません");
  });

  it("lets only the coordinator review", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const id = await register(client);
    for (const roles of [["group_member"], ["department_staff"], ["admin"]] as const) {
      const other = (await signedInClient(base, [...roles])).client;
      expect((await other.post("/coordinator/groups", { groupId: id, decision: "approve" })).status).toBe(403);
    }
    expect((await db().selectFrom("groups").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status).toBe("pending");
  });
});

describe("who sees and touches what", () => {
  it("keeps a member of group A out of group B's edit, members and history (403 approved, 404 pending)", async () => {
    const a = await signedInClient(base, ["group_member"]);
    const b = await signedInClient(base, ["group_member"]);
    await register(a.client);
    const approvedB = await register(b.client, { name: "B承認済み" });
    await review(approvedB, "approve");
    const pendingB = await register(b.client, { name: "B承認待ち" });

    for (const path of ["edit", "members", "history"]) {
      expect((await a.client.get(`/groups/${approvedB}/${path}`)).status).toBe(403);
      expect((await a.client.get(`/groups/${pendingB}/${path}`)).status).toBe(404);
    }
    const before = await db().selectFrom("groups").where("id", "=", approvedB).select(["name", "updated_at"]).executeTakeFirstOrThrow();
    expect((await a.client.post(`/groups/${approvedB}/edit`, profileForm({ name: "乗っ取り" }))).status).toBe(403);
    expect((await a.client.post(`/groups/${approvedB}/members`, { intent: "invite", email: "x@example.jp" })).status).toBe(403);
    expect((await a.client.post(`/groups/${pendingB}/edit`, profileForm({ name: "乗っ取り" }))).status).toBe(404);
    expect(await db().selectFrom("groups").where("id", "=", approvedB).select(["name", "updated_at"]).executeTakeFirstOrThrow()).toEqual(before);
  });

  it("does not let the owner of group A transfer to or remove a member of group B through A's page", async () => {
    const a = await signedInClient(base, ["group_member"]);
    const b = await signedInClient(base, ["group_member"]);
    const groupA = await register(a.client);
    const groupB = await register(b.client);
    for (const intent of ["transfer", "remove"]) {
      const response = await a.client.post(`/groups/${groupA}/members`, { intent, userId: b.user.id });
      expect(response.status).toBe(400);
    }
    const members = await db().selectFrom("group_members").where("group_id", "in", [groupA, groupB]).select(["group_id", "user_id", "role"]).execute();
    expect(members.sort((x, y) => x.group_id.localeCompare(y.group_id))).toEqual(
      [
        { group_id: groupA, user_id: a.user.id, role: "owner" },
        { group_id: groupB, user_id: b.user.id, role: "owner" },
      ].sort((x, y) => x.group_id.localeCompare(y.group_id)),
    );
  });

  it("shows staff-only contacts and the representative to staff and members, never to the public", async () => {
    const owner = await signedInClient(base, ["group_member"]);
    const id = await register(owner.client, {
      name: "連絡先の会",
      phone: "047-000-9999",
      phoneVisibility: "staff",
      email: "open@example.jp",
      emailVisibility: "public",
      representativeName: "秘密 代表",
    });
    await review(id, "approve");
    for (const client of [new Client(base), (await signedInClient(base, ["group_member"])).client, (await signedInClient(base, ["reviewer"])).client]) {
      const html = await pageText(await client.get(`/groups/${id}`));
      expect(html).toContain("open@example.jp");
      expect(html).not.toContain("047-000-9999");
      expect(html).not.toContain("秘密 代表");
    }
    for (const client of [owner.client, (await signedInClient(base, ["department_staff"])).client, await coordinator()]) {
      const html = await pageText(await client.get(`/groups/${id}`));
      expect(html).toContain("047-000-9999");
      expect(html).toContain("秘密 代表");
    }
  });

  it("answers 404 for a group that does not exist", async () => {
    expect((await (await coordinator()).get("/groups/no-such-group")).status).toBe(404);
    expect((await (await coordinator()).get("/groups/no-such-group/edit")).status).toBe(404);
  });
});

describe("history and members", () => {
  it("records who changed which fields", async () => {
    const { client, user } = await signedInClient(base, ["group_member"]);
    const id = await register(client, { name: "履歴の会" });
    await client.post(`/groups/${id}/edit`, profileForm({ name: "履歴の会", mission: "新しい目的", phone: "047-111-2222" }));
    const changes = await db()
      .selectFrom("group_changes")
      .where("group_id", "=", id)
      .select(["changed_by", "fields", "summary"])
      .orderBy("changed_at", "desc")
      .execute();
    expect(changes[0].changed_by).toBe(user.id);
    expect(JSON.parse(changes[0].fields)).toEqual(["phone", "mission"]);
    const page = await pageText(await client.get(`/groups/${id}/history`));
    expect(page).toContain("電話番号、活動の目的・内容");
    expect(page).toContain("団体情報を更新しました");

    // saving without changes records nothing
    const count = changes.length;
    await client.post(`/groups/${id}/edit`, profileForm({ name: "履歴の会", mission: "新しい目的", phone: "047-111-2222" }));
    const after = await db().selectFrom("group_changes").where("group_id", "=", id).select("id").execute();
    expect(after.length).toBe(count);
  });

  it("shows the history 50 changes a page, newest first, with the total (it used to stop at 500 without saying so)", async () => {
    const { client, user } = await signedInClient(base, ["group_member"]);
    const id = await register(client, { name: "長い履歴の会" });
    // 55 changes a minute apart (the 55th the newest), after the registration's own.
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, "0");
      await db()
        .insertInto("group_changes")
        .values({ id: `paged-change-${id}-${n}`, group_id: id, changed_by: user.id, changed_at: new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString(), fields: "[]", summary: `頁確認の変更${n}` })
        .execute();
    }
    const total = Number((await db().selectFrom("group_changes").where("group_id", "=", id).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(total).toBe(56);
    const first = await pageText(await client.get(`/groups/${id}/history`));
    expect(first).toContain("56件（1／2ページ、新しい順）");
    for (const n of ["55", "30", "06"]) expect(first).toContain(`頁確認の変更${n}`);
    expect(first).not.toContain("頁確認の変更05");
    expect(first).toContain("次のページ");
    const second = await pageText(await client.get(`/groups/${id}/history?page=2`));
    expect(second).toContain("56件（2／2ページ、新しい順）");
    for (const n of ["05", "01"]) expect(second).toContain(`頁確認の変更${n}`);
    expect(second).not.toContain("頁確認の変更06");
    // The registration, the oldest, comes last.
    expect(first).not.toContain("団体を登録しました");
    expect(second.indexOf("頁確認の変更01")).toBeLessThan(second.indexOf("団体を登録しました"));
    expect(await pageText(await client.get(`/groups/${id}/history?page=9`))).toContain("56件（2／2ページ、新しい順）");
  });

  it("sends at most 20 invitations a group a day", async () => {
    const owner = await signedInClient(base, ["group_member"]);
    const id = await register(owner.client);
    for (let i = 0; i < 20; i++) {
      expect((await owner.client.post(`/groups/${id}/members`, { intent: "invite", email: `many${i}@example.jp` })).status).toBe(302);
    }
    const refused = await owner.client.post(`/groups/${id}/members`, { intent: "invite", email: "one-more@example.jp" });
    expect(refused.status).toBe(429);
    const html = await pageText(refused);
    expect(html).toContain("招待メールは1日に20通までです");
    expect(html).toContain('value="one-more@example.jp"');
    expect(outbox().some((m) => m.to === "one-more@example.jp")).toBe(false);
  });

  it("invites by mail; the invitee joins, edits; the owner transfers ownership and removes a member", async () => {
    const owner = await signedInClient(base, ["group_member"]);
    const id = await register(owner.client, { name: "招待の会" });
    const invitee = await createUser([], `invitee-${Date.now()}@example.jp`);
    const invited = await owner.client.post(`/groups/${id}/members`, { intent: "invite", email: invitee.email.toUpperCase() });
    expect(invited.status).toBe(302);
    const membersPage = await pageText(await owner.client.get(`/groups/${id}/members`));
    expect(membersPage).toContain("招待の会のメンバー");
    expect(membersPage).toContain(`${invitee.email}（`);
    // The expiry on the Tokyo clock, in the era (23:30 UTC is 8:30 the next morning in Tokyo).
    await getDb().updateTable("group_invites").set({ expires_at: "2099-01-31T23:30:00.000Z" }).where("group_id", "=", id).where("accepted_at", "is", null).execute();
    expect(await pageText(await owner.client.get(`/groups/${id}/members`))).toContain(`${invitee.email}（令和81年2月1日（日）8:30 まで有効）`);
    const mail = outbox().find((m) => m.to === invitee.email)!;
    expect(mail.subject).toContain("招待の会");
    const link = /\/invites\/[A-Za-z0-9_-]+/.exec(mail.text)![0];

    // anonymous: asked to sign in and come back (the invited address is not shown to them)
    const anonymous = await pageText(await new Client(base).get(link));
    expect(anonymous).toContain("「招待の会」のメンバーとして招待されています");
    expect(anonymous).toContain(`/login?redirectTo=${encodeURIComponent(link)}`);
    expect(anonymous).not.toContain(invitee.email);
    expect(locationOf(await new Client(base).post(link))).toBe("/login");
    const client = await clientFor(base, invitee.id);
    expect(await pageText(await client.get(link))).toContain("「招待の会」のメンバーとして招待されています");
    const joined = await client.post(link);
    expect(locationOf(joined)).toBe(`/groups/${id}`);
    // the link is spent
    expect(await pageText(await (await signedInClient(base, [])).client.get(link))).toContain("招待リンクが無効です");
    expect((await (await signedInClient(base, [])).client.post(link)).status).toBe(400);

    const saved = await client.post(`/groups/${id}/edit`, profileForm({ name: "招待の会（改）" }));
    expect(saved.status).toBe(302);
    // a member may not manage members
    expect((await client.post(`/groups/${id}/members`, { intent: "remove", userId: owner.user.id })).status).toBe(403);

    expect((await owner.client.post(`/groups/${id}/members`, { intent: "transfer", userId: invitee.id })).status).toBe(302);
    const roles = await db().selectFrom("group_members").where("group_id", "=", id).select(["user_id", "role"]).orderBy("role").execute();
    expect(roles).toEqual([
      { user_id: owner.user.id, role: "member" },
      { user_id: invitee.id, role: "owner" },
    ]);
    // the new owner removes the previous one, who can no longer edit
    expect((await client.post(`/groups/${id}/members`, { intent: "remove", userId: owner.user.id })).status).toBe(302);
    expect((await owner.client.get(`/groups/${id}/edit`)).status).toBe(404);
    // the owner cannot be removed
    const refused = await client.post(`/groups/${id}/members`, { intent: "remove", userId: invitee.id });
    expect(refused.status).toBe(400);
    const history = await pageText(await client.get(`/groups/${id}/history`));
    expect(history).toContain("招待を受けて参加しました");
    expect(history).toContain("代表管理者を");
  });

  it("lets one of two accounts posting the same link at once join; the other is told the link is spent", async () => {
    const owner = await signedInClient(base, ["group_member"]);
    const id = await register(owner.client, { name: "同時の会" });
    expect((await owner.client.post(`/groups/${id}/members`, { intent: "invite", email: "douji@example.jp" })).status).toBe(302);
    const link = /\/invites\/[A-Za-z0-9_-]+/.exec(outbox().find((m) => m.to === "douji@example.jp")!.text)![0];
    const [a, b] = await Promise.all([signedInClient(base, []), signedInClient(base, [])]);
    const answers = await Promise.all([a.client.post(link), b.client.post(link)]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await pageText(answers.find((r) => r.status === 400)!)).toContain("この招待リンクは使用済みか、有効期限が切れています");
    const members = await db().selectFrom("group_members").where("group_id", "=", id).where("role", "=", "member").select("user_id").execute();
    expect(members).toHaveLength(1);
    const invite = await db().selectFrom("group_invites").where("group_id", "=", id).select("accepted_by").executeTakeFirstOrThrow();
    expect(invite.accepted_by).toBe(members[0].user_id);
    expect(await db().selectFrom("audit_log").where("action", "=", "group.join").where("subject_id", "=", id).select("id").execute()).toHaveLength(1);
  });
});

describe("the directory", () => {
  it("finds 子育て支援 by 子育, and by kana, width and case variants", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const id = await register(client, { name: "ひまわり子育て支援の会", nameKana: "ひまわりこそだてしえんのかい", mission: "NPOとして活動" });
    await review(id, "approve");
    for (const q of ["子育", "こそだて", "コソダテ", "ｺｿﾀﾞﾃ", "ＮＰＯ", "npo", "ひまわり 支援"]) {
      const html = await pageText(await new Client(base).get(`/groups?q=${encodeURIComponent(q)}`));
      expect({ q, found: html.includes("ひまわり子育て支援の会") }).toEqual({ q, found: true });
    }
    const none = await pageText(await new Client(base).get(`/groups?q=${encodeURIComponent("存在しない言葉")}`));
    expect(none).toContain("条件に合う団体は見つかりませんでした");
    // LIKE wildcards in the query are plain characters
    expect(await pageText(await new Client(base).get(`/groups?q=${encodeURIComponent("%")}`))).not.toContain("ひまわり子育て支援の会");
  });

  it("filters by field, area and legal form, and pages 20 at a time keeping the filters", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      ids.push(await register(client, { name: `頁送り団体${String(i).padStart(2, "0")}`, nameKana: "ぺーじおくり", fields: ["science_technology"], areas: ["ikenoue"], legalForm: "npo_corporation" }));
    }
    const other = await register(client, { name: "頁送り別分野", fields: ["tourism"], areas: ["fuji"], legalForm: "voluntary" });
    for (const id of [...ids, other]) await review(id, "approve");

    const q = encodeURIComponent("頁送り");
    const first = await pageText(await new Client(base).get(`/groups?q=${q}&field=science_technology`));
    expect(first).toContain("23件の団体（1／2ページ）");
    expect(await listed(`/groups?q=${q}&field=science_technology`)).toEqual(ids.slice(0, 20).map((_, i) => `頁送り団体${String(i).padStart(2, "0")}`));
    expect(first).toContain(`href="/groups?q=${q}&amp;field=science_technology&amp;page=2"`);
    expect(await listed(`/groups?q=${q}&field=science_technology&page=2`)).toEqual(["頁送り団体20", "頁送り団体21", "頁送り団体22"]);

    expect(await listed(`/groups?q=${q}&area=fuji`)).toEqual(["頁送り別分野"]);
    expect(await listed(`/groups?q=${q}&legalForm=voluntary`)).toEqual(["頁送り別分野"]);
    expect(await listed(`/groups?q=${q}&legalForm=npo_corporation&area=fuji`)).toEqual([]);
  });

  it("shows (and sends the page) only the first 120 characters of a long mission", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const mission = `${"あ".repeat(119)}い${"ゑ".repeat(200)}`;
    await review(await register(client, { name: "長い目的の会", mission }), "approve");
    const html = await pageText(await new Client(base).get(`/groups?q=${encodeURIComponent("長い目的")}`));
    expect(html).toContain(`<p>${"あ".repeat(119)}い…</p>`);
    expect(html).not.toContain("ゑ"); // neither in the markup nor in the data handed to the browser
  });
});

describe("bad input", () => {
  it("puts Japanese messages beside the fields and keeps everything typed", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const response = await client.post(
      "/groups/new",
      profileForm({ name: "入力ミスの会", nameKana: "漢字の会", phone: "047-abc-1111", email: "no-at-mark.example.jp", foundedYear: "昔", "activities[1].description": "名前のない活動" }),
    );
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("ふりがなは、ひらがなまたはカタカナで入力してください");
    expect(html).toContain("電話番号は数字とハイフンで入力してください");
    expect(html).toContain("メールアドレスの形式が正しくありません");
    expect(html).toContain("設立年は「2021」「令和3年」「R3」のように入力してください");
    expect(html).toContain("活動名を入力してください");
    expect(html).toContain('value="入力ミスの会"');
    expect(html).toContain('value="047-abc-1111"');
    expect(html).toContain('value="no-at-mark.example.jp"');
    expect(html).toContain("名前のない活動");
    // choices stay chosen
    const checked = (value: string) => [...html.matchAll(/<input[^>]*>/g)].some((m) => m[0].includes(`value="${value}"`) && m[0].includes('checked=""'));
    expect([checked("child_development"), checked("health_welfare"), checked("tourism")]).toEqual([true, true, false]);
    expect(html).toMatch(/<option value="voluntary" selected="">/);
    expect(html).toMatch(/<option value="4" selected="">/);
    expect(html).toContain("地域の親子の居場所づくりをしています。");
    expect(html).toMatch(/aria-describedby="[^"]*nameKana-error/);
    expect(await db().selectFrom("groups").where("name", "=", "入力ミスの会").select("id").executeTakeFirst()).toBeUndefined();
  });

  it("refuses a 100,000-character text with a length message", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const response = await client.post("/groups/new", profileForm({ mission: "あ".repeat(100_000) }));
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("活動の目的・内容は2000文字以内で入力してください");
  });

  it("shows HTML and script typed into every text field as text", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const script = "<script>alert(1)</script>";
    const textFields = ["name", "representativeName", "address", "mission", "wishes", "pastCollaboration", "activities[0].title", "activities[0].description"];
    const id = await register(client, Object.fromEntries(textFields.map((f) => [f, `${f}${script}`])));
    await review(id, "approve");
    for (const page of [`/groups/${id}`, `/groups/${id}/edit`, "/groups?q=script"]) {
      const html = await (await client.get(page)).text();
      expect(html).not.toContain(script);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    const profile = await pageText(await client.get(`/groups/${id}`));
    for (const f of textFields) expect({ f, shown: profile.includes(`${f}&lt;script&gt;`) }).toEqual({ f, shown: true });
  });
});

describe("groups for matching", () => {
  it("gives every approved group, and only those, with fields, areas and track record", async () => {
    const { loadMatchableGroups } = await import("../../app/domain/groups/queries.server");
    const { client } = await signedInClient(base, ["group_member"]);
    const approved = await register(client, {
      name: "照合用の会",
      fields: ["tourism", "environment"], // in the NPO law's order
      areas: ["fuji"],
      "activities[0].fiscalYear": "令和4年度",
      "activities[0].title": "里山の手入れ",
      "activities[1].title": "観察会",
    });
    await review(approved, "approve");
    const pending = await register(client, { name: "照合対象外の会" });
    const groups = await loadMatchableGroups(db());
    expect(groups.find((g) => g.id === pending)).toBeUndefined();
    expect(groups.find((g) => g.id === approved)).toMatchObject({
      name: "照合用の会",
      fields: ["tourism", "environment"], // in the NPO law's order
      areas: ["fuji"],
      legalForm: "voluntary",
      wishes: "市と一緒に講座を開きたい。",
      pastCollaboration: null,
      activities: [
        { fiscalYear: 2022, title: "里山の手入れ", description: "週3回開催" },
        { fiscalYear: null, title: "観察会", description: null },
      ],
    });
  });
});
