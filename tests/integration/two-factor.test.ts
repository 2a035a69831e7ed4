// Two-step sign-in (TOTP): staff must set it up before anything else, a right password alone makes no
// session, codes and recovery codes work once, guessing is throttled like the password, and changes
// need the password entered recently. As a browser without JavaScript does it.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { codeForStep, stepAt } from "../../app/auth/totp.server";
import { verifySecondStep } from "../../app/domain/accounts/two-factor.server";
import { Client, clientFor, codeFor, createUser, locationOf, pageText, setUpSecondFactor, signInWithForms, TEST_PASSWORD, useServer } from "./harness";

const base = useServer();
const db = () => getDb();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The key the set-up page shows for typing by hand, as an app takes it. */
function manualKey(html: string): string {
  return /id="manual-key">([A-Z2-7 ]+)</.exec(html)![1].replaceAll(" ", "");
}
function recoveryCodes(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code><\/li>/g)].map((m) => m[1]);
}
async function audit(action: string, subjectId: string) {
  return db().selectFrom("audit_log").where("action", "=", action).where("subject_id", "=", subjectId).selectAll().execute();
}

describe("staff without a second factor", () => {
  it("are sent to set it up after signing in and can reach nothing else until it is done; then the page works", async () => {
    const { id, email } = await createUser(["coordinator"], undefined, { secondFactor: false });
    const client = new Client(base);
    const signedIn = await client.post("/login", { email, password: TEST_PASSWORD, redirectTo: "/coordinator/calls" });
    expect(locationOf(signedIn)).toBe("/coordinator/calls");
    const elsewhere = await clientFor(base, id);

    for (const path of ["/coordinator/calls", "/dashboard", "/", "/sheets", "/account/password", "/notifications", "/admin/users"]) {
      const response = await client.get(path);
      expect({ path, to: response.headers.get("Location") }).toEqual({ path, to: `/account/two-factor/setup?redirectTo=${encodeURIComponent(path)}` });
    }
    // an action too: nothing is done
    const post = await client.post("/notifications", { intent: "read-all" });
    expect(locationOf(post)).toBe("/account/two-factor/setup");

    const setup = await client.get("/account/two-factor/setup?redirectTo=%2Fcoordinator%2Fcalls");
    expect(setup.status).toBe(200);
    const html = await pageText(setup);
    expect(html).toContain("二段階認証が必須です");
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="認証アプリに登録するQRコード（協働マッチングポータル [^"]+）"/);
    expect(html).toMatch(/id="manual-key">[A-Z2-7]{4}( [A-Z2-7]{4}){7}</);
    // the header offers only signing out
    expect(html).not.toContain('href="/notifications"');
    expect(html).not.toContain('href="/coordinator/calls"');
    const secret = manualKey(html);
    // a reload shows the same key (a scan is not undone)
    expect(manualKey(await pageText(await client.get("/account/two-factor/setup")))).toBe(secret);

    const wrong = await client.post("/account/two-factor/setup", { code: "000000" === codeForStep(secret, stepAt(Date.now())) ? "111111" : "000000" });
    expect(wrong.status).toBe(400);
    expect(await pageText(wrong)).toContain("確認コードが正しくありません");

    const done = await client.post("/account/two-factor/setup", { code: codeForStep(secret, stepAt(Date.now())), redirectTo: "/coordinator/calls" });
    expect(done.status).toBe(200);
    const doneHtml = await pageText(done);
    const codes = recoveryCodes(doneHtml);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(doneHtml).toContain('href="/coordinator/calls"');
    // stored hashed, never as typed
    const stored = await db().selectFrom("recovery_codes").where("user_id", "=", id).select("code_hash").execute();
    expect(stored.map((r) => r.code_hash).sort()).toEqual(codes.map((c) => sha256(c.replaceAll("-", ""))).sort());
    expect(await audit("user.two_factor.enable", id)).toHaveLength(1);

    expect((await client.get("/coordinator/calls")).status).toBe(200);
    // the other session, opened with the password alone, has ended
    expect(locationOf(await elsewhere.get("/dashboard"))).toBe("/login");
    // the key is not shown again: the set-up page now offers a new one for a new phone
    expect(manualKey(await pageText(await client.get("/account/two-factor/setup")))).not.toBe(secret);
  });

  it("are sent to set it up when a role that requires it is granted to a group member", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    expect((await client.get("/dashboard")).status).toBe(200);
    await db().insertInto("user_roles").values({ user_id: id, role: "reviewer", granted_at: new Date().toISOString(), granted_by: null }).execute();
    expect(locationOf(await client.get("/dashboard"))).toBe("/account/two-factor/setup");
    // signing out still works
    expect(locationOf(await client.post("/logout"))).toBe("/");
  });
});

