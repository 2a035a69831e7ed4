// The coordinator's list of received proposals comes in pages of 50 (issue 14: ten years of a city's
// proposals are never read whole), newest submission first, with the total and links between pages.
import { describe, expect, it } from "vitest";
import { clientFor, createUser, pageText, useServer } from "./harness";
import { makeCall, makeGroup, makeProposal } from "./proposal-fixtures";

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
});
