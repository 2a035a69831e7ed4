// The review end to end through HTTP: the coordinator forms a panel and assigns (never across a
// conflict), moves proposals into review, reviewers score (bad input, a double submit, the deadline),
// see the others only after submitting, a conflict declared after scoring changes the ranking, the
// result sheet and its files are the coordinator's alone, and no reviewer's name reaches the group.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { attachmentsDir } from "../../app/domain/attachments/store.server";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { emptyContent } from "../../app/domain/proposals/content";
import { formatReceiptNumber } from "../../app/domain/proposals/receipt";
import { sendReviewReminders } from "../../app/domain/reviews/commands.server";
import { applicantFeedback } from "../../app/domain/reviews/feedback.server";
import { Client, clientFor, createUser, locationOf, outbox, pageText, setUpThroughPage, useServer } from "./harness";
import { makeCall, makeGroup, makeProposal } from "./proposal-fixtures";

const base = useServer();

let coordinator: Client;
let reviewerA: Client;
let reviewerB: Client;
let reviewerC: Client;
let outsiderReviewer: Client;
let member1: Client;
let member1Email: string;
let coordinatorId: string;
let reviewerAId: string;
let reviewerBEmail: string;
let group1: string;
let reviewerBId: string;
let reviewerCId: string;
let callId: string;
let otherCallId: string;
let p1: string;
let p2: string;
let draftId: string;
let otherCallProposal: string;
let group2: string;
let kou: string; // 公益性 0–10, weight 1
let jitsu: string; // 実現可能性 1–5, weight 2

const ATTACHMENT = newId();
const NAMES = { a: "審査 一郎", b: "審査 二郎", c: "審査 三郎" };

async function submittedProposal(call: string, groupId: string, title: string, receipt: string, amount: number): Promise<string> {
  const content = JSON.stringify({ ...emptyContent(), title, budget: [{ year: 1, item: "謝礼", amount, bearer: "city" }] });
  const id = await makeProposal({ call_id: call, group_id: groupId, status: "submitted", title, draft: content, receipt_number: receipt, receipt_fiscal_year: 2026, receipt_sequence: Number(receipt.slice(-4)) });
  await getDb().insertInto("proposal_versions").values({ proposal_id: id, version: 1, content, submitted_at: now(), submitted_by: null }).execute();
  return id;
}

const review = (path = "") => `/coordinator/calls/${callId}/review${path}`;

/** The coordinator invites `email` as a reviewer; the link in the mail. */
async function inviteReviewer(email: string): Promise<string> {
  expect((await coordinator.post("/coordinator/reviewers", { email, displayName: "招待 太郎", affiliation: "市民委員" })).status).toBe(302);
  return /\/reviewer-invites\/[A-Za-z0-9_-]+/.exec(outbox().find((m) => m.to === email)!.text)![0];
}

/** While on, recording an invitation's acceptance in the audit log fails inside the database. */
async function failAcceptanceAudit(on: boolean): Promise<void> {
  const db = getDb();
  if (process.env.INTEGRATION_ENGINE === "postgres") {
    if (!on) {
      await sql`drop trigger audit_log_refuse_accept on audit_log`.execute(db);
      return;
    }
    await sql`create or replace function refuse_accept() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`.execute(db);
    await sql`create trigger audit_log_refuse_accept before insert on audit_log for each row when (new.action = 'review.invite_accept') execute function refuse_accept()`.execute(db);
    return;
  }
  if (!on) await sql`drop trigger audit_log_refuse_accept`.execute(db);
  else await sql`create trigger audit_log_refuse_accept before insert on audit_log when new.action = 'review.invite_accept' begin select raise(abort, 'refused by the test'); end`.execute(db);
}

beforeAll(async () => {
  const db = getDb();
  const [coord, a, b, c, outsider, m1, m2] = await Promise.all([
    createUser(["coordinator"]),
    createUser(["reviewer"]),
    createUser(["reviewer"]),
    createUser(["reviewer"]),
    createUser(["reviewer"]),
    createUser(["group_member"]),
    createUser(["group_member"]),
  ]);
  coordinatorId = coord.id;
  reviewerAId = a.id;
  reviewerBEmail = b.email;
  reviewerBId = b.id;
  reviewerCId = c.id;
  member1Email = m1.email;
  for (const [id, name] of [
    [a.id, NAMES.a],
    [b.id, NAMES.b],
    [c.id, NAMES.c],
  ]) {
    await db.updateTable("users").set({ display_name: name }).where("id", "=", id).execute();
  }
  // Reviewer C is a member of group 1: conflicted with its proposal without declaring anything.
  const g1 = (group1 = await makeGroup("竹林の会", [m1.id, c.id]));
  const g2 = (group2 = await makeGroup("=HYPERLINK(\"http://x\")の会", [m2.id]));
  callId = await makeCall({ stages: ["formal_check", "document_review", "presentation"], capTotal: 700_000 });
  otherCallId = await makeCall({ stages: ["document_review"] });
  kou = (await db.selectFrom("call_criteria").where("call_id", "=", callId).select("id").executeTakeFirstOrThrow()).id;
  jitsu = newId();
  await db.insertInto("call_criteria").values({ id: jitsu, call_id: callId, position: 1, name: "実現可能性", description: "", max_points: 5, min_points: 1, weight: 2 }).execute();
  p1 = await submittedProposal(callId, g1, "竹林の遊び場", "R8-市民-0001", 400_000);
  p2 = await submittedProposal(callId, g2, "川の清掃", "R8-市民-0002", 450_000);
  draftId = await makeProposal({ call_id: callId, group_id: g2, title: "下書きの提案" });
  otherCallProposal = await submittedProposal(otherCallId, g2, "よその募集の提案", "R8-市民-0003", 100_000);
  fs.mkdirSync(attachmentsDir(), { recursive: true });
  fs.writeFileSync(path.join(attachmentsDir(), ATTACHMENT), "%PDF-1.7\n%%EOF\n");
  await db
    .insertInto("proposal_attachments")
    .values({ id: ATTACHMENT, proposal_id: p1, label: "収支予算書", file_name: "予算.pdf", mime: "application/pdf", size: 15, sha256: "-", uploaded_by: null, uploaded_at: now() })
    .execute();
  [coordinator, reviewerA, reviewerB, reviewerC, outsiderReviewer, member1] = await Promise.all([
    clientFor(base, coord.id),
    clientFor(base, a.id),
    clientFor(base, b.id),
    clientFor(base, c.id),
    clientFor(base, outsider.id),
    clientFor(base, m1.id),
  ]);
});

async function assignmentOf(reviewerId: string, proposalId: string): Promise<string> {
  return (await getDb().selectFrom("review_assignments").where("reviewer_id", "=", reviewerId).where("proposal_id", "=", proposalId).select("id").executeTakeFirstOrThrow()).id;
}

async function revisionOf(assignmentId: string): Promise<string> {
  const sheet = await getDb().selectFrom("score_sheets").where("assignment_id", "=", assignmentId).select("revision").executeTakeFirst();
  return String(sheet?.revision ?? 0);
}