describe("signing in with a second factor", () => {
  it("makes no session for the password alone: the half-way cookie passes no guard, and the code finishes it", async () => {
    const { id, email } = await createUser(["reviewer"]);
    const client = new Client(base);
    const first = await client.post("/login", { email, password: TEST_PASSWORD, redirectTo: "/reviews" });
    expect(first.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Freviews");
    expect(client.sessionToken()).toBeUndefined();
    expect(client.cookies.has("portal_pending_sign_in")).toBe(true);
    expect(await db().selectFrom("sessions").where("user_id", "=", id).selectAll().execute()).toEqual([]);
    expect(locationOf(await client.get("/reviews"))).toBe("/login");
    expect(locationOf(await client.get("/dashboard"))).toBe("/login");

    const page = await pageText(await client.get("/login/two-factor?redirectTo=%2Freviews"));
    expect(page).toContain("確認コード");
    const done = await client.post("/login/two-factor", { code: await codeFor(id), redirectTo: "/reviews" });
    expect(locationOf(done)).toBe("/reviews");
    expect(client.sessionToken()).toBeTruthy();
    expect(client.cookies.has("portal_pending_sign_in")).toBe(false);
    expect((await client.get("/reviews")).status).toBe(200);
    expect(await db().selectFrom("pending_sign_ins").where("user_id", "=", id).selectAll().execute()).toEqual([]);
  });

  it("without the half-way cookie, or once it has expired, sends back to sign in", async () => {
    const { id, email } = await createUser(["department_staff"]);
    expect(locationOf(await new Client(base).get("/login/two-factor"))).toBe("/login");
    expect(locationOf(await new Client(base).post("/login/two-factor", { code: "123456" }))).toBe("/login");
    const client = new Client(base);
    await client.post("/login", { email, password: TEST_PASSWORD });
    await db().updateTable("pending_sign_ins").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("user_id", "=", id).execute();
    const late = await client.post("/login/two-factor", { code: await codeFor(id) });
    expect(locationOf(late)).toBe("/login");
    expect(client.sessionToken()).toBeUndefined();
  });

  it("refuses a code used before (replay), with the reason beside the field", async () => {
    const { id, email } = await createUser(["department_staff"]);
    const first = new Client(base);
    await first.post("/login", { email, password: TEST_PASSWORD });
    const code = await codeFor(id);
    expect(locationOf(await first.post("/login/two-factor", { code }))).toBe("/dashboard");
    const second = new Client(base);
    await second.post("/login", { email, password: TEST_PASSWORD });
    const replay = await second.post("/login/two-factor", { code });
    expect(replay.status).toBe(400);
    expect(await pageText(replay)).toContain("このコードは使用済みです");
    expect(second.sessionToken()).toBeUndefined();
  });

  it("stops after repeated wrong codes with 429, for the code and the password alike; a right password between does not reset the count", async () => {
    const { id, email } = await createUser(["admin"]);
    const right = await codeFor(id);
    const wrongCode = right === "000000" ? "000001" : "000000";
    const client = new Client(base);
    await client.post("/login", { email, password: TEST_PASSWORD });
    for (let i = 0; i < 3; i++) expect((await client.post("/login/two-factor", { code: wrongCode })).status).toBe(400);
    // a right password again: still counted from before
    const again = new Client(base);
    expect(locationOf(await again.post("/login", { email, password: TEST_PASSWORD }))).toBe("/login/two-factor");
    for (let i = 0; i < 2; i++) expect((await again.post("/login/two-factor", { code: wrongCode })).status).toBe(400);
    const stopped = await again.post("/login/two-factor", { code: right });
    expect(stopped.status).toBe(429);
    expect(await pageText(stopped)).toContain("確認コードの誤りが続いたため");
    expect(again.sessionToken()).toBeUndefined();
    expect((await new Client(base).post("/login", { email, password: TEST_PASSWORD })).status).toBe(429);
  });

  it("takes a recovery code once, instead of a code, and says how many are left", async () => {
    const { id, email } = await createUser(["coordinator"], undefined, { secondFactor: false });
    const setter = await clientFor(base, id);
    const secret = manualKey(await pageText(await setter.get("/account/two-factor/setup")));
    const codes = recoveryCodes(await pageText(await setter.post("/account/two-factor/setup", { code: codeForStep(secret, stepAt(Date.now())) })));
    expect(codes).toHaveLength(10);

    const client = new Client(base);
    await client.post("/login", { email, password: TEST_PASSWORD });
    const used = await client.post("/login/two-factor", { code: codes[3].toUpperCase().replaceAll("-", " ") });
    expect(locationOf(used)).toBe("/dashboard");
    expect(decodeURIComponent(used.headers.getSetCookie().join(";"))).toBeTruthy();
    expect(await pageText(await client.get("/dashboard"))).toContain("残り9個");
    expect(await audit("user.two_factor.recovery_code_used", id)).toHaveLength(1);

    const twice = new Client(base);
    await twice.post("/login", { email, password: TEST_PASSWORD });
    const refused = await twice.post("/login/two-factor", { code: codes[3] });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("確認コードが正しくありません");
    expect(locationOf(await twice.post("/login/two-factor", { code: codes[4] }))).toBe("/dashboard");
  });

  it("lets a group member without a second factor sign in with the password alone", async () => {
    const { email } = await createUser(["group_member"]);
    const client = new Client(base);
    expect(locationOf(await client.post("/login", { email, password: TEST_PASSWORD }))).toBe("/dashboard");
    expect((await client.get("/dashboard")).status).toBe(200);
  });
});

describe("the second step's checks", () => {
  it("accept a code once even when two requests race with it, and a recovery code once likewise", async () => {
    const { id } = await createUser(["reviewer"], undefined, { secondFactor: false });
    const secret = await setUpSecondFactor(id);
    const now = Date.now() + 30_000; // the next step: not the one used to set up
    const code = codeForStep(secret, stepAt(now));
    const results = await Promise.all([verifySecondStep(db(), id, code, now), verifySecondStep(db(), id, code, now)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["replayed"]);
    // an older step's code, though within the window, is refused once a newer one was used
    expect(await verifySecondStep(db(), id, codeForStep(secret, stepAt(now) - 1), now)).toEqual({ ok: false, reason: "replayed" });
    expect(await verifySecondStep(db(), id, codeForStep(secret, stepAt(now) + 1), now)).toEqual({ ok: true, recoveryCodesLeft: null });
    expect(await verifySecondStep(db(), id, codeForStep(secret, stepAt(now) + 3), now)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("the account page", () => {
  it("lets a group member turn it on and off, each after re-entering a password that is not recent", async () => {
    const { id, email } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    expect(await pageText(await client.get("/account/two-factor"))).toContain("まだ設定されていません");
    const secret = manualKey(await pageText(await client.get("/account/two-factor/setup")));
    await client.post("/account/two-factor/setup", { code: codeForStep(secret, stepAt(Date.now())) });
    expect(await pageText(await client.get("/account/two-factor"))).toContain("未使用のリカバリーコード: 10個");
    expect(locationOf(await new Client(base).post("/login", { email, password: TEST_PASSWORD }))).toBe("/login/two-factor");

    await db().updateTable("sessions").set({ authenticated_at: new Date(Date.now() - 60 * 60_000).toISOString() }).where("user_id", "=", id).execute();
    const off = await client.post("/account/two-factor", { intent: "disable" });
    expect(off.headers.get("Location")).toBe("/account/reauthenticate?redirectTo=%2Faccount%2Ftwo-factor");
    expect((await client.get("/account/two-factor/setup")).headers.get("Location")).toBe("/account/reauthenticate?redirectTo=%2Faccount%2Ftwo-factor%2Fsetup");
    expect(locationOf(await client.post("/account/reauthenticate", { password: TEST_PASSWORD, redirectTo: "/account/two-factor" }))).toBe("/account/two-factor");

    const regenerated = await client.post("/account/two-factor", { intent: "regenerate" });
    expect(recoveryCodes(await pageText(regenerated))).toHaveLength(10);
    expect(await audit("user.two_factor.recovery_codes", id)).toHaveLength(1);

    expect(locationOf(await client.post("/account/two-factor", { intent: "disable" }))).toBe("/account/two-factor");
    expect(await audit("user.two_factor.disable", id)).toHaveLength(1);
    expect(await db().selectFrom("recovery_codes").where("user_id", "=", id).selectAll().execute()).toEqual([]);
    expect(locationOf(await new Client(base).post("/login", { email, password: TEST_PASSWORD }))).toBe("/dashboard");
  });

  it("refuses to turn it off for an account whose roles require it", async () => {
    const { id } = await createUser(["department_staff"]);
    const client = await clientFor(base, id);
    expect(await pageText(await client.get("/account/two-factor"))).not.toContain("二段階認証を解除する");
    const refused = await client.post("/account/two-factor", { intent: "disable" });
    expect(refused.status).toBe(403);
    expect(await pageText(refused)).toContain("必須のため、解除できません");
    expect(await db().selectFrom("second_factors").where("user_id", "=", id).where("confirmed_at", "is not", null).selectAll().execute()).toHaveLength(1);
  });
});

describe("the administrator's reset", () => {
  it("removes the second factor, ends the account's sessions, is in the audit log in Japanese, and the account sets up again", async () => {
    const admin = await createUser(["admin"]);
    const { id, email } = await createUser(["department_staff"]);
    const staff = await clientFor(base, id);
    const adminClient = await clientFor(base, admin.id);
    const list = await pageText(await adminClient.get("/admin/users"));
    expect(list).toContain(`aria-label="${email} の二段階認証をリセット"`);

    const reset = await adminClient.post("/admin/users", { intent: "reset-two-factor", userId: id });
    expect(locationOf(reset)).toBe("/admin/users");
    expect(await pageText(await adminClient.get("/admin/users"))).toContain(`${email} の二段階認証をリセットしました`);
    const entries = await audit("user.two_factor.reset", id);
    expect(entries.map((e) => ({ actor: e.actor_user_id, detail: JSON.parse(e.detail) }))).toEqual([{ actor: admin.id, detail: { email } }]);
    const log = await pageText(await adminClient.get("/admin/audit"));
    expect(log).toContain("二段階認証のリセット（管理者による）");

    expect(locationOf(await staff.get("/dashboard"))).toBe("/login");
    const again = new Client(base);
    expect(locationOf(await again.post("/login", { email, password: TEST_PASSWORD }))).toBe("/dashboard");
    expect(locationOf(await again.get("/dashboard"))).toBe("/account/two-factor/setup");
    // a second reset has nothing to do
    expect((await adminClient.post("/admin/users", { intent: "reset-two-factor", userId: id })).status).toBe(409);
  });

  it("is refused to everyone but administrators", async () => {
    const { id } = await createUser(["department_staff"]);
    const coordinator = await createUser(["coordinator"]);
    const client = await clientFor(base, coordinator.id);
    expect((await client.post("/admin/users", { intent: "reset-two-factor", userId: id })).status).toBe(403);
    expect(await audit("user.two_factor.reset", id)).toEqual([]);
  });
});

describe("signing in through the forms", () => {
  it("works for the harness as for a person (password, then the app's code)", async () => {
    const { email } = await createUser(["coordinator"]);
    const client = new Client(base);
    expect(locationOf(await signInWithForms(client, email))).toBe("/dashboard");
  });
});
