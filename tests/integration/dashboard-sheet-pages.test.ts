// A department's sheets on the staff dashboard come in pages of 50 (issue 14: a big department holds
// hundreds over ten years), last updated first, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { insertDepartment, insertSheet } from "../fixtures/records";
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

    const second = await pageText(await client.get("/dashboard?page=2"));
    expect(second).toContain("55件（2／2ページ）");
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`課のシート${n}`);
    expect(second).not.toContain("課のシート06");
    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/dashboard?page=99"))).toContain("55件（2／2ページ）");
    expect(await pageText(await client.get("/dashboard?page=x"))).toContain("55件（1／2ページ）");
  });
});
