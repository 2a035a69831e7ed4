// Collaboration projects (協働事業) through HTTP, as users notice them: the lists and the overview by
// role; the agreement refused while a condition is open, confirmed by both sides (協定締結済み, a number),
// the PDF; the start; a final report with an over-tolerance line that needs its explanation; a return
// with its reason; acceptance writing the project's entry on the measure page and in the progress list
// (page and xlsx), kept by a re-import of the plan; evaluation and closing; decline and cancellation;
// outsiders get 404, the wrong side 403.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { importPlan } from "../../app/domain/plans/commands.server";
import { sendReportReminders } from "../../app/domain/projects/reminders.server";
import { parsePlan } from "../../app/domain/plans";
import { readSeed } from "../fixtures/seed-documents";
import { insertSheet } from "../fixtures/records";
import { Client, clientFor, createUser, locationOf, pageText, useServer } from "./harness";
import { createProjectForAward } from "../../app/domain/projects/commands.server";
import { makeCall, makeDepartment, makeGroup } from "./proposal-fixtures";
import { makeAwardedProject } from "./project-fixtures";

const base = useServer();
const db = () => getDb();

let owner: Client;
let member: Client;
let outsider: Client;
let staff: Client;
let otherStaff: Client;
let coordinator: Client;
let departmentId: string;
let groupId: string;
let sheetId: string;
let measureId: string;
const MEASURE_CODE = "1-(1)-(1)-①";

beforeAll(async () => {
  departmentId = await makeDepartment(`子育て支援課 ${Date.now()}`);
  const otherDepartment = await makeDepartment(`道路課 ${Date.now()}`);
  const [o, m, x, s, t, c] = await Promise.all([
    createUser(["group_member"]),
    createUser(["group_member"]),
    createUser(["group_member"]),
    createUser(["department_staff"]),
    createUser(["department_staff"]),
    createUser(["coordinator"]),
  ]);
  groupId = await makeGroup("竹林の会", [o.id, m.id]);
  await makeGroup("よその会", [x.id]);
  await db().updateTable("users").set({ department_id: departmentId }).where("id", "=", s.id).execute();
  await db().updateTable("users").set({ department_id: otherDepartment }).where("id", "=", t.id).execute();
  [owner, member, outsider, staff, otherStaff, coordinator] = await Promise.all([o, m, x, s, t, c].map((u) => clientFor(base, u.id)));

  await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "shiroi", actorId: null });
  measureId = (
    await db().selectFrom("measures").innerJoin("plans", "plans.id", "measures.plan_id").where("plans.slug", "=", "shiroi").where("measures.code", "=", MEASURE_CODE).select("measures.id").executeTakeFirstOrThrow()
  ).id;
  sheetId = await insertSheet(db(), { id: newId(), departmentId, title: "竹林を子どもの遊び場に", status: "published" });
  await db()
    .insertInto("measure_links")
    .values({ id: newId(), measure_id: measureId, subject_type: "matching_sheet", subject_id: sheetId, fiscal_year: 2026, department_name: "子育て支援課", linked_by: null, linked_at: now() })
    .execute();
});

async function statusOf(projectId: string): Promise<string> {
  const row = await db().selectFrom("projects").innerJoin("proposals", "proposals.id", "projects.proposal_id").where("projects.id", "=", projectId).select("proposals.status").executeTakeFirstOrThrow();
  return row.status;
}

