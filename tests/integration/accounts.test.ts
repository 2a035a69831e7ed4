// Sign-up, sign-in, sessions, password change and reset, as a browser without JavaScript does them.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { Client, clientFor, codeFor, createUser, followConfirmationLink, locationOf, outbox, pageText, signInWithForms, TEST_PASSWORD, useServer } from "./harness";

const base = useServer();
const db = () => getDb();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("sign-up", () => {
  it("shows Japanese messages next to the fields and keeps what was typed (but not passwords)", async () => {
    const response = await new Client(base).post("/signup", {
      displayName: "山田 花子",
      email: "hanako.example.jp",
      password: "short",
      passwordConfirm: "different",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("メールアドレスの形式が正しくありません");
    expect(html).toContain("パスワードは12文字以上で入力してください");
    expect(html).toContain('value="山田 花子"');
    expect(html).toContain('value="hanako.example.jp"');
    expect(html).not.toContain('value="short"');
    // React's streaming renderer once put NUL bytes into Japanese text here
    expect(html).not.toContain("\u0000");
    // the message is tied to its field for screen readers
    expect(html).toMatch(/aria-describedby="[^"]*email-error/);
  });

  it("refuses a common password, one of a repeated character and one containing the address, saying why beside the field", async () => {
    for (const [password, message] of [
      ["password1234", "よく使われるパスワード"],
      ["            ", "同じ文字を繰り返しただけ"],
      ["weak.signup@example.jp", "メールアドレスを含む"],
    ]) {
      const response = await new Client(base).post("/signup", { displayName: "山田 花子", email: "weak.signup@example.jp", password, passwordConfirm: password });
      expect(response.status, password).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toMatch(/aria-describedby="[^"]*password-error/);
      expect(html).toContain('value="weak.signup@example.jp"');
    }
    expect(await db().selectFrom("users").where("email", "=", "weak.signup@example.jp").select("id").executeTakeFirst()).toBeUndefined();
  });

  it("shows script typed into a field as text", async () => {
    const response = await new Client(base).post("/signup", { displayName: "<script>alert(1)</script>", email: "x" });
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("creates an unconfirmed group member account without signing in; signing in stores only a hash of the session token", async () => {
    const response = await new Client(base).post("/signup", {
      displayName: "佐藤 一郎",
      email: "Ichiro@Example.jp",
      password: TEST_PASSWORD,
      passwordConfirm: TEST_PASSWORD,
    });
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain("ichiro@example.jp 宛てに、登録を完了するためのリンクを送りました。");
    // No session: a cookie here would tell a new address from a known one.
    expect(response.headers.getSetCookie().some((c) => c.startsWith("portal_session="))).toBe(false);
    const user = await db().selectFrom("users").where("email", "=", "ichiro@example.jp").selectAll().executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.email_confirmed_at).toBeNull();
    const roles = await db().selectFrom("user_roles").where("user_id", "=", user.id).select("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["group_member"]);

    const client = new Client(base);
    const signedIn = await client.post("/login", { email: "ichiro@example.jp", password: TEST_PASSWORD });
    const setCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("portal_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = client.sessionToken()!;
    const sessions = await db().selectFrom("sessions").where("user_id", "=", user.id).select("id").execute();
    expect(sessions.map((s) => s.id)).toEqual([sha256(token)]);
    // Unconfirmed, the dashboard sends it to confirm; the mailed link opens everything.
    expect(locationOf(await client.get("/dashboard"))).toBe("/account/confirm");
    expect(locationOf(await followConfirmationLink(client, "ichiro@example.jp"))).toBe("/dashboard");
    expect((await client.get("/dashboard")).status).toBe(200);
  });

  it("makes one account of two simultaneous sign-ups with one address, and answers both the same", async () => {
    const form = { displayName: "同時", email: "same-time@example.jp", password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD };
    const responses = await Promise.all([new Client(base).post("/signup", form), new Client(base).post("/signup", form)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    for (const r of responses) expect(await pageText(r)).toContain("same-time@example.jp 宛てに、登録を完了するためのリンクを送りました。");
    const audit = await db().selectFrom("audit_log").where("action", "=", "user.create").select("detail").execute();
    expect(audit.filter((a) => JSON.parse(a.detail).email === "same-time@example.jp").map((a) => JSON.parse(a.detail).source)).toEqual([
      "signup",
    ]);
    // The mail tells what happened: one confirmation link, one "already registered".
    const subjects = outbox().filter((m) => m.to === "same-time@example.jp").map((m) => m.subject).sort();
    expect(subjects).toEqual(["【協働マッチングポータル】アカウント登録のお申し込みについて", "【協働マッチングポータル】メールアドレスの確認のお願い"]);
  });
});

describe("sign-in and sessions", () => {
  it("answers a wrong password and an unknown e-mail in exactly the same way", async () => {
    const { email } = await createUser(["group_member"]);
    const wrong = await new Client(base).post("/login", { email, password: "wrong password!!" });
    const unknown = await new Client(base).post("/login", { email: "nobody@example.jp", password: "wrong password!!" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    // Apart from the e-mail typed (shown back in the field), the CSP nonce and the request id, the pages are identical.
    const strip = (html: string, typed: string) => html.replaceAll(typed, "E").replace(/nonce[=-]"?[^"' ]*"?/g, "").replace(/\\?"requestId\\?":\\?"[0-9a-f]+\\?"/g, "");
    const wrongPage = strip(await wrong.text(), email);
    expect(wrongPage).toContain("メールアドレスまたはパスワードが正しくありません");
    const unknownPage = strip(await unknown.text(), "nobody@example.jp");
    expect(wrongPage).toBe(unknownPage);
  });

  it("starts a new session on every sign-in, and signing out ends only that one", async () => {
    const { email, id } = await createUser(["reviewer"]);
    const a = new Client(base);
    const b = new Client(base);
    await signInWithForms(a, email);
    await signInWithForms(b, email);
    expect(a.sessionToken()).toBeTruthy();
    expect(a.sessionToken()).not.toBe(b.sessionToken());
    const rows = await db().selectFrom("sessions").where("user_id", "=", id).select("id").execute();
    expect(rows.map((r) => r.id).sort()).toEqual([sha256(a.sessionToken()!), sha256(b.sessionToken()!)].sort());
    expect(rows.some((r) => r.id === a.sessionToken())).toBe(false);

    const out = await a.post("/logout");
    expect(locationOf(out)).toBe("/");
    expect(a.sessionToken()).toBeUndefined();
    expect(locationOf(await a.get("/dashboard"))).toBe("/login");
    expect((await b.get("/dashboard")).status).toBe(200);
  });

  it("signs out back to a page that asks to be opened again signed out (an invitation for another address), never to another site", async () => {
    const { id } = await createUser(["group_member"]);
    expect(locationOf(await (await clientFor(base, id)).post("/logout", { redirectTo: "/reviewer-invites/abc" }))).toBe("/reviewer-invites/abc");
    expect(locationOf(await (await clientFor(base, id)).post("/logout", { redirectTo: "https://evil.example/" }))).toBe("/");
  });

  it("sends a signed-in visitor back to the page they asked for", async () => {
    const { email, id } = await createUser(["admin"]);
    const client = new Client(base);
    const first = await client.get("/admin/users");
    expect(first.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    // The target rides along through the second step of sign-in.
    const password = await client.post("/login", { email, password: TEST_PASSWORD, redirectTo: "/admin/users" });
    expect(password.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fadmin%2Fusers");
    const response = await client.post("/login/two-factor", { code: await codeFor(id), redirectTo: "/admin/users" });
    expect(locationOf(response)).toBe("/admin/users");
    const offsite = await new Client(base).post("/login", { email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" });
    expect(offsite.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fdashboard");
    const other = new Client(base);
    await other.post("/login", { email, password: TEST_PASSWORD });
    const after = await other.post("/login/two-factor", { code: await codeFor(id), redirectTo: "//evil.example/x" });
    expect(after.headers.get("Location")).toBe("/dashboard");
  });

  it("ends a session that was idle too long, and clears its cookie", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    await db().updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("user_id", "=", id).execute();
    const response = await client.get("/dashboard");
    expect(locationOf(response)).toBe("/login");
    expect(response.headers.getSetCookie().some((c) => /^portal_session=;/.test(c))).toBe(true);
    expect(await db().selectFrom("sessions").where("user_id", "=", id).selectAll().execute()).toEqual([]);
  });

  it("ends a session past its absolute lifetime even while it is in use", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000).toISOString();
    await db().updateTable("sessions").set({ created_at: thirteenHoursAgo }).where("user_id", "=", id).execute();
    expect(locationOf(await client.get("/dashboard"))).toBe("/login");
  });

  it("extends an active session past half of its idle time and re-sends the cookie", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    await db().updateTable("sessions").set({ expires_at: soon }).where("user_id", "=", id).execute();
    const response = await client.get("/dashboard");
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("portal_session="))).toBe(true);
    const row = await db().selectFrom("sessions").where("user_id", "=", id).select("expires_at").executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);
  });
});

describe("changing the password", () => {
  it("needs the password entered recently: else sends to re-enter it (throttled), then back; ends every other session but keeps this one", async () => {
    const { id, email } = await createUser(["department_staff"]);
    const here = await clientFor(base, id);
    const elsewhere = await clientFor(base, id);
    // This session's password was entered 20 minutes ago: the page and its form both send to 本人確認.
    const longAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    await db().updateTable("sessions").set({ authenticated_at: longAgo }).where("id", "=", sha256(here.sessionToken()!)).execute();
    const change = { password: "a brand new password", passwordConfirm: "a brand new password" };
    expect((await here.get("/account/password")).headers.get("Location")).toBe("/account/reauthenticate?redirectTo=%2Faccount%2Fpassword");
    expect((await here.post("/account/password", change)).headers.get("Location")).toBe("/account/reauthenticate?redirectTo=%2Faccount%2Fpassword");
    expect(await db().selectFrom("audit_log").where("action", "=", "user.password.change").where("subject_id", "=", id).selectAll().execute()).toEqual([]);

    const page = await here.get("/account/reauthenticate?redirectTo=%2Faccount%2Fpassword");
    expect(await page.text()).toContain("本人確認");
    const wrong = await here.post("/account/reauthenticate", { password: "not the password", redirectTo: "/account/password" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("パスワードが正しくありません");
    const right = await here.post("/account/reauthenticate", { password: TEST_PASSWORD, redirectTo: "/account/password" });
    expect(locationOf(right)).toBe("/account/password");
    expect((await here.get("/account/password")).status).toBe(200);

    const ok = await here.post("/account/password", change);
    expect(locationOf(ok)).toBe("/dashboard");
    expect((await here.get("/dashboard")).status).toBe(200);
    expect(locationOf(await elsewhere.get("/dashboard"))).toBe("/login");
    expect(locationOf(await new Client(base).post("/login", { email, password: "a brand new password" }))).toBe("/login/two-factor");
  });

  it("stops re-authentication after repeated wrong passwords, as sign-in does", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    for (let i = 0; i < 5; i++) expect((await client.post("/account/reauthenticate", { password: `wrong ${i}` })).status).toBe(400);
    const stopped = await client.post("/account/reauthenticate", { password: TEST_PASSWORD });
    expect(stopped.status).toBe(429);
    expect(await stopped.text()).toContain("一時的に受け付けを止めています");
  });
});

describe("password reset by e-mail", () => {
  it("mails a one-time link that sets a new password and signs out every session", async () => {
    const { id, email } = await createUser(["group_member"]);
    const oldSession = await clientFor(base, id);
    const response = await new Client(base).post("/password/forgot", { email });
    expect(response.status).toBe(200);
    const mail = outbox().filter((m) => m.to === email).at(-1)!;
    expect(mail.subject).toContain("パスワード再設定");
    const link = /https?:\/\/\S+\/password\/reset\/\S+/.exec(mail.text)![0];
    const path = new URL(link).pathname;

    const client = new Client(base);
    expect(await (await client.get(path)).text()).toContain("新しいパスワードの設定");
    const done = await client.post(path, { password: "reset password 2026", passwordConfirm: "reset password 2026" });
    expect(locationOf(done)).toBe("/login");
    expect(locationOf(await oldSession.get("/dashboard"))).toBe("/login");
    expect((await new Client(base).post("/login", { email, password: "reset password 2026" })).status).toBe(302);

    // the link works once
    expect(await (await client.get(path)).text()).toContain("リンクが無効です");
    const again = await client.post(path, { password: "another password 99", passwordConfirm: "another password 99" });
    expect(again.status).toBe(400);
  });

  it("answers the same for an address without an account and sends nothing", async () => {
    const before = outbox().length;
    const response = await new Client(base).post("/password/forgot", { email: "nobody-here@example.jp" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("登録がある場合は再設定用のリンクを送信しました");
    expect(outbox().length).toBe(before);
  });

  it("takes at most three reset requests for one address an hour, then answers 429 in Japanese", async () => {
    const { email } = await createUser(["group_member"]);
    for (let i = 0; i < 3; i++) {
      const response = await new Client(base).post("/password/forgot", { email });
      expect(await response.text()).toContain("登録がある場合は再設定用のリンクを送信しました");
    }
    const refused = await new Client(base).post("/password/forgot", { email });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("一時的に受け付けを止めています");
    expect(outbox().filter((m) => m.to === email)).toHaveLength(3);
  });

  it("ends every earlier link of the account: a newer request, a reset and a password change each do", async () => {
    const { id, email } = await createUser(["group_member"]);
    const linkFor = async () => {
      await new Client(base).post("/password/forgot", { email });
      return /\/password\/reset\/\S+/.exec(outbox().filter((m) => m.to === email).at(-1)!.text)![0];
    };
    const first = await linkFor();
    const second = await linkFor();
    expect(await (await new Client(base).get(first)).text()).toContain("リンクが無効です");
    expect(await (await new Client(base).get(second)).text()).toContain("新しいパスワードの設定");

    // a reset with the newest link ends every other (none is left to reuse)
    await db().deleteFrom("mail_requests").execute(); // out of the 3-per-window limit
    const third = await linkFor();
    await db().updateTable("password_resets").set({ used_at: null }).where("user_id", "=", id).execute(); // as if the earlier ones were still open
    await new Client(base).post(third, { password: "reset password 2026", passwordConfirm: "reset password 2026" });
    expect(await (await new Client(base).get(second)).text()).toContain("リンクが無効です");

    // a password change ends a link asked for before it
    await db().deleteFrom("mail_requests").execute();
    const fourth = await linkFor();
    const signedIn = await clientFor(base, id);
    await signedIn.post("/account/password", { password: "changed password 2026", passwordConfirm: "changed password 2026" });
    expect((await new Client(base).post("/login", { email, password: "changed password 2026" })).status).toBe(302);
    expect(await (await new Client(base).get(fourth)).text()).toContain("リンクが無効です");
  });

  it("refuses an expired link", async () => {
    const { email } = await createUser(["group_member"]);
    await new Client(base).post("/password/forgot", { email });
    const link = /\/password\/reset\/\S+/.exec(outbox().filter((m) => m.to === email).at(-1)!.text)![0];
    await db().updateTable("password_resets").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect(await (await new Client(base).get(link)).text()).toContain("リンクが無効です");
  });
});