async function score(client: Client, assignmentId: string, k: string, j: string, intent: "save" | "submit" = "submit", extra: Record<string, string> = {}) {
  return client.post(`/reviews/${assignmentId}`, { [`points.${kou}`]: k, [`points.${jitsu}`]: j, commentForApplicant: "地域の協力体制がよく考えられています。", privateNote: "予算の根拠を確認したい", revision: await revisionOf(assignmentId), intent, ...extra });
}

describe("panels and assignments", () => {
  it("forms a panel of reviewers and sets the deadline in Japan time", async () => {
    for (const id of [reviewerAId, reviewerBId, reviewerCId]) {
      expect((await coordinator.post(review(), { intent: "add_member", stage: "document_review", reviewerId: id })).status).toBe(302);
    }
    const saved = await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "2099-03-01T17:00", latePolicy: "refuse", showOthers: "on" });
    expect(saved.status).toBe(302);
    const stage = await getDb().selectFrom("review_stages").where("call_id", "=", callId).where("stage", "=", "document_review").selectAll().executeTakeFirstOrThrow();
    expect(stage.deadline).toBe("2099-03-01T08:00:00.000Z");
    expect(Number(stage.show_others)).toBe(1);
    const bad = await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "3月1日" });
    expect(bad.status).toBe(400);
    expect(await pageText(bad)).toContain("締切を日時で入力してください");
  });

  it("refuses to assign a reviewer to the proposal of a group they belong to, with the reason", async () => {
    const response = await coordinator.post(review(), { intent: "assign", stage: "document_review", reviewerIds: [reviewerCId], scope: "selected", proposalIds: [p1] });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain(`${NAMES.c} さんは受付番号 R8-市民-0001 の提案と利害関係があるため割り当てられません。`);
    expect(await getDb().selectFrom("review_assignments").where("reviewer_id", "=", reviewerCId).select("id").execute()).toEqual([]);
  });

  it("assigns the whole panel to all proposals, leaving the conflicted pair out, and tells each reviewer without naming a proposal", async () => {
    const response = await coordinator.post(review(), { intent: "assign", stage: "document_review", reviewerIds: [reviewerAId, reviewerBId, reviewerCId], scope: "all" });
    expect(response.status).toBe(302);
    const rows = await getDb().selectFrom("review_assignments").select(["reviewer_id", "proposal_id"]).execute();
    expect(rows).toHaveLength(5);
    expect(rows.some((r) => r.reviewer_id === reviewerCId && r.proposal_id === p1)).toBe(false);
    const note = await getDb().selectFrom("notifications").where("user_id", "=", reviewerCId).where("kind", "=", "review_assigned").select(["title", "body"]).executeTakeFirstOrThrow();
    expect(note.body).toContain("提案 1 件");
    expect(note.body).not.toContain("竹林");
    // The assignment table reads in receipt order, then by reviewer, the same on every load and engine.
    const html = await pageText(await coordinator.get(review()));
    const table = html.slice(html.indexOf("割り当ての状況"));
    const shown = [...table.slice(0, table.indexOf("</table>")).matchAll(/<tr><td>(R8-[^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
    const byName = [NAMES.a, NAMES.b, NAMES.c].sort((x, y) => x.localeCompare(y, "ja"));
    expect(shown).toEqual([
      ...byName.filter((n) => n !== NAMES.c).map((n) => `R8-市民-0001 ${n}`),
      ...byName.map((n) => `R8-市民-0002 ${n}`),
    ]);
  });

  it("refuses a proposal of another call or a draft", async () => {
    const response = await coordinator.post(review(), { intent: "assign", stage: "document_review", reviewerIds: [reviewerAId], scope: "selected", proposalIds: [otherCallProposal] });
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("この段階で審査できない提案が含まれています");
  });

  it("moves the submitted proposals into the document review in one step, through the proposals' transition", async () => {
    const response = await coordinator.post(review(), { intent: "move", action: "start_review", proposalIds: [p1, p2] });
    expect(response.status).toBe(302);
    const statuses = await getDb().selectFrom("proposals").where("id", "in", [p1, p2]).select("status").execute();
    expect(statuses.map((s) => s.status)).toEqual(["in_review", "in_review"]);
    const timeline = await getDb().selectFrom("proposal_transitions").where("proposal_id", "=", p1).select("action").execute();
    expect(timeline.map((t) => t.action)).toContain("start_review");
    // The group is told what happened, not the button the coordinator pressed.
    const told = await getDb().selectFrom("notifications").where("kind", "=", "proposal_start_review").where("link", "=", `/proposals/${p1}`).select("title").execute();
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].title).toMatch(/^一次審査が始まりました（受付番号 .+）$/);
  });
});

describe("a conflicted reviewer", () => {
  it("gets 404 on every page of the proposal and finds it in no list or count", async () => {
    const pages = [`/proposals/${p1}`, `/proposals/${p1}/print`, `/proposals/${p1}.pdf`, `/proposals/${p1}/versions?from=1&to=1`, `/proposals/${p1}/attachments/${ATTACHMENT}`];
    for (const page of pages) {
      expect({ page, status: (await reviewerC.get(page)).status }).toEqual({ page, status: 404 });
      // …which an assigned, unconflicted reviewer reads.
      expect({ page, status: (await reviewerB.get(page)).status }).toEqual({ page, status: 200 });
    }
    const list = await pageText(await reviewerC.get("/reviews"));
    expect(list).toContain("川の清掃");
    expect(list).not.toContain("竹林の遊び場");
    expect(list).toContain("未提出 1 件 / 1 件");
    // The dashboard counts the same: the conflicted assignment in neither figure, the open one unfinished.
    expect(await pageText(await reviewerC.get("/dashboard"))).toContain("割り当てられた提案が 1 件あり、そのうち未提出の採点票が 1 件");
  });

  it("reads an assigned proposal's submitted version, but never a draft; a reviewer of nothing reads nothing", async () => {
    expect((await reviewerC.get(`/proposals/${p2}`)).status).toBe(200);
    expect(await pageText(await reviewerC.get(`/proposals/${p2}/print`))).toContain("川の清掃");
    expect((await reviewerC.get(`/proposals/${draftId}`)).status).toBe(404);
    expect((await outsiderReviewer.get(`/proposals/${p2}`)).status).toBe(404);
    // A reviewer of one call sees nothing of another call's proposals.
    expect((await reviewerB.get(`/proposals/${otherCallProposal}`)).status).toBe(404);
    expect(await pageText(await outsiderReviewer.get("/reviews"))).toContain("審査中の提案で、割り当てられたものはありません");
  });

  it("gets 404 on another reviewer's assignment", async () => {
    expect((await reviewerC.get(`/reviews/${await assignmentOf(reviewerAId, p1)}`)).status).toBe(404);
  });
});

