// When something breaks, in any mode, people get a Japanese page that says what to do and a request id
// to quote, never a stack trace or the database's own words (the log has them, under that id).
import { afterAll, describe, expect, it, vi } from "vitest";
import { sql } from "kysely";
import { getDb } from "../../db/index";
import { clientFor, createUser, useServer } from "./harness";

// The portal as configured behind TLS: its cookies are Secure and HSTS is sent. NODE_ENV stays "test":
// hiding an error's details does not depend on it.
const base = useServer({ scheme: "https" });
const logged = vi.spyOn(console, "error").mockImplementation(() => {});
afterAll(() => logged.mockRestore());

describe("a server error", () => {
  it("shows the Japanese 500 page with a request id and without the error's details, which go to the log under that id", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    expect((await client.get("/dashboard")).status).toBe(200);
    // A page without a title of its own (the home page) has the site's name, not the error's.
    expect(await (await client.get("/")).text()).toContain("<title>協働マッチングポータル</title>");

    await sql`drop table group_members`.execute(getDb());
    const response = await client.get("/dashboard");
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("エラーが発生しました");
    expect(html).toContain("<title>エラーが発生しました | 協働マッチングポータル</title>");
    expect(html).toContain("時間をおいて、もう一度お試しください");
    expect(html).not.toMatch(/group_members|no such table|does not exist|at \S+ \(|\.ts:\d+/);
    const requestId = response.headers.get("X-Request-Id")!;
    expect(html).toContain(`お問い合わせ番号: ${requestId}`);
    expect(logged.mock.calls.some((args) => String(args[0]).includes(requestId) && String(args[1]).match(/group_members/))).toBe(true);

    // Remix's own data requests (client-side navigation) carry no details either
    const data = await client.get("/dashboard?_data=routes%2Fdashboard");
    expect(data.status).toBe(500);
    expect(await data.text()).not.toMatch(/group_members|no such table|does not exist|at \S+ \(/);
  });

  it("sends the session cookie Secure when the portal's origin is https", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    await getDb().updateTable("sessions").set({ expires_at: new Date(Date.now() + 60_000).toISOString() }).where("user_id", "=", id).execute();
    const response = await client.get("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
    expect(cookie).toMatch(/; Secure/i);
    expect(response.headers.get("Strict-Transport-Security")).toBeTruthy();
  });
});
