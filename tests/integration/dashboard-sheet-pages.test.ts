// A department's sheets on the staff dashboard come in pages of 50 (issue 14: a big department holds
// hundreds over ten years), last updated first, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { insertDepartment, insertSheet } from "../fixtures/records";
import { makeGroup } from "./proposal-fixtures";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

describe("the staff dashboard's sheets", () => {
  it("shows 50 a page, last updated first, with the total and the way to the next page", async () => {
    const db = getDb();
    const departmentId = await insertDepartment(db, "dash-pages-dept", "シート多数課");
    for (let i = 1; i <= 55; i++) {
      const id = await insertSheet(db, { id: `dash-pages-${i}`, departmentId, title: `課のシート${String(i).padStart(2, "0")}` });
      await db.updateTable("matching_sheets").set({ updated_at: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString() }).where("id", "=", id).execute();
    }
    await insertSheet(db, { id: "dash-pages-archived", departmentId, title: "保管済みのシート", status: "archived" });
    // A question waiting on a sheet of the second page, and one already answered on the first.
    const groupId = await makeGroup("質問する会", []);
    const question = (id: string, sheetId: string, answer: string | null) =>
      db.insertInto("sheet_questions").values({ id, sheet_id: sheetId, group_id: groupId, asked_by: null, question: "活動の日程は？", asked_at: "2026-06-02T00:00:00.000Z", answer, answered_by: null, answered_at: answer ? "2026-06-03T00:00:00.000Z" : null }).execute();
    await question("dash-pages-q1", "dash-pages-1", null);
    await question("dash-pages-q2", "dash-pages-55", "土曜日です。");
    const staff = await createUser(["department_staff"]);
    await db.updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();
    const client = await clientFor(base, staff.id);

    const first = await pageText(await client.get("/dashboard"));
    expect(first).toContain("55件（1／2ページ）");
    expect(first).toContain("課のシート55");
    expect(first).toContain("課のシート06");
    expect(first).not.toContain("課のシート05");
    expect(first).not.toContain("保管済みのシート");
    expect(first).toContain("次のページ");
    // The waiting question is named on the first page although its sheet is listed on the second.
    const waiting = first.slice(first.indexOf("回答を待っている質問があるシート"), first.indexOf("<table"));
    expect(waiting).toContain('href="/sheets/dash-pages-1"');
    expect(waiting).toContain("未回答 1件");
    expect(waiting).not.toContain("dash-pages-55");

    const second = await pageText(await client.get("/dashboard?page=2"));
    expect(second).toContain("55件（2／2ページ）");
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`課のシート${n}`);
    expect(second).not.toContain("課のシート06");
    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/dashboard?page=99"))).toContain("55件（2／2ページ）");
    expect(await pageText(await client.get("/dashboard?page=x"))).toContain("55件（1／2ページ）");
  });
});
