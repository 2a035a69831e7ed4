// The shared cache of public pages (app/http/page-cache.ts) with WEB_CONCURRENCY=2: once both workers
// hold a public page, a change made by a command in another process — a sheet published, a group
// approved, a call's decisions published — is on the very next request in every worker, while a write
// no visitor sees (a decision prepared, a draft started) leaves it cached; signed-in
// requests never come from the cache; a cached page still carries its own response's CSP nonce; ETag/304.
// Each request opens its own connection, and node:cluster hands new connections to the workers in turn,
// so six requests in a row reach both workers.
import { spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { loadViewer } from "../../app/domain/accounts/queries.server";
import { changeSheetStatus, createSheet } from "../../app/domain/sheets/commands.server";
import { sheetSchema } from "../../app/domain/sheets/schema";
import { reviewGroup } from "../../app/domain/groups/commands.server";
import { addProgressEntry, importPlan } from "../../app/domain/plans/commands.server";
import { prepareDecision, publishDecisions, reviseDecision } from "../../app/domain/awards/commands.server";
import { decisionSchema } from "../../app/domain/awards/schema";
import { emptyContent } from "../../app/domain/proposals/content";
import { createDraft } from "../../app/domain/proposals/commands.server";
import { readContentVersion } from "../../app/domain/audit/content-version.server";
import { startSession } from "../../app/auth/session.server";
import { freePort } from "../bench/server";
import { createUser } from "./harness";
import { makeCall, makeDepartment, makeGroup, makeProposal } from "./proposal-fixtures";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The text, decompressed when it came gzip-compressed. */
  body: string;
  /** Bytes on the wire. */
  sent: number;
}

let port = 0;
let server: ReturnType<typeof spawn>;
let output = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-page-cache-"));

/** One GET on a new connection (no keep-alive), so successive requests go to the workers in turn. */
function get(pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: pathname, agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const bytes = Buffer.concat(chunks);
        const text = response.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(bytes) : bytes;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text.toString("utf8"), sent: bytes.length });
      });
    });
    request.on("error", reject);
  });
}

/** Six requests in a row (three to each worker); the page is then held by both. */
async function sixTimes(pathname: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < 6; i++) answers.push(await get(pathname));
  for (const answer of answers) expect(answer.status).toBe(200);
  return answers;
}

