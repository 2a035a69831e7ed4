// `npm run bench`: runs every tests/bench/*.bench.ts in turn (each prints its own figures) and fails
// if any of them fails. Benchmarks are scripts, not timed tests: they report, a person judges.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const folder = path.dirname(new URL(import.meta.url).pathname);
// Names choose benches (`npm run bench -- pages`); options (`--scale=full`) are passed on to each.
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const options = process.argv.slice(2).filter((a) => a.startsWith("--"));
const benches = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(folder, file), ...options], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
