// The result sheet is kept in the server process until its stamp changes (resultStamp): every change that
// alters the sheet must show on the coordinator's next request. Each test reads the sheet first (so the
// process keeps it), makes one change through the portal, and reads it again: a sheet submitted, reopened
// and submitted again, an assignment added and taken back, a conflict recorded for an assigned reviewer
// who has no sheet yet (nothing but the conflict row tells) and removed, a reviewer joining and leaving
// the applicant group, a panel member without assignments joining it (under 本巣市's rule) and taken off
// the panel, a reviewer's name corrected, a submitted sheet excluded by a conflict found after scoring, and
// a call's rules changed before any sheet is in. Read from the CSV, which the page and the xlsx share the
// kept sheet with (the rules from the page, which alone explains them). A tie-break recorded is read
// before and after in reviews.test.ts ("rules and ties").
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { now } from "../../db/values";
import { emptyContent } from "../../app/domain/proposals/content";
import { Client, clientFor, createUser, outbox, pageText, useServer } from "./harness";
import { makeCall, makeGroup, makeProposal } from "./proposal-fixtures";

const base = useServer();

let coordinator: Client;
let reviewerA: Client;
let reviewerB: Client;
let reviewerC: Client;
let owner1: Client;
let owner2: Client;
let reviewerAId: string;
let reviewerBId: string;
let reviewerCId: string;
let reviewerBEmail: string;
let reviewerCEmail: string;
let group1: string;
let group2: string;
let callId: string;
let p1: string;
let p2: string;
let criterion: string;

const NAMES = { a: "委員 あおい", b: "委員 いずみ", c: "委員 うみ" }; // in the sheet's order

async function submittedProposal(groupId: string, title: string, receipt: string): Promise<string> {
  const content = JSON.stringify({ ...emptyContent(), title, budget: [{ year: 1, item: "謝礼", amount: 100_000, bearer: "city" }] });
  const id = await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title, draft: content, receipt_number: receipt, receipt_fiscal_year: 2026, receipt_sequence: Number(receipt.slice(-4)) });
  await getDb().insertInto("proposal_versions").values({ proposal_id: id, version: 1, content, submitted_at: now(), submitted_by: null }).execute();
  return id;
}

const review = () => `/coordinator/calls/${callId}/review`;

/** The CSV's row of one proposal: its figure, submitted/assigned sheets and reviewers. */
async function row(receipt: string): Promise<{ figure: string; sheets: string; reviewers: string }> {
  const response = await coordinator.get(`/coordinator/calls/${callId}/results.csv?stage=document_review`);
  expect(response.status).toBe(200);
  const lines = new TextDecoder().decode(new Uint8Array(await response.arrayBuffer())).replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[1].split(","); // after the title
  const cells = lines.find((l) => l.includes(receipt))!.split(",");
  const at = (name: string) => cells[header.indexOf(name)].replace(/^"|"$/g, "");
  return { figure: at("合計"), sheets: at("提出／割当"), reviewers: at("審査委員") };
}

async function assignmentOf(reviewerId: string, proposalId: string): Promise<string> {
  return (await getDb().selectFrom("review_assignments").where("reviewer_id", "=", reviewerId).where("proposal_id", "=", proposalId).select("id").executeTakeFirstOrThrow()).id;
}

async function submit(client: Client, assignmentId: string, points: number) {
  const sheet = await getDb().selectFrom("score_sheets").where("assignment_id", "=", assignmentId).select("revision").executeTakeFirst();
  const response = await client.post(`/reviews/${assignmentId}`, { [`points.${criterion}`]: String(points), commentForApplicant: "", privateNote: "", revision: String(sheet?.revision ?? 0), intent: "submit" });
  expect(response.status).toBe(302);
}

/** The group's owner invites the reviewer; the reviewer follows the link (joins the group). */
async function joins(owner: Client, groupId: string, reviewer: Client, email: string) {
  expect((await owner.post(`/groups/${groupId}/members`, { intent: "invite", email })).status).toBe(302);
  const link = /\/invites\/[A-Za-z0-9_-]+/.exec(outbox().filter((m) => m.to === email).at(-1)!.text)![0];
  expect((await reviewer.post(link)).status).toBe(302);
}