describe("a reviewer's list over the years", () => {
  it("shows the proposals under review; a decided one moves to the finished reviews (?past=N), still counted on the dashboard", async () => {
    const before = await getDb().selectFrom("proposals").where("id", "=", p2).select("status").executeTakeFirstOrThrow();
    await getDb().updateTable("proposals").set({ status: "rejected" }).where("id", "=", p2).execute();
    try {
      const current = await pageText(await reviewerC.get("/reviews"));
      expect(current).not.toContain("川の清掃");
      expect(current).toContain("終わった審査（これまでの募集）を見る");
      const past = await pageText(await reviewerC.get("/reviews?past=1"));
      expect(past).toContain("終わった審査");
      expect(past).toContain("川の清掃");
      expect(past).not.toContain("竹林の遊び場"); // conflicted: in no list, past or present
      expect(past).not.toContain("次のページ");
      expect(await pageText(await reviewerC.get("/reviews?past=abc"))).toContain("川の清掃");
      // Past the end (this list is read a page ahead, without a count): says so, and links to the first page.
      const pastTheEnd = await pageText(await reviewerC.get("/reviews?past=2"));
      expect(pastTheEnd).toContain("このページはありません。");
      expect(pastTheEnd).toContain('href="/reviews?past=1"');
      expect(pastTheEnd).not.toContain("終わった審査はまだありません");
      // The dashboard counts every assignment, and none of the decided ones as unfinished.
      expect(await pageText(await reviewerC.get("/dashboard"))).toContain("割り当てられた提案が 1 件あり、そのうち未提出の採点票が 0 件");
    } finally {
      await getDb().updateTable("proposals").set({ status: before.status }).where("id", "=", p2).execute();
    }
  });
});

