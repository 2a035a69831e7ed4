// A department hears when a group asks a question on its sheet or marks 相談したい — its staff and its
// 協働推進員, in the portal and by mail as each chose — and a group sees its own questions still
// waiting for an answer (issue 13.11).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { mailDailyDigests } from "../../app/domain/notifications/commands.server";
import { Client, clientFor, createUser, locationOf, outbox, pageText, useServer } from "./harness";
import { makeDepartment, makeGroup } from "./proposal-fixtures";

const base = useServer();

const SHEET: Record<string, string | string[]> = {
  title: "公園の花壇を守る仲間づくり",
  background: "公園の花壇の手入れをする人が減り、荒れた区画が増えています。地域の方からも声が寄せられています。",
  outcomes: "地域の団体が花壇を受け持ち、季節の花が絶えない公園になること。",
  offerPeople: "公園緑地課の職員が月1回の作業に参加します。",
  offerPlaces: "",
  offerMoney: "",
  offerInformation: "花壇の区画図を提供します。",
  fields: ["environment"],
  areas: ["nishi_shiroi"],
  forms: ["adoption"],
  budgetScale: "under_500k",
  fiscalYear: "令和9年度",
  period: "令和9年4月～令和10年3月",
  applyUntil: "2099-03-31",
  priority: "normal",
  contactName: "公園 緑",
  contactPhone: "047-492-1111",
  contactEmail: "koen@city.example.jp",
};

const mailsTo = (email: string) => outbox().filter((m) => m.to === email);

async function staffOf(departmentId: string, frequency: "immediate" | "daily" = "immediate") {
  const user = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId, mail_frequency: frequency }).where("id", "=", user.id).execute();
  return { ...user, client: await clientFor(base, user.id) };
}

let sheetPath: string;
let staff: Awaited<ReturnType<typeof staffOf>>; // mails at once
let digestStaff: Awaited<ReturnType<typeof staffOf>>; // the daily digest
let promoter: Awaited<ReturnType<typeof staffOf>>; // the department's 協働推進員, seated in another department
let otherStaff: Awaited<ReturnType<typeof staffOf>>;
let member: { id: string; email: string; client: Client; groupId: string };

beforeAll(async () => {
  const departmentId = await makeDepartment("公園緑地課（通知）");
  const elsewhere = await makeDepartment("企画政策課（通知）");
  staff = await staffOf(departmentId);
  digestStaff = await staffOf(departmentId, "daily");
  promoter = await staffOf(elsewhere);
  otherStaff = await staffOf(elsewhere);
  await getDb().updateTable("departments").set({ promoter_user_id: promoter.id }).where("id", "=", departmentId).execute();
  const created = await staff.client.post("/sheets/new", { ...SHEET, intent: "publish" });
  expect(created.status).toBe(302);
  sheetPath = locationOf(created)!;
  const user = await createUser(["group_member"]);
  member = { ...user, client: await clientFor(base, user.id), groupId: await makeGroup("花壇を守る会", [user.id]) };
});

describe("a department hears of groups on its sheets", () => {
  it("tells the department's staff and its 協働推進員 of a question, each as they chose; nobody else", async () => {
    const asked = await member.client.post(sheetPath, { intent: "ask", groupId: member.groupId, question: "作業に使う道具は貸していただけますか。" });
    expect(locationOf(asked)).toBe(sheetPath);

    for (const who of [staff, promoter]) {
      const mails = mailsTo(who.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe("【協働マッチングポータル】「公園の花壇を守る仲間づくり」に花壇を守る会から質問がありました");
      expect(mails[0].text).toContain("作業に使う道具は貸していただけますか。");
      expect(mails[0].text).toContain(sheetPath);
    }
    expect(mailsTo(otherStaff.email)).toHaveLength(0);
    expect(await pageText(await otherStaff.client.get("/notifications"))).not.toContain("花壇を守る会から質問");

    // The one who chose the daily digest sees it in the portal now, and by mail in the digest.
    expect(mailsTo(digestStaff.email)).toHaveLength(0);
    expect(await pageText(await digestStaff.client.get("/notifications"))).toContain("「公園の花壇を守る仲間づくり」に花壇を守る会から質問がありました");
    await mailDailyDigests(getDb(), "http://portal.example.jp");
    const digest = mailsTo(digestStaff.email);
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain("作業に使う道具は貸していただけますか。");
  });

  it("tells them when a group marks 相談したい, once, and not for 関心あり", async () => {
    const before = mailsTo(staff.email).length;
    await member.client.post(sheetPath, { intent: "interest", groupId: member.groupId, level: "interested" });
    expect(mailsTo(staff.email)).toHaveLength(before);

    await member.client.post(sheetPath, { intent: "interest", groupId: member.groupId, level: "consult" });
    for (const who of [staff, promoter]) {
      const last = mailsTo(who.email).at(-1)!;
      expect(last.subject).toBe("【協働マッチングポータル】花壇を守る会が「公園の花壇を守る仲間づくり」について相談を希望しています");
    }
    expect(mailsTo(staff.email)).toHaveLength(before + 1);
    expect(await pageText(await digestStaff.client.get("/notifications"))).toContain("花壇を守る会が「公園の花壇を守る仲間づくり」について相談を希望しています");

    // Saying it again is no news.
    await member.client.post(sheetPath, { intent: "interest", groupId: member.groupId, level: "consult" });
    expect(mailsTo(staff.email)).toHaveLength(before + 1);
    expect(mailsTo(otherStaff.email)).toHaveLength(0);
  });
});

describe("a group's own unanswered questions", () => {
  it("shows them to the group's members on the dashboard and on the sheet, to nobody else, until answered", async () => {
    const question = "雨の日の作業はどうなりますか。";
    expect(locationOf(await member.client.post(sheetPath, { intent: "ask", groupId: member.groupId, question }))).toBe(sheetPath);

    const dashboard = await pageText(await member.client.get("/dashboard"));
    expect(dashboard).toContain("回答待ちの質問");
    expect(dashboard).toContain(question);
    expect(dashboard).toContain(`href="${sheetPath}"`);
    const sheet = await pageText(await member.client.get(sheetPath));
    expect(sheet).toContain("あなたの団体の回答待ちの質問");
    expect(sheet).toContain(question);

    // Another group's member and the public do not see it.
    const stranger = await createUser(["group_member"]);
    await makeGroup("別の会", [stranger.id]);
    const strangerClient = await clientFor(base, stranger.id);
    expect(await pageText(await strangerClient.get(sheetPath))).not.toContain(question);
    expect(await pageText(await strangerClient.get("/dashboard"))).not.toContain(question);
    expect(await pageText(await new Client(base).get(sheetPath))).not.toContain(question);

    // Once answered it is public and no longer waiting.
    const questionId = (await getDb().selectFrom("sheet_questions").where("question", "=", question).select("id").executeTakeFirstOrThrow()).id;
    expect(locationOf(await staff.client.post(sheetPath, { intent: "answer", questionId, answer: "雨の日は中止し、翌週に行います。" }))).toBe(sheetPath);
    const after = await pageText(await member.client.get("/dashboard"));
    expect(after).not.toContain(question);
    const answered = await pageText(await member.client.get(sheetPath));
    expect(answered).toContain("雨の日は中止し、翌週に行います。");
    const waiting = /id="sheet-my-questions"[\s\S]*?<\/ul>/.exec(answered)?.[0] ?? "";
    expect(waiting).toContain("作業に使う道具は貸していただけますか。"); // the earlier one still waits
    expect(waiting).not.toContain(question);
  });
});