beforeAll(async () => {
  const db = getDb();
  const [coord, a, b, c, m1, m2] = await Promise.all([
    createUser(["coordinator"]),
    createUser(["reviewer"]),
    createUser(["reviewer"]),
    createUser(["reviewer"]),
    createUser(["group_member"]),
    createUser(["group_member"]),
  ]);
  reviewerAId = a.id;
  reviewerBId = b.id;
  reviewerCId = c.id;
  reviewerBEmail = b.email;
  reviewerCEmail = c.email;
  for (const [id, name] of [
    [a.id, NAMES.a],
    [b.id, NAMES.b],
    [c.id, NAMES.c],
  ]) {
    await db.updateTable("users").set({ display_name: name }).where("id", "=", id).execute();
  }
  group1 = await makeGroup("里山の会", [m1.id]);
  group2 = await makeGroup("水辺の会", [m2.id]);
  callId = await makeCall({ stages: ["formal_check", "document_review"] });
  criterion = (await db.selectFrom("call_criteria").where("call_id", "=", callId).select("id").executeTakeFirstOrThrow()).id;
  // 本巣市's rule: totals added, a conflicted panel member's share replaced by the others' average.
  await db.insertInto("review_rules").values({ call_id: callId, rules: JSON.stringify({ combine: "sum", conflictShare: "average_of_others" }), updated_by: null, updated_at: now() }).execute();
  p1 = await submittedProposal(group1, "里山の手入れ", "R8-市民-0101");
  p2 = await submittedProposal(group2, "水辺の観察会", "R8-市民-0102");
  [coordinator, reviewerA, reviewerB, reviewerC, owner1, owner2] = await Promise.all([
    clientFor(base, coord.id),
    clientFor(base, a.id),
    clientFor(base, b.id),
    clientFor(base, c.id),
    clientFor(base, m1.id),
    clientFor(base, m2.id),
  ]);
  // A panel of three; A and B assigned to both proposals, C to none.
  for (const id of [a.id, b.id, c.id]) expect((await coordinator.post(review(), { intent: "add_member", stage: "document_review", reviewerId: id })).status).toBe(302);
  expect((await coordinator.post(review(), { intent: "stage", stage: "document_review", deadline: "2099-03-01T17:00", latePolicy: "refuse" })).status).toBe(302);
  expect((await coordinator.post(review(), { intent: "assign", stage: "document_review", reviewerIds: [a.id, b.id], scope: "selected", proposalIds: [p1, p2] })).status).toBe(302);
  expect((await coordinator.post(review(), { intent: "move", action: "start_review", proposalIds: [p1, p2] })).status).toBe(302);
});

