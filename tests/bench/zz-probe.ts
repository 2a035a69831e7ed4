import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { keyPages } from "./key-pages";
import { freePort, startServer } from "./server";
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL!;
const { pages } = await keyPages();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "probe-"));
const prof = process.env.PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF}`] : [];
const portal = await startServer({ dir, nodeArgs: prof });
const barePort = await freePort();
const bareRoot = path.resolve("tests/bench/bare");
const bare = spawn(process.execPath, [path.join(bareRoot, "server.js")], { env: { ...process.env, NODE_ENV: "production", PORT: String(barePort), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "inherit"] });
process.on("exit", () => bare.kill("SIGKILL"));
const bareBase = `http://127.0.0.1:${barePort}`;
for (let t = 0; !(await fetch(bareBase).then((r) => r.ok, () => false)); t++) await new Promise((r) => setTimeout(r, 100));
const N = Number(process.env.N ?? 100);
const cpu = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
async function seq(url: string, cookie?: string, pid?: number) {
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers: cookie ? { Cookie: cookie } : {} })).arrayBuffer();
  const times: number[] = []; let bytes = 0; let status = 0; const c0 = cpu(pid!);
  for (let i = 0; i < N; i++) { const s = performance.now(); const r = await fetch(url, { headers: cookie ? { Cookie: cookie } : {} }); const b = await r.arrayBuffer(); bytes = b.byteLength; status = r.status; times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  return { med: times[Math.floor(N / 2)], bytes, status, cpu: (cpu(pid!) - c0) / N };
}
const only = (process.env.ONLY ?? "").split(",").filter(Boolean);
for (const p of pages.filter((p) => !only.length || only.includes(p.key))) {
  const a = await seq(bareBase + "/", undefined, bare.pid);
  const b = await seq(portal.base + p.path, p.cookie, portal.process.pid);
  console.log(`${p.key.padEnd(24)} bare ${a.med.toFixed(2)} ms  page ${b.med.toFixed(2)} ms  ratio ${(a.med / b.med).toFixed(3)}  cpu/req bare ${a.cpu.toFixed(2)} page ${b.cpu.toFixed(2)} ratio ${(a.cpu / b.cpu).toFixed(3)}  ${b.status} ${(b.bytes / 1024).toFixed(0)} kB`);
}
bare.kill("SIGTERM");
await portal.stop();
