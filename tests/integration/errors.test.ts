// When something breaks in production, people get a Japanese page that says what to do, never a stack
// trace or the database's own words.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "../../db/index";
import { clientFor, createUser, useServer } from "./harness";

// Read by the server when it starts (in beforeAll), so production mode is on for this file only.
const previousMode = process.env.NODE_ENV;
process.env.NODE_ENV = "production";
afterAll(() => {
  process.env.NODE_ENV = previousMode;
});

const base = useServer();

describe("a server error in production", () => {
  it("shows the Japanese 500 page without the error's details", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    expect((await client.get("/dashboard")).status).toBe(200);

    await sql`drop table group_members`.execute(getDb());
    const response = await client.get("/dashboard");
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("エラーが発生しました");
    expect(html).toContain("時間をおいて、もう一度お試しください");
    expect(html).not.toMatch(/group_members|no such table|does not exist|at \S+ \(|\.ts:\d+/);

    // Remix's own data requests (client-side navigation) carry no details either
    const data = await client.get("/dashboard?_data=routes%2Fdashboard");
    expect(data.status).toBe(500);
    expect(await data.text()).not.toMatch(/group_members|no such table|does not exist|at \S+ \(/);
  });

  it("sends the session cookie Secure", async () => {
    const { id } = await createUser(["group_member"]);
    const client = await clientFor(base, id);
    await getDb().updateTable("sessions").set({ expires_at: new Date(Date.now() + 60_000).toISOString() }).where("user_id", "=", id).execute();
    const response = await client.get("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
    expect(cookie).toMatch(/; Secure/i);
    expect(response.headers.get("Strict-Transport-Security")).toBeTruthy();
  });
});
