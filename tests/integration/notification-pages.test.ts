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

describe("the unread ones only (?unread=1)", () => {
  it("hides the read ones, pages the unread ones with their total, and keeps the filter on its pages and forms", async () => {
    const user = await createUser(["group_member"]);
    // 85 notifications a minute apart (the 85th the newest): the 25 oldest unread, then every other one
    // read — 55 unread, over two pages of the unread ones.
    for (let i = 1; i <= 85; i++) {
      const n = String(i).padStart(2, "0");
      const at = new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString();
      const read = i > 25 && i % 2 === 0;
      await getDb()
        .insertInto("notifications")
        .values({ id: `unread-notice-${user.id}-${n}`, user_id: user.id, kind: "test", title: `絞り込みのお知らせ${n}${read ? "既読" : "未読"}`, body: "本文", link: null, created_at: at, read_at: read ? at : null, mailed_at: at })
        .execute();
    }
    const client = await clientFor(base, user.id);

    const all = await pageText(await client.get("/notifications"));
    expect(all).toContain("85件（1／2ページ）");
    expect(all).toContain("絞り込みのお知らせ84既読");
    expect(all).toContain('href="/notifications?unread=1"');
    expect(all).toContain("未読のみ（55件）");

    const first = await pageText(await client.get("/notifications?unread=1"));
    expect(first).toContain("55件（1／2ページ）");
    expect(first).not.toContain("既読</");
    expect(first.match(/未読<\/span>/g)).toHaveLength(50);
    for (const n of ["85", "83", "27", "25", "06"]) expect(first).toContain(`絞り込みのお知らせ${n}未読`);
    expect(first).not.toContain("絞り込みのお知らせ05未読");
    // The other pages keep the filter.
    expect(first).toContain('href="/notifications?unread=1&amp;page=2"');
    expect(first).toMatch(/href="\/notifications"[^>]*>すべて<\/a>/);

    const second = await pageText(await client.get("/notifications?unread=1&page=2"));
    expect(second).toContain("55件（2／2ページ）");
    for (const n of ["05", "01"]) expect(second).toContain(`絞り込みのお知らせ${n}未読`);
    expect(second).not.toContain("絞り込みのお知らせ06未読");
    // Anything but 1 is no filter.
    expect(await pageText(await client.get("/notifications?unread=yes"))).toContain("85件（1／2ページ）");

    // A form sent from a page of the unread ones comes back to it; once all are read, the filter says so.
    const back = (response: Response) => response.headers.get("Location");
    expect(back(await client.post("/notifications?unread=1&page=2", { intent: "frequency", mailFrequency: "daily" }))).toBe("/notifications?unread=1&page=2");
    expect(back(await client.post("/notifications?unread=1", { intent: "read-all" }))).toBe("/notifications?unread=1");
    const none = await pageText(await client.get("/notifications?unread=1"));
    expect(none).toContain("未読のお知らせはありません。");
    expect(none).not.toContain("絞り込みのお知らせ");
    expect(none).toMatch(/href="\/notifications"[^>]*>すべて<\/a>/);
  });
});
