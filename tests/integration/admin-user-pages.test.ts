// The administrators' user list comes in pages of 50 (issue 14: ten years of a city's groups are
// thousands of accounts), newest account first, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

describe("the administrators' user list", () => {
  it("shows 50 accounts a page, newest first, with the total, and a form sent from a page returns to it", async () => {
    const db = getDb();
    const admin = await createUser(["admin"]);
    // 55 accounts newer than any other, a minute apart (the 55th the newest).
    for (let i = 1; i <= 55; i++) {
      const at = new Date(Date.UTC(2099, 0, 1, 0, i)).toISOString();
      const n = String(i).padStart(2, "0");
      await db
        .insertInto("users")
        .values({ id: `paged-user-${n}`, email: `paged-user-${n}@example.jp`, display_name: `ページ確認 ${n}`, password_hash: "-", department_id: null, email_confirmed_at: at, source: "test", created_at: at, updated_at: at })
        .execute();
    }
    const total = Number((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const pageCount = Math.ceil(total / 50);
    const client = await clientFor(base, admin.id);

    const first = await pageText(await client.get("/admin/users"));
    expect(first).toContain(`${total}件（1／${pageCount}ページ）`);
    for (const n of ["55", "30", "06"]) expect(first).toContain(`paged-user-${n}@example.jp`);
    expect(first).not.toContain("paged-user-05@example.jp");
    expect(first).toContain("次のページ");

    const second = await pageText(await client.get("/admin/users?page=2"));
    expect(second).toContain(`${total}件（2／${pageCount}ページ）`);
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`paged-user-${n}@example.jp`);
    expect(second).not.toContain("paged-user-06@example.jp");

    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/admin/users?page=99"))).toContain(`${total}件（${pageCount}／${pageCount}ページ）`);
    expect(await pageText(await client.get("/admin/users?page=x"))).toContain(`${total}件（1／${pageCount}ページ）`);

    // Granting a role on the second page comes back to the second page.
    const granted = await client.post("/admin/users?page=2", { intent: "grant", userId: "paged-user-03", role: "reviewer" });
    expect(granted.headers.get("Location")).toBe("/admin/users?page=2");
    expect(await pageText(await client.get("/admin/users?page=2"))).toContain("paged-user-03@example.jp に「審査委員」を付与しました。");
  });
});
