// Admins grant and remove roles; every change lands in the audit log with who, what and when.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId } from "../../db/values";
import { recordAudit } from "../../app/domain/audit/commands.server";
import { importPlan } from "../../app/domain/plans/commands.server";
import { parsePlan } from "../../app/domain/plans";
import { readSeed } from "../fixtures/seed-documents";
import { clientFor, createUser, locationOf, pageText, useServer, type Client } from "./harness";

const base = useServer();

describe("role administration", () => {
  it("grants and removes a role, and the audit log records both with the admin's name", async () => {
    const admin = await createUser(["admin"]);
    const target = await createUser(["department_staff"]);
    const client = await clientFor(base, admin.id);

    const granted = await client.post("/admin/users", { intent: "grant", userId: target.id, role: "reviewer" });
    expect(locationOf(granted)).toBe("/admin/users");
    const page = await (await client.get("/admin/users")).text();
    expect(page).toContain(`${target.email} に「審査委員」を付与しました。`);

    // the user now holds both roles: staff who also reviews
    const roles = await getDb().selectFrom("user_roles").where("user_id", "=", target.id).select("role").execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["department_staff", "reviewer"]);

    await client.post("/admin/users", { intent: "revoke", userId: target.id, role: "department_staff" });
    const after = await getDb().selectFrom("user_roles").where("user_id", "=", target.id).select("role").execute();
    expect(after.map((r) => r.role)).toEqual(["reviewer"]);

    const log = await getDb()
      .selectFrom("audit_log")
      .where("subject_id", "=", target.id)
      .where("action", "in", ["role.grant", "role.revoke"])
      .selectAll()
      .orderBy("created_at")
      .execute();
    expect(log.map((e) => [e.action, e.actor_user_id, JSON.parse(e.detail).role])).toEqual([
      ["role.grant", admin.id, "reviewer"],
      ["role.revoke", admin.id, "department_staff"],
    ]);
    const audit = await (await client.get("/admin/audit")).text();
    expect(audit).toContain("役割の付与");
    expect(audit).toContain(admin.email);
    // In the city's words: the subject by name, the detail as 項目: 値, no codes or JSON.
    expect(audit).toMatch(new RegExp(`利用者: テスト \\d+（${target.email}）`));
    expect(audit).toContain("役割: 審査委員");
    expect(audit).not.toContain("role.grant");
    expect(audit).not.toContain("{&quot;role");
    // The log is paged by cursor now (below): an old page number shows the newest entries.
    const oldAddress = await client.get("/admin/audit?page=9999");
    expect(oldAddress.status).toBe(200);
    expect(await oldAddress.text()).toContain("役割の付与");
  });

  it("will not remove the last admin", async () => {
    await getDb().deleteFrom("user_roles").where("role", "=", "admin").execute();
    const admin = await createUser(["admin"]);
    const client = await clientFor(base, admin.id);
    const response = await client.post("/admin/users", { intent: "revoke", userId: admin.id, role: "admin" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("最後の管理者から管理者の役割は外せません");
    const roles = await getDb().selectFrom("user_roles").where("user_id", "=", admin.id).select("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["admin"]);
  });

  it("rejects a role that does not exist", async () => {
    const admin = await createUser(["admin"]);
    const target = await createUser([]);
    const client = await clientFor(base, admin.id);
    const response = await client.post("/admin/users", { intent: "grant", userId: target.id, role: "superuser" });
    expect(response.status).toBe(400);
    expect(await getDb().selectFrom("user_roles").where("user_id", "=", target.id).selectAll().execute()).toEqual([]);
  });

  it("puts a staff member in a department, shown on their dashboard and in the audit log", async () => {
    const admin = await createUser(["admin"]);
    const staff = await createUser(["department_staff"]);
    const department = { id: "dept-1", name: "生涯学習課", parent_division: "教育部", contact: null, created_at: new Date().toISOString() };
    await getDb().insertInto("departments").values(department).execute();
    const client = await clientFor(base, admin.id);

    const unknown = await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "no-such-department" });
    expect(unknown.status).toBe(404);

    const set = await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "dept-1" });
    expect(locationOf(set)).toBe("/admin/users");
    const dashboard = await pageText(await (await clientFor(base, staff.id)).get("/dashboard"));
    expect(dashboard).toContain("所属: 生涯学習課");

    await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "" });
    const row = await getDb().selectFrom("users").where("id", "=", staff.id).select("department_id").executeTakeFirstOrThrow();
    expect(row.department_id).toBeNull();
    const log = await getDb().selectFrom("audit_log").where("action", "=", "user.department.set").where("subject_id", "=", staff.id).select("detail").orderBy("created_at").execute();
    expect(log.map((e) => JSON.parse(e.detail).department)).toEqual(["生涯学習課", null]);
  });

  it("shows each role its own dashboard sections", async () => {
    const both = await createUser(["department_staff", "reviewer"]);
    const html = await (await (await clientFor(base, both.id)).get("/dashboard")).text();
    expect(html).toContain("担当課の職員として");
    expect(html).toContain("審査委員として");
    expect(html).not.toContain("管理者として");
    expect(html).not.toContain("ユーザー管理</a></li>");
  });
});

