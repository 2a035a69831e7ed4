// The coordinator's list of received proposals comes in pages of 50 (issue 14: ten years of a city's
// proposals are never read whole), drafts under consultation first and then newest submission first, the
// same on SQLite and PostgreSQL, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { clientFor, createUser, pageText, useServer } from "./harness";
import { makeCall, makeDepartment, makeGroup, makeProposal } from "./proposal-fixtures";

const base = useServer();

describe("the coordinator's received proposals", () => {
  it("shows 50 a page, newest first, with the total and the way to the next page", async () => {
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("ページ確認の会", [owner.id]);
    const callId = await makeCall();
    for (let i = 1; i <= 55; i++) {
      const at = new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString();
      await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title: `ページ確認の提案${String(i).padStart(2, "0")}`, submitted_at: at, updated_at: at, created_at: at });
    }
    const coordinator = await clientFor(base, (await createUser(["coordinator"])).id);

    const first = await pageText(await coordinator.get("/proposals"));
    expect(first).toContain("55件（1／2ページ）");
    expect(first).toContain("ページ確認の提案55");
    expect(first).toContain("ページ確認の提案06");
    expect(first).not.toContain("ページ確認の提案05");
    expect(first).toContain("次のページ");

    const second = await pageText(await coordinator.get("/proposals?page=2"));
    expect(second).toContain("55件（2／2ページ）");
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`ページ確認の提案${n}`);
    expect(second).not.toContain("ページ確認の提案06");

    // A page past the end shows the last one.
    expect(await pageText(await coordinator.get("/proposals?page=99"))).toContain("55件（2／2ページ）");
  });

  it("pages proposals submitted at the same moment without repeating or losing one, shows drafts under consultation first and not other drafts", async () => {
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("同時提出の会", [owner.id]);
    const callId = await makeCall();
    const at = "2026-07-01T00:00:00.000Z"; // a batch entered at once: every proposal has the same times
    for (let i = 1; i <= 52; i++) {
      await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title: `同時提出の提案${String(i).padStart(2, "0")}`, submitted_at: at, updated_at: at, created_at: at });
    }
    await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "相談中の下書き", consultation_opened_at: at });
    await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "相談していない下書き" });
    const coordinator = await clientFor(base, (await createUser(["coordinator"])).id);

    const first = await pageText(await coordinator.get("/proposals"));
    const second = await pageText(await coordinator.get("/proposals?page=2"));
    // Every proposal the earlier test made shows too; this one's 52 + 1 draft under consultation count.
    const total = Number(/(\d+)件（1／/.exec(first)?.[1]);
    expect(total).toBeGreaterThanOrEqual(53);
    const titles = (text: string) => new Set(text.match(/同時提出の提案\d\d/g) ?? []);
    const pages = [titles(first), titles(second), titles(await pageText(await coordinator.get("/proposals?page=3")))];
    // Each of the 52 on exactly one page.
    expect(pages.reduce((n, p) => n + p.size, 0)).toBe(52);
    expect(new Set(pages.flatMap((p) => [...p])).size).toBe(52);
    // The draft under consultation waits for the staff's answer: on the first page, not after 100 received ones.
    expect(first).toContain("相談中の下書き");
    for (let page = 1; page <= Math.ceil(total / 50); page++) expect(await pageText(await coordinator.get(`/proposals?page=${page}`))).not.toContain("相談していない下書き");
  });

  it("shows each proposal once across a page boundary, in the list's order: drafts under consultation, then newest submission, then latest update, then id", async () => {
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("境界確認の会", [owner.id]);
    const callId = await makeCall();
    // 52 proposals newer than any other of this file, titled by the place each must have (01 first): 01–48
    // submitted a minute apart, 49–52 at one earlier moment — 49 updated last, then 50, then 51 and 52 at
    // the same time, told apart by the id. Inserted last to first, with ids against the order (the page's
    // rows are read by their ids), so that neither the table's order nor the ids' is the list's.
    const places = Array.from({ length: 52 }, (_, i) => i + 1);
    const at = (ms: number) => new Date(ms).toISOString();
    const day = Date.UTC(2030, 0, 2);
    // Two drafts under consultation, updated after every other proposal of this file, so that they open
    // the list (A, updated last, before B); and a draft not under consultation, which staff never see.
    await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "境界確認の相談中B", consultation_opened_at: at(day), updated_at: at(day + 60_000) });
    await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "境界確認の相談中A", consultation_opened_at: at(day), updated_at: at(day + 120_000) });
    await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "境界確認の下書き", updated_at: at(day + 180_000) });
    for (const place of [...places].reverse()) {
      const submitted = place <= 48 ? at(day - place * 60_000) : at(day - 86_400_000);
      const updated = place <= 48 ? submitted : place === 49 ? at(day + 9_000) : place === 50 ? at(day + 1_000) : at(day - 43_200_000);
      const id = place === 51 ? "boundary-tie-a" : place === 52 ? "boundary-tie-b" : `boundary-${99 - place}`;
      await makeProposal({ id, call_id: callId, group_id: groupId, status: "submitted", title: `境界確認${String(place).padStart(2, "0")}`, submitted_at: submitted, updated_at: updated, created_at: submitted });
    }
    const coordinator = await clientFor(base, (await createUser(["coordinator"])).id);

    const listed = async (page: number) => [...(await pageText(await coordinator.get(`/proposals?page=${page}`))).matchAll(/<a [^>]*href="\/proposals\/[^"]+"[^>]*>(境界確認[^<]*)</g)].map((m) => m[1]);
    const [first, second, third] = [await listed(1), await listed(2), await listed(3)];
    expect([...first, ...second, ...third]).toEqual(["境界確認の相談中A", "境界確認の相談中B", ...places.map((p) => `境界確認${String(p).padStart(2, "0")}`)]);
    // The list opens with them on both engines (SQLite used to put a proposal without a submission last,
    // PostgreSQL first), and the page boundary falls among the submitted ones (the draft under
    // consultation of the test above comes between the two drafts and them).
    expect((await pageText(await coordinator.get("/proposals"))).match(/<tbody><tr><td><a [^>]*href="\/proposals\/[^"]+"[^>]*>([^<]*)</)?.[1]).toBe("境界確認の相談中A");
    expect(first.length).toBeGreaterThanOrEqual(49);
    expect(second.length).toBeGreaterThan(0);
  });

  it("shows department staff their department's proposals across a page boundary, in the list's order, each once, and counts those waiting on the dashboard", async () => {
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("課の境界確認の会", [owner.id]);
    const callId = await makeCall();
    const departmentId = await makeDepartment("境界確認課");
    const otherId = await makeDepartment("境界確認のほかの課");
    const at = (ms: number) => new Date(ms).toISOString();
    const day = Date.UTC(2031, 0, 2); // after every other proposal of this file
    const name = async (id: string, ...departments: string[]) => {
      for (const department_id of departments) await getDb().insertInto("proposal_departments").values({ proposal_id: id, department_id }).execute();
    };
    // 51 received (01–51, a minute apart; 50 and 51 submitted at one moment, 50 updated later) and a draft
    // under consultation that opens the list, each naming the department (some another one too); between
    // them in time, proposals of the other department alone and a draft not under consultation, never shown.
    await name(await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "課の境界確認の相談中", consultation_opened_at: at(day), updated_at: at(day + 60_000) }), departmentId);
    await name(await makeProposal({ call_id: callId, group_id: groupId, status: "draft", title: "課の境界確認の下書き", updated_at: at(day + 120_000) }), departmentId);
    for (let place = 51; place >= 1; place--) {
      const submitted = place <= 49 ? at(day - place * 60_000) : at(day - 86_400_000);
      const updated = place === 50 ? at(day - 3_600_000) : submitted;
      const status = place % 10 === 0 ? "in_review" : "submitted";
      await name(await makeProposal({ id: `dept-boundary-${100 - place}`, call_id: callId, group_id: groupId, status, title: `課の境界確認${String(place).padStart(2, "0")}`, submitted_at: submitted, updated_at: updated, created_at: submitted }), ...(place % 3 === 0 ? [otherId, departmentId] : [departmentId]));
      await name(await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title: `ほかの課だけの提案${place}`, submitted_at: at(day - place * 60_000 + 30_000), updated_at: submitted }), otherId);
    }
    const staff = await createUser(["department_staff"]);
    await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();
    const client = await clientFor(base, staff.id);

    const page = async (n: number) => pageText(await client.get(`/proposals?page=${n}`));
    const listed = (text: string) => [...text.matchAll(/<a [^>]*href="\/proposals\/[^"]+"[^>]*>([^<]*)</g)].map((m) => m[1]).filter((t) => t.includes("境界確認") || t.includes("ほかの課"));
    const [first, second] = [await page(1), await page(2)];
    expect(first).toContain("52件（1／2ページ）");
    expect(second).toContain("52件（2／2ページ）");
    expect(listed(first)).toHaveLength(50);
    expect([...listed(first), ...listed(second)]).toEqual(["課の境界確認の相談中", ...Array.from({ length: 51 }, (_, i) => `課の境界確認${String(i + 1).padStart(2, "0")}`)]);
    // Waiting: the draft under consultation and the received ones not yet in review (46 of the 51).
    expect(await pageText(await client.get("/dashboard"))).toContain("受付済みの提案と事前相談中の下書きが 47 件あります");
  });

  it("shows department staff the proposals that name their department only", async () => {
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("課あての会", [owner.id]);
    const callId = await makeCall();
    const departmentId = await makeDepartment("ページ確認課");
    const mine = await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title: "ページ確認課あての提案", submitted_at: "2026-07-02T00:00:00.000Z" });
    await makeProposal({ call_id: callId, group_id: groupId, status: "submitted", title: "ほかの課あての提案", submitted_at: "2026-07-02T00:00:00.000Z" });
    await getDb().insertInto("proposal_departments").values({ proposal_id: mine, department_id: departmentId }).execute();
    const staff = await createUser(["department_staff"]);
    await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();

    const text = await pageText(await (await clientFor(base, staff.id)).get("/proposals"));
    expect(text).toContain("1件");
    expect(text).toContain("ページ確認課あての提案");
    expect(text).not.toContain("ほかの課あての提案");
  });
});
