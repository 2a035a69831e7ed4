// Preloaded into the benchmarks' server processes (`node --expose-gc --import ./tests/bench/heap-probe.js`,
// inherited by cluster workers): on SIGUSR2 a process collects its garbage and writes its memory to
// BENCH_HEAP_DIR/<pid>.json, so a bench can say what a worker holds beside what its RSS is. Plain
// JavaScript: the servers run without tsx, as in production.
import fs from "node:fs";
import path from "node:path";

const dir = process.env.BENCH_HEAP_DIR;
if (dir && typeof globalThis.gc === "function") {
  process.on("SIGUSR2", () => {
    globalThis.gc();
    globalThis.gc();
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.part`, JSON.stringify(process.memoryUsage()));
    fs.renameSync(`${file}.part`, file);
  });
}