async function revisionOf(projectId: string, kind: "interim" | "final" = "final"): Promise<number> {
  return (await db().selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", kind).select("revision").executeTakeFirstOrThrow()).revision;
}

/** Both sides confirm, then the department starts the project. */
async function agreeAndStart(projectId: string) {
  expect((await owner.post(`/projects/${projectId}/agreement`, { side: "group" })).status).toBe(302);
  expect((await staff.post(`/projects/${projectId}/agreement`, { side: "city" })).status).toBe(302);
  expect((await staff.post(`/projects/${projectId}`, { intent: "start" })).status).toBe(302);
  expect(await statusOf(projectId)).toBe("in_progress");
}

function finalReportForm(revision: number, overrides: Record<string, string> = {}) {
  return {
    revision: String(revision),
    intent: "submit",
    done: "竹林を4回整備し、外遊びの日を12回開いた。",
    summary: "竹林を整備し外遊びの日を12回開催（延べ1,120人）",
    "indicators[0].name": "参加者数",
    "indicators[0].target": "延べ1,000人",
    "indicators[0].actual": "延べ1,120人",
    "spending[0].item": "講師謝礼",
    "spending[0].bearer": "city",
    "spending[0].planned": "450000",
    "spending[0].actual": "440000",
    "spending[1].item": "資材費",
    "spending[1].bearer": "group",
    "spending[1].planned": "50000",
    "spending[1].actual": "80000",
    ...overrides,
  };
}

describe("lists and the overview", () => {
  it("shows each role its projects, and hides a project from outsiders (404)", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, sheetId });
    for (const client of [owner, member, staff, coordinator]) {
      const list = await pageText(await client.get("/projects"));
      expect(list).toContain("川沿いの竹林を子どもの遊び場に");
    }
    expect(await pageText(await staff.get("/projects"))).toContain("協定書の確認（団体・市）");
    expect(await pageText(await outsider.get("/projects"))).not.toContain(projectId);
    expect(await pageText(await otherStaff.get("/projects"))).not.toContain(`/projects/${projectId}`);
    const page = await pageText(await member.get(`/projects/${projectId}`));
    expect(page).toContain("採択");
    expect(page).toContain("450,000円");
    expect(page).toContain("竹林の会");
    expect((await outsider.get(`/projects/${projectId}`)).status).toBe(404);
    expect((await otherStaff.get(`/projects/${projectId}/agreement`)).status).toBe(404);
    expect((await new Client(base).get(`/projects/${projectId}`)).status).toBe(302);
    // No interim report unless the call asks for one.
    expect((await member.get(`/projects/${projectId}/reports/interim`)).status).toBe(404);
  });
});

