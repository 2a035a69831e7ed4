// A user's notifications come in pages of 50 (issue 14: a busy coordinator gets thousands over the
// years), newest first, with the total; the unread ones stay counted and reachable, and a form sent
// from a page returns to it.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

describe("the list of notifications", () => {
  it("shows 50 a page, newest first, with the total, counts every unread one, and returns a form to its page", async () => {
    const user = await createUser(["group_member"]);
    // 55 notifications a minute apart (the 55th the newest); the three oldest, on the second page, unread.
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, "0");
      const at = new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString();
      await getDb()
        .insertInto("notifications")
        .values({ id: `paged-notice-${user.id}-${n}`, user_id: user.id, kind: "test", title: `頁確認のお知らせ${n}`, body: "本文", link: null, created_at: at, read_at: i <= 3 ? null : at, mailed_at: at })
        .execute();
    }
    const client = await clientFor(base, user.id);

    const first = await pageText(await client.get("/notifications"));
    expect(first).toContain("55件（1／2ページ）");
    for (const n of ["55", "30", "06"]) expect(first).toContain(`頁確認のお知らせ${n}`);
    expect(first).not.toContain("頁確認のお知らせ05");
    expect(first).toContain("次のページ");
    // The unread ones are on the second page, and counted on the first.
    expect(first).toContain("すべて既読にする（未読 3件）");

    const second = await pageText(await client.get("/notifications?page=2"));
    expect(second).toContain("55件（2／2ページ）");
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`頁確認のお知らせ${n}`);
    expect(second).not.toContain("頁確認のお知らせ06");
    expect(second.match(/未読<\/span>/g)).toHaveLength(3);

    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/notifications?page=99"))).toContain("55件（2／2ページ）");
    expect(await pageText(await client.get("/notifications?page=x"))).toContain("55件（1／2ページ）");

    // Both forms sent from the second page come back to it.
    const back = (response: Response) => response.headers.get("Location");
    expect(back(await client.post("/notifications?page=2", { intent: "frequency", mailFrequency: "daily" }))).toBe("/notifications?page=2");
    expect(back(await client.post("/notifications?page=2", { intent: "read-all" }))).toBe("/notifications?page=2");
    const afterwards = await pageText(await client.get("/notifications?page=2"));
    expect(afterwards).toContain("すべて既読にしました。");
    expect(afterwards).not.toContain("未読</span>");
    expect(afterwards).not.toContain("すべて既読にする");
  });
});
