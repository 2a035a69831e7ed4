// Repeated failed sign-ins: per account and per client address, HTTP 429 with a Japanese message,
// the same whether or not the e-mail has an account.
import { describe, expect, it } from "vitest";
import { forgetPastThrottling, MAIL_THROTTLE, recordAttempt, takeMailRequest, THROTTLE, THROTTLE_ROWS_KEPT_HOURS } from "../../app/auth/throttle.server";
import { getDb } from "../../db/index";
import { Client, createUser, TEST_PASSWORD, useServer } from "./harness";

const base = useServer();

async function failSignIns(email: string, times: number) {
  for (let i = 0; i < times; i++) {
    const response = await new Client(base).post("/login", { email, password: `wrong password ${i}` });
    expect(response.status).toBe(400);
  }
}

describe("sign-in throttling", () => {
  it("stops an account after repeated failures, even for the right password, and says so in Japanese", async () => {
    const { email } = await createUser(["group_member"]);
    await failSignIns(email, THROTTLE.maxFailuresPerAccount);
    const response = await new Client(base).post("/login", { email, password: TEST_PASSWORD });
    expect(response.status).toBe(429);
    const html = await response.text();
    expect(html).toContain("サインインの失敗が続いたため、一時的に受け付けを止めています");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("portal_session="))).toBe(false);
  });

  it("answers an unknown e-mail the same way, so throttling reveals nothing", async () => {
    const email = "no-such-account@example.jp";
    await failSignIns(email, THROTTLE.maxFailuresPerAccount);
    const response = await new Client(base).post("/login", { email, password: TEST_PASSWORD });
    expect(response.status).toBe(429);
    expect(await response.text()).toContain("一時的に受け付けを止めています");
  });

  it("lets the account's owner sign in after a success cleared earlier failures", async () => {
    const { email } = await createUser(["group_member"]);
    await failSignIns(email, THROTTLE.maxFailuresPerAccount - 1);
    expect((await new Client(base).post("/login", { email, password: TEST_PASSWORD })).status).toBe(302);
    await failSignIns(email, THROTTLE.maxFailuresPerAccount - 1);
    expect((await new Client(base).post("/login", { email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("stops an address that tries many accounts", async () => {
    const victim = await createUser(["admin"]);
    // Each e-mail fails only once, so only the per-address count can stop this.
    let refusedAfter = -1;
    for (let n = 0; n <= THROTTLE.maxFailuresPerAddress; n++) {
      const response = await new Client(base).post("/login", { email: `spray${n}@example.jp`, password: "guess guess guess" });
      if (response.status === 429) {
        refusedAfter = n;
        break;
      }
    }
    // earlier tests in this file already failed from this address, so the limit comes sooner
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    const response = await new Client(base).post("/login", { email: victim.email, password: TEST_PASSWORD });
    expect(response.status).toBe(429);
  });
});

describe("the throttling's own rows", () => {
  it("are deleted once their window is a day past, each table by its own window; the recent ones stay and still count", async () => {
    const db = getDb();
    const email = `forgotten-${Date.now()}@example.jp`;
    await recordAttempt(db, email, "198.51.100.7", false);
    expect(await takeMailRequest(db, "password_reset", email, "198.51.100.7")).toBe(true);
    const aged = (windowMinutes: number, extraMinutes: number) => new Date(Date.now() - (windowMinutes + THROTTLE_ROWS_KEPT_HOURS * 60 + extraMinutes) * 60_000).toISOString();
    // Just past a day after its window, and just within it.
    await db.insertInto("sign_in_attempts").values([
      { id: "old-attempt", email, client_address: "198.51.100.7", succeeded: 0, attempted_at: aged(THROTTLE.windowMinutes, 1) },
      { id: "kept-attempt", email, client_address: "198.51.100.7", succeeded: 0, attempted_at: aged(THROTTLE.windowMinutes, -1) },
    ]).execute();
    await db.insertInto("mail_requests").values([
      { id: "old-request", kind: "password_reset", email, client_address: "198.51.100.7", requested_at: aged(MAIL_THROTTLE.windowMinutes, 1) },
      { id: "kept-request", kind: "password_reset", email, client_address: "198.51.100.7", requested_at: aged(MAIL_THROTTLE.windowMinutes, -1) },
    ]).execute();

    expect(await forgetPastThrottling(db, new Date())).toBeGreaterThanOrEqual(2);
    const left = async (table: "sign_in_attempts" | "mail_requests") => (await db.selectFrom(table).where("email", "=", email).select("id").execute()).length;
    expect(await left("sign_in_attempts")).toBe(2);
    expect(await left("mail_requests")).toBe(2);
    expect(await db.selectFrom("sign_in_attempts").where("id", "in", ["old-attempt", "kept-attempt"]).select("id").execute()).toEqual([{ id: "kept-attempt" }]);
    expect(await db.selectFrom("mail_requests").where("id", "in", ["old-request", "kept-request"]).select("id").execute()).toEqual([{ id: "kept-request" }]);
  });
});
