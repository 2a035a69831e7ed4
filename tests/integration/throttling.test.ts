// Repeated failed sign-ins: per account and per client address, HTTP 429 with a Japanese message,
// the same whether or not the e-mail has an account.
import { describe, expect, it } from "vitest";
import { THROTTLE } from "../../app/auth/throttle.server";
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
