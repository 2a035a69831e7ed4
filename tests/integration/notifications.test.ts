// Notifications: a group hears of its review and of answers to its questions, in the portal and by
// mail — each at once, or in one digest a day for those who chose it.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { mailDailyDigests } from "../../app/domain/notifications/commands.server";
import { Client, clientFor, createUser, locationOf, outbox, pageText, useServer } from "./harness";

const base = useServer();

async function ownerOfNewGroup(name: string) {
  const user = await createUser(["group_member"]);
  const client = await clientFor(base, user.id);
  const groupId = newId();
  const at = now();
  await getDb().insertInto("groups").values({ id: groupId, name, name_kana: "だんたい", status: "pending", created_at: at, updated_at: at }).execute();
  await getDb().insertInto("group_members").values({ group_id: groupId, user_id: user.id, role: "owner", joined_at: at }).execute();
  return { user, client, groupId };
}

const mailsTo = (email: string) => outbox().filter((m) => m.to === email);

let coordinator: Client;
beforeAll(async () => {
  coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
});

describe("notifications", () => {
  it("tells a group's members at once, in the portal and by mail, that the group was approved", async () => {
    const { user, client, groupId } = await ownerOfNewGroup("通知の会");
    expect((await coordinator.post("/coordinator/groups", { groupId, decision: "approve" })).status).toBe(302);

    const mails = mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("【協働マッチングポータル】「通知の会」が承認されました。団体の一覧に掲載され、マッチングシートへの質問や提案ができます");
    expect(mails[0].text).toContain(`/groups/${groupId}`);

    const header = await pageText(await client.get("/dashboard"));
    expect(header).toContain("お知らせ（未読 1件）");
    const list = await pageText(await client.get("/notifications"));
    expect(list).toContain("「通知の会」が承認されました");
    // When, on the Tokyo clock and in the era (23:30 UTC on 31 January is 8:30 on 1 February in Tokyo).
    await getDb().updateTable("notifications").set({ created_at: "2027-01-31T23:30:00.000Z" }).where("user_id", "=", user.id).execute();
    expect(await pageText(await client.get("/notifications"))).toContain("令和9年2月1日（月）8:30");
    expect((await client.post("/notifications", { intent: "read-all" })).status).toBe(302);
    expect(await pageText(await client.get("/dashboard"))).not.toContain("未読");
  });

  it("gathers everything into one mail a day for a member who chose the daily digest", async () => {
    const { user, client, groupId } = await ownerOfNewGroup("まとめ読みの会");
    expect(locationOf(await client.post("/notifications", { intent: "frequency", mailFrequency: "daily" }))).toBe("/notifications");
    await coordinator.post("/coordinator/groups", { groupId, decision: "reject", reason: "活動実績を書いてください" });
    expect(mailsTo(user.email)).toHaveLength(0);
    expect(await pageText(await client.get("/notifications"))).toContain("活動実績を書いてください");

    await mailDailyDigests(getDb(), "http://portal.example.jp");
    const digests = mailsTo(user.email);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe("【協働マッチングポータル】お知らせのまとめ（1件）");
    expect(digests[0].text).toContain("理由: 活動実績を書いてください");
    expect(digests[0].text).toContain(`http://portal.example.jp/groups/${groupId}`);

    await mailDailyDigests(getDb(), "http://portal.example.jp");
    expect(mailsTo(user.email)).toHaveLength(1); // nothing new, nothing sent
  });

  it("tells the asking group, and only that group, that its question was answered", async () => {
    const departmentId = newId();
    await getDb().insertInto("departments").values({ id: departmentId, name: "通知課", parent_division: null, contact: null, created_at: now() }).execute();
    const staffUser = await createUser(["department_staff"]);
    await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staffUser.id).execute();
    const staff = await clientFor(base, staffUser.id);
    const created = await staff.post("/sheets/new", {
      title: "通知のテスト",
      background: "現状",
      outcomes: "成果",
      offerPlaces: "会議室",
      fields: ["npo_support"],
      areas: ["citywide"],
      forms: ["cooperation"],
      budgetScale: "none",
      period: "令和9年度",
      contactName: "担当",
      contactPhone: "047-492-1111",
      intent: "publish",
    });
    const sheetPath = locationOf(created)!;

    const asker = await ownerOfNewGroup("質問した会");
    const bystander = await ownerOfNewGroup("見ていた会");
    for (const g of [asker, bystander]) await coordinator.post("/coordinator/groups", { groupId: g.groupId, decision: "approve" });
    await asker.client.post(sheetPath, { intent: "ask", groupId: asker.groupId, question: "会場は何人入れますか？" });
    const { id: questionId } = await getDb().selectFrom("sheet_questions").where("question", "=", "会場は何人入れますか？").select("id").executeTakeFirstOrThrow();
    await staff.post(sheetPath, { intent: "answer", questionId, answer: "30人まで入れます。" });

    const answerMails = (email: string) => mailsTo(email).filter((m) => m.subject.includes("質問に回答がありました"));
    expect(answerMails(asker.user.email)).toHaveLength(1);
    expect(answerMails(asker.user.email)[0].text).toContain("回答: 30人まで入れます。");
    expect(answerMails(bystander.user.email)).toHaveLength(0);
  });

  it("refuses a mail setting that is not offered, with a message beside it", async () => {
    const { client } = await ownerOfNewGroup("設定の会");
    const response = await client.post("/notifications", { intent: "frequency", mailFrequency: "hourly" });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("受け取り方を選んでください");
  });
});
