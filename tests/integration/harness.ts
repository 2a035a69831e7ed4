// The built server started in-process on a random port, a small cookie-keeping HTTP client, and
// factories for users with roles and signed-in sessions.
import type { AddressInfo } from "node:net";
import http, { type Server } from "node:http";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { getDb } from "../../db/index";
import type { Role } from "../../db/schema";
import { registerUser } from "../../app/domain/accounts/commands.server";
import { createApp } from "../../app/http/server";
import { startSession } from "../../app/auth/session.server";
import { outboxDir } from "../../app/mail/mailer.server";
import { mailQueueDrained } from "../../app/mail/queue.server";

export const TEST_PASSWORD = "correct horse battery staple";

/** Starts the server for the test file; `base()` is its URL once beforeAll has run. */
export function useServer(options: { scheme?: "http" | "https" } = {}) {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    // The port is known once listening; the portal's origin (configuration, never the Host) is set
    // from it before the app is made.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // https: the portal as configured behind a TLS proxy (Secure cookies, HSTS); requests still come here.
    process.env.PORTAL_ORIGIN = options.scheme === "https" ? url.replace("http:", "https:") : url;
    server.on("request", await createApp());
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => url;
}

export class Client {
  readonly cookies = new Map<string, string>();
  /** Set to false to look at a response before the mail it queued has gone out. */
  drainMail = true;
  constructor(private readonly base: () => string) {}

  get origin() {
    return this.base();
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(method: string, pathname: string, init: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const item of [v].flat()) body.append(k, item);
    }
    // Posts come from the portal's own origin unless a test names another; "" sends none at all.
    if (method !== "GET" && !("Origin" in headers)) headers.Origin = this.base();
    if (headers.Origin === "") delete headers.Origin;
    const response = await fetch(this.base() + pathname, { method, headers, body, redirect: "manual" });
    // Mail is sent after the response (app/mail/queue.server.ts); waiting here keeps the tests that read
    // the outbox right after a request deterministic. (The server shares this process and its queue.)
    if (this.drainMail) await mailQueueDrained();
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(";");
      const [name, ...value] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    return response;
  }

  get(pathname: string, headers?: Record<string, string>) {
    return this.request("GET", pathname, { headers });
  }

  post(pathname: string, form: Record<string, string | string[]> = {}, headers?: Record<string, string>) {
    return this.request("POST", pathname, { form, headers });
  }

  sessionToken(): string | undefined {
    return this.cookies.get("portal_session");
  }
}

let counter = 0;
export async function createUser(roles: Role[], email = `user${++counter}-${Date.now()}@example.jp`) {
  const id = await registerUser(getDb(), { email, displayName: `テスト ${counter}`, password: TEST_PASSWORD, roles, source: "test", emailConfirmed: true });
  return { id, email };
}

/** A client holding a new session of this user, written directly (no sign-in form). */
export async function clientFor(base: () => string, userId: string) {
  const client = new Client(base);
  const [pair] = (await startSession(userId)).split(";");
  const [name, value] = pair.split("=");
  client.cookies.set(name, value);
  return client;
}

/** A client signed in as a new user with these roles. */
export async function signedInClient(base: () => string, roles: Role[]) {
  const user = await createUser(roles);
  return { client: await clientFor(base, user.id), user };
}

export function outbox(): { to: string; subject: string; text: string }[] {
  const dir = outboxDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** The path of the newest confirmation link mailed to `email`. */
export function confirmationPath(email: string): string {
  const mail = outbox().filter((m) => m.to === email && /\/account\/confirm\//.test(m.text)).at(-1);
  if (!mail) throw new Error(`no confirmation link was mailed to ${email}`);
  return new URL(/https?:\/\/\S+\/account\/confirm\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
}

/** Follows the newest confirmation link mailed to `email` as `client` (signed in as that account). */
export async function followConfirmationLink(client: Client, email: string): Promise<Response> {
  return client.post(confirmationPath(email));
}

/**
 * Signs up through the form, signs in and follows the mailed confirmation link, as a new user would;
 * returns the client signed in as the confirmed account.
 */
export async function signUpAndConfirm(base: () => string, account: { displayName: string; email: string; password?: string }) {
  const password = account.password ?? TEST_PASSWORD;
  const client = new Client(base);
  const signedUp = await client.post("/signup", { displayName: account.displayName, email: account.email, password, passwordConfirm: password });
  if (signedUp.status !== 200) throw new Error(`sign-up answered ${signedUp.status}`);
  const signedIn = await client.post("/login", { email: account.email.toLowerCase(), password });
  if (signedIn.status !== 302) throw new Error(`sign-in answered ${signedIn.status}`);
  const confirmed = await followConfirmationLink(client, account.email.toLowerCase());
  if (locationOf(confirmed) !== "/dashboard") throw new Error(`the confirmation link answered ${confirmed.status} ${locationOf(confirmed)}`);
  return client;
}

export function locationOf(response: Response): string | null {
  const location = response.headers.get("Location");
  return location ? new URL(location, "http://x").pathname : null;
}

/** The page's HTML without the empty comments React puts between adjacent text parts. */
export async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}
