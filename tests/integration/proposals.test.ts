// Proposals end to end through HTTP: a group drafts, saves (a stale save refused), consults, attaches,
// submits (once, with a receipt number, before the deadline only), the coordinator returns it, the
// group resubmits and sees the diff and the timeline; who sees the proposal in each state.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { fiscalYearOf, formatReceiptNumber } from "../../app/domain/proposals/receipt";
import { Client, clientFor, createUser, locationOf, outbox, pageText, useServer } from "./harness";
import { BOUNDARY, multipartStream } from "./multipart";
import { completeForm, makeCall, makeDepartment, makeGroup } from "./proposal-fixtures";

const base = useServer();

let memberA: Client;
let memberB: Client;
let outsider: Client;
let staff: Client;
let otherStaff: Client;
let coordinator: Client;
let memberEmail: string;
let departmentId: string;
let groupId: string;

beforeAll(async () => {
  departmentId = await makeDepartment(`子育て支援課 ${Date.now()}`);
  const otherDepartment = await makeDepartment(`道路課 ${Date.now()}`);
  const a = await createUser(["group_member"]);
  const b = await createUser(["group_member"]);
  const c = await createUser(["group_member"]);
  memberEmail = a.email;
  groupId = await makeGroup("竹林の会", [a.id, b.id]);
  await makeGroup("よその会", [c.id]);
  const staffUser = await createUser(["department_staff"]);
  const otherStaffUser = await createUser(["department_staff"]);
  await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staffUser.id).execute();
  await getDb().updateTable("users").set({ department_id: otherDepartment }).where("id", "=", otherStaffUser.id).execute();
  [memberA, memberB, outsider, staff, otherStaff, coordinator] = await Promise.all([
    clientFor(base, a.id),
    clientFor(base, b.id),
    clientFor(base, c.id),
    clientFor(base, staffUser.id),
    clientFor(base, otherStaffUser.id),
    clientFor(base, (await createUser(["coordinator"])).id),
  ]);
});

async function startDraft(callId: string, client = memberA): Promise<string> {
  const response = await client.post(`/calls/${callId}/propose`, { groupId });
  expect(response.status).toBe(302);
  const path = locationOf(response)!;
  expect(path).toMatch(/^\/proposals\/[0-9a-f-]+\/edit$/);
  return path.split("/")[2];
}

async function revisionOf(id: string): Promise<number> {
  return (await getDb().selectFrom("proposals").where("id", "=", id).select("revision").executeTakeFirstOrThrow()).revision;
}

async function saveComplete(id: string, overrides: Record<string, string | string[]> = {}) {
  const response = await memberA.post(`/proposals/${id}/edit`, { ...completeForm(departmentId, overrides), revision: String(await revisionOf(id)), intent: "save" });
  expect(response.status).toBe(302);
}

