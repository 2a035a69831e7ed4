// Shared by the benchmarks that drive the built server: a fresh SQLite file in a temporary folder, free
// ports, the server started as in production (its own process, `node build/server/start.js`, compiled
// from app/http/start.ts first), waiting until it answers /healthz, and stopping it cleanly. No app
// imports here (the compiler module imports only esbuild), so a bench can set DATABASE_URL first.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileServer } from "../../app/http/compile";

/** Exits with a message when the Remix build the server serves is missing. */
export function requireBuild(bench: string): void {
  if (!fs.existsSync("build/index.js")) {
    console.error(`${bench} bench: build/index.js is missing — run \`npm run build\` first.`);
    process.exit(1);
  }
}

/** A new temporary folder with an (empty) SQLite file named in DATABASE_URL for this process and its servers. */
export function freshDatabase(prefix: string): { dir: string; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  process.env.DATABASE_URL = url;
  return { dir, url };
}

export function removeFolder(dir: string): void {
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

// Servers still running when the bench ends (an exception included) are stopped with it.
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface BenchServer {
  base: string;
  process: ChildProcess;
  /** Everything the server printed so far (only when started with `capture`). */
  output(): string;
  /** Process `pid` of this server (the primary or a worker) after a full GC, or undefined if it did not answer. */
  heapAfterGc(pid: number): Promise<NodeJS.MemoryUsage | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts the built server on 127.0.0.1 with the current DATABASE_URL (no demo data, mail to a folder)
 * and resolves once /healthz answers. `capture` keeps stdout and stderr to read later (and still shows
 * stderr); otherwise stderr goes to ours and stdout is dropped.
 */
export async function startServer(options: { dir: string; port?: number; capture?: boolean; nodeArgs?: string[] }): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const start = await compileServer();
  const heapDir = path.join(options.dir, "heap");
  fs.mkdirSync(heapDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DEMO_DATA: "off", MAIL_OUTBOX_DIR: path.join(options.dir, "outbox"), BENCH_HEAP_DIR: heapDir };
  env.PORTAL_ORIGIN = `http://127.0.0.1:${port}`; // production needs it; requests name this host
  // The heap probe only answers SIGUSR2 (heapAfterGc); the server itself runs as `npm start` runs it.
  const probe = ["--expose-gc", "--import", pathToFileURL(path.resolve("tests/bench/heap-probe.js")).href];
  // BENCH_START=tsx: the source through tsx's loader instead (`npm run serve`), to compare.
  const server = process.env.BENCH_START === "tsx" ? ["--import", "tsx", "app/http/start.ts"] : [start];
  const child = spawn(process.execPath, [...probe, ...(options.nodeArgs ?? []), ...server], {
    env,
    stdio: ["ignore", options.capture ? "pipe" : "ignore", options.capture ? "pipe" : "inherit"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (tries > 600 || child.exitCode !== null) throw new Error(`the server on port ${port} did not start\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    process: child,
    output: () => output,
    heapAfterGc: async (pid) => {
      const file = path.join(heapDir, `${pid}.json`);
      fs.rmSync(file, { force: true });
      process.kill(pid, "SIGUSR2");
      for (let tries = 0; tries < 100 && !fs.existsSync(file); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as NodeJS.MemoryUsage) : undefined;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
