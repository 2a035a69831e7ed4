// "Nothing typed is lost, and every page says what to do" (issue 13, items 6–8), as the server answers:
// /session tells how long a session has left without extending it and extends it on POST; an autosave
// whose session has ended is answered with the sign-in redirect (which the page then must not follow);
// required fields carry `required` and （必須） in the HTML itself; the proposal page lists what a
// submission still needs with links to the fields, and a refused submission lists the problems with
// links — all in the page the server sends, so also without JavaScript.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { Client, clientFor, createUser, locationOf, pageText, useServer } from "./harness";
import { completeForm, makeCall, makeDepartment, makeGroup } from "./proposal-fixtures";

const base = useServer();

let member: Client;
let memberId: string;
let departmentId: string;
let groupId: string;

beforeAll(async () => {
  departmentId = await makeDepartment(`生涯学習課 ${Date.now()}`);
  const user = await createUser(["group_member"]);
  memberId = user.id;
  groupId = await makeGroup("放課後の会", [user.id]);
  member = await clientFor(base, user.id);
});

async function sessionRow(client: Client) {
  const { hashToken } = await import("../../app/auth/session.server");
  return getDb().selectFrom("sessions").where("id", "=", hashToken(client.sessionToken()!)).select(["expires_at", "created_at"]).executeTakeFirstOrThrow();
}

async function setSessionEnd(client: Client, endsAt: Date) {
  const { hashToken } = await import("../../app/auth/session.server");
  await getDb().updateTable("sessions").set({ expires_at: endsAt.toISOString() }).where("id", "=", hashToken(client.sessionToken()!)).execute();
}

async function startDraft(callId: string, client = member): Promise<string> {
  const response = await client.post(`/calls/${callId}/propose`, { groupId });
  expect(response.status).toBe(302);
  return locationOf(response)!.split("/")[2];
}

async function revisionOf(id: string): Promise<string> {
  return String((await getDb().selectFrom("proposals").where("id", "=", id).select("revision").executeTakeFirstOrThrow()).revision);
}

describe("/session", () => {
  it("says how long is left without extending the session, even with less than half of it left", async () => {
    const client = await clientFor(base, memberId);
    const soon = new Date(Date.now() + 4 * 60_000);
    await setSessionEnd(client, soon);
    const response = await client.get("/session");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.getSetCookie()).toEqual([]);
    const reply = (await response.json()) as { signedIn: boolean; endsAt: string; extendable: boolean };
    expect(reply).toMatchObject({ signedIn: true, extendable: true });
    expect(Date.parse(reply.endsAt)).toBe(soon.getTime());
    // Asking did not use the session: it still ends then (any page would have extended it).
    expect((await sessionRow(client)).expires_at).toBe(soon.toISOString());
  });

  it("extends the session by the full idle period on POST, with a cookie that says so", async () => {
    const client = await clientFor(base, memberId);
    await setSessionEnd(client, new Date(Date.now() + 4 * 60_000));
    const response = await client.post("/session", { intent: "extend" });
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { signedIn: boolean; endsAt: string };
    expect(reply.signedIn).toBe(true);
    const idle = Number(process.env.SESSION_IDLE_MINUTES ?? 120) * 60_000;
    expect(Date.parse(reply.endsAt)).toBeGreaterThan(Date.now() + idle - 60_000);
    expect(Date.parse((await sessionRow(client)).expires_at)).toBe(Date.parse(reply.endsAt));
    expect(response.headers.getSetCookie().join()).toMatch(/portal_session=/);
  });

  it("answers signed out for an ended session, and POST sends to sign-in", async () => {
    const client = await clientFor(base, memberId);
    await setSessionEnd(client, new Date(Date.now() - 60_000));
    expect(await (await client.get("/session")).json()).toEqual({ signedIn: false, endsAt: null, extendable: false });
    const post = await client.post("/session", { intent: "extend" });
    expect(post.status).toBe(302);
    expect(locationOf(post)).toBe("/login");
  });

  it("refuses a POST from another origin", async () => {
    const response = await member.post("/session", { intent: "extend" }, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });
});

describe("an autosave after the session ended", () => {
  it("is answered with the sign-in redirect as data (the page detects it) and saves nothing", async () => {
    const client = await clientFor(base, memberId);
    const id = await startDraft(await makeCall({ requiredAttachments: [] }), client);
    const revision = await revisionOf(id);
    await setSessionEnd(client, new Date(Date.now() - 60_000));
    const response = await client.post(`/proposals/${id}/edit?_data=routes%2Fproposals.%24id.edit`, { title: "届かない題名", revision, intent: "autosave" });
    expect(response.status).toBe(204);
    expect(response.headers.get("X-Remix-Redirect")).toMatch(/^\/login\?redirectTo=/);
    expect(await revisionOf(id)).toBe(revision);
  });
});