describe("a proposal from draft to resubmission", () => {
  let callId: string;
  let id: string;

  beforeAll(async () => {
    callId = await makeCall({ stages: ["formal_check", "document_review"] });
    id = await startDraft(callId);
  });

  it("keeps the draft to its group: staff, the coordinator and other groups get 404", async () => {
    expect((await memberB.get(`/proposals/${id}`)).status).toBe(200);
    for (const client of [staff, coordinator, outsider]) expect((await client.get(`/proposals/${id}`)).status).toBe(404);
    expect(locationOf(await new Client(base).get(`/proposals/${id}`))).toBe("/login");
    expect(await pageText(await coordinator.get("/proposals"))).not.toContain(id);
  });

  it("refuses a save started from an older revision, and gives back what was typed", async () => {
    await saveComplete(id);
    const stale = await memberB.post(`/proposals/${id}/edit`, { ...completeForm(departmentId, { title: "Bさんの題名" }), revision: "1", intent: "save" });
    expect(stale.status).toBe(409);
    const page = await pageText(stale);
    expect(page).toMatch(/さんが.*新しい内容を保存しています/);
    expect(page).toContain('value="Bさんの題名"');
    const stored = await getDb().selectFrom("proposals").where("id", "=", id).select(["title", "revision"]).executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: "川沿いの竹林を子どもの遊び場に", revision: 2 });

    const autosave = await memberB.post(`/proposals/${id}/edit?_data=${encodeURIComponent("routes/proposals.$id.edit")}`, { ...completeForm(departmentId), revision: "1", intent: "autosave" });
    expect(autosave.status).toBe(409);
    expect((await autosave.json()).conflict).toMatch(/新しい内容を保存しています/);
  });

  it("shows bad input beside its field and keeps everything typed", async () => {
    const response = await memberA.post(`/proposals/${id}/edit`, {
      ...completeForm(departmentId, { title: "あ".repeat(100_000), "budget[0].amount": "四十五万", problem: "<script>alert(1)</script>" }),
      revision: String(await revisionOf(id)),
      intent: "save",
    });
    expect(response.status).toBe(400);
    const page = await pageText(response);
    expect(page).toContain("提案事業名は100文字以内で入力してください");
    expect(page).toContain("金額は半角数字（円）で入力してください");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain('value="四十五万"');
    expect(await revisionOf(id)).toBe(2);
  });

  it("opens a consultation: the related department then sees the draft and answers; other departments do not", async () => {
    expect((await staff.get(`/proposals/${id}`)).status).toBe(404);
    const opened = await memberA.post(`/proposals/${id}`, { intent: "message", body: "竹林の所有者への連絡はどなたにお願いできますか。" });
    expect(opened.status).toBe(302);
    const seen = await pageText(await staff.get(`/proposals/${id}`));
    expect(seen).toContain("竹林の所有者への連絡はどなたにお願いできますか。");
    expect((await otherStaff.get(`/proposals/${id}`)).status).toBe(404);
    expect((await staff.post(`/proposals/${id}`, { intent: "message", body: "公園緑地係が窓口です。" })).status).toBe(302);
    const groupPage = await pageText(await memberA.get(`/proposals/${id}`));
    expect(groupPage).toMatch(/子育て支援課.*公園緑地係が窓口です。/s);
    expect(await pageText(await staff.get("/dashboard"))).toMatch(/受付済みの提案と事前相談中の下書きが [1-9]\d* 件あります/);
    expect(await pageText(await otherStaff.get("/dashboard"))).toContain("課に関係する提案");
    expect(await pageText(await otherStaff.get("/dashboard"))).not.toContain("事前相談中の下書きが");
    expect(await pageText(await memberA.get("/dashboard"))).toMatch(/川沿いの竹林を子どもの遊び場に<\/a>（下書き）\s*— 提出期限 令和81年2月10日（火）17:00/);
    // Staff still cannot edit or submit the draft.
    expect((await staff.post(`/proposals/${id}/edit`, { ...completeForm(departmentId), revision: "2", intent: "save" })).status).toBe(403);
    expect((await staff.post(`/proposals/${id}`, { intent: "submit", revision: "2" })).status).toBe(403);
  });

  it("refuses a submission that lacks what the review needs, naming each part", async () => {
    const incomplete = await startDraft(callId);
    const response = await memberA.post(`/proposals/${incomplete}`, { intent: "submit", revision: "1" });
    expect(response.status).toBe(400);
    const page = await pageText(response);
    expect(page).toContain("提出に必要な項目がそろっていません");
    expect(page).toContain("地域の課題とその根拠を入力してください");
    expect(page).toContain("予算を1行以上入力してください");
    const over = await memberA.post(`/proposals/${id}/edit`, {
      ...completeForm(departmentId, { "budget[0].amount": "1450000" }),
      revision: String(await revisionOf(id)),
      intent: "submit",
    });
    expect(over.status).toBe(400);
    expect(await pageText(over)).toContain("市負担割合90%");
    expect((await getDb().selectFrom("proposals").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status).toBe("draft");
  });

  it("submits once when the button is pressed twice at the same moment, with a receipt number and a mail", async () => {
    await saveComplete(id);
    const revision = String(await revisionOf(id));
    const before = outbox().length;
    const [first, second] = await Promise.all([
      memberA.post(`/proposals/${id}`, { intent: "submit", revision }),
      memberB.post(`/proposals/${id}`, { intent: "submit", revision }),
    ]);
    expect([first.status, second.status]).toEqual([302, 302]);
    const row = await getDb().selectFrom("proposals").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    expect(row.receipt_number).toMatch(/^(R|H)\d+-市民-\d{4}$/);
    expect(row.receipt_fiscal_year).toBe(fiscalYearOf(new Date()));
    const versions = await getDb().selectFrom("proposal_versions").where("proposal_id", "=", id).select("version").execute();
    expect(versions).toEqual([{ version: 1 }]);
    const transitions = await getDb().selectFrom("proposal_transitions").where("proposal_id", "=", id).select("action").execute();
    expect(transitions).toEqual([{ action: "submit" }]);
    // Once in the audit log too, with its receipt number (the second press wrote nothing).
    const audited = await getDb().selectFrom("audit_log").where("subject_id", "=", id).where("action", "=", "proposal.submit").select("detail").execute();
    expect(audited.map((a) => JSON.parse(a.detail))).toEqual([{ from: "draft", to: "submitted", receiptNumber: row.receipt_number }]);
    const mails = outbox().slice(before).filter((m) => m.to === memberEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(`受付番号 ${row.receipt_number}`);
    expect((await getDb().selectFrom("calls").where("id", "=", callId).select("first_submitted_at").executeTakeFirstOrThrow()).first_submitted_at).not.toBeNull();
  });

  it("freezes the submitted version: no more edits by the group; staff and the coordinator now see it", async () => {
    expect((await memberA.get(`/proposals/${id}/edit`)).status).toBe(403);
    expect((await memberA.post(`/proposals/${id}/edit`, { ...completeForm(departmentId), revision: String(await revisionOf(id)), intent: "save" })).status).toBe(403);
    expect(await pageText(await coordinator.get(`/proposals/${id}`))).toContain("川沿いの竹林を子どもの遊び場に");
    expect(await pageText(await coordinator.get("/proposals"))).toContain("川沿いの竹林を子どもの遊び場に");
    expect(await pageText(await staff.get("/proposals"))).toContain("川沿いの竹林を子どもの遊び場に");
    expect((await otherStaff.get(`/proposals/${id}`)).status).toBe(404);
    expect((await outsider.get(`/proposals/${id}`)).status).toBe(404);
    // The consultation goes on as messages; nothing invites the group to "start" one on a submitted proposal.
    const groupPage = await pageText(await memberA.get(`/proposals/${id}`));
    expect(groupPage).toContain("送信する");
    expect(groupPage).not.toContain("事前相談を始める");
    // Only the coordinator moves it; the group's withdraw needs a reason.
    expect((await staff.post(`/proposals/${id}`, { intent: "transition", action: "return_for_correction", reason: "x" })).status).toBe(403);
    const noReason = await memberA.post(`/proposals/${id}`, { intent: "transition", action: "withdraw", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await pageText(noReason)).toContain("理由の入力が必要です");
  });

  it("returns for correction with a reason the group reads; the resubmission is version 2 with a diff and a timeline", async () => {
    const noReason = await coordinator.post(`/proposals/${id}`, { intent: "transition", action: "return_for_correction", reason: " " });
    expect(noReason.status).toBe(400);
    const before = outbox().length;
    const returned = await coordinator.post(`/proposals/${id}`, { intent: "transition", action: "return_for_correction", reason: "スケジュールに安全講習の時期を書いてください。" });
    expect(returned.status).toBe(302);
    expect(outbox().slice(before).some((m) => m.to === memberEmail && m.subject.includes("差し戻されました") && m.text.includes("安全講習"))).toBe(true);
    const groupPage = await pageText(await memberA.get(`/proposals/${id}`));
    expect(groupPage).toContain("理由: スケジュールに安全講習の時期を書いてください。");

    const edit = await memberA.post(`/proposals/${id}/edit`, {
      ...completeForm(departmentId, { "schedule[2].month": "4月", "schedule[2].activity": "安全講習（刃物の扱い）" }),
      revision: String(await revisionOf(id)),
      intent: "save",
    });
    expect(edit.status).toBe(302);
    // While it is returned, staff see the submitted version, not the unsent edits.
    expect(await pageText(await coordinator.get(`/proposals/${id}`))).not.toContain("安全講習（刃物の扱い）");
    const receipt = (await getDb().selectFrom("proposals").where("id", "=", id).select("receipt_number").executeTakeFirstOrThrow()).receipt_number;
    const resubmitted = await memberA.post(`/proposals/${id}`, { intent: "submit", revision: String(await revisionOf(id)) });
    expect(resubmitted.status).toBe(302);
    const row = await getDb().selectFrom("proposals").where("id", "=", id).select(["status", "receipt_number", "current_version"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "submitted", receipt_number: receipt, current_version: 2 });

    const diff = await pageText(await memberA.get(`/proposals/${id}/versions?from=1&to=2`));
    expect(diff).toContain("1項目が変わりました");
    expect(diff).toContain("＋ 4月：安全講習（刃物の扱い）");
    // Without numbers, the latest against the one before; a version that is not a number is no page.
    expect(await pageText(await memberA.get(`/proposals/${id}/versions`))).toContain("1項目が変わりました");
    for (const bad of ["from=x&to=2", "from=1&to=2.5", "to=0", "from=-1&to=2"]) expect((await memberA.get(`/proposals/${id}/versions?${bad}`)).status, bad).toBe(404);
    const page = await pageText(await coordinator.get(`/proposals/${id}`));
    expect(page).toMatch(/竹林の会（テスト \d+）が提出しました.*協働推進課（テスト \d+）が差し戻しました.*理由: スケジュールに安全講習.*竹林の会（テスト \d+）が再提出しました/s);
    expect(page).toContain("安全講習（刃物の扱い）");
  });
});

describe("the printed proposal", () => {
  it("prints the submitted version on an A4 page and as a PDF download, for those who may see it", async () => {
    const callId = await makeCall();
    const id = await startDraft(callId);
    await saveComplete(id, { title: "印刷の確認 <b>太字</b>" });
    await memberA.post(`/proposals/${id}`, { intent: "submit", revision: String(await revisionOf(id)) });
    const receipt = (await getDb().selectFrom("proposals").where("id", "=", id).select("receipt_number").executeTakeFirstOrThrow()).receipt_number!;
    const page = await pageText(await coordinator.get(`/proposals/${id}/print`));
    expect(page).toContain(receipt);
    expect(page).toContain("印刷の確認 &lt;b&gt;太字&lt;/b&gt;");
    expect(page.indexOf("地域の課題とその根拠")).toBeLessThan(page.indexOf("成果指標"));
    const pdf = await coordinator.get(`/proposals/${id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    // each header once: the route's own value, not appended to the server's default
    expect(pdf.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(pdf.headers.get("Cache-Control")).toBe("private, no-store");
    expect(pdf.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`提案書_${receipt}.pdf`)}`);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await outsider.get(`/proposals/${id}.pdf`)).status).toBe(404);
    expect((await otherStaff.get(`/proposals/${id}/print`)).status).toBe(404);
  });
});

