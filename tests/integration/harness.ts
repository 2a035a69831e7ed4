// The built server started in-process on a random port, a small cookie-keeping HTTP client, and
// factories for users with roles and signed-in sessions. Users whose roles require two-step sign-in are
// made with it set up (through the same commands as the set-up page), and `codeFor` computes their
// current code the way their app would.
import type { AddressInfo } from "node:net";
import http, { type Server } from "node:http";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { getDb } from "../../db/index";
import type { Role } from "../../db/schema";
import { registerUser } from "../../app/domain/accounts/commands.server";
import { loadViewer } from "../../app/domain/accounts/queries.server";
import { beginEnrolment, confirmEnrolment } from "../../app/domain/accounts/two-factor.server";
import { codeForStep, openSecret, stepAt } from "../../app/auth/totp.server";
import { requiresSecondFactor } from "../../app/auth/two-factor-policy";
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
/** A new account, its address confirmed; with a second factor set up when its roles require one (`secondFactor` says otherwise). */
export async function createUser(roles: Role[], email = `user${++counter}-${Date.now()}@example.jp`, { secondFactor = requiresSecondFactor(roles) } = {}) {
  const id = await registerUser(getDb(), { email, displayName: `テスト ${counter}`, password: TEST_PASSWORD, roles, source: "test", emailConfirmed: true });
  if (secondFactor) await setUpSecondFactor(id);
  return { id, email };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STEP_MS = 30_000;

/**
 * A step whose code the server will accept now and that is newer than the last one it accepted: from
 * the step before now to the step after it (the clock skew it allows). Waits past a step boundary that
 * is under a second away, and for the next step when all three are spent.
 */
async function usableStep(lastUsed: number | null): Promise<number> {
  for (;;) {
    if (STEP_MS - (Date.now() % STEP_MS) < 1_000) await sleep(1_100);
    const current = stepAt(Date.now());
    const step = Math.max(current - 1, (lastUsed ?? -Infinity) + 1);
    if (step <= current + 1) return step;
    await sleep(STEP_MS - (Date.now() % STEP_MS) + 50);
  }
}

/** Sets up an authenticator for the account as the set-up page does; returns the secret. */
export async function setUpSecondFactor(userId: string): Promise<string> {
  const viewer = (await loadViewer(getDb(), userId))!;
  const secret = await beginEnrolment(getDb(), viewer);
  await confirmEnrolment(getDb(), viewer, codeForStep(secret, await usableStep(null)), "no session");
  return secret;
}

/** The code the account's authenticator app would give now, not yet used. */
export async function codeFor(userId: string): Promise<string> {
  const row = await getDb().selectFrom("second_factors").where("user_id", "=", userId).select(["secret", "last_used_step"]).executeTakeFirstOrThrow();
  return codeForStep(openSecret(row.secret!), await usableStep(row.last_used_step));
}

/** Signs the client in through the forms: the password, then (when the account has one) the second step. */
export async function signInWithForms(client: Client, email: string, password = TEST_PASSWORD): Promise<Response> {
  const first = await client.post("/login", { email, password });
  if (locationOf(first) !== "/login/two-factor") return first;
  const user = await getDb().selectFrom("users").where("email", "=", email).select("id").executeTakeFirstOrThrow();
  const redirectTo = new URL(first.headers.get("Location")!, "http://x").searchParams.get("redirectTo") ?? "";
  return client.post("/login/two-factor", { code: await codeFor(user.id), redirectTo });
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

/**
 * For an account sent to set up its second factor (staff signing in for the first time): does what a
 * person does on the set-up page — reads the key typed by hand, gives the app's code. Returns the secret.
 */
export async function setUpThroughPage(client: Client): Promise<string> {
  const page = await pageText(await client.get("/account/two-factor/setup"));
  const secret = /id="manual-key">([A-Z2-7 ]+)</.exec(page)![1].replaceAll(" ", "");
  const done = await client.post("/account/two-factor/setup", { code: codeForStep(secret, await usableStep(null)) });
  if (done.status !== 200) throw new Error(`setting up the second factor answered ${done.status}`);
  return secret;
}
