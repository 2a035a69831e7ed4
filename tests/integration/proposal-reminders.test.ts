// Deadline reminders: 7 days and 1 day before a published call closes, groups with a draft proposal hear
// of it in the portal and by mail — once per reminder, only for drafts, never for a closed or unpublished call.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { now } from "../../db/values";
import { sendDeadlineReminders } from "../../app/domain/proposals/reminders.server";
import { clientFor, createUser, outbox, pageText, useServer } from "./harness";
import { makeCall, makeGroup, makeProposal } from "./proposal-fixtures";

const base = useServer();
const ORIGIN = "http://portal.example.jp";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const DEADLINE = new Date("2027-02-10T08:00:00.000Z"); // 2027年2月10日 17:00 in Tokyo
const before = (ms: number) => new Date(DEADLINE.getTime() - ms);
const CALL_TITLE = "令和9年度 市民提案型協働事業";

const seedCall = (title: string, status: "draft" | "published", closesAt: Date) =>
  makeCall({ title, status, opensAt: new Date(closesAt.getTime() - 60 * DAY).toISOString(), closesAt: closesAt.toISOString(), graceMinutes: 5 });

const seedProposal = (callId: string, groupId: string, status: string, title: string, createdAt = now()) =>
  makeProposal({ call_id: callId, group_id: groupId, status, title, created_at: createdAt });

const remindersOf = (userId: string) =>
  getDb()
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("kind", "=", "proposal_deadline")
    .select(["title", "body", "link"])
    .orderBy("created_at")
    .execute();
const remindersLinkingTo = (proposalId: string) =>
  getDb().selectFrom("notifications").where("link", "=", `/proposals/${proposalId}`).select("user_id").execute();
const mailsTo = (email: string) => outbox().filter((m) => m.to === email);

let immediate: { id: string; email: string }; // member of the group with the drafts, mail at once
let daily: { id: string; email: string }; // same group, daily digest
let other: { id: string; email: string }; // member of the second group
const p: Record<string, string> = {};
let callId = "";

beforeAll(async () => {
  immediate = await createUser(["group_member"]);
  daily = await createUser(["group_member"]);
  other = await createUser(["group_member"]);
  await getDb().updateTable("users").set({ mail_frequency: "daily" }).where("id", "=", daily.id).execute();
  const groupA = await makeGroup("見守りの会", [immediate.id, daily.id]);
  const groupB = await makeGroup("子ども食堂の会", [other.id]);

  callId = await seedCall(CALL_TITLE, "published", DEADLINE);
  const unpublished = await seedCall("準備中の募集", "draft", DEADLINE);
  p.draft = await seedProposal(callId, groupA, "draft", "高齢者の見守り提案");
  p.submitted = await seedProposal(callId, groupA, "submitted", "提出済みの提案");
  p.withdrawn = await seedProposal(callId, groupA, "withdrawn", "取り下げた提案");
  p.untitled = await seedProposal(callId, groupB, "draft", "  ");
  p.unpublished = await seedProposal(unpublished, groupB, "draft", "準備中の募集への提案");
});

