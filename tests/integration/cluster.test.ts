// `WEB_CONCURRENCY=2 npm run serve`: the primary migrates and forks two workers that share the port;
// pages answer; a worker that dies is replaced; SIGTERM lets every process finish and exit cleanly.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../bench/server";

const onPostgres = process.env.INTEGRATION_ENGINE === "postgres";

/** The node processes the primary forked (tsx may also start an esbuild helper: not a worker). */
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
  it("serves from two worker processes, replaces one that dies, and stops cleanly on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-cluster-"));
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "app/http/start.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "cluster.sqlite")}`, DEMO_DATA: "off", WEB_CONCURRENCY: "2", PORT: String(port), HOST: "127.0.0.1", MAIL_OUTBOX_DIR: path.join(dir, "outbox") },
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

      const page = await fetch(`http://127.0.0.1:${port}/groups?q=${encodeURIComponent("子育")}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-security-policy")).toContain("nonce-");
      expect(await page.text()).toContain("団体をさがす");

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
