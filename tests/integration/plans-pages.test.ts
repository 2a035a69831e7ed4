// The plans area through HTTP: public pages, the coordinator's upload, staff entries and statuses with
// their permissions, evidence links, the progress list downloads (xlsx read back, CSV bytes) and the round
// trip export → import for seeds 000/001 and 004.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { registerUser } from "../../app/domain/accounts/commands.server";
import { requiresSecondFactor } from "../../app/auth/two-factor-policy";
import { importPlan, recordProjectEvidence } from "../../app/domain/plans/commands.server";
import { parsePlan } from "../../app/domain/plans";
import { loadStoredPlan } from "../../app/domain/plans/queries.server";
import { readSeed, type SeedName } from "../fixtures/seed-documents";
import { insertDepartment, insertSheet } from "../fixtures/records";
import type { ParsedPlan } from "../../app/domain/plans/types";
import type { Role } from "../../db/schema";
import { Client, clientFor, createUser, locationOf, pageText, setUpSecondFactor, TEST_PASSWORD, useServer } from "./harness";

const db = () => getDb();
const base = useServer();

async function measureId(slug: string, code: string): Promise<string> {
  const row = await db()
    .selectFrom("measures")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .where("plans.slug", "=", slug)
    .where("measures.code", "=", code)
    .select("measures.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

let counter = 0;
async function userIn(roles: Role[], departmentId: string | null) {
  const id = await registerUser(db(), { email: `plans${++counter}-${Date.now()}@example.jp`, displayName: `職員 ${counter}`, password: TEST_PASSWORD, roles, departmentId, source: "test", emailConfirmed: true });
  if (requiresSecondFactor(roles)) await setUpSecondFactor(id);
  return clientFor(base, id);
}

/** A multipart POST with the client's session, as the upload form sends it. */
async function upload(client: Client, path: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  return fetch(base() + path, { method: "POST", body: form, redirect: "manual", headers: { Cookie: client.cookieHeader(), Origin: base() } });
}

function essence(plan: ParsedPlan) {
  return plan.measures.map((m) => ({
    code: m.code,
    parentCode: m.parentCode,
    level: m.level,
    title: m.title,
    departments: m.departments,
    status: m.status,
    tier: m.tier,
    entries: m.entries.map((e) => [e.text, e.fiscalYearFrom, e.fiscalYearTo, e.fiscalYearLabel, e.departments]),
  }));
}

let secretary: string; // 秘書広報課
let other: string; // しろいの魅力発信課
let ownMeasure: string; // 1-(1)-(1)-①, departments include 秘書広報課
let otherMeasure: string; // 1-(1)-(2)-①, departments do not

beforeAll(async () => {
  await importPlan(db(), parsePlan(readSeed("shiroi")), { slug: "shiroi", actorId: null });
  await importPlan(db(), parsePlan(readSeed("tierTable")), { slug: "tier", name: "第1期指針", actorId: null });
  secretary = await insertDepartment(db(), "dept-secretary", "秘書広報課");
  other = await insertDepartment(db(), "dept-other", "しろいの魅力発信課");
  ownMeasure = await measureId("shiroi", "1-(1)-(1)-①");
  otherMeasure = await measureId("shiroi", "1-(1)-(2)-①");
});

describe("public pages", () => {
  it("lists the plans side by side", async () => {
    const text = await pageText(await new Client(base).get("/plans"));
    expect(text).toContain("第1期指針");
    expect(text).toContain("基本目標 › 施策 › 取組 › 具体的な事業");
    expect(text).toContain("区分 › 項目 › 具体施策");
    // A 平成 plan's years in the era, with the Western years beside them.
    expect(text).toContain("平成25～29年度（2013～2017年度）");
    expect(await pageText(await new Client(base).get("/plans/shiroi"))).toContain("計画期間: 平成25～29年度（2013～2017年度）");
  });

  it("shows a plan's tree with its level names, printed codes, tiers and statuses", async () => {
    const text = await pageText(await new Client(base).get("/plans/tier"));
    expect(text).toMatch(/区分<\/span> <span class="measure-code">\(1\)/);
    expect(text).toContain("優先度【Ⅰ】");
    expect(text).toContain("状況: 済・継続");
    expect((await new Client(base).get("/plans/no-such-plan")).status).toBe(404);
  });

  it("shows a measure with its fields and entries in era and western years, without edit forms for the public", async () => {
    const text = await pageText(await new Client(base).get(`/measures/${ownMeasure}`));
    expect(text).toContain("市民が見やすいホームページの作成と管理");
    expect(text).toContain("企画政策課、秘書広報課、総務課、各課");
    expect(text).toContain("平成25～29年度<span class=\"western\">（2013～2017年度）</span>");
    expect(text).toContain("計画書から");
    expect(text).not.toContain("実施したことを追加する");
    expect(text).not.toContain("状況を変更する");
    expect((await new Client(base).get("/measures/not-a-measure")).status).toBe(404);
  });

  it("shows a Yamaguchi measure with its target actors, purpose, completion criteria, yearly schedule and 【再掲】 original", async () => {
    await importPlan(db(), parsePlan(readSeed("yamaguchi")), { slug: "yamaguchi", actorId: null });
    const text = await pageText(await new Client(base).get(`/measures/${await measureId("yamaguchi", "III-(2)-②")}`));
    expect(text).toContain("推進項目対象（対象とする主体）");
    expect(text).toContain("市民、地域コミュニティ、市民活動団体、事業者、教育機関");
    expect(text).toContain("学びあう人々、支え合う人々が今よりもいっそう多くなります。");
    expect(text).toContain("人材や団体情報が登録され、その仕組みが確立されたときに完了");
    expect(text).toContain("<caption>年次計画</caption>");
    expect(text).toContain("平成21年度<br/>(2009)");
    expect(text).toMatch(/【再掲】この施策は <a[^>]*href="\/measures\/[^"]+">II-\(4\)-① 人材や団体情報の集約、データベース化<\/a> の再掲です。/);
  });

  it("shows the tier table's next-term proposal and reason", async () => {
    const text = await pageText(await new Client(base).get(`/measures/${await measureId("tier", "1")}`));
    expect(text).toContain("次期の案（2期案）");
    expect(text).toContain("コロナにより需要が低減");
  });
});

describe("a plan of thousands of measures (docs/decisions/0015)", () => {
  // 3 goals × 10 policies × 20 leaves: 633 measures, past the 400 a page shows whole.
  beforeAll(async () => {
    const base = { implementers: [], targetActors: [], schedule: [], labels: [], line: 0, departments: [] };
    const measures: ParsedPlan["measures"] = [];
    for (let g = 1; g <= 3; g++) {
      measures.push({ ...base, entries: [], code: `${g}`, parentCode: null, level: 0, title: `大きな目標${g}` });
      for (let p = 1; p <= 10; p++) {
        measures.push({ ...base, entries: [], code: `${g}-(${p})`, parentCode: `${g}`, level: 1, title: `大きな施策${g}-${p}` });
        for (let l = 1; l <= 20; l++) {
          const entries = [{ text: `講座${g}-${p}-${l}を開いた`, fiscalYearFrom: 2024, fiscalYearTo: 2024, fiscalYearLabel: "令和6年度", departments: [], line: 0 }];
          measures.push({ ...base, entries, code: `${g}-(${p})-${l}`, parentCode: `${g}-(${p})`, level: 2, title: `大きな事業${g}-${p}-${l}` });
        }
      }
    }
    await importPlan(db(), { layout: "shiroi-progress", title: "大きな計画", levelNames: ["目標", "施策", "事業"], measures, warnings: [] }, { slug: "big", actorId: null });
  });

  it("shows the plan's headings with how many measures each holds, and opens one on demand with stable links", async () => {
    const page = await pageText(await new Client(base).get("/plans/big"));
    expect(page).toContain("（施策 633件）");
    expect(page).toContain("大きな施策2-7");
    expect(page).not.toContain("大きな事業2-7-1<");
    const policy = await measureId("big", "2-(7)");
    expect(page).toContain(`href="/plans/big?open=${policy}#m-${policy}">事業 20件を表示`);
    const opened = await pageText(await new Client(base).get(`/plans/big?open=${policy}`));
    const leaf = await measureId("big", "2-(7)-1");
    expect(opened).toContain(`href="/measures/${leaf}">大きな事業2-7-1</a>`);
    expect(opened).toContain("大きな事業2-7-20<");
    expect(opened).not.toContain("大きな事業2-8-1<");
  });

  it("pages the progress list, each page saying under which headings it goes on, and shows it whole to print", async () => {
    const first = await pageText(await new Client(base).get("/plans/big/progress"));
    expect(first).toContain("1 / 7 ページ（全 633件）");
    expect(first).toContain("講座1-1-1を開いた");
    expect(first).not.toContain("講座3-10-20を開いた");
    const second = await pageText(await new Client(base).get("/plans/big/progress?page=2"));
    expect(second).toContain("目標 1 大きな目標1（前のページから続く）");
    expect(second).not.toContain("講座1-1-1を開いた");
    const all = await pageText(await new Client(base).get("/plans/big/progress?page=all"));
    expect(all).toContain("講座1-1-1を開いた");
    expect(all).toContain("講座3-10-20を開いた");
    expect(all).toContain("全 633件を1ページに表示しています");
    // Each row links to its measure (the ids are looked up for the page's codes only): on a page, and on
    // the whole list, whose 600 leaves are more codes than one lookup takes.
    expect(second).toContain(`href="/measures/${await measureId("big", "1-(10)-1")}"`);
    expect(all).toContain(`href="/measures/${await measureId("big", "1-(1)-1")}"`);
    expect(all).toContain(`href="/measures/${await measureId("big", "3-(10)-20")}"`);
    expect(all).not.toContain(`href="/measures/undefined"`);
  });
});

describe("the plan's documents sent to a visitor", () => {
  it("come without the app's scripts and their data repeated as JSON, while signed-in users and other pages keep them", async () => {
    const visitor = new Client(base);
    for (const path of ["/plans/big/progress", "/plans/big"]) {
      const html = await (await visitor.get(path)).text();
      expect(html).toContain("大きな目標1");
      expect(html).not.toContain("<script");
      expect(html).not.toContain("__remixContext");
    }
    expect(await (await visitor.get("/plans")).text()).toContain("__remixContext");
    const coordinator = await userIn(["coordinator"], null);
    expect(await (await coordinator.get("/plans/big/progress")).text()).toContain("__remixContext");
  });
});

describe("progress entries and statuses", () => {
  it("lets staff add an entry to a measure of their department, and it shows on the measure page", async () => {
    const staff = await userIn(["department_staff"], secretary);
    expect(await pageText(await staff.get(`/measures/${ownMeasure}`))).toContain("実施したことを追加する");
    const response = await staff.post(`/measures/${ownMeasure}/entries`, { text: "広報紙の電子版を公開", fiscalYearFrom: "R6", fiscalYearTo: "令和7年度", department: "秘書広報課" });
    expect(response.status).toBe(302);
    expect(locationOf(response)).toBe(`/measures/${ownMeasure}`);
    const text = await pageText(await staff.get(`/measures/${ownMeasure}`));
    expect(text).toContain("広報紙の電子版を公開");
    expect(text).toContain("令和6～7年度<span class=\"western\">（2024～2025年度）</span>");
    expect(text).toContain("担当課の入力");
  });

  it("refuses staff an entry on another department's measure (403) and a department not theirs", async () => {
    const staff = await userIn(["department_staff"], secretary);
    expect((await staff.post(`/measures/${otherMeasure}/entries`, { text: "x", fiscalYearFrom: "R6", department: "しろいの魅力発信課" })).status).toBe(403);
    expect(await pageText(await staff.get(`/measures/${otherMeasure}`))).not.toContain("実施したことを追加する");
    const wrong = await staff.post(`/measures/${ownMeasure}/entries`, { text: "x", fiscalYearFrom: "R6", department: "総務課" });
    expect(wrong.status).toBe(400);
    expect(await pageText(wrong)).toContain("この施策の担当課から選んでください");
  });

  it("returns what was typed with the errors when the entry is invalid", async () => {
    const staff = await userIn(["department_staff"], secretary);
    const response = await staff.post(`/measures/${ownMeasure}/entries`, { text: "入力した内容", fiscalYearFrom: "そのうち", department: "秘書広報課" });
    expect(response.status).toBe(400);
    const text = await pageText(response);
    expect(text).toContain("入力した内容");
    expect(text).toContain("「令和6年度」「R6」「2024」のように入力してください");
  });

  it("lets the coordinator add to any measure and set statuses, keeping every change with its reason", async () => {
    const coordinator = await userIn(["coordinator"], null);
    expect((await coordinator.post(`/measures/${otherMeasure}/entries`, { text: "駅掲示板の更新", fiscalYearFrom: "2026", department: "市民活動支援課" })).status).toBe(302);
    expect((await coordinator.post(`/measures/${otherMeasure}/status`, { status: "着手中", reason: "令和8年度に着手" })).status).toBe(302);
    expect((await coordinator.post(`/measures/${otherMeasure}/status`, { status: "済" })).status).toBe(302);
    const changes = await db().selectFrom("measure_status_changes").where("measure_id", "=", otherMeasure).orderBy("changed_at").selectAll().execute();
    expect(changes.map((c) => [c.from_status, c.to_status, c.reason])).toEqual([
      [null, "着手中", "令和8年度に着手"],
      ["着手中", "済", null],
    ]);
    const text = await pageText(await new Client(base).get(`/measures/${otherMeasure}`));
    expect(text).toContain("なし → 着手中（理由: 令和8年度に着手）");
    expect(text).toContain("着手中 → 済");
  });

  it("shows a signed-in clerk the plan and its progress list as changed on the next request (what they read is kept per content version)", async () => {
    const coordinator = await userIn(["coordinator"], null);
    const view = async () => [await pageText(await coordinator.get("/plans/shiroi")), await pageText(await coordinator.get("/plans/shiroi/progress")), await (await coordinator.get("/plans/shiroi/progress.csv")).text()];
    const [plan, list, csv] = await view();
    expect(list).not.toContain("公民館だよりで周知した");
    expect(csv).not.toContain("公民館だよりで周知した");
    await view(); // read again: this time from the copy kept for the version
    expect((await coordinator.post(`/measures/${ownMeasure}/entries`, { text: "公民館だよりで周知した", fiscalYearFrom: "2026", department: "秘書広報課" })).status).toBe(302);
    expect((await coordinator.post(`/measures/${ownMeasure}/status`, { status: "済・継続", reason: "利用者の声を受けて" })).status).toBe(302);
    const [planAfter, listAfter, csvAfter] = await view();
    expect(listAfter).toContain("公民館だよりで周知した");
    expect(csvAfter).toContain("公民館だよりで周知した");
    const continued = (page: string) => page.split("状況: 済・継続").length - 1;
    expect(continued(planAfter)).toBe(continued(plan) + 1);
  });

  it("dates the status history on the Tokyo clock, in the era", async () => {
    const coordinator = await userIn(["coordinator"], null);
    expect((await coordinator.post(`/measures/${ownMeasure}/status`, { status: "一部済", reason: "月末の会議で確認" })).status).toBe(302);
    // 23:30 UTC on 31 January is 8:30 on 1 February in Tokyo.
    await db().updateTable("measure_status_changes").set({ changed_at: "2027-01-31T23:30:00.000Z" }).where("measure_id", "=", ownMeasure).where("reason", "=", "月末の会議で確認").execute();
    const text = await pageText(await new Client(base).get(`/measures/${ownMeasure}`));
    expect(text).toMatch(/>令和9年2月1日（月）8:30<\/time> [^<]*→ 一部済（理由: 月末の会議で確認）/);
    expect(text).not.toContain(">2027-01-31<");
  });

  it("refuses staff the status change (403)", async () => {
    const staff = await userIn(["department_staff"], secretary);
    expect((await staff.post(`/measures/${ownMeasure}/status`, { status: "済" })).status).toBe(403);
  });
});

describe("evidence links", () => {
  it("lets the owning department's staff link a matching sheet and remove it; others may not", async () => {
    await insertSheet(db(), { id: "sheet-secretary", departmentId: secretary, title: "広報紙を一緒に作る団体募集", fiscalYear: 2026 });
    await insertSheet(db(), { id: "sheet-other", departmentId: other, title: "魅力発信のアイデア", fiscalYear: 2025 });
    const staff = await userIn(["department_staff"], secretary);
    const form = await pageText(await staff.get(`/measures/${ownMeasure}/links`));
    expect(form).toContain("広報紙を一緒に作る団体募集");
    expect(form).not.toContain("魅力発信のアイデア");
    expect((await staff.post(`/measures/${ownMeasure}/links`, { intent: "link", sheetId: "sheet-other" })).status).toBe(403);
    expect((await staff.post(`/measures/${ownMeasure}/links`, { intent: "link", sheetId: "sheet-secretary" })).status).toBe(302);

    const text = await pageText(await new Client(base).get(`/measures/${ownMeasure}`));
    expect(text).toContain("マッチングシート");
    expect(text).toMatch(/<a[^>]*href="\/sheets\/sheet-secretary">広報紙を一緒に作る団体募集<\/a>/);
    expect(text).toContain("令和8年度（2026年度）");
    expect(text).not.toContain("結び付けを外す");

    const link = await db().selectFrom("measure_links").where("measure_id", "=", ownMeasure).selectAll().executeTakeFirstOrThrow();
    const outsider = await userIn(["department_staff"], other);
    expect((await outsider.post(`/measures/${ownMeasure}/links`, { intent: "unlink", linkId: link.id })).status).toBe(403);
    expect(await pageText(await staff.get(`/measures/${ownMeasure}`))).toContain("結び付けを外す");
    expect((await staff.post(`/measures/${ownMeasure}/links`, { intent: "unlink", linkId: link.id })).status).toBe(302);
    expect(await db().selectFrom("measure_links").where("id", "=", link.id).selectAll().executeTakeFirst()).toBeUndefined();
  });

  it("turns an awarded project into a progress entry and a link of each measure, once", async () => {
    const measures = [await measureId("tier", "1"), await measureId("tier", "2")];
    const first = await recordProjectEvidence(db(), { projectId: "project-1", measureIds: measures, text: "民間スペースの案内冊子", fiscalYear: 2026, departmentNames: ["市民活動支援課"] });
    expect(first).toEqual({ added: 2, replaced: 0 });
    const again = await recordProjectEvidence(db(), { projectId: "project-1", measureIds: measures, text: "民間スペースの案内冊子（改訂）", fiscalYear: 2026, departmentNames: ["市民活動支援課"] });
    expect(again).toEqual({ added: 0, replaced: 2 });
    const entries = await db().selectFrom("progress_entries").where("source", "=", "project").where("source_id", "=", "project-1").selectAll().execute();
    expect(entries.map((e) => e.text)).toEqual(["民間スペースの案内冊子（改訂）", "民間スペースの案内冊子（改訂）"]);
    const links = await db().selectFrom("measure_links").where("subject_type", "=", "project").where("subject_id", "=", "project-1").selectAll().execute();
    expect(links).toHaveLength(2);
    const text = await pageText(await new Client(base).get(`/measures/${measures[0]}`));
    expect(text).toContain("協働事業の実績");
    expect(text).toContain("令和8年度<span class=\"western\">（2026年度）</span>");
    // A re-import of the document keeps the project's entry.
    await importPlan(db(), parsePlan(readSeed("tierTable")), { slug: "tier", actorId: null });
    expect(await db().selectFrom("progress_entries").where("source_id", "=", "project-1").selectAll().execute()).toHaveLength(2);
  });
});

describe("the progress list and its downloads", () => {
  it("shows the tier summary computed from the statuses beside the printed one, and the charts with tables", async () => {
    const text = await pageText(await new Client(base).get("/plans/tier/progress"));
    expect(text).toContain("【達成状況】");
    // each row links to its measure's page
    expect(text).toContain(`href="/measures/${await measureId("tier", "1")}"`);
    expect(text).toContain("5/6：済 1/6：未");
    expect(text).toContain("（集計と異なります）");
    expect(text).toContain("2/2：未（同じ）");
    expect(text).toMatch(/<svg role="img" aria-labelledby="tier-chart-title"/);
    expect(text).toContain("優先度ごとの施策の状況（件数）");
    // Printing leaves out the menus: the stylesheet hides them under @media print.
    const css = await (await new Client(base).get(/href="(\/build\/_assets\/portal-[^"]+\.css)"/.exec(text)![1])).text();
    expect(css).toMatch(/@media print\s*{[^}]*\.site-header[^}]*\.no-print[^}]*display:\s*none/);
    expect(text).toContain('class="downloads no-print"');
  });

  it("counts an entry printed for 平成 25、26、28 年度 in those three years, not in 2015", async () => {
    const text = await pageText(await new Client(base).get("/plans/shiroi/progress"));
    expect(text).toMatch(/平成27年度（2015年度）\s*<\/th>\s*<td>36<\/td>/);
    expect(text).toMatch(/平成28年度（2016年度）\s*<\/th>\s*<td>51<\/td>/);
    const entry = await db()
      .selectFrom("progress_entries")
      .innerJoin("measures", "measures.id", "progress_entries.measure_id")
      .innerJoin("plans", "plans.id", "measures.plan_id")
      .where("plans.slug", "=", "shiroi")
      .where("progress_entries.fiscal_year_label", "=", "平成25、26、28年度")
      .select("measures.id")
      .executeTakeFirstOrThrow();
    const page = await pageText(await new Client(base).get(`/measures/${entry.id}`));
    expect(page).toContain("平成25、26、28年度<span class=\"western\">（2013、2014、2016年度）</span>");
  });

  it("serves the xlsx with a Japanese file name, a frozen header and the entries as lines in a wrapped cell", async () => {
    const response = await new Client(base).get("/plans/shiroi/progress.xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toContain('filename="shiroi-progress.xlsx"');
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("市民参加・協働のまちづくりプラン 進捗一覧.xlsx")}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    // Title, the plan's own row (計画書の形式, so a re-import keeps the plan's layout), then the frozen header.
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect((sheet.getRow(2).values as string[]).slice(1, 3)).toEqual(["計画書の形式", "白井市の進捗一覧"]);
    expect((sheet.getRow(3).values as string[]).slice(1, 5)).toEqual(["番号", "施策", "担当課", "実施したこと(実施年度)"]);
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "1-(1)-(1)-①") {
        found = true;
        const cell = row.getCell(4);
        expect(String(cell.value).split("\n")[0]).toBe("利用者が必要な情報に簡単にたどり着くサイト構造、デザインとしてホームページリニューアル(平成26年度)【秘書広報課】");
        expect(cell.alignment?.wrapText).toBe(true);
      }
    });
    expect(found).toBe(true);
    expect(sheet.getColumn(4).width).toBeGreaterThan(40);
  });

  it("serves CSV in UTF-8 with a BOM, and in Shift_JIS on request", async () => {
    const utf8 = new Uint8Array(await (await new Client(base).get("/plans/shiroi/progress.csv")).arrayBuffer());
    expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(utf8.slice(3));
    expect(text.split("\r\n")[1]).toBe("計画書の形式,白井市の進捗一覧");
    expect(text.split("\r\n")[2]).toMatch(/^番号,施策,担当課,実施したこと\(実施年度\),状況/);
    const response = await new Client(base).get("/plans/shiroi/progress.csv?encoding=sjis");
    expect(response.headers.get("Content-Type")).toContain("Shift_JIS");
    const sjis = Buffer.from(await response.arrayBuffer());
    expect([...sjis.subarray(0, 2)]).not.toEqual([0xef, 0xbb]);
    // 番号 in Shift_JIS is 94 D4 8D 86.
    expect(sjis.includes(Buffer.from([0x94, 0xd4, 0x8d, 0x86]))).toBe(true);
    expect(iconv.decode(sjis, "cp932")).toBe(text);
  });
});

