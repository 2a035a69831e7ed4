// Award (採択) end to end through HTTP: the coordinator prepares decisions (refused when the amount is
// over the cap, the total budget or the city's share), nothing of them reaches the group before the
// call's publication; publication moves every proposal at once with letters, notifications and mails;
// the letter (page and PDF) shows averages and comments but no reviewer's name; the public sees only
// awarded projects (call page, CSV, home page); conditions are answered, sent back and confirmed; a
// call without review stages is decided too, its 採択候補 later turned into 採択.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { openConditionCount } from "../../app/domain/awards/conditions.server";
import { emptyContent } from "../../app/domain/proposals/content";
import { fiscalYearOf, formatReceiptNumber } from "../../app/domain/proposals/receipt";
import { Client, clientFor, createUser, locationOf, outbox, pageText, useServer } from "./harness";
import { makeCall, makeDepartment, makeGroup, makeProposal } from "./proposal-fixtures";

const base = useServer();

let member: Client;
let otherMember: Client;
let staff: Client;
let otherStaff: Client;
let coordinator: Client;
let anonymous: Client;
let memberId: string;
let memberEmail: string;
let otherEmail: string;
let departmentId: string;
let groupId: string;
let otherGroupId: string;
let callId: string;
const p: Record<"adopt" | "reject" | "conditional" | "late", string> = { adopt: "", reject: "", conditional: "", late: "" };
let sequence = 7000;
const eraYear = fiscalYearOf(new Date()) - 2018;

/**
 * A submitted proposal (version 1) whose budget asks the city for 90 % of 500,000 yen in years 1 and 2;
 * its receipt the next of R8 (FY2026) unless given.
 */
async function submitted(call: string, group: string, title: string, status: string, receipt?: { fiscalYear: number; sequence: number }): Promise<string> {
  const content = {
    ...emptyContent(),
    title,
    budget: [
      { item: "講師謝礼", year: 1, amount: 450_000, bearer: "city" as const },
      { item: "会場費", year: 1, amount: 50_000, bearer: "group" as const },
      { item: "講師謝礼", year: 2, amount: 400_000, bearer: "city" as const },
      { item: "会場費", year: 2, amount: 100_000, bearer: "group" as const },
    ],
  };
  const { fiscalYear, sequence: seq } = receipt ?? { fiscalYear: 2026, sequence: ++sequence };
  const id = await makeProposal({
    call_id: call,
    group_id: group,
    status,
    title,
    draft: JSON.stringify(content),
    receipt_number: receipt ? formatReceiptNumber({ fiscalYear, type: "citizen", sequence: seq }) : `R8-市民-${seq}`,
    receipt_fiscal_year: fiscalYear,
    receipt_sequence: seq,
  });
  await getDb().insertInto("proposal_versions").values({ proposal_id: id, version: 1, content: JSON.stringify(content), submitted_at: now(), submitted_by: null }).execute();
  await getDb().insertInto("proposal_departments").values({ proposal_id: id, department_id: departmentId }).execute();
  return id;
}

/** Two reviewers scored the proposal in the document review (8 and 7 points), with comments for the applicant. */
async function scored(call: string, proposalId: string) {
  const db = getDb();
  const at = now();
  const stageId = newId();
  await db.insertInto("review_stages").values({ id: stageId, call_id: call, stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
  const criterion = await db.selectFrom("call_criteria").where("call_id", "=", call).select("id").executeTakeFirstOrThrow();
  for (const [name, points, comment] of [
    ["審査 一郎", 8, "地域の子どもの居場所として期待できます。"],
    ["審査 二郎", 7, "予算の積算根拠をもう少し示してください。"],
  ] as const) {
    const reviewer = await createUser(["reviewer"]);
    await db.updateTable("users").set({ display_name: name }).where("id", "=", reviewer.id).execute();
    const assignmentId = newId();
    await db.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: proposalId, reviewer_id: reviewer.id, assigned_by: null, assigned_at: at }).execute();
    const sheetId = newId();
    await db
      .insertInto("score_sheets")
      .values({ id: sheetId, assignment_id: assignmentId, status: "submitted", comment_for_applicant: comment, private_note: "非公開のメモ: 代表者と面識あり", revision: 1, saved_at: at, submitted_at: at, excluded_at: null, excluded_reason: null })
      .execute();
    await db.insertInto("scores").values({ sheet_id: sheetId, criterion_id: criterion.id, points }).execute();
  }
}