describe("the deadline, on the server's clock", () => {
  it("refuses a submission after the deadline with the draft kept, and accepts one inside the grace period", async () => {
    const callId = await makeCall({ closesAt: "2099-01-01T00:00:00.000Z" });
    const late = await startDraft(callId);
    const grace = await startDraft(callId);
    for (const id of [late, grace]) await saveComplete(id);
    await getDb().updateTable("calls").set({ closes_at: new Date(Date.now() - 3 * 60_000).toISOString(), grace_minutes: 0 }).where("id", "=", callId).execute();
    const refused = await memberA.post(`/proposals/${late}`, { intent: "submit", revision: String(await revisionOf(late)) });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("提出期限");
    expect((await getDb().selectFrom("proposals").where("id", "=", late).select("status").executeTakeFirstOrThrow()).status).toBe("draft");

    await getDb().updateTable("calls").set({ grace_minutes: 5 }).where("id", "=", callId).execute();
    const accepted = await memberA.post(`/proposals/${grace}`, { intent: "submit", revision: String(await revisionOf(grace)) });
    expect(accepted.status).toBe(302);
    expect((await getDb().selectFrom("proposals").where("id", "=", grace).select("status").executeTakeFirstOrThrow()).status).toBe("submitted");
  });

  it("numbers receipts in order per fiscal year and type", async () => {
    const callId = await makeCall();
    const ids = [await startDraft(callId), await startDraft(callId)];
    for (const id of ids) {
      await saveComplete(id);
      await memberA.post(`/proposals/${id}`, { intent: "submit", revision: String(await revisionOf(id)) });
    }
    const rows = await getDb().selectFrom("proposals").where("id", "in", ids).select(["id", "receipt_sequence", "receipt_number"]).execute();
    const [first, second] = ids.map((id) => rows.find((r) => r.id === id)!);
    expect(second.receipt_sequence).toBe(first.receipt_sequence! + 1);
    expect(second.receipt_number).toBe(formatReceiptNumber({ fiscalYear: fiscalYearOf(new Date()), type: "citizen", sequence: second.receipt_sequence! }));
  });
});

