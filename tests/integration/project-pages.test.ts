// The lists of projects as they grow with the years (issue 14): `/projects` comes in pages of 50, the
// latest 年度 first, with the total; the yearly summary reads and shows the 年度 asked for only, 100 a page.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { formatFiscalYearWithWestern } from "../../app/domain/calendar/fiscal-year";
import { makeCall, makeDepartment, makeGroup } from "./proposal-fixtures";
import { makeAwardedProject, projectContent } from "./project-fixtures";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

/** A group with one member and a department with one staff member, both new: they see only what is made here. */
async function groupAndDepartment(name: string) {
  const [member, staff] = await Promise.all([createUser(["group_member"]), createUser(["department_staff"])]);
  const groupId = await makeGroup(`${name}の会`, [member.id]);
  const departmentId = await makeDepartment(`${name}課 ${Date.now()}`);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();
  return { groupId, departmentId, member: await clientFor(base, member.id), staff: await clientFor(base, staff.id) };
}

describe("the list of projects", () => {
  it("shows 50 projects a page, the latest 年度 first, then by title, with the total, to each role", async () => {
    const { groupId, departmentId, member, staff } = await groupAndDepartment("頁確認");
    // 55 projects: 01–05 of 2041, 06–55 of 2042 (the later 年度 comes first, so 06–55 fill the first page).
    const calls = { 2041: await makeCall({ fiscalYear: 2041, stages: ["formal_check"] }), 2042: await makeCall({ fiscalYear: 2042, stages: ["formal_check"] }) };
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, "0");
      const fiscalYear = i <= 5 ? 2041 : 2042;
      await makeAwardedProject({ groupId, departmentId, fiscalYear, callId: calls[fiscalYear], content: projectContent({ title: `頁確認の事業${n}` }) });
    }

    for (const client of [staff, member]) {
      const first = await pageText(await client.get("/projects"));
      expect(first).toContain("55件（1／2ページ）");
      expect(first).toContain("協働事業の一覧（55件）");
      for (const n of ["06", "30", "55"]) expect(first).toContain(`頁確認の事業${n}`);
      for (const n of ["01", "05"]) expect(first).not.toContain(`頁確認の事業${n}`);
      expect(first).toContain("次のページ");

      const second = await pageText(await client.get("/projects?page=2"));
      expect(second).toContain("55件（2／2ページ）");
      for (const n of ["01", "02", "03", "04", "05"]) expect(second).toContain(`頁確認の事業${n}`);
      for (const n of ["06", "55"]) expect(second).not.toContain(`頁確認の事業${n}`);

      // A page past the end shows the last one; a page that is not a number, the first.
      expect(await pageText(await client.get("/projects?page=99"))).toContain("55件（2／2ページ）");
      expect(await pageText(await client.get("/projects?page=x"))).toContain("55件（1／2ページ）");
    }

    // The coordinator sees every project, in pages too.
    const total = Number((await getDb().selectFrom("projects").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const pageCount = Math.ceil(total / 50);
    const coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
    expect(await pageText(await coordinator.get("/projects"))).toContain(`${total}件（1／${pageCount}ページ）`);
    expect(await pageText(await coordinator.get(`/projects?page=${pageCount}`))).toContain(`${total}件（${pageCount}／${pageCount}ページ）`);
  });
});

describe("the yearly summary", () => {
  it("shows the 年度 asked for only, the latest by default, and offers every 年度 the viewer has projects in", async () => {
    const { groupId, departmentId, staff } = await groupAndDepartment("年度確認");
    await makeAwardedProject({ groupId, departmentId, fiscalYear: 2051, amounts: [310_000], content: projectContent({ title: "年度確認の事業（前年度）" }) });
    // What the summary of 2051 shows: the page from the call's heading (the choice of 年度 is above it) to its scripts.
    const sectionOf = (text: string) => text.slice(text.indexOf("表示する"), text.indexOf("<script", text.indexOf("表示する")));
    const before = await pageText(await staff.get("/projects/summary?year=2051"));
    expect(before).toContain("年度確認の事業（前年度）");
    expect(before).toContain("310,000円");

    await makeAwardedProject({ groupId, departmentId, fiscalYear: 2052, amounts: [720_000], content: projectContent({ title: "年度確認の事業（今年度）" }) });
    const after = await pageText(await staff.get("/projects/summary?year=2051"));
    expect(after).not.toContain("年度確認の事業（今年度）");
    expect(after).not.toContain("720,000円");
    expect(sectionOf(before)).toContain("310,000円");
    expect(sectionOf(after)).toBe(sectionOf(before));
    for (const year of [2051, 2052]) expect(after).toContain(formatFiscalYearWithWestern(year));

    // Without a 年度, the latest the viewer has projects in.
    const latest = await pageText(await staff.get("/projects/summary"));
    expect(latest).toContain(`協働事業 年度のまとめ（${formatFiscalYearWithWestern(2052)}）`);
    expect(latest).toContain("年度確認の事業（今年度）");
    expect(latest).toContain("720,000円");
    expect(latest).not.toContain("年度確認の事業（前年度）");

    // A 年度 without projects says so.
    expect(await pageText(await staff.get("/projects/summary?year=2050"))).toContain("この年度の協働事業はありません。");
  });

  it("shows a big 年度 100 projects a page, by call and title, the page links keeping the 年度", async () => {
    const { groupId, departmentId, staff } = await groupAndDepartment("まとめ頁");
    const callId = await makeCall({ fiscalYear: 2061, stages: ["formal_check"] });
    for (let i = 1; i <= 103; i++) {
      await makeAwardedProject({ groupId, departmentId, fiscalYear: 2061, callId, content: projectContent({ title: `まとめ頁の事業${String(i).padStart(3, "0")}` }) });
    }
    const first = await pageText(await staff.get("/projects/summary?year=2061"));
    expect(first).toContain("103件（1／2ページ）");
    for (const n of ["001", "050", "100"]) expect(first).toContain(`まとめ頁の事業${n}`);
    expect(first).not.toContain("まとめ頁の事業101");
    expect(first).toContain(`href="/projects/summary?year=2061&amp;page=2"`);
    const second = await pageText(await staff.get("/projects/summary?year=2061&page=2"));
    expect(second).toContain("103件（2／2ページ）");
    for (const n of ["101", "103"]) expect(second).toContain(`まとめ頁の事業${n}`);
    expect(second).not.toContain("まとめ頁の事業100");
  });
});
