// The coordinator's list of calls comes in pages of 50 (issue 14: about twenty calls a year add up over
// ten years), the latest first, drafts too, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { makeCall } from "./proposal-fixtures";
import { clientFor, createUser, pageText, useServer } from "./harness";

const base = useServer();

describe("the coordinator's list of calls", () => {
  it("shows 50 calls a page, the latest first, with the total and the way to the next page", async () => {
    // 55 calls of a fiscal year later than any other, opening a day apart (the 55th the latest); one a draft.
    for (let i = 1; i <= 55; i++) {
      const n = String(i).padStart(2, "0");
      await makeCall({
        title: `頁確認の募集${n}`,
        fiscalYear: 2090,
        status: i === 3 ? "draft" : "published",
        opensAt: new Date(Date.UTC(2090, 3, i)).toISOString(),
        closesAt: new Date(Date.UTC(2090, 6, i)).toISOString(),
      });
    }
    const total = Number((await getDb().selectFrom("calls").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const pageCount = Math.ceil(total / 50);
    const coordinator = await createUser(["coordinator"]);
    const client = await clientFor(base, coordinator.id);

    const first = await pageText(await client.get("/coordinator/calls"));
    expect(first).toContain(`${total}件（1／${pageCount}ページ）`);
    for (const n of ["55", "30", "06"]) expect(first).toContain(`頁確認の募集${n}`);
    expect(first).not.toContain("頁確認の募集05");
    expect(first).toContain("次のページ");

    const second = await pageText(await client.get("/coordinator/calls?page=2"));
    expect(second).toContain(`${total}件（2／${pageCount}ページ）`);
    for (const n of ["05", "04", "03", "02", "01"]) expect(second).toContain(`頁確認の募集${n}`);
    expect(second).not.toContain("頁確認の募集06");

    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await pageText(await client.get("/coordinator/calls?page=99"))).toContain(`${total}件（${pageCount}／${pageCount}ページ）`);
    expect(await pageText(await client.get("/coordinator/calls?page=x"))).toContain(`${total}件（1／${pageCount}ページ）`);
  });
});
