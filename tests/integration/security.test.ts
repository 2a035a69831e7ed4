// What every response carries, and the refusal of state-changing requests from other sites.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { Client, signedInClient, TEST_PASSWORD, createUser, outbox, useServer } from "./harness";

const base = useServer();

describe("the Origin check", () => {
  it("refuses a POST without an Origin header with 403 and a Japanese page", async () => {
    const user = await createUser(["group_member"]);
    const response = await new Client(base).post("/login", { email: user.email, password: TEST_PASSWORD }, { Origin: "" });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain("別のサイトから送信されたため");
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses a POST from a foreign origin, even with a valid session", async () => {
    const { client } = await signedInClient(base, ["admin"]);
    const response = await client.post("/logout", {}, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    // the session was not ended
    expect((await client.get("/dashboard")).status).toBe(200);
  });

  it("accepts the same POST from the portal's own origin", async () => {
    const user = await createUser(["group_member"]);
    const client = new Client(base);
    const response = await client.post("/login", { email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(302);
    expect(client.sessionToken()).toBeTruthy();
  });
});

/** A raw request, so the Host header can be one an attacker chose (fetch always sends the URL's). */
function postWithHost(host: string, pathname: string, form: Record<string, string>): Promise<{ status: number; body: string }> {
  const target = new URL(base());
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: pathname, method: "POST", headers: { Host: host, Origin: `http://${host}`, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("links in mail come from configuration, not from the request", () => {
  it("refuses a reset request whose Host is another site's, and mails nothing", async () => {
    const { email } = await createUser(["group_member"]);
    const refused = await postWithHost("attacker.example", "/password/forgot", { email });
    expect(refused.status).toBe(421);
    expect(refused.body).toContain("このアドレスではポータルを提供していません");
    expect(outbox().filter((m) => m.to === email)).toHaveLength(0);

    // the genuine request gets a link to the configured origin
    await new Client(base).post("/password/forgot", { email });
    const [mail] = outbox().filter((m) => m.to === email);
    expect(mail.text).toContain(`${process.env.PORTAL_ORIGIN}/password/reset/`);
    expect(mail.text).not.toContain("attacker.example");

    // The link's page says whose link it is: no browser, proxy or shared page cache may keep it.
    const page = await new Client(base).get(/\/password\/reset\/[^\s"]+/.exec(mail.text)![0]);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});

/** A raw POST with the headers given, the body written as it is. */
function rawPost(pathname: string, headers: Record<string, string | number>, body: string | Buffer = ""): Promise<{ status: number; body: string }> {
  const target = new URL(base());
  return new Promise((resolve, reject) => {
    const request = http.request({ host: target.hostname, port: target.port, path: pathname, method: "POST", headers: { Origin: base(), ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body: text }));
    });
    request.on("error", (error) => ((error as NodeJS.ErrnoException).code === "EPIPE" || (error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    request.end(body);
  });
}

describe("requests the portal cannot read get a Japanese 4xx, never a 500", () => {
  it("refuses a form body larger than 1 MB before reading it, and serves the next request normally", async () => {
    const before = process.memoryUsage().rss;
    const huge = Buffer.alloc(40 * 1024 * 1024, "a");
    const response = await rawPost("/login", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": huge.length }, huge);
    expect(response.status).toBe(413);
    expect(response.body).toContain("送信された内容が大きすぎます");
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024 + 20 * 1024 * 1024); // the test's own buffer, not a second copy
    expect((await new Client(base).get("/login")).status).toBe(200);
  });

  it("refuses JSON, plain text, no content type and a multipart body without a boundary, storing nothing", async () => {
    const { email } = await createUser(["group_member"]);
    for (const [type, body, status] of [
      ["application/json", JSON.stringify({ email }), 415],
      ["text/plain", `email=${email}`, 415],
      ["", `email=${email}`, 415],
      ["multipart/form-data", "--x\r\n", 400],
    ] as const) {
      const headers: Record<string, string | number> = { "Content-Length": Buffer.byteLength(body) };
      if (type) headers["Content-Type"] = type;
      const response = await rawPost("/password/forgot", headers, body);
      expect(response.status, type || "(none)").toBe(status);
      expect(response.body).toContain("送信");
    }
    expect(outbox().filter((m) => m.to === email)).toHaveLength(0);
  });

  it("answers a path with broken percent-encoding with 400", async () => {
    for (const pathname of ["/groups/%FF", "/calls/%", "/proposals/%E3%81"]) {
      const response = await new Client(base).get(pathname);
      expect(response.status, pathname).toBe(400);
      expect(await response.text()).toContain("アドレスが正しくありません");
    }
  });
});

describe("security headers", () => {
  it("sends CSP with a per-response nonce that the page's scripts carry, nosniff and frame-ancestors", async () => {
    const first = await new Client(base).get("/");
    const second = await new Client(base).get("/");
    const csp = first.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(second.headers.get("Content-Security-Policy")).not.toContain(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g)!;
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(first.headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("marks signed-in pages no-store", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const response = await client.get("/dashboard");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const anonymous = await new Client(base).get("/");
    expect(anonymous.headers.get("Cache-Control")).not.toContain("no-store");
  });

  it("carries the headers on error pages too, which are in Japanese", async () => {
    const response = await new Client(base).get("/no/such/page");
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Security-Policy")).toBeTruthy();
    const html = await response.text();
    expect(html).toContain('lang="ja"');
    expect(html).toContain("ページが見つかりません");
  });

  it("shows a Japanese 403 page to a signed-in user without the role", async () => {
    const { client } = await signedInClient(base, ["group_member"]);
    const response = await client.get("/admin/users");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("アクセスできません");
  });
});

describe("the files of public/", () => {
  it("serves robots.txt (signed-in areas not to be indexed) and the icons the pages link", async () => {
    const robots = await new Client(base).get("/robots.txt");
    expect(robots.status).toBe(200);
    expect(await robots.text()).toContain("Disallow: /proposals/");
    expect((await new Client(base).get("/favicon.svg")).headers.get("Content-Type")).toContain("image/svg+xml");
    const touchIcon = await new Client(base).get("/apple-touch-icon.png");
    expect(touchIcon.headers.get("Content-Type")).toContain("image/png");
    // A 180×180 PNG: the width and height stand in the IHDR chunk right after the signature.
    const png = Buffer.from(await touchIcon.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);
    const home = await (await new Client(base).get("/")).text();
    expect(home).toContain('href="/favicon.svg"');
    expect(home).toContain('rel="apple-touch-icon" href="/apple-touch-icon.png"');
  });
});