describe("a reviewer's finished reviews", () => {
  it("lists a call's proposals in receipt order, also where the receipt number gains a digit", async () => {
    const db = getDb();
    const reviewer = await createUser(["reviewer"]);
    const call = await makeCall({ stages: ["document_review"] });
    const group = await makeGroup("桁の増える会", []);
    const at = now();
    const stageId = newId();
    await db.insertInto("review_stages").values({ id: stageId, call_id: call, stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
    // Given out in this order, 9999 then 10000: as text, …-10000 sorts before …-9999.
    for (const sequence of [10_000, 9_999]) {
      const id = await makeProposal({ call_id: call, group_id: group, status: "rejected", title: `受付${sequence}の提案`, receipt_number: `R8-市民-${sequence}`, receipt_fiscal_year: 2026, receipt_sequence: sequence });
      await db.insertInto("review_assignments").values({ id: newId(), stage_id: stageId, proposal_id: id, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
    }
    const past = await pageText(await (await clientFor(base, reviewer.id)).get("/reviews?past=1"));
    expect([...past.matchAll(/<tr><td>(R8-市民-\d+)<\/td>/g)].map((m) => m[1])).toEqual(["R8-市民-9999", "R8-市民-10000"]);
  });
});

describe("a reviewer's finished reviews over two pages", () => {
  it("shows 100 a page in the list's order — newest call first, by stage, in receipt order — each with its sheet, and links the pages", async () => {
    const db = getDb();
    const reviewer = await createUser(["reviewer"]);
    const group = await makeGroup("二ページの会", []);
    const at = now();
    const sheetOf = (sequence: number) => (sequence % 3 === 0 ? "提出済み" : sequence % 3 === 1 ? "下書き" : "未着手");
    const expected: string[] = [];
    const assign = async (fiscalYear: number, stages: { stage: "document_review" | "presentation"; count: number }[]) => {
      const call = await makeCall({ stages: ["document_review", "presentation"], fiscalYear });
      for (const { stage, count } of stages) {
        const stageId = newId();
        await db.insertInto("review_stages").values({ id: stageId, call_id: call, stage, deadline: null, created_at: at, updated_at: at }).execute();
        // Written in an order that is neither the receipts' nor the ids'.
        const sequences = Array.from({ length: count }, (_, i) => (stage === "presentation" ? 500 : 1) + ((i * 37) % count));
        for (const sequence of sequences) {
          const receipt = formatReceiptNumber({ fiscalYear, type: "citizen", sequence });
          const id = await makeProposal({ call_id: call, group_id: group, status: "rejected", title: `二ページ${receipt}`, receipt_number: receipt, receipt_fiscal_year: fiscalYear, receipt_sequence: sequence });
          const assignmentId = newId();
          await db.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: id, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
          if (sequence % 3 !== 2) {
            const submitted = sequence % 3 === 0;
            await db.insertInto("score_sheets").values({ id: newId(), assignment_id: assignmentId, status: submitted ? "submitted" : "draft", revision: 1, saved_at: at, submitted_at: submitted ? at : null, excluded_at: null, excluded_reason: null }).execute();
          }
        }
        expected.push(...[...sequences].sort((a, b) => a - b).map((sequence) => `${formatReceiptNumber({ fiscalYear, type: "citizen", sequence })} ${sheetOf(sequence)}`));
      }
      return call;
    };
    // The newer call first (both its stages, 一次 before 二次), then the older one: 110 in all.
    const newer = await assign(2031, [{ stage: "document_review", count: 45 }, { stage: "presentation", count: 20 }]);
    await assign(2030, [{ stage: "document_review", count: 45 }]);
    // Neither a conflicted proposal nor one still under review is a finished review.
    const conflicted = await makeProposal({ call_id: newer, group_id: group, status: "rejected", title: "利害関係のある提案", receipt_number: "R13-市民-0900", receipt_fiscal_year: 2031, receipt_sequence: 900 });
    const underReview = await makeProposal({ call_id: newer, group_id: group, status: "in_review", title: "審査中の提案", receipt_number: "R13-市民-0901", receipt_fiscal_year: 2031, receipt_sequence: 901 });
    const firstStage = await db.selectFrom("review_stages").where("call_id", "=", newer).where("stage", "=", "document_review").select("id").executeTakeFirstOrThrow();
    for (const proposal of [conflicted, underReview]) {
      await db.insertInto("review_assignments").values({ id: newId(), stage_id: firstStage.id, proposal_id: proposal, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
    }
    await db.insertInto("review_conflicts").values({ id: newId(), reviewer_id: reviewer.id, proposal_id: conflicted, group_id: null, kind: "other", note: "", declared_by: null, declared_side: "coordinator", declared_at: at }).execute();

    const client = await clientFor(base, reviewer.id);
    const rows = (html: string) => [...html.matchAll(/<tr><td>([^<]+)<\/td><td><a [^>]*href="\/reviews\/[^"]+">[^<]*<\/a><\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => `${m[1]} ${m[2]}`);
    const first = await pageText(await client.get("/reviews?past=1"));
    const second = await pageText(await client.get("/reviews?past=2"));
    expect(rows(first)).toEqual(expected.slice(0, 100));
    expect(rows(second)).toEqual(expected.slice(100));
    expect(first).toContain('href="/reviews?past=2"');
    expect(second).toContain('href="/reviews?past=1"');
    expect(second).not.toContain("次のページ");
    expect(first + second).not.toContain("利害関係のある提案");
    expect(first + second).not.toContain("審査中の提案</a>");
    expect(await pageText(await client.get("/reviews"))).toContain("審査中の提案</a>");
  });
});

describe("a call open across 1 April", () => {
  it("lists its proposals with the receipts of the earlier fiscal year first, on the review page and in a reviewer's finished reviews", async () => {
    const db = getDb();
    const reviewer = await createUser(["reviewer"]);
    const call = await makeCall({ stages: ["document_review"] });
    const group = await makeGroup("年度をまたぐ会", []);
    const at = now();
    const stageId = newId();
    await db.insertInto("review_stages").values({ id: stageId, call_id: call, stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
    // R8-市民-0005 was given in April, after R7-市民-0480 in March: each fiscal year's sequence starts again at 1.
    for (const [fiscalYear, sequence] of [[2026, 5], [2025, 480]] as const) {
      const receipt = formatReceiptNumber({ fiscalYear, type: "citizen", sequence });
      const id = await makeProposal({ call_id: call, group_id: group, status: "rejected", title: `受付${receipt}の提案`, receipt_number: receipt, receipt_fiscal_year: fiscalYear, receipt_sequence: sequence });
      await db.insertInto("review_assignments").values({ id: newId(), stage_id: stageId, proposal_id: id, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
    }
    const inOrder = ["R7-市民-0480", "R8-市民-0005"];
    const receipts = (html: string) => [...html.matchAll(/<td>(R[78]-市民-\d+)<\/td>/g)].map((m) => m[1]);
    const overview = await pageText(await coordinator.get(`/coordinator/calls/${call}/review`));
    const proposals = overview.slice(overview.indexOf('id="proposals-heading"'));
    expect(receipts(proposals.slice(0, proposals.indexOf("</table>")))).toEqual(inOrder);
    expect(receipts(await pageText(await (await clientFor(base, reviewer.id)).get("/reviews?past=1")))).toEqual(inOrder);
  });
});

describe("score sheets", () => {
  it("shows bad input beside its field and keeps everything typed", async () => {
    const id = await assignmentOf(reviewerAId, p1);
    const response = await score(reviewerA, id, "十", "9");
    expect(response.status).toBe(400);
    const page = await pageText(response);
    expect(page).toContain("「公益性」の点数は0〜10の整数で入力してください");
    expect(page).toContain("「実現可能性」の点数は1〜5点の範囲で入力してください");
    expect(page).toContain('value="十"');
    expect(page).toContain("予算の根拠を確認したい");
    const foreign = await score(reviewerA, id, "5", "3", "save", { "points.not-a-criterion": "3" });
    expect(foreign.status).toBe(400);
    expect(await pageText(foreign)).toContain("この募集にない審査項目の点数が送られました");
    const missing = await reviewerA.post(`/reviews/${id}`, { [`points.${kou}`]: "5", revision: "0", intent: "submit" });
    expect(missing.status).toBe(400);
    expect(await pageText(missing)).toContain("「実現可能性」の点数を入力してください（1〜5点）");
  });

  it("saves a draft, refuses a save from a stale tab, submits once, and keeps a second submit from storing another sheet", async () => {
    const id = await assignmentOf(reviewerAId, p1);
    const unfinished = async () => Number(/未提出の採点票が (\d+) 件/.exec(await pageText(await reviewerA.get("/dashboard")))?.[1]);
    const before = await unfinished();
    expect((await score(reviewerA, id, "9", "4", "save")).status).toBe(302);
    expect(await unfinished()).toBe(before); // a saved draft is still unfinished
    const stale = await reviewerA.post(`/reviews/${id}`, { [`points.${kou}`]: "1", [`points.${jitsu}`]: "1", revision: "0", intent: "save" });
    expect(stale.status).toBe(409);
    expect(await pageText(stale)).toContain("別のタブや端末でこの採点票が先に保存されました");
    const revision = await revisionOf(id);
    expect((await score(reviewerA, id, "10", "5")).status).toBe(302);
    const again = await reviewerA.post(`/reviews/${id}`, { [`points.${kou}`]: "1", [`points.${jitsu}`]: "1", revision, intent: "submit" });
    expect(again.status).toBe(409);
    const sheets = await getDb().selectFrom("score_sheets").where("assignment_id", "=", id).select(["status", "id"]).execute();
    expect(sheets).toHaveLength(1);
    expect(sheets[0].status).toBe("submitted");
    expect(await unfinished()).toBe(before - 1);
    const points = await getDb().selectFrom("scores").where("sheet_id", "=", sheets[0].id).select("points").orderBy("points").execute();
    expect(points.map((p) => p.points)).toEqual([5, 10]);
  });

  it("shows the others' scores only after one's own submission, without names", async () => {
    const id = await assignmentOf(reviewerBId, p1);
    const before = await pageText(await reviewerB.get(`/reviews/${id}`));
    expect(before).not.toContain("ほかの委員の採点");
    expect((await score(reviewerB, id, "2", "1")).status).toBe(302);
    const after = await pageText(await reviewerB.get(`/reviews/${id}`));
    expect(after).toContain("ほかの委員の採点");
    expect(after).toContain("委員A");
    expect(after).not.toContain(NAMES.a);
  });

  it("saves itself as a draft while the reviewer types (autosave), and says so when another tab saved first", async () => {
    const id = await assignmentOf(reviewerBId, p2);
    const data = `/reviews/${id}?_data=${encodeURIComponent("routes/reviews.$assignmentId")}`;
    const saved = await reviewerB.post(data, { [`points.${kou}`]: "4", revision: await revisionOf(id), intent: "autosave" });
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(body.revision).toBe(Number(await revisionOf(id)));
    expect(body.savedAt).toMatch(/^令和\d+年\d+月\d+日（.）\d+:\d{2}$/);
    const stale = await reviewerB.post(data, { [`points.${kou}`]: "5", revision: "0", intent: "autosave" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).conflict).toContain("別のタブや端末でこの採点票が先に保存されました");
    const bad = await reviewerB.post(data, { [`points.${kou}`]: "99", revision: await revisionOf(id), intent: "autosave" });
    expect(bad.status).toBe(400);
    expect((await getDb().selectFrom("score_sheets").where("assignment_id", "=", id).select("status").executeTakeFirstOrThrow()).status).toBe("draft");
  });

  it("refuses a submission after the deadline and keeps the draft; accepts it as late where the stage allows", async () => {
    await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "2020-01-01T00:00", latePolicy: "refuse", showOthers: "on" });
    const a2 = await assignmentOf(reviewerAId, p2);
    const refused = await score(reviewerA, a2, "5", "3");
    expect(refused.status).toBe(409);
    const page = await pageText(refused);
    expect(page).toContain("審査の締切（令和2年1月1日（水）0:00）を過ぎたため提出できません。入力した内容は下書きとして保存しました。");
    expect(page).toContain('value="5"');
    const sheet = await getDb().selectFrom("score_sheets").where("assignment_id", "=", a2).select(["id", "status"]).executeTakeFirstOrThrow();
    expect(sheet.status).toBe("draft");
    const events = await getDb().selectFrom("score_sheet_events").where("sheet_id", "=", sheet.id).select("action").execute();
    expect(events.map((e) => e.action)).toEqual(["late_refused"]);

    await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "2020-01-01T00:00", latePolicy: "allow", showOthers: "on" });
    const late = await score(reviewerA, a2, "5", "3");
    expect(late.status).toBe(302);
    const stored = await getDb().selectFrom("score_sheets").where("assignment_id", "=", a2).select(["status", "submitted_late"]).executeTakeFirstOrThrow();
    expect({ status: stored.status, late: Number(stored.submitted_late) }).toEqual({ status: "submitted", late: 1 });
    await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "2099-03-01T17:00", latePolicy: "refuse", showOthers: "on" });
    expect((await score(reviewerB, await assignmentOf(reviewerBId, p2), "6", "3")).status).toBe(302);
  });
});

describe("the result sheet", () => {
  it("ranks by the rules, and a conflict declared after scoring removes that sheet and changes the ranking", async () => {
    // 公益性 ×1 + 実現可能性 ×2, average of the counted sheets:
    // p1: A 10 + 2·5 = 20, B 2 + 2·1 = 4 → 12.   p2: A 5 + 2·3 = 11, B 6 + 2·3 = 12 → 11.5.
    const before = await pageText(await coordinator.get(`/coordinator/calls/${callId}/results`));
    expect(before).toMatch(/<td>1<\/td><td>R8-市民-0001<\/td>.*<strong>12<\/strong>.*<td>2<\/td><td>R8-市民-0002<\/td>.*<strong>11\.5<\/strong>/s);
    const declared = await reviewerA.post(`/reviews/${await assignmentOf(reviewerAId, p1)}`, { intent: "conflict", kind: "relative", scope: "proposal", note: "代表者がいとこ" });
    expect(locationOf(declared)).toBe("/reviews");
    const sheet = await getDb()
      .selectFrom("score_sheets")
      .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
      .where("review_assignments.reviewer_id", "=", reviewerAId)
      .where("review_assignments.proposal_id", "=", p1)
      .select(["score_sheets.id", "score_sheets.excluded_at", "score_sheets.excluded_reason"])
      .executeTakeFirstOrThrow();
    expect(sheet.excluded_at).not.toBeNull();
    expect(sheet.excluded_reason).toContain("親族");
    expect((await getDb().selectFrom("score_sheet_events").where("sheet_id", "=", sheet.id).select("action").execute()).map((e) => e.action)).toContain("exclude");
    // p1 now counts B alone: 4. p2 stays 11.5 and comes first.
    const after = await pageText(await coordinator.get(`/coordinator/calls/${callId}/results`));
    expect(after).toMatch(/<td>1<\/td><td>R8-市民-0002<\/td>.*<strong>11\.5<\/strong>.*<td>2<\/td><td>R8-市民-0001<\/td>.*<strong>4<\/strong>/s);
    expect(after).toContain(NAMES.a);
    // And A no longer finds p1 anywhere.
    expect((await reviewerA.get(`/proposals/${p1}`)).status).toBe(404);
    expect(await pageText(await reviewerA.get("/reviews"))).not.toContain("竹林の遊び場");
  });

  it("is the coordinator's alone, pages and files", async () => {
    for (const path of [`/coordinator/calls/${callId}/results`, `/coordinator/calls/${callId}/results.csv`, `/coordinator/calls/${callId}/results.xlsx`, review()]) {
      for (const client of [reviewerA, member1]) expect({ path, status: (await client.get(path)).status }).toEqual({ path, status: 403 });
    }
  });

  it("downloads a CSV (BOM) and an xlsx in which a group's name beginning with = stays text", async () => {
    const csv = await coordinator.get(`/coordinator/calls/${callId}/results.csv?stage=document_review`);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"\t=HYPERLINK(""http://x"")の会"');
    expect(text).toContain("R8-市民-0002");
    // A stage the call does not have is its first stage; Shift_JIS by any of its names.
    const sjis = await coordinator.get(`/coordinator/calls/${callId}/results.csv?stage=final&encoding=CP932`);
    expect(sjis.headers.get("Content-Type")).toContain("Shift_JIS");
    expect(iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932")).toBe(text);
    const xlsx = await coordinator.get(`/coordinator/calls/${callId}/results.xlsx?stage=document_review`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("審査結果一覧")!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const named = cells.find((c) => String(c.value).includes("HYPERLINK"))!;
    expect(named.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
    expect(sheet.getRow(3).getCell(2).value).toBe("R8-市民-0002");
    expect(sheet.getRow(3).getCell(1).value).toBe(1);
  });

  it("prints the file's running totals and reviewers, and sends each reviewer's name once for hydration", async () => {
    const path = `/coordinator/calls/${callId}/results`;
    const html = await pageText(await coordinator.get(path));
    const csv = new TextDecoder().decode(await (await coordinator.get(`${path}.csv`)).arrayBuffer());
    const lines = csv.split("\r\n").map((line) => line.split(","));
    const header = lines[1]!;
    const csvRows = lines.slice(2).filter((cells) => /^R8-/.test(cells[1] ?? ""));
    expect(csvRows).toHaveLength(2);
    // The page adds the running total up itself: each row's cell is the file's figure in yen, and says
    // so where the file notes it is over the call's budget (the second row here: 850,000 of 700,000円).
    const overs = [];
    for (const cells of csvRows) {
      const total = Number(cells[header.indexOf("申請額の累計（円）")]).toLocaleString("ja-JP");
      const over = cells[header.indexOf("同点・備考")]!.includes("予算総額を超過");
      overs.push(over);
      expect(html).toMatch(new RegExp(`${cells[1]}</td>.*?<td[^>]*>${total}円${over ? "（予算総額を超過）" : ""}</td><td>[^<]*</td><td>[^<]*</td></tr>`, "s"));
    }
    expect(overs).toEqual([false, true]);
    // Each reviewer with what became of their sheet: A's for R8-市民-0001 is excluded (A declared a conflict above).
    expect(html).toMatch(new RegExp(`R8-市民-0002</td>.*?<td>${NAMES.a}（遅延）、${NAMES.c}（未提出）、${NAMES.b}</td></tr>`, "s"));
    expect(html).toMatch(new RegExp(`R8-市民-0001</td>.*?<td>${NAMES.a}（除外）、${NAMES.b}</td></tr>`, "s"));
    // The hydration data names each reviewer once, however many rows are theirs, and sends figures as numbers.
    const data = await (await coordinator.get(`${path}?_data=${encodeURIComponent("routes/coordinator.calls.$id.results")}`)).text();
    for (const name of Object.values(NAMES)) expect(data.split(name)).toHaveLength(2);
    expect(data).toContain('"figure":11.5');
  });
});

describe("after the document review", () => {
  it("reopens a submitted sheet only with a reason, recorded in the sheet's history", async () => {
    const sheet = await getDb()
      .selectFrom("score_sheets")
      .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
      .where("review_assignments.reviewer_id", "=", reviewerBId)
      .where("review_assignments.proposal_id", "=", p2)
      .select("score_sheets.id")
      .executeTakeFirstOrThrow();
    const without = await coordinator.post(review(), { intent: "reopen", sheetId: sheet.id, reason: "" });
    expect(without.status).toBe(400);
    expect(await pageText(without)).toContain("再開の理由を入力してください");
    expect((await coordinator.post(review(), { intent: "reopen", sheetId: sheet.id, reason: "実現可能性の点数の記入誤り" })).status).toBe(302);
    const row = await getDb().selectFrom("score_sheets").where("id", "=", sheet.id).select("status").executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
    const events = await getDb().selectFrom("score_sheet_events").where("sheet_id", "=", sheet.id).select(["action", "reason"]).execute();
    expect(events).toContainEqual({ action: "reopen", reason: "実現可能性の点数の記入誤り" });
    expect((await score(reviewerB, await assignmentOf(reviewerBId, p2), "6", "3")).status).toBe(302);
  });

  it("moves the chosen proposals on to the presentation from the result sheet; the others stay", async () => {
    expect((await coordinator.post(review(), { intent: "move", action: "to_presentation", proposalIds: [p2] })).status).toBe(302);
    const statuses = await getDb().selectFrom("proposals").where("id", "in", [p1, p2]).select(["id", "status"]).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [p1]: "in_review", [p2]: "presentation" });
    const again = await coordinator.post(review(), { intent: "move", action: "start_review", proposalIds: [p2] });
    expect(again.status).toBe(400);
    expect(await pageText(again)).toContain("受付番号 R8-市民-0002");
  });
});

describe("what the group learns", () => {
  it("learns averages and comments of the sheets that count, without who wrote them", async () => {
    // p1: A's sheet was excluded by the conflict; B's counts (公益性 2, 実現可能性 1).
    const feedback = await applicantFeedback(getDb(), p1);
    expect(feedback.sheetCount).toBe(1);
    expect(feedback.criteria.map((c) => [c.name, c.average])).toEqual([
      ["公益性", 2],
      ["実現可能性", 1],
    ]);
    expect(JSON.stringify(feedback)).not.toMatch(/審査 [一二三]郎|予算の根拠を確認したい/);
  });

  it("never sees a reviewer's name on its pages or in its mail", async () => {
    const pages = await Promise.all([`/proposals/${p1}`, `/proposals/${p1}/print`, "/dashboard", "/notifications", "/proposals"].map(async (p) => pageText(await member1.get(p))));
    for (const page of pages) for (const name of Object.values(NAMES).filter((n) => n !== NAMES.c)) expect(page).not.toContain(name);
    const mails = outbox().filter((m) => m.to === member1Email);
    for (const mail of mails) for (const name of Object.values(NAMES)) expect(mail.text).not.toContain(name);
  });
});

describe("external reviewers and reminders", () => {
  it("invites by e-mail; the link makes an account holding the reviewer role only, once", async () => {
    const sent = await coordinator.post("/coordinator/reviewers", { email: "Gakushiki@Example.jp", displayName: "学識 花子", affiliation: "学識経験者" });
    expect(sent.status).toBe(302);
    const mail = outbox().find((m) => m.to === "gakushiki@example.jp")!;
    const link = /\/reviewer-invites\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const stored = await getDb().selectFrom("reviewer_invites").where("email", "=", "gakushiki@example.jp").select("token_hash").executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(mail.text).not.toContain(stored.token_hash);
    // Opened while signed in as someone else: sign out (a POST) and land on the invitation again.
    const page = await pageText(await coordinator.get(link));
    expect(page).toContain("この招待は gakushiki@example.jp 宛てです");
    expect(page).toMatch(new RegExp(`<form method="post" action="/logout"[^>]*>.*name="redirectTo" value="${link}".*サインアウトして、この招待を開き直す`, "s"));
    const visitor = new Client(base);
    expect(await pageText(await visitor.get(link))).toContain("gakushiki@example.jp 宛ての招待です");
    const short = await visitor.post(link, { displayName: "学識 花子", password: "short", passwordConfirm: "short" });
    expect(short.status).toBe(400);
    const made = await visitor.post(link, { displayName: "学識 花子", password: "correct horse battery staple", passwordConfirm: "correct horse battery staple" });
    expect(locationOf(made)).toBe("/reviews");
    const user = await getDb().selectFrom("users").where("email", "=", "gakushiki@example.jp").select("id").executeTakeFirstOrThrow();
    expect((await getDb().selectFrom("user_roles").where("user_id", "=", user.id).select("role").execute()).map((r) => r.role)).toEqual(["reviewer"]);
    // Recorded as an acceptance, as by a signed-in account: the link's public page changes with it.
    expect(await getDb().selectFrom("audit_log").where("action", "=", "review.invite_accept").where("actor_user_id", "=", user.id).select("id").execute()).toHaveLength(1);
    // A reviewer must use two-step sign-in: the new account sets it up first, then reads its reviews.
    expect(locationOf(await visitor.get("/reviews"))).toBe("/account/two-factor/setup");
    await setUpThroughPage(visitor);
    expect((await visitor.get("/reviews")).status).toBe(200);
    expect(await pageText(await new Client(base).get(link))).toContain("招待リンクが無効です");
  });

  it("accepts one link posted twice at once with one account, one role and one acceptance; the other post is told the link is spent", async () => {
    const link = await inviteReviewer("doukou@example.jp");
    const [first, second] = [new Client(base), new Client(base)];
    for (const client of [first, second]) expect(await pageText(await client.get(link))).toContain("doukou@example.jp 宛ての招待です");
    const form = { displayName: "同行 一郎", password: "correct horse battery staple", passwordConfirm: "correct horse battery staple" };
    const answers = await Promise.all([first.post(link, form), second.post(link, form)]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    const refused = answers.find((a) => a.status === 400)!;
    expect(await pageText(refused)).toContain("この招待リンクは使用済みか、有効期限（7日間）が切れています");
    const users = await getDb().selectFrom("users").where("email", "=", "doukou@example.jp").select("id").execute();
    expect(users).toHaveLength(1);
    expect((await getDb().selectFrom("user_roles").where("user_id", "=", users[0].id).select("role").execute()).map((r) => r.role)).toEqual(["reviewer"]);
    const invite = await getDb().selectFrom("reviewer_invites").where("email", "=", "doukou@example.jp").select(["accepted_by", "accepted_at"]).executeTakeFirstOrThrow();
    expect(invite.accepted_by).toBe(users[0].id);
    expect(await getDb().selectFrom("audit_log").where("action", "=", "review.invite_accept").where("actor_user_id", "=", users[0].id).select("id").execute()).toHaveLength(1);
  });

  it("leaves neither an account nor a spent link when the acceptance fails after the account is written", async () => {
    const link = await inviteReviewer("shippai@example.jp");
    const visitor = new Client(base);
    const form = { displayName: "失敗 二郎", password: "correct horse battery staple", passwordConfirm: "correct horse battery staple" };
    // The acceptance's last write (its audit entry) fails, as a database error would.
    await failAcceptanceAudit(true);
    try {
      expect((await visitor.post(link, form)).status).toBe(500);
    } finally {
      await failAcceptanceAudit(false);
    }
    expect(await getDb().selectFrom("users").where("email", "=", "shippai@example.jp").select("id").execute()).toEqual([]);
    expect((await getDb().selectFrom("reviewer_invites").where("email", "=", "shippai@example.jp").select("accepted_at").executeTakeFirstOrThrow()).accepted_at).toBeNull();
    // Nothing half-done stands in the way: the same link still makes the account.
    expect(locationOf(await visitor.post(link, form))).toBe("/reviews");
    expect(await getDb().selectFrom("users").where("email", "=", "shippai@example.jp").select("id").execute()).toHaveLength(1);
  });

  it("refuses a new account for an address that has one, and leaves the link open for that account", async () => {
    const existing = await createUser([]);
    const link = await inviteReviewer(existing.email);
    const refused = await new Client(base).post(link, { displayName: "既存 三郎", password: "correct horse battery staple", passwordConfirm: "correct horse battery staple" });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain(`${existing.email} のアカウントは既にあります`);
    expect(await getDb().selectFrom("users").where("email", "=", existing.email).select("id").execute()).toHaveLength(1);
    expect((await getDb().selectFrom("reviewer_invites").where("email", "=", existing.email).select("accepted_at").executeTakeFirstOrThrow()).accepted_at).toBeNull();
  });

  it("reminds unsubmitted, unconflicted reviewers three days before the deadline, once", async () => {
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await getDb().updateTable("review_stages").set({ deadline: soon }).where("call_id", "=", callId).execute();
    expect(await sendReviewReminders(getDb(), new Date(), base())).toBe(1); // C alone has an open sheet (p2)
    expect(await sendReviewReminders(getDb(), new Date(), base())).toBe(0);
    const note = await getDb().selectFrom("notifications").where("user_id", "=", reviewerCId).where("kind", "=", "review_reminder").select("body").executeTakeFirstOrThrow();
    expect(note.body).toContain("未提出の採点票が 1 件");
  });
});

describe("rules and ties", () => {
  it("refuses rules the rubric cannot carry, records the coordinator's order among tied proposals, and freezes the rules once scored", async () => {
    const call2 = await makeCall({ stages: ["document_review"] });
    const criterion = (await getDb().selectFrom("call_criteria").where("call_id", "=", call2).select("id").executeTakeFirstOrThrow()).id;
    const q1 = await submittedProposal(call2, group2, "公園の花壇", "R8-市民-0011", 100_000);
    const q2 = await submittedProposal(call2, group2, "図書館の読み聞かせ", "R8-市民-0012", 100_000);
    const rules = `/coordinator/calls/${call2}/rules`;
    const refused = await coordinator.post(rules, { intent: "rules", tieBreak: "criteria" });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("同点時に比べる審査項目を選んでください");
    expect((await coordinator.post(rules, { intent: "rules", tieBreak: "coordinator", scaleTo: "100" })).status).toBe(302);

    const panel = `/coordinator/calls/${call2}/review`;
    await coordinator.post(panel, { intent: "add_member", stage: "document_review", reviewerId: reviewerBId });
    await coordinator.post(panel, { intent: "assign", stage: "document_review", reviewerIds: [reviewerBId], scope: "all" });
    for (const q of [q1, q2]) {
      const id = await assignmentOf(reviewerBId, q);
      expect((await reviewerB.post(`/reviews/${id}`, { [`points.${criterion}`]: "7", revision: "0", intent: "submit" })).status).toBe(302);
    }
    // The last sheet in: the coordinator hears it once.
    const allIn = await getDb().selectFrom("notifications").where("user_id", "=", coordinatorId).where("kind", "=", "review_all_in").select(["title", "link"]).execute();
    expect(allIn).toEqual([{ title: expect.stringContaining("採点票がそろいました"), link: `/coordinator/calls/${call2}/results?stage=document_review` }]);
    const results = `/coordinator/calls/${call2}/results`;
    expect(await pageText(await coordinator.get(results))).toContain("同点（協働推進課の判断が未記録）");
    expect((await coordinator.post(results, { stage: "document_review", order: [q2, q1] })).status).toBe(400);
    expect((await coordinator.post(results, { stage: "document_review", order: [q2, q1], reason: "委員会の協議で決定" })).status).toBe(302);
    const page = await pageText(await coordinator.get(results));
    expect(page).toMatch(/<td>1<div class="hint">同点: 協働推進課の記録した順<\/div><\/td><td>R8-市民-0012<\/td>.*<strong>70<\/strong>.*<td>2<div class="hint">同点: 協働推進課の記録した順<\/div><\/td><td>R8-市民-0011<\/td>/s);
    const frozen = await coordinator.post(rules, { intent: "rules", tieBreak: "shared" });
    expect(frozen.status).toBe(409);
    expect(await pageText(frozen)).toContain("採点票が提出された後は集計方法を変えられません");
  });
});

describe("a conflict with a whole group", () => {
  it("recorded by the coordinator for a reviewer, hides every proposal of that group from them", async () => {
    const before = await pageText(await reviewerC.get("/reviews"));
    expect(before).toContain("川の清掃");
    const recorded = await coordinator.post(review(), { intent: "conflict", reviewerId: reviewerCId, proposalId: p2, scope: "group", kind: "business", note: "団体と取引がある" });
    expect(recorded.status).toBe(302);
    const stored = await getDb().selectFrom("review_conflicts").where("reviewer_id", "=", reviewerCId).select(["group_id", "proposal_id", "declared_side"]).executeTakeFirstOrThrow();
    expect(stored).toEqual({ group_id: group2, proposal_id: null, declared_side: "coordinator" });
    expect(await pageText(await reviewerC.get("/reviews"))).toContain("審査中の提案で、割り当てられたものはありません");
    expect(await pageText(await reviewerC.get("/dashboard"))).not.toContain("割り当てられた提案が"); // counted nowhere either
    expect((await reviewerC.get(`/proposals/${p2}`)).status).toBe(404);
    expect((await reviewerC.get(`/reviews/${await assignmentOf(reviewerCId, p2)}`)).status).toBe(404);
    // The coordinator's page says why the pair is out.
    expect(await pageText(await coordinator.get(review()))).toContain(`${NAMES.c}: 団体「=HYPERLINK(&quot;http://x&quot;)の会」のすべての提案（取引関係: 団体と取引がある）— 協働推進課の記録`);
    const missingKind = await coordinator.post(review(), { intent: "conflict", reviewerId: reviewerAId, proposalId: p2, scope: "proposal", note: "" });
    expect(missingKind.status).toBe(400);
    expect(await pageText(missingKind)).toContain("利害関係の種類を選んでください");
  });
});

describe("a reviewer who joins the applicant group after scoring", () => {
  it("has the sheets already written for its proposals marked excluded, kept and recorded", async () => {
    const sheetOf = () =>
      getDb()
        .selectFrom("score_sheets")
        .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
        .where("review_assignments.reviewer_id", "=", reviewerBId)
        .where("review_assignments.proposal_id", "=", p1)
        .select(["score_sheets.id", "score_sheets.status", "score_sheets.excluded_at", "score_sheets.excluded_reason"])
        .executeTakeFirstOrThrow();
    expect((await sheetOf()).excluded_at).toBeNull();
    expect((await member1.post(`/groups/${group1}/members`, { intent: "invite", email: reviewerBEmail })).status).toBe(302);
    const link = /\/invites\/[A-Za-z0-9_-]+/.exec(outbox().filter((m) => m.to === reviewerBEmail).at(-1)!.text)![0];
    expect((await reviewerB.post(link)).status).toBe(302);
    const sheet = await sheetOf();
    expect(sheet.status).toBe("submitted");
    expect(sheet.excluded_reason).toBe("審査の後に提案団体の構成員になったため集計から除外");
    expect((await getDb().selectFrom("score_sheet_events").where("sheet_id", "=", sheet.id).select("action").execute()).map((e) => e.action)).toContain("exclude");
    // As a member they now read their group's proposal; as a reviewer it is gone from their work.
    expect(await pageText(await reviewerB.get("/reviews"))).not.toContain("竹林の遊び場");
    expect((await reviewerB.get(`/reviews/${await assignmentOf(reviewerBId, p1)}`)).status).toBe(404);
    expect((await applicantFeedback(getDb(), p1)).sheetCount).toBe(0);
  });
});


describe("how a stage's sheets stand on the review page", () => {
  it("counts the whole stage's sheets by state, an excluded sheet as excluded whatever its status", async () => {
    const db = getDb();
    const call = await makeCall({ stages: ["document_review"] });
    const group = await makeGroup("数える会", []);
    const reviewer = await createUser(["reviewer"]);
    const at = now();
    const stageId = newId();
    await db.insertInto("review_stages").values({ id: stageId, call_id: call, stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
    await db.insertInto("review_panel_members").values({ stage_id: stageId, reviewer_id: reviewer.id, added_by: null, added_at: at }).execute();
    // One assignment a proposal: submitted, draft, not started, submitted then excluded, draft then excluded, submitted.
    const sheets = [
      { status: "submitted", excluded: false },
      { status: "draft", excluded: false },
      null,
      { status: "submitted", excluded: true },
      { status: "draft", excluded: true },
      { status: "submitted", excluded: false },
    ] as const;
    for (const [i, sheet] of sheets.entries()) {
      const proposal = await submittedProposal(call, group, `数える提案${i + 1}`, `R8-数-${2001 + i}`, 100_000);
      const assignmentId = newId();
      await db.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: proposal, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
      if (!sheet) continue;
      await db
        .insertInto("score_sheets")
        .values({ id: newId(), assignment_id: assignmentId, status: sheet.status, revision: 1, saved_at: at, submitted_at: sheet.status === "submitted" ? at : null, excluded_at: sheet.excluded ? at : null, excluded_reason: sheet.excluded ? "利害関係" : null })
        .execute();
    }
    const text = await pageText(await coordinator.get(`/coordinator/calls/${call}/review`));
    expect(text).toContain("この段階の割り当て 6件（採点票 提出済み 2件・下書き 1件・未着手 1件・集計から除外 2件）");
  });
});

describe("the conflicts recorded for a call", () => {
  it("lists those with one of its proposals and those with a group that applied to it, and no other", async () => {
    const db = getDb();
    const call = await makeCall({ stages: ["document_review"] });
    const otherCall = await makeCall({ stages: ["document_review"] });
    const applied = await makeGroup("応募した会", []);
    const draftOnly = await makeGroup("下書きだけの会", []);
    const elsewhere = await makeGroup("ほかの募集の会", []);
    const reviewer = await createUser(["reviewer"]);
    const mine = await submittedProposal(call, applied, "この募集の提案", "R8-利-3001", 100_000);
    await makeProposal({ call_id: call, group_id: draftOnly, status: "draft", title: "書きかけ" });
    const theirs = await submittedProposal(otherCall, elsewhere, "ほかの募集の提案", "R8-利-3002", 100_000);
    const at = now();
    const conflict = (fields: { proposal_id?: string; group_id?: string; note: string }) =>
      db.insertInto("review_conflicts").values({ id: newId(), reviewer_id: reviewer.id, proposal_id: fields.proposal_id ?? null, group_id: fields.group_id ?? null, kind: "other", note: fields.note, declared_by: null, declared_side: "coordinator", declared_at: at }).execute();
    await conflict({ proposal_id: mine, note: "提案との関係" });
    await conflict({ group_id: applied, note: "応募団体との関係" });
    await conflict({ proposal_id: theirs, note: "ほかの募集の提案との関係" });
    await conflict({ group_id: draftOnly, note: "下書きの団体との関係" });
    await conflict({ group_id: elsewhere, note: "ほかの団体との関係" });
    const text = await pageText(await coordinator.get(`/coordinator/calls/${call}/review`));
    expect(text).toContain("受付番号 R8-利-3001（その他: 提案との関係）");
    expect(text).toContain("団体「応募した会」のすべての提案（その他: 応募団体との関係）");
    for (const note of ["ほかの募集の提案との関係", "下書きの団体との関係", "ほかの団体との関係"]) expect(text).not.toContain(note);
  });
});

describe("a call with many proposals", () => {
  it("shows its proposals 50 a page with their assignments, counts the whole call, and keeps the page and what was typed", async () => {
    // 55 submitted proposals of one group, receipt numbers 1001–1055; reviewer A assigned to all of them.
    const call = await makeCall({ stages: ["document_review"] });
    const group = await makeGroup("頁送りの会", []);
    const ids: string[] = [];
    for (let i = 1; i <= 55; i++) ids.push(await submittedProposal(call, group, `頁送りの提案${i}`, `R8-頁-${1000 + i}`, 100_000));
    const page = (query = "") => `/coordinator/calls/${call}/review${query}`;
    expect((await coordinator.post(page(), { intent: "add_member", stage: "document_review", reviewerId: reviewerAId })).status).toBe(302);
    expect((await coordinator.post(page(), { intent: "assign", stage: "document_review", reviewerIds: [reviewerAId], scope: "all" })).status).toBe(302);
    const assignedRows = (html: string) => {
      const table = html.slice(html.indexOf("割り当ての状況"));
      return [...table.slice(0, table.indexOf("</table>")).matchAll(/<tr><td>(R8-頁-\d+)<\/td>/g)].map((m) => m[1]);
    };

    const first = await pageText(await coordinator.get(page()));
    // The call's total is stated once, with its statuses and the page.
    expect(first).toContain("この募集の提案 55件（受付済み 55件）、1／2ページ（受付番号順）");
    expect(first).not.toContain("55件（1／2ページ");
    // The whole call's assignments are counted; the table has the page's 50.
    expect(first).toContain("この段階の割り当て 55件（採点票 提出済み 0件・下書き 0件・未着手 55件）");
    expect(first).toContain("割り当ての状況（このページの提案）");
    const onFirst = assignedRows(first);
    expect(onFirst).toHaveLength(50);
    expect(onFirst[0]).toBe("R8-頁-1001");
    expect(onFirst.at(-1)).toBe("R8-頁-1050");
    expect(first).not.toContain("R8-頁-1051");

    const second = await pageText(await coordinator.get(page("?page=2")));
    expect(second).toContain("この募集の提案 55件（受付済み 55件）、2／2ページ（受付番号順）");
    expect(second).toContain("この段階の割り当て 55件（");
    expect(assignedRows(second)).toEqual(["R8-頁-1051", "R8-頁-1052", "R8-頁-1053", "R8-頁-1054", "R8-頁-1055"]);
    expect(second).not.toContain("R8-頁-1050");
    // The choices to move, assign and record a conflict with are the page's proposals.
    expect(second).toContain(`value="${ids[54]}"`);
    expect(second).not.toContain(`value="${ids[0]}"`);

    // A form sent from the second page comes back to it; a refused one shows that page with what was typed.
    const assignment = await getDb().selectFrom("review_assignments").where("proposal_id", "=", ids[54]).select("id").executeTakeFirstOrThrow();
    const removed = await coordinator.post(page("?page=2"), { intent: "unassign", assignmentId: assignment.id });
    expect(removed.headers.get("Location")).toBe(page("?page=2"));
    const refused = await coordinator.post(page("?page=2"), { intent: "conflict", reviewerId: reviewerAId, proposalId: ids[53], scope: "proposal", note: "頁送りで入力した内容" });
    expect(refused.status).toBe(400);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain("利害関係の種類を選んでください");
    expect(refusedPage).toContain("頁送りで入力した内容");
    expect(refusedPage).toContain("55件（受付済み 55件）、2／2ページ（受付番号順）");
    expect(await pageText(await coordinator.get(page("?page=2")))).toContain("この段階の割り当て 54件（");
  });
});