beforeAll(async () => {
  port = await freePort();
  server = spawn(process.execPath, ["--import", "tsx", "app/http/start.ts"], {
    env: { ...process.env, DEMO_DATA: "off", WEB_CONCURRENCY: "2", PUBLIC_PAGE_CACHE: "on", PORT: String(port), HOST: "127.0.0.1", MAIL_OUTBOX_DIR: path.join(dir, "outbox") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  for (let i = 0; !output.includes("2 processes"); i++) {
    if (i > 600 || server.exitCode !== null) throw new Error(`the server did not start\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the shared cache of public pages, two worker processes", { timeout: 90_000 }, () => {
  it("shows a sheet published elsewhere on the next request in every worker", async () => {
    const departmentId = await makeDepartment("キャッシュ確認課");
    const staff = await createUser(["department_staff"]);
    await getDb().updateTable("users").set({ department_id: departmentId }).where("id", "=", staff.id).execute();
    const viewer = (await loadViewer(getDb(), staff.id))!;
    const input = sheetSchema.parse({
      title: "キャッシュの向こうの竹林整備",
      background: "竹林が荒れています。",
      outcomes: "竹林が手入れされること。",
      offerPlaces: "公民センター",
      fields: ["community_development"],
      areas: ["citywide"],
      forms: ["co_hosting"],
      budgetScale: "under_500k",
      period: "令和9年度",
      contactName: "担当 一郎",
      contactPhone: "047-492-1111",
    });
    const sheetId = await createSheet(getDb(), viewer, departmentId, input);

    const before = await sixTimes("/sheets");
    expect(before.map((a) => a.headers["x-page-cache"])).toContain("hit");
    for (const answer of before) expect(answer.body).not.toContain("キャッシュの向こうの竹林整備");

    await changeSheetStatus(getDb(), viewer, { id: sheetId, department_id: departmentId, status: "draft" }, "published", input);
    for (const answer of await sixTimes("/sheets")) expect(answer.body).toContain("キャッシュの向こうの竹林整備");
  });

  it("shows a group approved elsewhere on the next request in every worker", async () => {
    const owner = await createUser(["group_member"]);
    const coordinator = await createUser(["coordinator"]);
    const groupId = await makeGroup("キャッシュ越しの読み聞かせの会", [owner.id], "pending");
    const page = "/groups";
    const before = await sixTimes(page);
    expect(before.map((a) => a.headers["x-page-cache"])).toContain("hit");
    for (const answer of before) expect(answer.body).not.toContain("キャッシュ越しの読み聞かせの会");

    await reviewGroup(getDb(), (await loadViewer(getDb(), coordinator.id))!, groupId, "approve", null);
    for (const answer of await sixTimes(page)) expect(answer.body).toContain("キャッシュ越しの読み聞かせの会");
  });

  it("keeps the progress list's public download too, and has an entry added elsewhere in it on the next request", async () => {
    const staff = await createUser(["coordinator"]);
    const base = { implementers: [], targetActors: [], schedule: [], labels: [], line: 0, departments: [], entries: [] };
    await importPlan(
      getDb(),
      { layout: "shiroi-progress", title: "キャッシュ確認の計画", levelNames: ["目標", "事業"], warnings: [], measures: [{ ...base, code: "1", parentCode: null, level: 0, title: "目標1" }, { ...base, code: "1-1", parentCode: "1", level: 1, title: "事業1-1" }] },
      { slug: "cache-plan", actorId: null },
    );
    const before = await sixTimes("/plans/cache-plan/progress.csv");
    expect(before.map((a) => a.headers["x-page-cache"])).toContain("hit");
    for (const answer of before) expect(answer.body).not.toContain("キャッシュ越しの講座");
    // Signed in, the same download is never kept by a browser or proxy.
    const cookie = (await startSession(staff.id)).split(";")[0];
    expect((await get("/plans/cache-plan/progress.csv", { Cookie: cookie })).headers["cache-control"]).toBe("no-store");

    const measure = await getDb().selectFrom("measures").where("code", "=", "1-1").where("title", "=", "事業1-1").select("id").executeTakeFirstOrThrow();
    await addProgressEntry(getDb(), (await loadViewer(getDb(), staff.id))!, { measureId: measure.id, text: "キャッシュ越しの講座を開いた", fiscalYearFrom: 2026, departments: [] });
    for (const answer of await sixTimes("/plans/cache-plan/progress.csv")) expect(answer.body).toContain("キャッシュ越しの講座を開いた");
  });

  it("shows a call's published decisions on the next request in every worker", async () => {
    const coordinator = await createUser(["coordinator"]);
    const viewer = (await loadViewer(getDb(), coordinator.id))!;
    const owner = await createUser(["group_member"]);
    const groupId = await makeGroup("キャッシュ確認の会", [owner.id]);
    const callId = await makeCall({ title: "キャッシュ確認の募集" });
    const content = JSON.stringify({ ...emptyContent(), title: "キャッシュを越える見守り事業", budget: [{ item: "講師謝礼", year: 1, amount: 400_000, bearer: "city" }] });
    const proposalId = await makeProposal({ call_id: callId, group_id: groupId, status: "in_review", title: "キャッシュを越える見守り事業", draft: content, receipt_number: `R8-市民-${newId().slice(0, 6)}`, receipt_fiscal_year: 2026, receipt_sequence: 9000 });
    await getDb().insertInto("proposal_versions").values({ proposal_id: proposalId, version: 1, content, submitted_at: now(), submitted_by: null }).execute();

    const before = await sixTimes(`/calls/${callId}`);
    expect(before.map((a) => a.headers["x-page-cache"])).toContain("hit");
    for (const answer of before) expect(answer.body).not.toContain("キャッシュを越える見守り事業");

    // Writes no visitor sees — a decision prepared, a draft started — leave the version: the page stays cached.
    const version = await readContentVersion(getDb());
    await prepareDecision(getDb(), viewer, proposalId, decisionSchema.parse({ outcome: "adopted", reason: "地域の課題に合うため。", amounts: [360_000] }));
    await createDraft(getDb(), (await loadViewer(getDb(), owner.id))!, { callId, groupId, sheetId: null });
    expect(await readContentVersion(getDb())).toBe(version);
    for (const answer of await sixTimes(`/calls/${callId}`)) {
      expect(answer.headers["x-page-cache"]).toBe("hit");
      expect(answer.headers.etag).toBe(before[5].headers.etag);
    }

    await publishDecisions(getDb(), viewer, callId);
    expect(await readContentVersion(getDb())).toBeGreaterThan(version!);
    for (const answer of await sixTimes(`/calls/${callId}`)) expect(answer.body).toContain("キャッシュを越える見守り事業");

    // The call's list of awarded projects as a file is kept like its page, and a revised award is in it
    // on the next request in every worker.
    const csv = await sixTimes(`/calls/${callId}/projects.csv`);
    expect(csv.map((a) => a.headers["x-page-cache"])).toContain("hit");
    for (const answer of csv) expect(answer.body).toContain("キャッシュを越える見守り事業,,360000");
    await reviseDecision(getDb(), viewer, proposalId, decisionSchema.parse({ outcome: "adopted", reason: "地域の課題に合うため。", amounts: [300_000] }), "見積りの見直し");
    for (const answer of await sixTimes(`/calls/${callId}/projects.csv`)) expect(answer.body).toContain("キャッシュを越える見守り事業,,300000");
  });

  it("never answers a request with a cookie from the cache, and gives each cached page its own nonce", async () => {
    const user = await createUser(["group_member"]);
    const cookie = (await startSession(user.id)).split(";")[0];
    await sixTimes("/calls");
    for (let i = 0; i < 4; i++) {
      const signedIn = await get("/calls", { Cookie: cookie });
      expect(signedIn.headers["x-page-cache"]).toBeUndefined();
      expect(signedIn.headers["cache-control"]).toBe("no-store");
      expect(signedIn.body).toContain("サインアウト");
    }
    const [first, second] = [await get("/calls"), await get("/calls")];
    for (const answer of [first, second]) {
      expect(answer.headers["x-page-cache"]).toBe("hit");
      const nonce = /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))![1];
      expect(answer.body).toContain(`nonce="${nonce}"`);
      expect(answer.body).not.toContain("\u0000");
    }
    expect(first.headers["content-security-policy"]).not.toBe(second.headers["content-security-policy"]);

    // Compressed for a client that accepts it (every browser), made once: still this response's nonce.
    const compressed = await get("/calls", { "Accept-Encoding": "gzip, deflate, br" });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
    const compressedNonce = /'nonce-([^']+)'/.exec(String(compressed.headers["content-security-policy"]))![1];
    const asSentTo = (answer: Answer) => answer.body.replaceAll(/nonce="[^"]+"/g, "").replaceAll(String(answer.headers["x-request-id"]), "");
    expect(compressed.body).toContain(`nonce="${compressedNonce}"`);
    expect(asSentTo(compressed)).toBe(asSentTo(second));
    expect(compressed.sent).toBeLessThan(second.sent / 2);
    expect((await get("/calls", { "Accept-Encoding": "gzip;q=0, identity" })).headers["content-encoding"]).toBeUndefined();

    // The browser revalidates (Cache-Control: no-cache) and keeps its copy while nothing changed.
    const etag = String(first.headers.etag);
    const revalidated = await get("/calls", { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers["content-security-policy"]).toBeUndefined();
    expect(output).not.toMatch(/Error/);
  });
});
