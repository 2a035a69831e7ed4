// `WEB_CONCURRENCY=2 npm start`, as production runs it (node on the compiled build/server/start.js): the
// primary migrates and forks two workers that share the port; pages answer; each worker holds one
// database connection and runs with the heap limit; a worker that dies is replaced; SIGTERM lets every
// process finish and exit cleanly.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileServer } from "../../app/http/compile";
import { freePort } from "../bench/server";

const onPostgres = process.env.INTEGRATION_ENGINE === "postgres";

/** How many times process `pid` has the file open (a SQLite connection opens its database file once). */
function openCount(pid: number, file: string): number {
  const dir = `/proc/${pid}/fd`;
  return fs.readdirSync(dir).filter((fd) => {
    try {
      return fs.readlinkSync(path.join(dir, fd)) === file;
    } catch {
      return false; // closed meanwhile
    }
  }).length;
}

/** A GET on a connection of its own (fetch would keep one connection, hence one worker). */
function getAlone(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on("error", reject);
  });
}

/** The node processes the primary forked. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)])
      .toString()
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === "node")
      .map(([id]) => Number(id));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(onPostgres)("the server with WEB_CONCURRENCY=2", { timeout: 150_000 }, () => {
  it("serves from two worker processes, one database connection each, replaces one that dies, and stops cleanly on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cluster-"));
    const port = await freePort();
    const database = path.join(fs.realpathSync(dir), "cluster.sqlite");
    // The shared cache of public pages on: its code (in the compiled start-up) and the routes' (in the
    // Remix build) each reach the database through their own copy of db/index.
    const child = spawn(process.execPath, [await compileServer()], {
      env: { ...process.env, DATABASE_URL: `file:${database}`, DEMO_DATA: "off", PUBLIC_PAGE_CACHE: "on", WEB_CONCURRENCY: "2", PORT: String(port), HOST: "127.0.0.1", MAIL_OUTBOX_DIR: path.join(dir, "outbox") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await until(() => (output.includes("2 processes") ? true : undefined), `both workers to listen\n${output}`);
      const workers = childrenOf(child.pid!);
      expect(workers).toHaveLength(2);

      // New connections go to the workers in turn: four requests, each on its own, reach both.
      for (let i = 0; i < 4; i++) {
        const page = await getAlone(`http://127.0.0.1:${port}/groups?q=${encodeURIComponent("子育")}`);
        expect(page.status).toBe(200);
        expect(page.headers["content-security-policy"]).toContain("nonce-");
        expect(page.body).toContain("団体をさがす");
      }
      for (const pid of workers) expect(openCount(pid, database)).toBe(1);
      // Each worker runs with the heap limit (WORKER_HEAP_MB, default 256 MB: worker-heap.ts).
      for (const pid of workers) expect(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain("--max-old-space-size=256");

      process.kill(workers[0], "SIGKILL");
      const replaced = await until(() => {
        const now = childrenOf(child.pid!);
        return now.length === 2 && !now.includes(workers[0]) ? now : undefined;
      }, "a replacement worker");
      expect(replaced).toContain(workers[1]);
      await until(async () => ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok ? true : undefined), "healthz");

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
      expect(output).not.toMatch(/Error|SQLITE_BUSY/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
