// Proof of the e-mail address (docs/decisions/0011): sign-up answers the same for a known and an unknown
// address and mails a single-use, expiring confirmation link; until it is followed the account can do
// nothing but have it sent again; roles go only to confirmed accounts; an address changes only once the
// new address is proven, and the old one is told; the requests that send mail are throttled (429), and
// the mail goes out after the response.
import { createHash } from "node:crypto";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { sql, type KyselyPlugin, type QueryId } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/index";
import { AccountRefusedError, confirmEmail, signUp as signUpCommand } from "../../app/domain/accounts/commands.server";
import { loadViewer } from "../../app/domain/accounts/queries.server";
import { MAIL_THROTTLE } from "../../app/auth/throttle.server";
import { mailQueueDrained, queuedMailCount } from "../../app/mail/queue.server";
import {
  Client,
  clientFor,
  confirmationPath,
  createUser,
  followConfirmationLink,
  locationOf,
  outbox,
  pageText,
  signUpAndConfirm,
  TEST_PASSWORD,
  useServer,
} from "./harness";

const base = useServer();
const db = () => getDb();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
let counter = 0;
const newAddress = (prefix: string) => `${prefix}-${++counter}-${Date.now()}@example.jp`;

// Each test starts with no mail requests counted, so the per-client limit of one test does not reach
// into the next (all requests here come from 127.0.0.1).
afterEach(async () => {
  await db().deleteFrom("mail_requests").execute();
});

async function signUp(email: string, displayName = "確認 太郎", password = TEST_PASSWORD) {
  return new Client(base).post("/signup", { displayName, email, password, passwordConfirm: password });
}

/** Signed up (not confirmed) and signed in. */
async function unconfirmedClient(email = newAddress("unconfirmed")) {
  expect((await signUp(email)).status).toBe(200);
  const client = new Client(base);
  expect((await client.post("/login", { email, password: TEST_PASSWORD })).status).toBe(302);
  return { client, email };
}

/** While on, storing a confirmation link for `email` fails inside the database (after the account's insert). */
async function refuseConfirmationLinkFor(email: string, on: boolean): Promise<void> {
  if (process.env.INTEGRATION_ENGINE === "postgres") {
    if (!on) {
      await sql`drop trigger email_confirmations_refuse on email_confirmations`.execute(db());
      return;
    }
    await sql`create or replace function refuse_confirmation() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`.execute(db());
    await sql`create trigger email_confirmations_refuse before insert on email_confirmations for each row when (new.email = ${sql.lit(email)}) execute function refuse_confirmation()`.execute(db());
    return;
  }
  if (!on) await sql`drop trigger email_confirmations_refuse`.execute(db());
  else await sql`create trigger email_confirmations_refuse before insert on email_confirmations when new.email = ${sql.lit(email)} begin select raise(abort, 'refused by the test'); end`.execute(db());
}

const userByEmail = (email: string) => db().selectFrom("users").where("email", "=", email).selectAll().executeTakeFirst();