describe("attachments of a proposal", () => {
  async function upload(client: Client, id: string, label: string, name: string, bytes: Uint8Array, type: string) {
    const form = new FormData();
    form.set("label", label);
    form.set("file", new Blob([Buffer.from(bytes)], { type }), name);
    return fetch(`${base()}/proposals/${id}/attachments`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: client.cookieHeader(), Origin: base() } });
  }

  it("refuses HTML named .pdf, keeps a real PDF for the required document, and serves it only to those who may see", async () => {
    const callId = await makeCall({ requiredAttachments: ["収支予算書"] });
    const id = await startDraft(callId);
    await saveComplete(id);
    const missing = await memberA.post(`/proposals/${id}`, { intent: "submit", revision: String(await revisionOf(id)) });
    expect(await pageText(missing)).toContain("「収支予算書」を添付してください");

    const html = await upload(memberA, id, "収支予算書", "budget.pdf", new TextEncoder().encode("<html><script>alert(1)</script></html>"), "application/pdf");
    expect(html.status).toBe(400);
    expect(await pageText(html)).toMatch(/PDF|ファイル/);
    expect(await getDb().selectFrom("proposal_attachments").where("proposal_id", "=", id).select("id").execute()).toHaveLength(0);

    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    // text posing as the file field cannot name a stored file (someone else's, by its id)
    const forged = new FormData();
    forged.set("label", "収支予算書");
    forged.set("file", JSON.stringify({ id: "0a0a0a0a-0000-4000-8000-00000000beef", fileName: "他団体の書類.pdf", mime: "application/pdf", size: 1, sha256: "0" }));
    const forgedResponse = await fetch(`${base()}/proposals/${id}/attachments`, { method: "POST", body: forged, redirect: "manual", headers: { Cookie: memberA.cookieHeader(), Origin: base() } });
    expect(forgedResponse.status).toBe(400);
    expect(await pageText(forgedResponse)).toContain("ファイルを選んでください");
    expect(await getDb().selectFrom("proposal_attachments").where("proposal_id", "=", id).select("id").execute()).toHaveLength(0);

    // a name Remix's multipart parser cannot read: a Japanese 400 beside the field, not a 500
    const oddName = await upload(memberA, id, "収支予算書", "見積書;最終=2026.pdf", pdf, "application/pdf");
    expect(oddName.status).toBe(400);
    expect(await pageText(oddName)).toContain("記号を除いた名前に変えてから");
    expect(await getDb().selectFrom("proposal_attachments").where("proposal_id", "=", id).select("id").execute()).toHaveLength(0);

    expect((await upload(outsider, id, "収支予算書", "budget.pdf", pdf, "application/pdf")).status).toBe(404);
    const ok = await upload(memberA, id, "収支予算書", "収支予算書.pdf", pdf, "application/pdf");
    expect(ok.status).toBe(302);
    const [attachment] = await getDb().selectFrom("proposal_attachments").where("proposal_id", "=", id).selectAll().execute();
    expect(attachment).toMatchObject({ label: "収支予算書", mime: "application/pdf", size: pdf.byteLength });

    const submitted = await memberA.post(`/proposals/${id}`, { intent: "submit", revision: String(await revisionOf(id)) });
    expect(submitted.status).toBe(302);
    const download = await coordinator.get(`/proposals/${id}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    expect((await outsider.get(`/proposals/${id}/attachments/${attachment.id}`)).status).toBe(404);
    // Its size, under 1KB, in bytes (formatFileSize).
    expect(await pageText(await coordinator.get(`/proposals/${id}`))).toContain(`${pdf.byteLength}バイト`);
    // Frozen with the submission.
    expect((await upload(memberA, id, "収支予算書", "again.pdf", pdf, "application/pdf")).status).toBe(403);
  });

  it("refuses a 100 MB upload streamed without a length, beside the file field, while the server's memory stays low", async () => {
    const id = await startDraft(await makeCall());
    const MB = 1024 * 1024;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const response = await fetch(`${base()}/proposals/${id}/attachments`, {
      method: "POST",
      body: multipartStream("大きな資料.pdf", new TextEncoder().encode("%PDF-1.7\n"), 100 * MB, { label: "その他の資料" }),
      duplex: "half",
      redirect: "manual",
      headers: { Cookie: memberA.cookieHeader(), Origin: base(), "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    } as RequestInit);
    clearInterval(watch);
    expect(response.status).toBe(400);
    expect(await pageText(response)).toContain("ファイルが大きすぎます。20MB以下のファイルを選んでください。");
    expect((peak - before) / MB).toBeLessThan(60);
    expect(await getDb().selectFrom("proposal_attachments").where("proposal_id", "=", id).select("id").execute()).toHaveLength(0);
  });
});

describe("starting a proposal", () => {
  it("lets only members of approved groups start one, and a government proposal names one of the call's sheets", async () => {
    const pendingMember = await createUser(["group_member"]);
    const pendingGroup = await makeGroup("審査待ちの会", [pendingMember.id], "pending");
    const callId = await makeCall();
    const client = await clientFor(base, pendingMember.id);
    expect(await pageText(await client.get(`/calls/${callId}/propose`))).toContain("承認を待っています");
    const refused = await client.post(`/calls/${callId}/propose`, { groupId: pendingGroup });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("承認済みの団体だけが提案できます");
    // A group the user does not belong to.
    expect((await outsider.post(`/calls/${callId}/propose`, { groupId })).status).toBe(400);
    expect((await staff.get(`/calls/${callId}/propose`)).status).toBe(403);
    expect(await pageText(await staff.get(`/calls/${callId}`))).not.toContain("この募集に提案する");
    expect(await pageText(await new Client(base).get(`/calls/${callId}`))).toContain("この募集に提案する");
  });

  it("refuses the submission of a group suspended after it began its draft, and keeps the draft", async () => {
    const user = await createUser(["group_member"]);
    const suspendedGroup = await makeGroup("停止される会", [user.id]);
    const client = await clientFor(base, user.id);
    const callId = await makeCall();
    const created = await client.post(`/calls/${callId}/propose`, { groupId: suspendedGroup });
    const id = locationOf(created)!.split("/")[2];
    const saved = await client.post(`/proposals/${id}/edit`, { ...completeForm(departmentId), revision: "1", intent: "save" });
    expect(saved.status).toBe(302);
    await getDb().updateTable("groups").set({ status: "suspended" }).where("id", "=", suspendedGroup).execute();
    const refused = await client.post(`/proposals/${id}`, { intent: "submit", revision: "2" });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain("団体が承認済みでないため提出できません");
    expect((await getDb().selectFrom("proposals").where("id", "=", id).select("status").executeTakeFirstOrThrow()).status).toBe("draft");
  });
});
