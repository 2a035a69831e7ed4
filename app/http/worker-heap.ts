// How much heap V8 may keep in each worker process (start.ts passes it to the workers it forks).

/**
 * The old-generation limit each worker is started with (WORKER_HEAP_MB, default 256; 0 = V8's own): V8 then
 * collects instead of growing the heap it keeps for a burst of requests — 350 MB of RSS a worker under the
 * pages bench instead of 400–550 MB, with about 100 MB above the 150 MB a worker holds on ten years of a
 * big city's data (docs/decisions/0021). A --max-old-space-size given to node itself wins.
 */
export function workerHeapArgs(env: Record<string, string | undefined>, execArgv: readonly string[]): string[] {
  const given = [...execArgv, env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("--max-old-space-size"));
  const mb = Math.floor(Number(env.WORKER_HEAP_MB ?? 256));
  return given || !(mb > 0) ? [] : [`--max-old-space-size=${mb}`];
}