describe("sign-up answers the same for a known and an unknown address", () => {
  it("shows the same page, sets no cookie, makes no second account, and the mail says what happened", async () => {
    const known = await createUser(["department_staff"]);
    const unknown = newAddress("newcomer");
    const [a, b] = [await signUp(known.email, "同じ 名前"), await signUp(unknown, "同じ 名前")];
    expect([a.status, b.status]).toEqual([200, 200]);
    for (const r of [a, b]) expect(r.headers.getSetCookie().filter((c) => c.startsWith("portal_session="))).toEqual([]);
    // Apart from the address typed (shown back), the CSP nonce and the request id, the pages are identical.
    const strip = (html: string, typed: string) =>
      html.replaceAll(typed, "E").replace(/nonce[=-]"?[^"' ]*"?/g, "").replace(/\\?"requestId\\?":\\?"[0-9a-f]+\\?"/g, "");
    const knownPage = strip(await pageText(a), known.email);
    expect(knownPage).toContain("E 宛てに、登録を完了するためのリンクを送りました。");
    expect(knownPage).toBe(strip(await pageText(b), unknown));

    // The known account is untouched: one account, its password and roles as they were.
    expect(await db().selectFrom("users").where("email", "=", known.email).select("id").execute()).toHaveLength(1);
    expect((await new Client(base).post("/login", { email: known.email, password: TEST_PASSWORD })).status).toBe(302);
    // The new address gets a confirmation link; the known one is told someone tried, with the ways in.
    const [toKnown] = outbox().filter((m) => m.to === known.email);
    expect(toKnown.subject).toBe("【協働マッチングポータル】アカウント登録のお申し込みについて");
    expect(toKnown.text).toContain("このアドレスのアカウントは既にあります");
    expect(toKnown.text).toContain(`${process.env.PORTAL_ORIGIN}/login`);
    expect(toKnown.text).toContain(`${process.env.PORTAL_ORIGIN}/password/forgot`);
    expect(toKnown.text).not.toContain("/account/confirm/");
    const [toNew] = outbox().filter((m) => m.to === unknown);
    expect(toNew.subject).toBe("【協働マッチングポータル】メールアドレスの確認のお願い");
    expect(toNew.text).toContain(`${process.env.PORTAL_ORIGIN}/account/confirm/`);
  });

  it("leaves no account when its confirmation link cannot be stored, so the address can sign up again", async () => {
    const email = newAddress("half-made");
    await refuseConfirmationLinkFor(email, true);
    try {
      // The account and its audit entry are written before the link; the link's insert fails inside the database.
      await expect(signUpCommand(db(), { email, displayName: "途中 止子", password: TEST_PASSWORD }, { origin: base(), clientAddress: "192.0.2.1" })).rejects.toThrow(
        /refused by the test/,
      );
    } finally {
      await refuseConfirmationLinkFor(email, false);
    }
    await mailQueueDrained();
    expect(await userByEmail(email)).toBeUndefined();
    expect(await db().selectFrom("audit_log").where("action", "=", "user.create").where("detail", "like", `%${email}%`).select("id").execute()).toEqual([]);
    expect(outbox().filter((m) => m.to === email)).toEqual([]);
    // Nothing holds the address: signing up again makes the account and mails its link.
    expect((await signUp(email)).status).toBe(200);
    expect((await userByEmail(email))!.email_confirmed_at).toBeNull();
    expect(confirmationPath(email)).toMatch(/^\/account\/confirm\//);
  });

  it("stores only the hash of the confirmation token", async () => {
    const email = newAddress("hashed");
    await signUp(email);
    const token = confirmationPath(email).split("/").at(-1)!;
    const rows = await db().selectFrom("email_confirmations").where("email", "=", email).selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toEqual([sha256(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe("an unconfirmed account", () => {
  it("is sent to the confirmation page from every page, and can do nothing there but re-send the link or sign out", async () => {
    const { client, email } = await unconfirmedClient();
    for (const path of ["/dashboard", "/groups/new", "/sheets", "/", "/account/password", "/account/email", "/notifications", "/login"]) {
      expect(locationOf(await client.get(path)), path).toBe("/account/confirm");
    }
    const page = await pageText(await client.get("/account/confirm"));
    expect(page).toContain(`${email}`);
    expect(page).toContain("宛てに送ったメールのリンクを開いて、確認を完了してください");
    expect(page).toContain("確認メールを再送する");
    expect(page).toContain("確認 太郎 さん（メールアドレス未確認）");
    expect(page).not.toContain("ダッシュボード");

    // Acting is refused too: the password does not change, no group is made.
    const changed = await client.post("/account/password", { currentPassword: TEST_PASSWORD, password: "another long password 1", passwordConfirm: "another long password 1" });
    expect(locationOf(changed)).toBe("/account/confirm");
    const made = await client.post("/groups/new", { name: "未確認の団体", nameKana: "みかくにんのだんたい", intent: "save" });
    expect(locationOf(made)).toBe("/account/confirm");
    expect(await db().selectFrom("groups").where("name", "=", "未確認の団体").select("id").execute()).toEqual([]);
    expect((await new Client(base).post("/login", { email, password: TEST_PASSWORD })).status).toBe(302);

    // Re-sending ends the earlier link: only the newest works.
    const first = confirmationPath(email);
    const resent = await client.post("/account/confirm");
    expect(locationOf(resent)).toBe("/account/confirm");
    const second = confirmationPath(email);
    expect(second).not.toBe(first);
    expect(await pageText(await client.post(first))).toContain("このリンクは使用済みか、有効期限（24時間）が切れています");
    expect(locationOf(await client.post(second))).toBe("/dashboard");
    expect((await client.get("/dashboard")).status).toBe(200);
    expect(locationOf(await client.get("/account/confirm"))).toBe("/dashboard");

    // Signing out works while unconfirmed.
    const { client: other } = await unconfirmedClient();
    expect(locationOf(await other.post("/logout"))).toBe("/");
    expect(other.sessionToken()).toBeUndefined();
  });

  it("confirms once with the link, signed in as itself; the link then is spent", async () => {
    const { client, email } = await unconfirmedClient();
    const link = confirmationPath(email);
    // Opened without signing in: told to sign in (and come back); following it needs the session.
    const visitor = new Client(base);
    const asked = await pageText(await visitor.get(link));
    expect(asked).toContain("登録を完了するには、登録したメールアドレスとパスワードでサインインしてください。");
    expect(asked).toContain(`/login?redirectTo=${encodeURIComponent(link)}`);
    expect(locationOf(await visitor.post(link))).toBe("/login");
    // Another account's session cannot follow it (someone who got a stranger's mail cannot confirm it).
    const stranger = await clientFor(base, (await createUser(["group_member"])).id);
    expect(await pageText(await stranger.get(link))).toContain("いまサインインしているアカウントのものではありません");
    const refused = await stranger.post(link);
    expect(refused.status).toBe(403);
    expect((await userByEmail(email))!.email_confirmed_at).toBeNull();

    expect(await pageText(await client.get(link))).toContain(`${email} をこのアカウントのメールアドレスとして確認します。`);
    const confirmed = await client.post(link);
    expect(locationOf(confirmed)).toBe("/dashboard");
    expect((await userByEmail(email))!.email_confirmed_at).not.toBeNull();
    const again = await client.post(link);
    expect(again.status).toBe(400);
    expect(await pageText(again)).toContain("このリンクは使用済みか");
    expect(await pageText(await client.get(link))).toContain("リンクが無効です");
  });

  it("cannot use an expired link", async () => {
    const { client, email } = await unconfirmedClient();
    const link = confirmationPath(email);
    await db().updateTable("email_confirmations").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", email).execute();
    expect(await pageText(await client.get(link))).toContain("リンクが無効です");
    expect((await client.post(link)).status).toBe(400);
    expect((await userByEmail(email))!.email_confirmed_at).toBeNull();
    expect(locationOf(await client.get("/dashboard"))).toBe("/account/confirm");
  });

  it("cannot use a link that expires between its lookup and its spending", async () => {
    const { email } = await unconfirmedClient();
    const user = (await userByEmail(email))!;
    const token = confirmationPath(email).split("/").at(-1)!;
    const { expires_at } = await db().selectFrom("email_confirmations").where("user_id", "=", user.id).select("expires_at").executeTakeFirstOrThrow();
    // The clock passes the link's expiry as soon as confirmEmail has read the link.
    const lookups = new Set<QueryId>();
    const expireAfterLookup: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => {
        if (node.kind === "SelectQueryNode" && JSON.stringify(node).includes('"email_confirmations"')) lookups.add(queryId);
        return node;
      },
      transformResult: async ({ result, queryId }) => {
        if (lookups.has(queryId)) vi.setSystemTime(Date.parse(expires_at) + 1000);
        return result;
      },
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now());
      const attempt = confirmEmail(db().withPlugin(expireAfterLookup), (await loadViewer(db(), user.id))!, token, base());
      await expect(attempt).rejects.toBeInstanceOf(AccountRefusedError);
      await expect(attempt).rejects.toThrow("このリンクは使用済みか、有効期限（24時間）が切れています");
    } finally {
      vi.useRealTimers();
    }
    expect(lookups.size).toBeGreaterThan(0);
    expect((await userByEmail(email))!.email_confirmed_at).toBeNull();
    expect((await db().selectFrom("email_confirmations").where("user_id", "=", user.id).select("used_at").executeTakeFirstOrThrow()).used_at).toBeNull();
  });

  it("is confirmed by a password reset, whose link reached the address, and whoever signed up is signed out", async () => {
    // Someone registered this address first; its owner takes the account over by resetting the password.
    const { client: squatter, email } = await unconfirmedClient();
    await new Client(base).post("/password/forgot", { email });
    const reset = /\/password\/reset\/\S+/.exec(outbox().filter((m) => m.to === email).at(-1)!.text)![0];
    await new Client(base).post(reset, { password: "the owner's own password", passwordConfirm: "the owner's own password" });
    expect((await userByEmail(email))!.email_confirmed_at).not.toBeNull();
    expect(locationOf(await squatter.get("/account/confirm"))).toBe("/login");
    const owner = new Client(base);
    await owner.post("/login", { email, password: "the owner's own password" });
    expect((await owner.get("/dashboard")).status).toBe(200);
  });

  it("works once when the same reset link is posted twice at the same moment", async () => {
    const { email } = await unconfirmedClient();
    await new Client(base).post("/password/forgot", { email });
    const reset = /\/password\/reset\/\S+/.exec(outbox().filter((m) => m.to === email).at(-1)!.text)![0];
    const answers = await Promise.all(
      ["first of two passwords", "second of two passwords"].map((password) => new Client(base).post(reset, { password, passwordConfirm: password })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    const audited = await getDb().selectFrom("audit_log").where("action", "=", "user.password.reset").where("subject_id", "=", (await userByEmail(email))!.id).select("id").execute();
    expect(audited).toHaveLength(1);
  });
});

describe("roles", () => {
  it("are refused to an unconfirmed account with a Japanese message; the admin sees who is confirmed", async () => {
    const admin = await clientFor(base, (await createUser(["admin"])).id);
    const { client, email } = await unconfirmedClient(newAddress("future-staff"));
    const user = (await userByEmail(email))!;
    const page = await pageText(await admin.get("/admin/users"));
    const row = page.slice(page.indexOf(email), page.indexOf("</tr>", page.indexOf(email)));
    expect(row).toContain("未確認");
    expect(row).toContain("メールアドレスの確認後に付与できます");
    expect(page).toContain("確認済み");

    const refused = await admin.post("/admin/users", { intent: "grant", userId: user.id, role: "department_staff" });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain(`${email} はメールアドレスの確認が済んでいないため、役割を付与できません。`);
    expect((await db().selectFrom("user_roles").where("user_id", "=", user.id).select("role").execute()).map((r) => r.role)).toEqual(["group_member"]);

    await followConfirmationLink(client, email);
    const granted = await admin.post("/admin/users", { intent: "grant", userId: user.id, role: "department_staff" });
    expect(locationOf(granted)).toBe("/admin/users");
    expect((await db().selectFrom("user_roles").where("user_id", "=", user.id).select("role").execute()).map((r) => r.role).sort()).toEqual([
      "department_staff",
      "group_member",
    ]);
  });
});

describe("changing the address", () => {
  it("needs the current password and changes nothing until the new address's link is followed; the old address is told", async () => {
    const oldEmail = newAddress("old");
    const client = await signUpAndConfirm(base, { displayName: "転居 花子", email: oldEmail });
    const newEmail = newAddress("new");

    const wrong = await client.post("/account/email", { email: newEmail, currentPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(await pageText(wrong)).toContain("現在のパスワードが正しくありません。");
    expect(outbox().filter((m) => m.to === newEmail)).toEqual([]);

    const asked = await client.post("/account/email", { email: newEmail, currentPassword: TEST_PASSWORD });
    expect(asked.status).toBe(200);
    expect(await pageText(asked)).toContain(`${newEmail} 宛てに確認のリンクを送りました。リンクを開いて確認するまで、メールアドレスは変わりません。`);
    // Nothing changed yet: the old address still signs in, the new one does not.
    expect((await userByEmail(oldEmail))).toBeDefined();
    expect((await new Client(base).post("/login", { email: newEmail, password: TEST_PASSWORD })).status).toBe(400);
    expect(await pageText(await client.get("/account/email"))).toContain(`${newEmail} への変更の確認を待っています`);
    // A reset link sent to the old address before the change…
    await new Client(base).post("/password/forgot", { email: oldEmail });
    const reset = /\/password\/reset\/\S+/.exec(outbox().filter((m) => m.to === oldEmail).at(-1)!.text)![0];

    const mail = outbox().filter((m) => m.to === newEmail).at(-1)!;
    expect(mail.subject).toBe("【協働マッチングポータル】新しいメールアドレスの確認のお願い");
    const link = confirmationPath(newEmail);
    expect(await pageText(await client.get(link))).toContain(`アカウントのメールアドレスを ${newEmail} に変更します。`);
    const done = await client.post(link);
    expect(locationOf(done)).toBe("/account/email");
    expect(await userByEmail(oldEmail)).toBeUndefined();
    expect((await userByEmail(newEmail))!.display_name).toBe("転居 花子");
    expect((await new Client(base).post("/login", { email: newEmail, password: TEST_PASSWORD })).status).toBe(302);
    expect((await new Client(base).post("/login", { email: oldEmail, password: TEST_PASSWORD })).status).toBe(400);

    const notice = outbox().filter((m) => m.to === oldEmail && m.subject === "【協働マッチングポータル】メールアドレスが変更されました");
    expect(notice).toHaveLength(1);
    expect(notice[0].text).toContain(`${oldEmail} から ${newEmail} に変更されました`);
    // …no longer opens the account, and the change link is spent.
    expect(await pageText(await new Client(base).get(reset))).toContain("リンクが無効です");
    expect((await client.post(link)).status).toBe(400);
    const audit = await db().selectFrom("audit_log").where("action", "=", "user.email.change").select("detail").execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toContainEqual({ from: oldEmail, to: newEmail });
  });

  it("answers the same for an address that has an account, whose mail says the change cannot be made", async () => {
    const client = await signUpAndConfirm(base, { displayName: "重複 次郎", email: newAddress("mover") });
    const taken = await createUser(["group_member"]);
    const response = await client.post("/account/email", { email: taken.email, currentPassword: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain(`${taken.email} 宛てに確認のリンクを送りました。`);
    const [mail] = outbox().filter((m) => m.to === taken.email);
    expect(mail.text).toContain("このアドレスのアカウントは既にあるため、変更できません");
    expect(mail.text).not.toContain("/account/confirm/");
  });
});

describe("throttling the requests that send mail", () => {
  it("takes three sign-ups for one address an hour, known or not, then answers 429 in Japanese, keeping what was typed", async () => {
    const known = await createUser(["group_member"]);
    for (const email of [known.email, newAddress("again")]) {
      for (let i = 0; i < MAIL_THROTTLE.maxPerRecipient; i++) expect((await signUp(email)).status).toBe(200);
      const refused = await signUp(email, "四回目 さん");
      expect(refused.status).toBe(429);
      const html = await pageText(refused);
      expect(html).toContain("短い時間に何度も申し込まれたため、一時的に受け付けを止めています。");
      expect(html).toContain('value="四回目 さん"');
    }
  });

  it("stops one client signing up many addresses, and one asking for many resets", async () => {
    for (const [path, form] of [
      ["/signup", (email: string) => ({ displayName: "大量 登録", email, password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD })],
      ["/password/forgot", (email: string) => ({ email })],
    ] as const) {
      let refusedAt = -1;
      for (let n = 0; n <= MAIL_THROTTLE.maxPerClient; n++) {
        const response = await new Client(base).post(path, form(newAddress("spray")));
        if (response.status === 429) {
          refusedAt = n;
          break;
        }
        expect(response.status).toBe(200);
      }
      expect({ path, refusedAt }).toEqual({ path, refusedAt: MAIL_THROTTLE.maxPerClient });
    }
  });

  it("limits re-sending the confirmation link", async () => {
    const { client, email } = await unconfirmedClient();
    for (let i = 0; i < MAIL_THROTTLE.maxPerRecipient; i++) expect(locationOf(await client.post("/account/confirm"))).toBe("/account/confirm");
    const refused = await client.post("/account/confirm");
    expect(refused.status).toBe(429);
    expect(await pageText(refused)).toContain("一時的に受け付けを止めています");
    // the sign-up's link and the three re-sent ones
    expect(outbox().filter((m) => m.to === email)).toHaveLength(1 + MAIL_THROTTLE.maxPerRecipient);
  });
});

describe("mail goes out after the response", () => {
  it("answers sign-up and reset requests, for known and unknown addresses, while the SMTP server has not answered", async () => {
    // An SMTP server that accepts connections and never says a word.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const known = await createUser(["group_member"]);
      const answers: number[] = [];
      for (const [path, form] of [
        ["/signup", { displayName: "待たない", email: newAddress("queued"), password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD }],
        ["/signup", { displayName: "待たない", email: known.email, password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD }],
        ["/password/forgot", { email: known.email }],
      ] as const) {
        const client = new Client(base);
        client.drainMail = false;
        const response = await client.post(path, form);
        answers.push(response.status);
      }
      expect(answers).toEqual([200, 200, 200]);
      // Every answer came while its mail was still waiting on the SMTP server.
      expect(queuedMailCount()).toBe(3);
      expect(sockets.length).toBeGreaterThanOrEqual(1);
    } finally {
      delete process.env.SMTP_URL;
      for (const socket of sockets) socket.destroy();
      silent.close();
      await mailQueueDrained();
    }
  });
});
