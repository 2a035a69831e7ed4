// The coordinator's review queue of groups comes in pages of 50 (issue 14: thousands of approved groups
// after ten years; it used to stop at 500 without saying so), with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { makeGroup } from "./proposal-fixtures";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

describe("the coordinator's review queue of groups", () => {
  it("shows 50 groups a page, the longest waiting first, with the total, and a decision returns to its page", async () => {
    const db = getDb();
    // 55 pending groups waiting longer than any other, a minute apart (the 1st the longest).
    for (let i = 1; i <= 55; i++) {
      const id = await makeGroup(`審査待ちの会${String(i).padStart(2, "0")}`, [], "pending");
      await db.updateTable("groups").set({ updated_at: new Date(Date.UTC(2000, 0, 1, 0, i)).toISOString() }).where("id", "=", id).execute();
    }
    const total = Number((await db.selectFrom("groups").where("status", "=", "pending").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const pageCount = Math.ceil(total / 50);
    const coordinator = await createUser(["coordinator"]);
    const client = await clientFor(base, coordinator.id);

    const first = await pageText(await client.get("/coordinator/groups"));
    expect(first).toContain(`${total}件（1／${pageCount}ページ）`);
    expect(first).toMatch(new RegExp(`承認待ち（${total}）[\\s\\S]*承認済み（\\d+）[\\s\\S]*差戻し（\\d+）[\\s\\S]*停止中（\\d+）`)); // the tabs, counted in the same query
    for (const n of ["01", "25", "50"]) expect(first).toContain(`審査待ちの会${n}`);
    expect(first).not.toContain("審査待ちの会51");
    expect(first).toContain("次のページ");

    const second = await pageText(await client.get("/coordinator/groups?status=pending&page=2"));
    expect(second).toContain(`${total}件（2／${pageCount}ページ）`);
    for (const n of ["51", "52", "53", "54", "55"]) expect(second).toContain(`審査待ちの会${n}`);
    expect(second).not.toContain("審査待ちの会50");
    // Each form on the page posts to the page, so that a decision comes back to it.
    expect(second).toContain('action="/coordinator/groups?status=pending&amp;page=2"');

    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/coordinator/groups?status=pending&page=99"))).toContain(`${total}件（${pageCount}／${pageCount}ページ）`);
    expect(await pageText(await client.get("/coordinator/groups?status=pending&page=x"))).toContain(`${total}件（1／${pageCount}ページ）`);
    // A status that is not one of the tabs shows the groups awaiting approval.
    expect(await pageText(await client.get("/coordinator/groups?status=everything&page=2"))).toContain(`${total}件（2／${pageCount}ページ）`);

    const group = await db.selectFrom("groups").where("name", "=", "審査待ちの会53").select("id").executeTakeFirstOrThrow();
    const approved = await client.post("/coordinator/groups?status=pending&page=2", { groupId: group.id, decision: "approve" });
    expect(approved.headers.get("Location")).toBe("/coordinator/groups?status=pending&page=2");
    const after = await pageText(await client.get("/coordinator/groups?status=pending&page=2"));
    expect(after).toContain("「審査待ちの会53」を承認しました。");
    expect(after).toContain(`${total - 1}件（2／${pageCount}ページ）`);
  });
});