describe("deadline reminders", () => {
  it("sends nothing while the deadline is more than 7 days away", async () => {
    expect(await sendDeadlineReminders(getDb(), before(8 * DAY), ORIGIN)).toBe(0);
    expect(await getDb().selectFrom("notifications").where("kind", "=", "proposal_deadline").selectAll().execute()).toHaveLength(0);
    expect(outbox()).toHaveLength(0);
  });

  it("7 days before, tells the members of groups with a draft, in the portal and by mail; drafts only", async () => {
    // A call that closed a minute before this tick: its draft is past reminding.
    const closed = await seedCall("締め切った募集", "published", new Date(before(7 * DAY - HOUR).getTime() - 60_000));
    p.closed = await seedProposal(closed, (await getDb().selectFrom("proposals").where("id", "=", p.untitled).select("group_id").executeTakeFirstOrThrow()).group_id, "draft", "締切後の提案");

    // The first hourly tick after the 7-day mark.
    expect(await sendDeadlineReminders(getDb(), before(7 * DAY - HOUR), ORIGIN)).toBe(2);

    const title = `提出期限まであと7日です: ${CALL_TITLE}`;
    const body = "提案「高齢者の見守り提案」はまだ下書き（未提出）です。提出期限は令和9年2月10日（水）17:00です。期限までに提出してください。";
    expect(await remindersOf(immediate.id)).toEqual([{ title, body, link: `/proposals/${p.draft}` }]);
    expect(await remindersOf(daily.id)).toEqual([{ title, body, link: `/proposals/${p.draft}` }]);
    expect(await remindersOf(other.id)).toEqual([
      { title, body: "提案「（無題の提案）」はまだ下書き（未提出）です。提出期限は令和9年2月10日（水）17:00です。期限までに提出してください。", link: `/proposals/${p.untitled}` },
    ]);
    for (const id of [p.submitted, p.withdrawn, p.unpublished, p.closed]) expect(await remindersLinkingTo(id)).toEqual([]);

    const mails = mailsTo(immediate.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`【協働マッチングポータル】${title}`);
    expect(mails[0].text).toContain(body);
    expect(mails[0].text).toContain(`${ORIGIN}/proposals/${p.draft}`);
    expect(mailsTo(other.email)).toHaveLength(1);
    expect(outbox()).toHaveLength(2);

    // The daily-digest member sees it in the portal but gets no mail now.
    expect(mailsTo(daily.email)).toHaveLength(0);
    const page = await pageText(await (await clientFor(base, daily.id)).get("/notifications"));
    expect(page).toContain(title);
    expect(page).toContain("未提出");

    const rows = await getDb().selectFrom("proposal_reminders").select(["proposal_id", "kind"]).execute();
    expect(rows.map((r) => `${r.proposal_id} ${r.kind}`).sort()).toEqual([`${p.draft} days_7`, `${p.untitled} days_7`].sort());
  });

  it("sends the 7-day reminder once, however often the tick runs", async () => {
    for (const days of [6, 3, 1.5]) expect(await sendDeadlineReminders(getDb(), before(days * DAY), ORIGIN)).toBe(0);
    expect(await remindersOf(immediate.id)).toHaveLength(1);
    expect(outbox()).toHaveLength(2);
  });

  it("1 day before, reminds again — a draft begun after the 7-day mark only now — once, even with two ticks at the same moment", async () => {
    p.late = await seedProposal(callId, (await getDb().selectFrom("proposals").where("id", "=", p.draft).select("group_id").executeTakeFirstOrThrow()).group_id, "draft", "駆け込みの提案", before(2 * DAY).toISOString());
    expect(await sendDeadlineReminders(getDb(), before(2 * DAY - HOUR), ORIGIN)).toBe(0); // no late 7-day one

    const at = before(20 * HOUR);
    const [first, second] = await Promise.all([sendDeadlineReminders(getDb(), at, ORIGIN), sendDeadlineReminders(getDb(), at, ORIGIN)]);
    expect(first + second).toBe(3);

    const title = `提出期限まであと1日です: ${CALL_TITLE}`;
    const mine = await remindersOf(immediate.id);
    expect(mine.map((n) => `${n.title} ${n.link}`).sort()).toEqual(
      [`提出期限まであと7日です: ${CALL_TITLE} /proposals/${p.draft}`, `${title} /proposals/${p.draft}`, `${title} /proposals/${p.late}`].sort(),
    );
    expect(mine.find((n) => n.link === `/proposals/${p.late}`)?.body).toBe(
      "提案「駆け込みの提案」はまだ下書き（未提出）です。提出期限は令和9年2月10日（水）17:00です。期限までに提出してください。",
    );
    expect((await remindersOf(other.id)).map((n) => n.title).sort()).toEqual([`提出期限まであと7日です: ${CALL_TITLE}`, title].sort());
    expect(await remindersOf(daily.id)).toHaveLength(3);
    expect(mailsTo(immediate.email)).toHaveLength(3);
    expect(mailsTo(other.email)).toHaveLength(2);
    expect(mailsTo(daily.email)).toHaveLength(0);
    for (const id of [p.submitted, p.withdrawn, p.unpublished, p.closed]) expect(await remindersLinkingTo(id)).toEqual([]);

    expect(await sendDeadlineReminders(getDb(), before(HOUR), ORIGIN)).toBe(0);
    expect(await sendDeadlineReminders(getDb(), new Date(DEADLINE.getTime() + HOUR), ORIGIN)).toBe(0);
    expect(outbox()).toHaveLength(5);
  });
});