describe("required fields", () => {
  it("carry required and （必須） from the form's schema (sign-up, a group profile)", async () => {
    const signup = await pageText(await new Client(base).get("/signup"));
    expect(signup).toMatch(/<input(?=[^>]*name="email")[^>]*required=""/);
    expect(signup).toMatch(/<label for="[^"]+">メールアドレス<\/label><span class="required" aria-hidden="true">（必須）<\/span>/);
    const group = await pageText(await member.get("/groups/new"));
    expect(group).toMatch(/<input(?=[^>]*name="name")[^>]*required=""/);
    // An optional field is not marked.
    expect(group).toMatch(/<input(?=[^>]*name="website")/);
    expect(group).not.toMatch(/<input(?=[^>]*name="website")[^>]*required=""/);
  });

  it("on the proposal form: what submitting needs is marked and aria-required, though a draft saves without it", async () => {
    const id = await startDraft(await makeCall({ requiredAttachments: [] }));
    const html = await pageText(await member.get(`/proposals/${id}/edit`));
    expect(html).toMatch(/<textarea(?=[^>]*name="problem")[^>]*aria-required="true"/);
    expect(html).not.toMatch(/<textarea(?=[^>]*name="beneficiaries")[^>]*aria-required/);
    expect(html).toMatch(/<label for="proposal-problem">地域の課題とその根拠<\/label><span class="required" aria-hidden="true">（必須）<\/span>/);
  });
});

describe("提出までに必要なこと", () => {
  it("lists on the proposal page what the saved draft lacks, each a link to its field or to the attachments", async () => {
    const callId = await makeCall({ requiredAttachments: ["収支予算書"], cap: 100_000 });
    const id = await startDraft(callId);
    const saved = await member.post(`/proposals/${id}/edit`, { ...completeForm(departmentId, { problem: "" }), revision: await revisionOf(id), intent: "save" });
    expect(saved.status).toBe(302);
    const html = await pageText(await member.get(`/proposals/${id}`));
    expect(html).toContain("提出までに必要なこと");
    expect(html).toContain(`<a href="/proposals/${id}/edit#proposal-problem">地域の課題とその根拠を入力してください</a>`);
    expect(html).toContain(`<a href="/proposals/${id}/attachments">「収支予算書」を添付してください</a>`);
    // The budget asks 450,000 yen of a call whose cap is 100,000 yen.
    expect(html).toMatch(new RegExp(`<a href="/proposals/${id}/edit#proposal-budget">申請額の合計（450,000円）が1提案あたりの上限（100,000円）を超えています</a>`));
  });

  it("a refused submission (a plain form post, no JavaScript) lists the problems with links to the fields", async () => {
    const id = await startDraft(await makeCall({ requiredAttachments: ["収支予算書"] }));
    const response = await member.post(`/proposals/${id}/edit`, { ...completeForm(departmentId, { team: "" }), revision: await revisionOf(id), intent: "submit" });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain('<a href="#proposal-team">実施体制を入力してください</a>');
    expect(html).toContain(`<a href="/proposals/${id}/attachments">「収支予算書」を添付してください</a>`);
    // The field itself is there to be linked to, with what was typed kept.
    expect(html).toMatch(/<textarea[^>]*id="proposal-team"/);
    expect(html).toContain("竹林の整備、竹を使った工作教室、外遊びの日");

    const page = await member.post(`/proposals/${id}`, { intent: "submit", revision: await revisionOf(id) });
    expect(page.status).toBe(400);
    expect(await pageText(page)).toContain(`<a href="/proposals/${id}/edit#proposal-team">実施体制を入力してください</a>`);
  });

  it("the editor shows the budget's total against the call's cap and share", async () => {
    const id = await startDraft(await makeCall({ requiredAttachments: [], cap: 1_000_000, cityShareByYear: [90] }));
    await member.post(`/proposals/${id}/edit`, { ...completeForm(departmentId), revision: await revisionOf(id), intent: "save" });
    const html = await pageText(await member.get(`/proposals/${id}/edit`));
    expect(html).toContain("予算の合計");
    expect(html).toContain("1提案あたりの上限 1,000,000円");
    expect(html).toContain("<td>500,000円</td><td>450,000円</td><td>90%（450,000円）</td>");
  });
});