describe("the audit log by cursor", () => {
  /** Entries marked 「理由: 記録N」, written directly at the instants given (the log emptied first by the tests). */
  async function writeEntries(instants: string[], first = 1): Promise<string[]> {
    const rows = instants.map((at, i) => ({ id: newId(), actor_user_id: null, action: "role.grant", subject_type: "user", subject_id: null, detail: JSON.stringify({ reason: `記録${String(first + i).padStart(4, "0")}` }), created_at: at }));
    await getDb().insertInto("audit_log").values(rows).execute();
    return rows.map((r) => r.id);
  }
  /** `n` instants a second apart, the oldest first, from `start`. */
  const secondsFrom = (start: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(start) + i * 1000).toISOString());

  async function readPage(client: Client, address: string) {
    const response = await client.get(address);
    expect(response.status, address).toBe(200);
    const html = await pageText(response);
    const link = (text: string) => new RegExp(`<a [^>]*href="([^"]+)"[^>]*>${text}</a>`).exec(html)?.[1];
    return { html, marks: [...html.matchAll(/<li>理由: (記録\d+)<\/li>/g)].map((m) => m[1]), newer: link("新しい記録"), older: link("古い記録"), newest: link("最新の記録へ") };
  }
  const marks = (from: number, to: number) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => `記録${String(from > to ? from - i : from + i).padStart(4, "0")}`);

  async function adminWithEmptyLog() {
    const admin = await createUser(["admin"]);
    const client = await clientFor(base, admin.id);
    await getDb().deleteFrom("audit_log").execute();
    return { admin, client };
  }

  it("shows a plan import's entry whole and in Japanese: the plan by its title, and every measure code it added", async () => {
    const { client } = await adminWithEmptyLog();
    const slug = `audit-import-${Date.now()}`;
    const report = await importPlan(getDb(), parsePlan(readSeed("shiroi")), { slug, actorId: null });
    const plan = await getDb().selectFrom("plans").where("id", "=", report.planId).select("title").executeTakeFirstOrThrow();
    const { html } = await readPage(client, "/admin/audit");
    expect(html).toContain(`<td>計画: ${plan.title}</td>`);
    expect(html).toContain(`<li>計画: ${plan.title}</li>`);
    expect(html).toContain(`<li>識別名: ${slug}</li>`);
    expect(report.changes.added).toHaveLength(105);
    expect(html).toContain(`<li>変更した施策: 追加 ${report.changes.added.join("、")}、更新 なし、削除 なし、残したもの なし、状態の変更 なし</li>`);
    expect(html).toContain("<li>新しく作成: はい</li>");
    expect(html).toContain("<li>ファイルになく残した列: なし</li>");
    // Every item of the detail in the city's words: no key of the stored report shown as it is.
    expect(html.match(/<li>[A-Za-z]+: /g)).toBeNull();
  });

  it("pages newest first, and back up to the same entries while new ones are written", async () => {
    const { admin, client } = await adminWithEmptyLog();
    await writeEntries(secondsFrom("2026-04-01T00:00:00.000Z", 250));

    const first = await readPage(client, "/admin/audit");
    expect(first.marks).toEqual(marks(250, 151));
    expect([first.newer, first.newest]).toEqual([undefined, undefined]);
    const second = await readPage(client, first.older!);
    expect(first.older).toMatch(/^\/admin\/audit\?before=/);
    expect(second.marks).toEqual(marks(150, 51));
    expect(second.newest).toBe("/admin/audit");

    // The city works meanwhile: 30 entries written before the admin goes back up. By page number the
    // newest page would now hold 30 other entries and the second page 30 seen already.
    for (let i = 0; i < 30; i++) await recordAudit(getDb(), { actorId: admin.id, action: "role.grant", subjectType: "user", subjectId: admin.id, detail: { reason: `新規${i}` } });
    const backUp = await readPage(client, second.newer!);
    expect(second.newer).toMatch(/^\/admin\/audit\?after=/);
    expect(backUp.marks).toEqual(marks(250, 151));
    expect(backUp.newer).toBeDefined(); // the 30 new ones are above
    const top = await readPage(client, backUp.newer!);
    expect(top.marks).toEqual([]);
    expect(top.html.match(/理由: 新規\d+/g)).toHaveLength(30);
    expect(top.newer).toBeUndefined();

    // Down to the end: every entry once, the last page without 「古い記録」.
    const last = await readPage(client, second.older!);
    expect(last.marks).toEqual(marks(50, 1));
    expect(last.older).toBeUndefined();
    expect(last.newer).toBeDefined();
  });

  it("neither loses nor repeats entries of the same moment across a page boundary", async () => {
    const { client } = await adminWithEmptyLog();
    // 40 older, 120 written in the same millisecond (a page boundary falls among them), 60 newer.
    const sameMoment = "2026-05-01T03:00:00.000Z";
    await writeEntries(secondsFrom("2026-05-01T02:00:00.000Z", 40), 1);
    const tied = await writeEntries(Array(120).fill(sameMoment), 41);
    await writeEntries(secondsFrom("2026-05-01T04:00:00.000Z", 60), 161);

    const pages = [await readPage(client, "/admin/audit")];
    while (pages.at(-1)!.older) pages.push(await readPage(client, pages.at(-1)!.older!));
    expect(pages.map((p) => p.marks.length)).toEqual([100, 100, 20]);
    const seen = pages.flatMap((p) => p.marks);
    expect(new Set(seen).size).toBe(220);
    // Newest first; the entries of the same moment by id, highest first.
    const tiedMarks = new Map(tied.map((id, i) => [id, `記録${String(41 + i).padStart(4, "0")}`]));
    const tiedInOrder = [...tied].sort().reverse().map((id) => tiedMarks.get(id));
    expect(seen).toEqual([...marks(220, 161), ...tiedInOrder, ...marks(40, 1)]);

    // And back up from the last page: the same pages again.
    const up = await readPage(client, pages[2].newer!);
    expect(up.marks).toEqual(pages[1].marks);
    expect((await readPage(client, up.newer!)).marks).toEqual(pages[0].marks);
  });

  it("jumps to a day on the Tokyo clock", async () => {
    const { client } = await adminWithEmptyLog();
    await writeEntries([
      "2026-04-08T12:00:00.000Z", // 4月8日 21:00
      "2026-04-09T14:59:59.999Z", // 4月9日 23:59 — the day before
      "2026-04-09T15:00:00.000Z", // 4月10日 0:00
      "2026-04-10T14:59:59.999Z", // 4月10日 23:59 — still the 10th in Tokyo, the 10th in UTC too
      "2026-04-10T15:00:00.000Z", // 4月11日 0:00 — the 10th in UTC, the 11th in Tokyo
      "2026-04-12T01:00:00.000Z", // 4月12日 10:00
    ]);
    const day = await readPage(client, "/admin/audit?until=2026-04-10");
    expect(day.marks).toEqual(marks(4, 1));
    expect(day.html).toContain("令和8年4月10日とそれより前の記録です。");
    expect(day.html).toContain("令和8年4月10日（金）23:59");
    expect(day.html).toMatch(/<input[^>]*name="until"[^>]*value="2026-04-10"/);
    expect(day.older).toBeUndefined();
    expect(day.newest).toBe("/admin/audit");
    expect((await readPage(client, day.newer!)).marks).toEqual(marks(6, 5));

    const before = await readPage(client, "/admin/audit?until=2026-04-07");
    expect(before.marks).toEqual([]);
    expect(before.html).toContain("この日とそれより前の記録はありません。");
    expect(before.newer).toBeUndefined();
    expect(before.newest).toBe("/admin/audit");
  });

  it("says what is wrong with a date beside the field, keeps it, and shows the newest entries", async () => {
    const { client } = await adminWithEmptyLog();
    await writeEntries(secondsFrom("2026-04-01T00:00:00.000Z", 3));
    for (const [typed, message] of [
      ["2026-02-30", "日付は「2026-12-04」のように年-月-日で、実在する日を指定してください。"],
      ["4月10日", "日付は「2026-12-04」のように年-月-日で、実在する日を指定してください。"],
      ["", "日付を指定してください。"],
    ]) {
      const page = await readPage(client, `/admin/audit?until=${encodeURIComponent(typed)}`);
      expect(page.html, typed).toMatch(new RegExp(`<div id="audit-until-errors"[^>]*><p class="error">${message}</p></div>`));
      const input = /<input[^>]*name="until"[^>]*>/.exec(page.html)?.[0];
      expect(input, typed).toContain(`value="${typed}"`);
      expect(input, typed).toContain('aria-invalid="true"');
      expect(page.marks, typed).toEqual(marks(3, 1));
    }
  });

  it("answers 404 for a cursor that names no entry", async () => {
    const { client } = await adminWithEmptyLog();
    const [id] = await writeEntries(secondsFrom("2026-04-01T00:00:00.000Z", 1));
    for (const address of ["?before=no-such-entry", "?after=no-such-entry", "?before=", `?before=${id}&after=${id}`, `?before=${"x".repeat(101)}`]) {
      expect((await client.get(`/admin/audit${address}`)).status, address).toBe(404);
    }
    // The oldest entry's older side, the newest's newer side: empty pages that say so.
    expect((await readPage(client, `/admin/audit?before=${id}`)).html).toContain("これより古い記録はありません。");
    expect((await readPage(client, `/admin/audit?after=${id}`)).html).toContain("これより新しい記録はありません。");
  });
});