describe("the agreement", () => {
  it("is refused while a condition of the award is open, naming it", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, conditions: ["参加者の安全計画を提出すること"] });
    const response = await owner.post(`/projects/${projectId}/agreement`, { side: "group" });
    expect(response.status).toBe(409);
    const page = await pageText(response);
    expect(page).toContain("採択の条件のうち1件がまだ確認されていない");
    expect(page).toContain("参加者の安全計画を提出すること");
    expect(await statusOf(projectId)).toBe("conditionally_adopted");
  });

  it("is confirmed by the group's owner and the department: 協定締結済み with a number; a plain member or a second confirmation is refused", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, sheetId });
    const printed = await pageText(await member.get(`/projects/${projectId}/agreement`));
    for (const text of ["協定書", "団体の役割", "市の役割", "チラシの作成", "学校への配布", "450,000円", "報告の義務", "令和9年4月30日"]) expect(printed).toContain(text);
    expect((await member.post(`/projects/${projectId}/agreement`, { side: "group" })).status).toBe(403);
    expect((await outsider.post(`/projects/${projectId}/agreement`, { side: "group" })).status).toBe(404);
    expect((await member.post(`/projects/${projectId}/agreement`, { side: "city" })).status).toBe(403);

    expect((await owner.post(`/projects/${projectId}/agreement`, { side: "group" })).status).toBe(302);
    const again = await owner.post(`/projects/${projectId}/agreement`, { side: "group" });
    expect(again.status).toBe(409);
    expect(await pageText(again)).toContain("既に協定書を確認しています");
    expect(await statusOf(projectId)).toBe("adopted");
    expect(await pageText(await staff.get("/projects"))).toContain("協定書の確認（市）");

    const second = await staff.post(`/projects/${projectId}/agreement`, { side: "city" });
    expect(second.status).toBe(302);
    expect(await statusOf(projectId)).toBe("agreed");
    const project = await db().selectFrom("projects").where("id", "=", projectId).select("agreement_number").executeTakeFirstOrThrow();
    expect(project.agreement_number).toMatch(/^R8-協定-\d{3}$/);
    const overview = await pageText(await owner.get(`/projects/${projectId}`));
    expect(overview).toContain("協定締結済み");
    expect(overview).toContain(project.agreement_number!);
    // The measure linked to the project's matching sheet is now linked to the project.
    expect(overview).toContain(MEASURE_CODE);
    const transition = await db().selectFrom("proposal_transitions").innerJoin("projects", "projects.proposal_id", "proposal_transitions.proposal_id").where("projects.id", "=", projectId).where("action", "=", "conclude_agreement").select("actor_role").executeTakeFirstOrThrow();
    expect(transition.actor_role).toBe("department");

    const pdf = await member.get(`/projects/${projectId}/agreement.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    // Only the city starts the project.
    expect((await owner.post(`/projects/${projectId}`, { intent: "start" })).status).toBe(403);
    expect((await coordinator.post(`/projects/${projectId}`, { intent: "start" })).status).toBe(302);
    expect(await statusOf(projectId)).toBe("in_progress");
  });

  it("falls through with a reason: declined by the group, cancelled by the coordinator", async () => {
    const declined = await makeAwardedProject({ groupId, departmentId });
    const noReason = await owner.post(`/projects/${declined.projectId}`, { intent: "decline", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("辞退の理由を入力してください");
    expect((await owner.post(`/projects/${declined.projectId}`, { intent: "decline", reason: "代表が転居するため" })).status).toBe(302);
    expect(await statusOf(declined.projectId)).toBe("declined");
    const ended = await db().selectFrom("projects").where("id", "=", declined.projectId).select(["ended_at", "ended_reason"]).executeTakeFirstOrThrow();
    expect(ended.ended_reason).toBe("代表が転居するため");
    expect(ended.ended_at).not.toBeNull();
    expect((await owner.post(`/projects/${declined.projectId}/agreement`, { side: "group" })).status).toBe(409);

    const cancelled = await makeAwardedProject({ groupId, departmentId });
    expect((await staff.post(`/projects/${cancelled.projectId}`, { intent: "cancel", reason: "予算が成立しなかった" })).status).toBe(403);
    expect((await coordinator.post(`/projects/${cancelled.projectId}`, { intent: "cancel", reason: "予算が成立しなかった" })).status).toBe(302);
    expect(await statusOf(cancelled.projectId)).toBe("cancelled");
    expect(await pageText(await owner.get(`/projects/${cancelled.projectId}`))).toContain("予算が成立しなかった");
  });
});

describe("results reports, evidence, evaluation", () => {
  it("goes from the final report to the measure's progress list, through a return, evaluation and closing", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, sheetId, interimReport: true });
    await agreeAndStart(projectId);
    const reports = await db().selectFrom("project_reports").where("project_id", "=", projectId).select(["kind", "due_on"]).orderBy("due_on").execute();
    expect(reports).toEqual([
      { kind: "interim", due_on: "2026-10-31" },
      { kind: "final", due_on: "2027-04-30" },
    ]);

    // A line 60 % over its plan needs an explanation; what was typed comes back.
    const form = await pageText(await owner.get(`/projects/${projectId}/reports/final`));
    expect(form).toContain("講師謝礼");
    const refused = await owner.post(`/projects/${projectId}/reports/final`, finalReportForm(await revisionOf(projectId)));
    expect(refused.status).toBe(400);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain("計画額との差が20%を超えています（+60%）");
    expect(refusedPage).toContain("延べ1,120人");
    expect(await statusOf(projectId)).toBe("in_progress");

    // Negative spending is refused beside its field.
    const negative = await owner.post(`/projects/${projectId}/reports/final`, finalReportForm(await revisionOf(projectId), { "spending[0].actual": "-5" }));
    expect(negative.status).toBe(400);
    expect(await pageText(negative)).toContain("実績額は0円以上で入力してください");

    // Only the group writes the report.
    expect((await staff.post(`/projects/${projectId}/reports/final`, finalReportForm(await revisionOf(projectId)))).status).toBe(403);

    const explained = finalReportForm(await revisionOf(projectId), { "spending[1].explanation": "竹の搬出に軽トラックを借りた" });
    expect((await owner.post(`/projects/${projectId}/reports/final`, explained)).status).toBe(302);
    expect(await statusOf(projectId)).toBe("reported");

    // The department returns it with a reason; the group corrects and resubmits.
    const noReason = await staff.post(`/projects/${projectId}/reports/final`, { intent: "return", reason: " " });
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("差し戻す理由を入力してください");
    expect((await owner.post(`/projects/${projectId}/reports/final`, { intent: "accept" })).status).toBe(403);
    expect((await staff.post(`/projects/${projectId}/reports/final`, { intent: "return", reason: "参加者数の内訳を書いてください" })).status).toBe(302);
    expect(await statusOf(projectId)).toBe("in_progress");
    expect(await pageText(await owner.get(`/projects/${projectId}/reports/final`))).toContain("参加者数の内訳を書いてください");
    const corrected = { ...explained, revision: String(await revisionOf(projectId)), "indicators[0].actual": "延べ1,120人（子ども800人、大人320人）" };
    expect((await owner.post(`/projects/${projectId}/reports/final`, corrected)).status).toBe(302);
    expect(await statusOf(projectId)).toBe("reported");

    // Acceptance makes the project evidence on the measure.
    expect((await staff.post(`/projects/${projectId}/reports/final`, { intent: "accept", summary: "竹林を整備し外遊びの日を12回開催（延べ1,120人・子ども800人）" })).status).toBe(302);
    const entry = "竹林を整備し外遊びの日を12回開催（延べ1,120人・子ども800人）";
    const measurePage = await pageText(await new Client(base).get(`/measures/${measureId}`));
    expect(measurePage).toContain(entry);
    // The evidence table names the project and links to it.
    expect(measurePage).toMatch(new RegExp(`<a [^>]*href="/projects/${projectId}"[^>]*>川沿いの竹林を子どもの遊び場に</a>`));
    const progress = await pageText(await new Client(base).get("/plans/shiroi/progress"));
    expect(progress).toContain(entry);
    const xlsx = await new Client(base).get("/plans/shiroi/progress.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    let cell = "";
    workbook.worksheets[0].eachRow((row) => {
      if (row.getCell(1).value === MEASURE_CODE) cell = String(row.getCell(4).value);
    });
    expect(cell).toContain(`${entry}(令和8年度)`);

    // Re-importing the plan document keeps the project's entry.
    await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "shiroi", actorId: null });
    expect(await pageText(await new Client(base).get(`/measures/${measureId}`))).toContain(entry);

    // Evaluation: recording needs the self and the department's evaluations.
    const scores = (side: string, n: string) => ({ side, score_purpose: n, score_collaboration: n, score_roles: n, score_reach: n, score_continuity: n, comment_purpose: `${side}の所見` });
    const tooEarly = await staff.post(`/projects/${projectId}/evaluation`, { intent: "record" });
    expect(tooEarly.status).toBe(409);
    expect(await pageText(tooEarly)).toContain("自己評価（団体）と相互評価（担当課）がまだ入力されていません");
    const missingScore = await owner.post(`/projects/${projectId}/evaluation`, { ...scores("group", "4"), score_reach: "" });
    expect(missingScore.status).toBe(400);
    expect(await pageText(missingScore)).toContain("市民への波及の点数を1〜5から選んでください");
    expect((await owner.post(`/projects/${projectId}/evaluation`, scores("department", "4"))).status).toBe(403);
    expect((await owner.post(`/projects/${projectId}/evaluation`, scores("group", "5"))).status).toBe(302);
    expect((await staff.post(`/projects/${projectId}/evaluation`, scores("department", "3"))).status).toBe(302);
    expect((await coordinator.post(`/projects/${projectId}/evaluation`, scores("third_party", "4"))).status).toBe(302);
    const side = await pageText(await member.get(`/projects/${projectId}/evaluation`));
    expect(side).toContain("差が大きい");
    expect((await staff.post(`/projects/${projectId}/evaluation`, { intent: "close" })).status).toBe(403);
    expect((await staff.post(`/projects/${projectId}/evaluation`, { intent: "record" })).status).toBe(302);
    expect(await statusOf(projectId)).toBe("evaluated");
    expect((await coordinator.post(`/projects/${projectId}/evaluation`, { intent: "close" })).status).toBe(302);
    expect(await statusOf(projectId)).toBe("closed");
    const summary = await pageText(await staff.get("/projects/summary?year=2026"));
    expect(summary).toContain("令和8年度");
    expect(summary).toContain("5.0 / 3.0 / 4.0");
    expect(summary).toContain("520,000円");
    expect(await pageText(await outsider.get("/projects/summary?year=2026"))).not.toContain(projectId);
    const timeline = await pageText(await owner.get(`/projects/${projectId}`));
    for (const text of ["協定締結を記録しました", "事業を開始しました", "実績報告を差し戻しました — 理由: 参加者数の内訳を書いてください", "評価を記録しました", "完了としました"]) expect(timeline).toContain(text);
  });

  it("keeps files attached to a report by the group while it can edit it, downloadable by those who see the project", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, sheetId });
    await agreeAndStart(projectId);
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    const attach = (client: Client, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set("file", new Blob([Buffer.from(bytes)], { type: "application/pdf" }), name);
      return fetch(`${base()}/projects/${projectId}/reports/final`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: client.cookieHeader(), Origin: base() } });
    };
    expect((await attach(staff, "市の資料.pdf", pdf)).status).toBe(403);
    const html = await attach(owner, "チラシ.pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>"));
    expect(html.status).toBe(400);
    expect((await attach(owner, "体験会のチラシ.pdf", pdf)).status).toBe(302);
    const page = await pageText(await staff.get(`/projects/${projectId}/reports/final`));
    expect(page).toContain("体験会のチラシ.pdf");
    expect(page).toContain(`${pdf.byteLength}バイト`);
    const link = /href="(\/proposals\/[^"]+\/attachments\/[^"]+)"/.exec(page)![1];
    expect((await staff.get(link)).status).toBe(200);
    expect((await outsider.get(link)).status).toBe(404);

    // once submitted, nothing more is attached
    await db().updateTable("project_reports").set({ status: "submitted" }).where("project_id", "=", projectId).where("kind", "=", "final").execute();
    const late = await attach(owner, "追加.pdf", pdf);
    expect(late.status).toBe(409);
    expect(await pageText(late)).toContain("提出済みのため、ファイルを添付できません");
  });

  it("lets the coordinator add and remove a measure with a reason; staff may not", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId });
    const code = "1-(1)-(2)-①";
    const exists = await db().selectFrom("measures").innerJoin("plans", "plans.id", "measures.plan_id").where("plans.slug", "=", "shiroi").where("measures.code", "=", code).select("measures.id").executeTakeFirst();
    expect(exists).toBeDefined();
    expect((await staff.post(`/projects/${projectId}`, { intent: "add_measure", planSlug: "shiroi", code, reason: "関係が深い" })).status).toBe(403);
    const noReason = await coordinator.post(`/projects/${projectId}`, { intent: "add_measure", planSlug: "shiroi", code, reason: "" });
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("追加する理由を入力してください");
    const unknown = await coordinator.post(`/projects/${projectId}`, { intent: "add_measure", planSlug: "shiroi", code: "9-(9)", reason: "関係が深い" });
    expect(unknown.status).toBe(400);
    expect(await pageText(unknown)).toContain("番号「9-(9)」の施策はありません");
    expect(locationOf(await coordinator.post(`/projects/${projectId}`, { intent: "add_measure", planSlug: "shiroi", code, reason: "関係が深い" }))).toBe(`/projects/${projectId}`);
    expect(await pageText(await owner.get(`/projects/${projectId}`))).toContain(code);
    expect((await coordinator.post(`/projects/${projectId}`, { intent: "remove_measure", measureId: exists!.id, reason: "誤って追加した" })).status).toBe(302);
    const page = await pageText(await owner.get(`/projects/${projectId}`));
    expect(page).not.toContain(`/measures/${exists!.id}`);
    expect(page).toContain("施策を外しました");
    expect(page).toContain("誤って追加した");
  });

  it("reminds the group once when the final report is due in 14 days, and once more when overdue", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId });
    await agreeAndStart(projectId);
    const count = async () =>
      Number((await db().selectFrom("notifications").where("kind", "=", "project_report_due").where("link", "=", `/projects/${projectId}/reports/final`).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    await sendReportReminders(db(), new Date("2027-04-01T00:00:00Z"), base());
    expect(await count()).toBe(0);
    await sendReportReminders(db(), new Date("2027-04-20T00:00:00Z"), base());
    expect(await count()).toBe(2); // the owner and the member
    await sendReportReminders(db(), new Date("2027-04-21T00:00:00Z"), base());
    expect(await count()).toBe(2);
    await sendReportReminders(db(), new Date("2027-05-01T00:00:00Z"), base());
    await sendReportReminders(db(), new Date("2027-05-02T00:00:00Z"), base());
    expect(await count()).toBe(4);
    const notice = await db().selectFrom("notifications").where("kind", "=", "project_report_due").where("link", "=", `/projects/${projectId}/reports/final`).select("title").orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(notice.title).toContain("提出期限（令和9年4月30日）を過ぎています");
  });

  it("lets the group continue a multi-year project into next year's proposal, prefilled and linked", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, amounts: [450_000, 400_000] });
    const nextCall = await makeCall({ fiscalYear: 2027, title: "令和9年度 市民提案型協働事業の募集" });
    expect(await pageText(await owner.get(`/projects/${projectId}`))).not.toContain("継続の提案を作成する");
    const early = await owner.post(`/projects/${projectId}`, { intent: "renew", callId: nextCall });
    expect(early.status).toBe(409);
    expect(await pageText(early)).toContain("継続の提案は、評価の記録後にできます");
    // (The way to 評価済み is tested above; here the proposal is put there directly.)
    await db().updateTable("proposals").set({ status: "evaluated" }).where("id", "=", (await db().selectFrom("projects").where("id", "=", projectId).select("proposal_id").executeTakeFirstOrThrow()).proposal_id).execute();
    const page = await pageText(await owner.get(`/projects/${projectId}`));
    expect(page).toContain("令和9年度 市民提案型協働事業の募集");
    expect((await staff.post(`/projects/${projectId}`, { intent: "renew", callId: nextCall })).status).toBe(403);
    const created = await member.post(`/projects/${projectId}`, { intent: "renew", callId: nextCall });
    expect(created.status).toBe(302);
    const proposalId = locationOf(created)!.split("/")[2];
    const draft = await db().selectFrom("proposals").where("id", "=", proposalId).select(["renewal_of_project_id", "title", "draft", "status"]).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ renewal_of_project_id: projectId, title: "川沿いの竹林を子どもの遊び場に（2年目）", status: "draft" });
    expect(JSON.parse(draft.draft).roles).toEqual([{ task: "広報", group: "チラシの作成", city: "学校への配布" }]);
    expect(await pageText(await member.get(`/proposals/${proposalId}/edit`))).toContain("チラシの作成");
    expect((await owner.post(`/projects/${projectId}`, { intent: "renew", callId: nextCall })).status).toBe(409);
    // Its award continues the project's years.
    await db().updateTable("proposals").set({ status: "adopted" }).where("id", "=", proposalId).execute();
    const next = await db().transaction().execute((trx) => createProjectForAward(trx, proposalId, [400_000]));
    expect(await db().selectFrom("projects").where("id", "=", next).select(["project_year", "total_years", "renewal_of_project_id"]).executeTakeFirstOrThrow()).toEqual({ project_year: 2, total_years: 2, renewal_of_project_id: projectId });
  });

  it("refuses a report save over another member's newer save, keeping what was typed", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId });
    await agreeAndStart(projectId);
    const base = await revisionOf(projectId);
    expect((await member.post(`/projects/${projectId}/reports/final`, { ...finalReportForm(base), intent: "save", done: "メンバーが書いた内容" })).status).toBe(302);
    const stale = await owner.post(`/projects/${projectId}/reports/final`, { ...finalReportForm(base), intent: "save", done: "代表が書いた内容" });
    expect(stale.status).toBe(409);
    const page = await pageText(stale);
    expect(page).toContain("ほかのメンバーがこの報告を保存しています");
    expect(page).toContain("代表が書いた内容");
    const stored = await db().selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", "final").select("content").executeTakeFirstOrThrow();
    expect(JSON.parse(stored.content).done).toBe("メンバーが書いた内容");
  });

  it("autosaves a report as data, refusing a stale one as a conflict without saving it", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId });
    await agreeAndStart(projectId);
    const data = `/projects/${projectId}/reports/final?_data=${encodeURIComponent("routes/projects.$id.reports.$kind")}`;
    const base = await revisionOf(projectId);
    const saved = await member.post(data, { ...finalReportForm(base), intent: "autosave", done: "途中まで書いた内容" });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ revision: base + 1 });
    const stale = await owner.post(data, { ...finalReportForm(base), intent: "autosave", done: "古い版に書いた内容" });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ conflict: expect.stringContaining("ほかのメンバーがこの報告を保存しています") });
    const bad = await member.post(data, { ...finalReportForm(base + 1), intent: "autosave", "spending[0].actual": "たくさん" });
    expect(bad.status).toBe(400);
    const stored = await db().selectFrom("project_reports").where("project_id", "=", projectId).where("kind", "=", "final").select(["content", "status"]).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.content).done).toBe("途中まで書いた内容");
    expect(stored.status).toBe("draft");
  });

  it("takes an interim report without moving the proposal, and keeps it off the plan", async () => {
    const { projectId } = await makeAwardedProject({ groupId, departmentId, sheetId, interimReport: true });
    await agreeAndStart(projectId);
    const form = { ...finalReportForm(await revisionOf(projectId, "interim")), "spending[1].actual": "20000", "spending[1].explanation": "まだ購入していない", summary: "中間: 整備を2回実施" };
    expect((await owner.post(`/projects/${projectId}/reports/interim`, form)).status).toBe(302);
    expect(await statusOf(projectId)).toBe("in_progress");
    expect(await pageText(await staff.get(`/projects/${projectId}/reports/interim`))).toContain("−60%（20%超）");
    expect((await staff.post(`/projects/${projectId}/reports/interim`, { intent: "accept" })).status).toBe(302);
    expect(await statusOf(projectId)).toBe("in_progress");
    expect(await pageText(await new Client(base).get(`/measures/${measureId}`))).not.toContain("中間: 整備を2回実施");
    expect((await staff.post(`/projects/${projectId}/reports/interim`, { intent: "accept" })).status).toBe(409);
  });
});