async function statusOf(id: string): Promise<string> {
  return (await getDb().selectFrom("proposals").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status;
}

async function awardNotifications(userId: string): Promise<number> {
  const row = await getDb()
    .selectFrom("notifications")
    .where("user_id", "=", userId)
    .where("kind", "like", "award%")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const decide = (id: string, form: Record<string, string | string[]>) => coordinator.post(`/proposals/${id}/decision`, form);

beforeAll(async () => {
  departmentId = await makeDepartment(`子育て支援課 ${Date.now()}`);
  const otherDepartment = await makeDepartment(`道路課 ${Date.now()}`);
  const a = await createUser(["group_member"]);
  const c = await createUser(["group_member"]);
  memberId = a.id;
  memberEmail = a.email;
  otherEmail = c.email;
  groupId = await makeGroup("竹林の会", [a.id]);
  otherGroupId = await makeGroup("落選の会", [c.id]);
  const staffUser = await createUser(["department_staff"]);
  const otherStaffUser = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staffUser.id).execute();
  await getDb().updateTable("users").set({ department_id: otherDepartment }).where("id", "=", otherStaffUser.id).execute();
  [member, otherMember, staff, otherStaff, coordinator] = await Promise.all([
    clientFor(base, a.id),
    clientFor(base, c.id),
    clientFor(base, staffUser.id),
    clientFor(base, otherStaffUser.id),
    clientFor(base, (await createUser(["coordinator"])).id),
  ]);
  anonymous = new Client(base);
  callId = await makeCall({ title: "令和8年度 協働事業提案（審査あり）", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check", "document_review"], cap: 1_000_000, capTotal: 800_000, cityShareByYear: [90, 80] });
  p.adopt = await submitted(callId, groupId, "=竹林を子どもの遊び場に", "in_review");
  p.reject = await submitted(callId, otherGroupId, "落選する提案", "in_review");
  p.conditional = await submitted(callId, groupId, "川の清掃と学習会", "in_review");
  p.late = await submitted(callId, otherGroupId, "まだ一次審査前の提案", "submitted");
  await scored(callId, p.adopt);
});

describe("preparing decisions", () => {
  it("refuses an amount over the city's share, the cap or the call's budget beside the field, keeping what was typed", async () => {
    const overShare = await decide(p.adopt, { outcome: "adopted", reason: "地域の課題に即した提案です。", "amounts[0]": "460000", "amounts[1]": "400000" });
    expect(overShare.status).toBe(400);
    const page = await pageText(overShare);
    expect(page).toContain("1年目の採択額（460,000円）が、事業費500,000円の市負担割合90%（450,000円）を超えています");
    expect(page).toContain("地域の課題に即した提案です。");
    expect(page).toContain('value="460000"');

    const secondYear = await decide(p.adopt, { outcome: "adopted", reason: "理由", "amounts[0]": "450000", "amounts[1]": "400001" });
    expect(await pageText(secondYear)).toContain("2年目の採択額（400,001円）が、事業費500,000円の市負担割合80%（400,000円）を超えています");

    const noReason = await decide(p.reject, { outcome: "rejected", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("理由を入力してください");

    const noConditions = await decide(p.conditional, { outcome: "conditional", reason: "条件付きで採択します。", "amounts[0]": "300000" });
    expect(await pageText(noConditions)).toContain("条件付き採択の条件を1行に1つずつ入力してください");
  });

  it("prepares decisions without moving the proposal or telling the group anything", async () => {
    expect((await decide(p.adopt, { outcome: "adopted", reason: "地域の課題に即した提案です。", "amounts[0]": "450000", "amounts[1]": "400000" })).status).toBe(302);
    // The call's budget (800,000) has 350,000 left for the first year.
    const overBudget = await decide(p.conditional, { outcome: "conditional", reason: "条件付きで採択します。", "amounts[0]": "350001", conditions: "安全計画を提出すること" });
    expect(overBudget.status).toBe(400);
    expect(await pageText(overBudget)).toContain("募集全体の予算額（800,000円）を超えます。ほかの採択で450,000円を使っているため、残りは350,000円です");
    expect(
      (await decide(p.conditional, { outcome: "conditional", reason: "安全面の確認を条件に採択します。", "amounts[0]": "300000", conditions: "安全計画を提出すること\n保険の加入証明を提出すること" })).status,
    ).toBe(302);
    expect((await decide(p.reject, { outcome: "rejected", reason: "事業の継続性が示されていないため。" })).status).toBe(302);
    expect((await decide(p.late, { outcome: "rejected", reason: "募集の趣旨と合わないため。" })).status).toBe(302);

    expect(await statusOf(p.adopt)).toBe("in_review");
    expect(await statusOf(p.reject)).toBe("in_review");
    for (const path of [`/proposals/${p.adopt}/letter`, `/proposals/${p.adopt}/letter.pdf`, `/proposals/${p.conditional}/conditions`]) {
      expect((await member.get(path)).status).toBe(404);
    }
    const proposalPage = await pageText(await member.get(`/proposals/${p.adopt}`));
    expect(proposalPage).not.toContain("審査結果通知書");
    expect(proposalPage).not.toContain("地域の課題に即した提案です。");
    expect(await awardNotifications(memberId)).toBe(0);
    expect(outbox().filter((m) => m.to === memberEmail || m.to === otherEmail)).toHaveLength(0);
    expect(await pageText(await anonymous.get(`/calls/${callId}`))).not.toContain("採択された事業");
    expect((await anonymous.get(`/calls/${callId}/projects.csv`)).status).toBe(404);
    // The coordinator may preview the letter; it has no number yet.
    const preview = await pageText(await coordinator.get(`/proposals/${p.adopt}/letter`));
    expect(preview).toContain("公表前のプレビュー");
    const list = await pageText(await coordinator.get(`/coordinator/calls/${callId}/decisions`));
    expect(list).toContain("採択（準備中）");
    expect(list).toContain("準備済み 4件");
  });
});

describe("publication", () => {
  it("refuses, changing nothing, while a proposal is not yet in a status its decision can follow", async () => {
    const refused = await coordinator.post(`/coordinator/calls/${callId}/decisions`, { intent: "publish", confirm: "yes" });
    expect(refused.status).toBe(400);
    const page = await pageText(refused);
    expect(page).toContain("まだ一次審査前の提案");
    expect(page).toContain("審査の段階を進めてから公表してください");
    expect(await statusOf(p.adopt)).toBe("in_review");
    expect(await getDb().selectFrom("award_publications").where("call_id", "=", callId).select("call_id").executeTakeFirst()).toBeUndefined();
    expect(await awardNotifications(memberId)).toBe(0);
    const unconfirmed = await coordinator.post(`/coordinator/calls/${callId}/decisions`, { intent: "publish" });
    expect(await pageText(unconfirmed)).toContain("確認のチェックを入れてください");
  });

  it("publishes every decision at one moment: statuses, letter numbers, projects, notifications and mails", async () => {
    expect((await coordinator.post(`/proposals/${p.late}`, { intent: "transition", action: "start_review" })).status).toBe(302);
    const published = await coordinator.post(`/coordinator/calls/${callId}/decisions`, { intent: "publish", confirm: "yes" });
    expect(published.status).toBe(302);
    expect(await statusOf(p.adopt)).toBe("adopted");
    expect(await statusOf(p.conditional)).toBe("conditionally_adopted");
    expect(await statusOf(p.reject)).toBe("rejected");
    expect(await statusOf(p.late)).toBe("rejected");
    const letters = await getDb().selectFrom("decisions").where("call_id", "=", callId).select(["letter_number", "published_at"]).execute();
    expect(letters.map((l) => l.letter_number).sort()).toEqual([1, 2, 3, 4].map((n) => `${eraYear}協推第${n}号`).sort());
    expect(new Set(letters.map((l) => l.published_at)).size).toBe(1);
    const projects = await getDb().selectFrom("projects").where("call_id", "=", callId).select(["proposal_id", "amounts"]).execute();
    expect(projects.map((x) => x.proposal_id).sort()).toEqual([p.adopt, p.conditional].sort());
    expect(JSON.parse(projects.find((x) => x.proposal_id === p.adopt)!.amounts)).toEqual([450_000, 400_000]);
    const mails = outbox().filter((m) => m.to === memberEmail);
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toContain("審査結果のお知らせ");
    expect(mails.map((m) => m.text).join("\n")).toContain(`/proposals/${p.adopt}/letter`);
    expect(outbox().filter((m) => m.to === otherEmail && m.subject.includes("審査結果のお知らせ"))).toHaveLength(2);
    // The related department learns of the awards (not of the rejections).
    const departmentNotices = await getDb().selectFrom("notifications").where("kind", "=", "award_project").select("link").execute();
    expect(departmentNotices.map((n) => n.link).sort()).toEqual([`/proposals/${p.adopt}`, `/proposals/${p.conditional}`].sort());
    // Published once: a second publication and a change of a published decision are refused.
    expect((await coordinator.post(`/coordinator/calls/${callId}/decisions`, { intent: "publish", confirm: "yes" })).status).toBe(409);
  });

  it("gives the group its letter with averages and comments but no reviewer's name, as a page and a PDF", async () => {
    const page = await pageText(await member.get(`/proposals/${p.adopt}/letter`));
    expect(page).toContain("審査結果通知書");
    expect(page).toMatch(new RegExp(`${eraYear}協推第\\d号`));
    expect(page).toContain("令和");
    expect(page).toContain("地域の課題に即した提案です。");
    expect(page).toContain("7.5");
    expect(page).toContain("予算の積算根拠をもう少し示してください。");
    expect(page).toContain("450,000円");
    for (const secret of ["審査 一郎", "審査 二郎", "非公開のメモ"]) expect(page).not.toContain(secret);
    expect(await pageText(await member.get(`/proposals/${p.adopt}`))).toContain(`/proposals/${p.adopt}/letter`);

    const pdf = await member.get(`/proposals/${p.adopt}/letter.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    let text = "";
    for (let n = 1; n <= doc.numPages; n++) {
      const items = (await (await doc.getPage(n)).getTextContent()).items.filter((i): i is TextItem => "str" in i);
      text += items.map((i) => i.str).join("");
    }
    const compact = text.replace(/\s+/g, "");
    expect(compact).toContain("審査結果通知書");
    expect(compact).toContain("地域の課題に即した提案です。");
    expect(compact).toContain("7.5");
    expect(compact).not.toContain("審査一郎");
    expect(compact).not.toContain("非公開のメモ");

    const rejected = await pageText(await otherMember.get(`/proposals/${p.reject}/letter`));
    expect(rejected).toContain("不採択の理由");
    expect(rejected).toContain("事業の継続性が示されていないため。");
    // Someone else's letter: the proposal itself is not theirs to see.
    expect((await otherMember.get(`/proposals/${p.adopt}/letter`)).status).toBe(404);
    expect((await otherStaff.get(`/proposals/${p.adopt}/letter`)).status).toBe(404);
  });

  it("shows the public only the awarded projects: the call page, its CSV and the home page", async () => {
    const callPage = await pageText(await anonymous.get(`/calls/${callId}`));
    expect(callPage).toContain("採択された事業");
    expect(callPage).toContain("=竹林を子どもの遊び場に");
    expect(callPage).toContain("川の清掃と学習会");
    expect(callPage).toContain("850,000円");
    expect(callPage).not.toContain("落選する提案");
    expect(callPage).not.toContain("落選の会");

    const csv = await anonymous.get(`/calls/${callId}/projects.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("団体名,事業名,担当課,採択額（円）,事業期間,状態");
    expect(text).toContain('竹林の会,"\t=竹林を子どもの遊び場に",');
    expect(text).toContain("850000");
    expect(text).not.toContain("落選");

    const home = await pageText(await anonymous.get("/"));
    expect(home).toContain("川の清掃と学習会");
    expect(home).not.toContain("落選する提案");
  });
});

describe("correcting a published decision", () => {
  it("needs a reason, keeps the outcome, updates the letter and the project, and tells the group again", async () => {
    const form = { outcome: "adopted", reason: "地域の課題に即した提案です。（採択額を訂正）", "amounts[0]": "400000", "amounts[1]": "400000" };
    const noReason = await decide(p.adopt, form);
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("訂正の理由を入力してください");
    const otherOutcome = await decide(p.adopt, { ...form, outcome: "rejected", changeReason: "やはり不採択" });
    expect(await pageText(otherOutcome)).toContain("公表した審査結果の種類（採択・不採択など）はここでは変えられません");
    expect(await statusOf(p.adopt)).toBe("adopted");

    const before = outbox().filter((m) => m.to === memberEmail).length;
    expect((await decide(p.adopt, { ...form, changeReason: "1年目の採択額の計算に誤りがありました。" })).status).toBe(302);
    const project = await getDb().selectFrom("projects").where("proposal_id", "=", p.adopt).select("amounts").executeTakeFirstOrThrow();
    expect(JSON.parse(project.amounts)).toEqual([400_000, 400_000]);
    const mails = outbox().filter((m) => m.to === memberEmail);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.text).toContain("訂正の理由: 1年目の採択額の計算に誤りがありました。");
    const letter = await pageText(await member.get(`/proposals/${p.adopt}/letter`));
    expect(letter).toContain("（採択額を訂正）");
    expect(letter).toContain("800,000円");
    expect(letter).toContain("訂正（理由: 1年目の採択額の計算に誤りがありました。）");
    const audit = await getDb().selectFrom("audit_log").where("action", "=", "award.revise").where("subject_id", "=", p.adopt).select("detail").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail).before.amounts).toEqual([450_000, 400_000]);
  });
});

describe("conditions of a conditional adoption", () => {
  it("are answered by the group, sent back or confirmed by the department or the coordinator, each step notified", async () => {
    expect(await openConditionCount(getDb(), p.conditional)).toBe(2);
    const page = await pageText(await member.get(`/proposals/${p.conditional}/conditions`));
    expect(page).toContain("安全計画を提出すること");
    expect(page).toContain("確認が済んでいない条件が2件あります");
    const [first, second] = await getDb().selectFrom("decision_conditions").where("proposal_id", "=", p.conditional).orderBy("position").select("id").execute();

    const empty = await member.post(`/proposals/${p.conditional}/conditions`, { intent: "answer", conditionId: first.id, answer: " " });
    expect(empty.status).toBe(400);
    expect(await pageText(empty)).toContain("条件への対応を入力してください");
    expect((await staff.post(`/proposals/${p.conditional}/conditions`, { intent: "answer", conditionId: first.id, answer: "代わりに回答" })).status).toBe(403);

    expect((await member.post(`/proposals/${p.conditional}/conditions`, { intent: "answer", conditionId: first.id, answer: "安全計画を作りました。" })).status).toBe(302);
    const staffNotices = await getDb().selectFrom("notifications").where("kind", "=", "award_condition_answered").select("user_id").execute();
    expect(staffNotices.length).toBeGreaterThan(0);

    const noReason = await staff.post(`/proposals/${p.conditional}/conditions`, { intent: "return", conditionId: first.id, returnReason: "" });
    expect(await pageText(noReason)).toContain("差し戻す理由を入力してください");
    expect((await member.post(`/proposals/${p.conditional}/conditions`, { intent: "confirm", conditionId: first.id })).status).toBe(403);
    expect((await staff.post(`/proposals/${p.conditional}/conditions`, { intent: "return", conditionId: first.id, returnReason: "避難経路が書かれていません。" })).status).toBe(302);
    expect(outbox().some((m) => m.to === memberEmail && m.text.includes("避難経路が書かれていません。"))).toBe(true);

    // The second answer comes with a file.
    const form = new FormData();
    form.append("intent", "answer");
    form.append("conditionId", first.id);
    form.append("answer", "避難経路を追記しました。");
    form.append("file", new Blob([new TextEncoder().encode("%PDF-1.7\n%%EOF\n")], { type: "application/pdf" }), "安全計画.pdf");
    const withFile = await fetch(`${base()}/proposals/${p.conditional}/conditions`, { method: "POST", body: form, headers: { Cookie: member.cookieHeader(), Origin: base() }, redirect: "manual" });
    expect(withFile.status).toBe(302);
    expect((await coordinator.post(`/proposals/${p.conditional}/conditions`, { intent: "confirm", conditionId: first.id })).status).toBe(302);
    expect(await openConditionCount(getDb(), p.conditional)).toBe(1);
    const after = await pageText(await staff.get(`/proposals/${p.conditional}/conditions`));
    expect(after).toContain("安全計画.pdf");
    expect(after).toContain("確認済み");
    // Each step is recorded, in order, the sending back with its reason.
    const steps = [...after.matchAll(/条件1: (団体が対応を回答|市が差戻し|市が確認)/g)].map((m) => m[1]);
    expect(steps).toEqual(["団体が対応を回答", "市が差戻し", "団体が対応を回答", "市が確認"]);
    expect(after).toContain("理由: 避難経路が書かれていません。");

    expect((await member.post(`/proposals/${p.conditional}/conditions`, { intent: "answer", conditionId: second.id, answer: "加入証明を添付します。" })).status).toBe(302);
    expect((await staff.post(`/proposals/${p.conditional}/conditions`, { intent: "confirm", conditionId: second.id })).status).toBe(302);
    expect(await openConditionCount(getDb(), p.conditional)).toBe(0);
    expect((await member.post(`/proposals/${p.conditional}/conditions`, { intent: "answer", conditionId: second.id, answer: "もう一度" })).status).toBe(409);
  });
});

describe("a call without review stages", () => {
  it("is decided from 受付済み, and its 採択候補 becomes 採択 later, published at once", async () => {
    const call = await makeCall({ title: "審査段階のない募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    const candidate = await submitted(call, groupId, "予算待ちの提案", "submitted");
    const rejected = await submitted(call, otherGroupId, "段階なしで不採択の提案", "submitted");
    expect((await decide(candidate, { outcome: "candidate", reason: "予算の議決を条件に採択候補とします。", "amounts[0]": "450000" })).status).toBe(302);
    expect((await decide(rejected, { outcome: "rejected", reason: "効果が見込めないため。" })).status).toBe(302);
    expect((await coordinator.post(`/coordinator/calls/${call}/decisions`, { intent: "publish", confirm: "yes" })).status).toBe(302);
    expect(await statusOf(candidate)).toBe("adoption_candidate");
    expect(await statusOf(rejected)).toBe("rejected");
    expect(await getDb().selectFrom("projects").where("proposal_id", "=", candidate).select("id").executeTakeFirst()).toBeUndefined();
    expect(await pageText(await anonymous.get(`/calls/${call}`))).not.toContain("予算待ちの提案");

    const conditional = await decide(candidate, { outcome: "conditional", reason: "条件付き", "amounts[0]": "400000", conditions: "条件" });
    expect(await pageText(conditional)).toContain("「採択」か「不採択」を選んでください");
    const before = outbox().filter((m) => m.to === memberEmail).length;
    const adopted = await decide(candidate, { outcome: "adopted", reason: "予算が議決されたため採択します。", "amounts[0]": "400000" });
    expect(adopted.status).toBe(302);
    expect(locationOf(adopted)).toBe(`/coordinator/calls/${call}/decisions`);
    expect(await statusOf(candidate)).toBe("adopted");
    expect(await getDb().selectFrom("projects").where("proposal_id", "=", candidate).select("id").executeTakeFirst()).toBeDefined();
    expect(outbox().filter((m) => m.to === memberEmail).length).toBe(before + 1);
    const letter = await pageText(await member.get(`/proposals/${candidate}/letter`));
    expect(letter).toContain("予算が議決されたため採択します。");
    expect(await pageText(await anonymous.get(`/calls/${call}`))).toContain("予算待ちの提案");
  });
});

describe("a call with many proposals", () => {
  it("lists its decisions 50 a page in receipt order, and counts the prepared and undecided ones of the whole call", async () => {
    const call = await makeCall({ title: "提案の多い募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    // Receipt numbers 9991 to 10045: past 9999 they outgrow the four digits they are padded to, so as
    // text …-10000 would come before …-9991. Receipt order is the order they were given, as on the review page.
    sequence = Math.max(sequence, 9990);
    for (let i = 1; i <= 55; i++) await submitted(call, groupId, `頁送りの提案${i}`, "submitted");
    const inOrder = (await getDb().selectFrom("proposals").where("call_id", "=", call).select(["id", "receipt_number", "receipt_sequence"]).orderBy("receipt_sequence").execute()).map((r) => ({
      id: r.id,
      receipt: r.receipt_number!,
    }));
    expect([inOrder[0].receipt, inOrder[8].receipt, inOrder[9].receipt, inOrder[54].receipt]).toEqual(["R8-市民-9991", "R8-市民-9999", "R8-市民-10000", "R8-市民-10045"]);
    // The last one, on the second page, is prepared.
    const last = inOrder[54];
    const decided = await decide(last.id, { outcome: "rejected", reason: "効果が見込めないため。" });
    expect(decided.status).toBe(302);
    // Back to the page of the list the decided proposal is on; one on the first page goes to the first.
    expect(decided.headers.get("Location")).toBe(`/coordinator/calls/${call}/decisions?page=2`);
    const firstDecided = await decide(inOrder[49].id, { outcome: "rejected", reason: "効果が見込めないため。" });
    expect(firstDecided.headers.get("Location")).toBe(`/coordinator/calls/${call}/decisions`);
    expect((await coordinator.post(`/proposals/${inOrder[49].id}/decision`, { intent: "discard" })).status).toBe(302);
    const receipts = (html: string) => [...html.matchAll(/<tr><td>(R8-市民-\d+)<\/td>/g)].map((m) => m[1]);
    const path = `/coordinator/calls/${call}/decisions`;

    const first = await pageText(await coordinator.get(path));
    expect(first).toContain("55件（1／2ページ、受付番号順）");
    expect(receipts(first)).toEqual(inOrder.slice(0, 50).map((r) => r.receipt));
    expect(first).not.toContain("（準備中）");
    expect(first).toContain("準備済み 1件 · 未決定 54件");

    const second = await pageText(await coordinator.get(`${path}?page=2`));
    expect(second).toContain("55件（2／2ページ、受付番号順）");
    expect(receipts(second)).toEqual(inOrder.slice(50).map((r) => r.receipt));
    expect(second).toContain("不採択（準備中）");
    expect(second).toContain("準備済み 1件 · 未決定 54件");
    // The publication refused for want of a confirmation shows the page it was sent from.
    const unconfirmed = await coordinator.post(`${path}?page=2`, { intent: "publish" });
    expect(unconfirmed.status).toBe(400);
    expect(await pageText(unconfirmed)).toContain("55件（2／2ページ、受付番号順）");
  });

  it("lists a proposal without a receipt number after those with one, on either engine, and goes back to the page it is on", async () => {
    const call = await makeCall({ title: "番号の欠けた募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    // Written without its receipt (every submission is given one; a row may still lack it): NULL sorts
    // first on SQLite and last on PostgreSQL, and the page it goes back to must be the one it is listed on.
    const unnumbered = await submitted(call, groupId, "受付番号のない提案", "submitted");
    await getDb().updateTable("proposals").set({ receipt_number: null, receipt_fiscal_year: null, receipt_sequence: null }).where("id", "=", unnumbered).execute();
    const numbered: string[] = [];
    for (let i = 1; i <= 50; i++) numbered.push((await getDb().selectFrom("proposals").where("id", "=", await submitted(call, groupId, `番号のある提案${i}`, "submitted")).select("receipt_number").executeTakeFirstOrThrow()).receipt_number!);
    const path = `/coordinator/calls/${call}/decisions`;
    const receipts = (html: string) => [...html.matchAll(/<tr><td>(R8-市民-\d+)<\/td>/g)].map((m) => m[1]);

    const first = await pageText(await coordinator.get(path));
    expect(first).toContain("51件（1／2ページ、受付番号順）");
    expect(receipts(first)).toEqual(numbered);
    expect(first).not.toContain("受付番号のない提案");
    expect(await pageText(await coordinator.get(`${path}?page=2`))).toContain("受付番号のない提案");
    const decided = await decide(unnumbered, { outcome: "rejected", reason: "効果が見込めないため。" });
    expect(decided.headers.get("Location")).toBe(`${path}?page=2`);
  });

  it("numbers the letters at publication in receipt order, also where the receipt number gains a digit", async () => {
    const call = await makeCall({ title: "受付番号の桁が増える募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    sequence = Math.max(sequence, 99_998);
    const first = await submitted(call, groupId, "九万九千九百九十九番目の提案", "submitted");
    const second = await submitted(call, groupId, "十万番目の提案", "submitted");
    for (const id of [second, first]) expect((await decide(id, { outcome: "rejected", reason: "効果が見込めないため。" })).status).toBe(302);
    expect((await coordinator.post(`/coordinator/calls/${call}/decisions`, { intent: "publish", confirm: "yes" })).status).toBe(302);
    const letterOf = async (id: string) => {
      const row = await getDb().selectFrom("decisions").innerJoin("proposals", "proposals.id", "decisions.proposal_id").where("proposal_id", "=", id).select(["receipt_number", "letter_number"]).executeTakeFirstOrThrow();
      return { receipt: row.receipt_number, letter: Number(/第(\d+)号/.exec(row.letter_number ?? "")?.[1]) };
    };
    const [a, b] = [await letterOf(first), await letterOf(second)];
    expect([a.receipt, b.receipt]).toEqual(["R8-市民-99999", "R8-市民-100000"]);
    expect(b.letter).toBe(a.letter + 1);
  });

  it("lists the public its awarded projects in receipt order, also where the receipt number gains a digit", async () => {
    const call = await makeCall({ title: "採択事業の桁が増える募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    sequence = Math.max(sequence, 999_998);
    const first = await submitted(call, groupId, "九十九万九千九百九十九番目の事業", "submitted");
    const second = await submitted(call, otherGroupId, "百万番目の事業", "submitted");
    for (const id of [second, first]) expect((await decide(id, { outcome: "adopted", reason: "地域の課題に即した提案です。", "amounts[0]": "450000" })).status).toBe(302);
    expect((await coordinator.post(`/coordinator/calls/${call}/decisions`, { intent: "publish", confirm: "yes" })).status).toBe(302);
    const receipts = await getDb().selectFrom("proposals").where("call_id", "=", call).select("receipt_number").orderBy("receipt_sequence").execute();
    expect(receipts.map((r) => r.receipt_number)).toEqual(["R8-市民-999999", "R8-市民-1000000"]);
    // As text, …-1000000 sorts before …-999999.
    const titles = ["九十九万九千九百九十九番目の事業", "百万番目の事業"];
    const listed = (text: string) => titles.filter((t) => text.includes(t)).sort((x, y) => text.indexOf(x) - text.indexOf(y));
    expect(listed(await pageText(await anonymous.get(`/calls/${call}`)))).toEqual(titles);
    expect(listed(await (await anonymous.get(`/calls/${call}/projects.csv`)).text())).toEqual(titles);
    expect(listed(await pageText(await anonymous.get("/")))).toEqual(titles);
  });
});

describe("a call open across 1 April", () => {
  // Its receipts are of two fiscal years, each year's sequence starting again at 1: R8-市民-0001 was
  // given after R7-市民-0480, and every list of the call puts it after them, as receipt order.
  const r7 = (sequence: number) => ({ fiscalYear: 2025, sequence });
  const r8 = (sequence: number) => ({ fiscalYear: 2026, sequence });

  it("lists its decisions with the receipts of the earlier fiscal year first, and goes back to the page a decided proposal is on", async () => {
    const call = await makeCall({ title: "4月1日をまたぐ募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    const april = await submitted(call, groupId, "4月に受け付けた提案", "submitted", r8(1));
    const march: string[] = [];
    for (let sequence = 431; sequence <= 480; sequence++) march.push(await submitted(call, groupId, `3月に受け付けた提案${sequence}`, "submitted", r7(sequence)));
    const path = `/coordinator/calls/${call}/decisions`;
    const receipts = (html: string) => [...html.matchAll(/<tr><td>(R[78]-市民-\d+)<\/td>/g)].map((m) => m[1]);
    const first = await pageText(await coordinator.get(path));
    expect(first).toContain("51件（1／2ページ、受付番号順）");
    expect(receipts(first)).toEqual(Array.from({ length: 50 }, (_, i) => `R7-市民-0${431 + i}`));
    expect(receipts(await pageText(await coordinator.get(`${path}?page=2`)))).toEqual(["R8-市民-0001"]);
    // Deciding goes back to the page the proposal is on in that order.
    const lastOfMarch = await decide(march[49], { outcome: "rejected", reason: "効果が見込めないため。" });
    expect(lastOfMarch.headers.get("Location")).toBe(path);
    const ofApril = await decide(april, { outcome: "rejected", reason: "効果が見込めないため。" });
    expect(ofApril.headers.get("Location")).toBe(`${path}?page=2`);
  });

  it("numbers the letters and lists the awarded projects with the receipts of the earlier fiscal year first", async () => {
    const call = await makeCall({ title: "4月1日をまたいで採択する募集", fiscalYear: fiscalYearOf(new Date()), stages: ["formal_check"], cap: 2_000_000, capTotal: 3_000_000, cityShareByYear: [90] });
    const april = await submitted(call, groupId, "4月に受け付けた事業", "submitted", r8(2));
    const march = await submitted(call, otherGroupId, "3月に受け付けた事業", "submitted", r7(490));
    for (const id of [april, march]) expect((await decide(id, { outcome: "adopted", reason: "地域の課題に即した提案です。", "amounts[0]": "450000" })).status).toBe(302);
    expect((await coordinator.post(`/coordinator/calls/${call}/decisions`, { intent: "publish", confirm: "yes" })).status).toBe(302);
    const letterOf = async (id: string) => {
      const row = await getDb().selectFrom("decisions").where("proposal_id", "=", id).select("letter_number").executeTakeFirstOrThrow();
      return Number(/第(\d+)号/.exec(row.letter_number ?? "")?.[1]);
    };
    expect(await letterOf(april)).toBe((await letterOf(march)) + 1);
    const titles = ["3月に受け付けた事業", "4月に受け付けた事業"];
    const listed = (text: string) => titles.filter((t) => text.includes(t)).sort((x, y) => text.indexOf(x) - text.indexOf(y));
    expect(listed(await pageText(await anonymous.get(`/calls/${call}`)))).toEqual(titles);
    expect(listed(await (await anonymous.get(`/calls/${call}/projects.csv`)).text())).toEqual(titles);
  });
});