describe("the coordinator's upload", () => {
  it("is refused to staff (403)", async () => {
    const staff = await userIn(["department_staff"], secretary);
    expect((await upload(staff, "/plans/import", { intent: "preview" }, { name: "a.txt", bytes: Buffer.from(readSeed("tierTable")) })).status).toBe(403);
  });

  it("previews without writing, then imports the staged file", async () => {
    const coordinator = await userIn(["coordinator"], null);
    const before = await db().selectFrom("plans").select("slug").execute();
    const preview = await upload(coordinator, "/plans/import", { intent: "preview", slug: "uploaded-004" }, { name: "004.txt", bytes: iconv.encode(readSeed("tierTable"), "cp932") });
    expect(preview.status).toBe(200);
    const text = await pageText(preview);
    expect(text).toContain("取り込みの確認（まだ書き込んでいません）");
    expect(text).toContain("46件"); // 7 + 16 + 23 measures
    expect(text).toContain("確認してほしい点");
    expect(await db().selectFrom("plans").select("slug").execute()).toEqual(before);
    const token = /name="token" value="([^"]+)"/.exec(text)![1];
    const done = await upload(coordinator, "/plans/import", { intent: "import", token });
    expect(done.status).toBe(302);
    expect(locationOf(done)).toBe("/plans/uploaded-004");
    expect(await pageText(await coordinator.get("/plans/uploaded-004"))).toContain("民間施設等の活用に向けた協力体制の構築");
    // The token is spent.
    expect((await upload(coordinator, "/plans/import", { intent: "import", token })).status).toBe(400);
  });

  it("states its limit of 10MB and refuses a larger file with it, writing nothing", async () => {
    const coordinator = await userIn(["coordinator"], null);
    expect(await pageText(await coordinator.get("/plans/import"))).toContain(".txt（タブ区切り）・.csv・.xlsx、10MBまで");
    const before = await db().selectFrom("plans").select("slug").execute();
    const over = await upload(coordinator, "/plans/import", { intent: "preview" }, { name: "big.txt", bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x0a) });
    expect(over.status).toBe(413);
    expect(await pageText(over)).toContain("ファイルが大きすぎます（10MBまで）。");
    expect(await db().selectFrom("plans").select("slug").execute()).toEqual(before);
  });

  it("reports a malformed file with line numbers and writes nothing", async () => {
    const coordinator = await userIn(["coordinator"], null);
    const broken = "題\r\n番号,施策,担当課,実施したこと(実施年度),状況,優先度,階層,上位番号\r\n1,目標,,,,,基本目標,\r\n1-(1),施策,課,,たぶん,,施策,1\r\n";
    const response = await upload(coordinator, "/plans/import", { intent: "preview", slug: "broken" }, { name: "broken.csv", bytes: Buffer.from(broken) });
    expect(response.status).toBe(400);
    const text = await pageText(response);
    expect(text).toContain("4行目: 状況「たぶん」");
    expect(await db().selectFrom("plans").where("slug", "=", "broken").selectAll().executeTakeFirst()).toBeUndefined();
  });

  it("shows what a re-import would change", async () => {
    const coordinator = await userIn(["coordinator"], null);
    const changed = readSeed("tierTable").replace("1\t民間施設等の活用に向けた協力体制の構築\t【Ⅰ】<重点施策>\t済・継", "1\t民間施設等の活用に向けた協力体制の構築\t【Ⅰ】<重点施策>\t着手中");
    const text = await pageText(await upload(coordinator, "/plans/import", { intent: "preview", slug: "tier" }, { name: "004.txt", bytes: Buffer.from(changed) }));
    expect(text).toContain("登録済みの計画を更新します");
    expect(text).toContain("1: 済・継続 → 着手中");
  });

  it("says in the preview which columns a file lacks and that their stored contents stay", async () => {
    const coordinator = await userIn(["coordinator"], null);
    await importPlan(db(), parsePlan(readSeed("yamaguchi")), { slug: "yamaguchi-old-export", actorId: null });
    // An export from before 目的 … 年次計画 were exported: only the progress list's own columns.
    const old = [
      "山口市協働推進プラン",
      "番号,施策,担当課,実施したこと(実施年度),状況,優先度,階層,上位番号",
      ...(await loadStoredPlan(db(), "yamaguchi-old-export"))!.measures.map((m) => [m.code, m.title, m.departments.join("\n"), "", "", "", ["推進方針", "推進施策", "推進項目"][m.level], m.parentCode ?? ""].map((c) => `"${c}"`).join(",")),
    ].join("\r\n");
    const text = await pageText(await upload(coordinator, "/plans/import", { intent: "preview", slug: "yamaguchi-old-export" }, { name: "old.csv", bytes: Buffer.from(old) }));
    expect(text).toContain("「目的」（施策52件）");
    expect(text).toContain("「年次計画」（施策52件）");
    expect(text).toContain("登録済みの内容を空にせず、そのまま残します");
  });

  it.each<[SeedName, string, "xlsx" | "csv"]>([
    ["shiroi", "rt-000", "xlsx"],
    ["shiroi", "rt-000-csv", "csv"],
    ["shiroiDated", "rt-001", "xlsx"],
    ["tierTable", "rt-004", "xlsx"],
    ["tierTable", "rt-004-csv", "csv"],
  ])("round-trips seed %s: export (%s) and import give the same measures, entries and statuses", async (seed, slug, format) => {
    const source = `src-${slug}`;
    await importPlan(db(), parsePlan(readSeed(seed)), { slug: source, actorId: null });
    const exported = new Uint8Array(await (await new Client(base).get(`/plans/${source}/progress.${format}${format === "csv" ? "?encoding=sjis" : ""}`)).arrayBuffer());
    const coordinator = await userIn(["coordinator"], null);
    const response = await upload(coordinator, "/plans/import", { intent: "import", slug }, { name: `export.${format}`, bytes: exported });
    expect(response.status).toBe(302);
    const original = (await loadStoredPlan(db(), source))!;
    const again = (await loadStoredPlan(db(), slug))!;
    expect(again.measures.length).toBe(original.measures.length);
    expect(essence(again)).toEqual(essence(original));
    expect(again.levelNames).toEqual(original.levelNames);
  });
});