describe("the result sheet on the next request after", () => {
  it("a sheet submitted, reopened, and submitted again with other points", async () => {
    expect(await row("R8-市民-0101")).toEqual({ figure: "", sheets: "0/2", reviewers: `${NAMES.a}（未提出）、${NAMES.b}（未提出）` });
    await submit(reviewerA, await assignmentOf(reviewerAId, p1), 8);
    expect(await row("R8-市民-0101")).toEqual({ figure: "8", sheets: "1/2", reviewers: `${NAMES.a}、${NAMES.b}（未提出）` });
    const sheet = await getDb().selectFrom("score_sheets").where("assignment_id", "=", await assignmentOf(reviewerAId, p1)).select("id").executeTakeFirstOrThrow();
    expect((await coordinator.post(review(), { intent: "reopen", sheetId: sheet.id, reason: "記入誤り" })).status).toBe(302);
    expect(await row("R8-市民-0101")).toEqual({ figure: "", sheets: "0/2", reviewers: `${NAMES.a}（未提出）、${NAMES.b}（未提出）` });
    await submit(reviewerA, await assignmentOf(reviewerAId, p1), 6);
    expect(await row("R8-市民-0101")).toEqual({ figure: "6", sheets: "1/2", reviewers: `${NAMES.a}、${NAMES.b}（未提出）` });
  });

  it("an assignment added and taken back", async () => {
    expect((await row("R8-市民-0102")).sheets).toBe("0/2");
    expect((await coordinator.post(review(), { intent: "assign", stage: "document_review", reviewerIds: [reviewerCId], scope: "selected", proposalIds: [p2] })).status).toBe(302);
    expect(await row("R8-市民-0102")).toEqual({ figure: "", sheets: "0/3", reviewers: `${NAMES.a}（未提出）、${NAMES.b}（未提出）、${NAMES.c}（未提出）` });
    expect((await coordinator.post(review(), { intent: "unassign", assignmentId: await assignmentOf(reviewerCId, p2) })).status).toBe(302);
    expect(await row("R8-市民-0102")).toEqual({ figure: "", sheets: "0/2", reviewers: `${NAMES.a}（未提出）、${NAMES.b}（未提出）` });
  });

  it("a conflict recorded for an assigned reviewer who has no sheet yet, and removed", async () => {
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（未提出）`);
    // No sheet of B's to mark excluded: only the conflict itself says B is out.
    expect((await coordinator.post(review(), { intent: "conflict", reviewerId: reviewerBId, proposalId: p2, scope: "proposal", kind: "other", note: "顧問を務めている" })).status).toBe(302);
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（除外）`);
    // The portal has no command that removes a conflict; an operator may, by hand (or a cascade).
    await getDb().deleteFrom("review_conflicts").where("reviewer_id", "=", reviewerBId).execute();
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（未提出）`);
  });

  it("a conflict with a whole group recorded for an assigned reviewer who has no sheet yet", async () => {
    expect((await row("R8-市民-0101")).reviewers).toBe(`${NAMES.a}、${NAMES.b}（未提出）`);
    expect((await coordinator.post(review(), { intent: "conflict", reviewerId: reviewerBId, proposalId: p1, scope: "group", kind: "business", note: "団体と取引がある" })).status).toBe(302);
    expect((await row("R8-市民-0101")).reviewers).toBe(`${NAMES.a}、${NAMES.b}（除外）`);
    await getDb().deleteFrom("review_conflicts").where("reviewer_id", "=", reviewerBId).execute();
    expect((await row("R8-市民-0101")).reviewers).toBe(`${NAMES.a}、${NAMES.b}（未提出）`);
  });

  it("an assigned reviewer joining the applicant group (a conflict without a declaration), and removed from it", async () => {
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（未提出）`);
    await joins(owner2, group2, reviewerB, reviewerBEmail);
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（除外）`);
    expect((await owner2.post(`/groups/${group2}/members`, { intent: "remove", userId: reviewerBId })).status).toBe(302);
    expect((await row("R8-市民-0102")).reviewers).toBe(`${NAMES.a}（未提出）、${NAMES.b}（未提出）`);
  });

  it("a panel member assigned nothing joining the applicant group: under 本巣市's rule their share is the others' average", async () => {
    expect((await row("R8-市民-0101")).figure).toBe("6");
    await joins(owner1, group1, reviewerC, reviewerCEmail);
    expect((await row("R8-市民-0101")).figure).toBe("12"); // A's 6, and C's share: the others' average, 6
    // The page and the xlsx share the kept sheet: the page says the same.
    expect(await pageText(await coordinator.get(`/coordinator/calls/${callId}/results`))).toMatch(/R8-市民-0101<\/td>.*<strong>12<\/strong>/s);
  });

  it("a reviewer's name corrected (by hand: the portal has no command for it)", async () => {
    expect((await row("R8-市民-0101")).reviewers).toContain(NAMES.a);
    await getDb().updateTable("users").set({ display_name: "委員 あおい（旧姓 山田）", updated_at: now() }).where("id", "=", reviewerAId).execute();
    expect((await row("R8-市民-0101")).reviewers).toBe(`委員 あおい（旧姓 山田）、${NAMES.b}（未提出）`);
  });

  it("a panel member taken off the panel: no share of theirs to replace any more", async () => {
    expect((await row("R8-市民-0101")).figure).toBe("12"); // C, on the panel and in the group, counts as A's 6
    expect((await coordinator.post(review(), { intent: "remove_member", stage: "document_review", reviewerId: reviewerCId })).status).toBe(302);
    expect((await row("R8-市民-0101")).figure).toBe("6");
  });

  it("a submitted sheet excluded by a conflict recorded after scoring", async () => {
    await submit(reviewerB, await assignmentOf(reviewerBId, p1), 2);
    expect(await row("R8-市民-0101")).toEqual({ figure: "8", sheets: "2/2", reviewers: `委員 あおい（旧姓 山田）、${NAMES.b}` });
    expect((await coordinator.post(review(), { intent: "conflict", reviewerId: reviewerBId, proposalId: p1, scope: "proposal", kind: "other", note: "採点の後に分かった" })).status).toBe(302);
    const sheet = await getDb().selectFrom("score_sheets").where("assignment_id", "=", await assignmentOf(reviewerBId, p1)).select("excluded_at").executeTakeFirstOrThrow();
    expect(sheet.excluded_at).not.toBeNull();
    expect(await row("R8-市民-0101")).toEqual({ figure: "12", sheets: "2/2", reviewers: `委員 あおい（旧姓 山田）、${NAMES.b}（除外）` });
  });
});

describe("the result sheet of a call not yet scored, on the next request after", () => {
  it("its rules changed (they are frozen only once a sheet is submitted)", async () => {
    const call = await makeCall({ stages: ["document_review"] });
    const proposal = await makeProposal({ call_id: call, group_id: group2, status: "submitted", title: "まだ採点のない提案", receipt_number: "R8-市民-0201", receipt_fiscal_year: 2026, receipt_sequence: 201 });
    const panel = `/coordinator/calls/${call}/review`;
    expect((await coordinator.post(panel, { intent: "add_member", stage: "document_review", reviewerId: reviewerAId })).status).toBe(302);
    expect((await coordinator.post(panel, { intent: "assign", stage: "document_review", reviewerIds: [reviewerAId], scope: "selected", proposalIds: [proposal] })).status).toBe(302);
    const results = `/coordinator/calls/${call}/results`;
    expect(await pageText(await coordinator.get(results))).not.toContain("満点を 100 点に換算します");
    expect((await coordinator.post(`/coordinator/calls/${call}/rules`, { intent: "rules", scaleTo: "100" })).status).toBe(302);
    expect(await pageText(await coordinator.get(results))).toContain("満点を 100 点に換算します");
  });
});
