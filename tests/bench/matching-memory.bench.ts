// What the matching indexes cost a worker (issue 14): builds both indexes over the labelled fixture copied
// to the big dataset's size (5,000 approved groups, 3,000 open sheets — ids, names and titles made unique)
// and prints the memory each one keeps after a full collection, its build time, and the time to answer
// one suggestion (top 10 with reasons) from each. The inputs stay alive throughout, as they do in a
// worker (suggestions.server.ts keeps them by id), so the figures are what the indexes add.
//   npm run bench -- matching-memory
import v8 from "node:v8";
import vm from "node:vm";
import { buildGroupIndex, buildSheetIndex, suggestGroups, suggestSheets } from "../../app/domain/matching/engine";
import type { MatchGroup, MatchSheet } from "../../app/domain/matching/types";
import { groups } from "../fixtures/matching/groups";
import { sheets } from "../fixtures/matching/sheets";

const GROUPS = 5_000;
const SHEETS = 3_000;

// `npm run bench` starts each bench without --expose-gc: turn it on from here.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * Bytes in use after a full collection: the JS heap and the typed arrays' buffers outside it. Buffers are
 * freed by a background thread after the collection: on a loaded machine, counted at once, they made a
 * figure 25 MB too high now and then.
 */
async function retained(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const bigGroups: MatchGroup[] = Array.from({ length: GROUPS }, (_, i) => {
  const g = groups[i % groups.length]!;
  return { ...g, id: `${g.id}-${i}`, name: `${g.name}${i}` };
});
const bigSheets: MatchSheet[] = Array.from({ length: SHEETS }, (_, i) => {
  const s = sheets[i % sheets.length]!;
  return { ...s, id: `${s.id}-${i}`, title: `${s.title}（${i}）` };
});

async function measure<T>(build: () => T): Promise<{ index: T; megabytes: number; buildMs: number }> {
  const before = await retained();
  const start = performance.now();
  const index = build();
  const buildMs = performance.now() - start;
  return { index, megabytes: ((await retained()) - before) / 2 ** 20, buildMs };
}

/**
 * Milliseconds of one call: the mean over every query in the fastest of five rounds, after a warm-up
 * round, so that a burst of load on a shared machine shows less.
 */
function meanMs<Q>(queries: Q[], answer: (query: Q) => unknown): number {
  for (const q of queries) answer(q);
  let fastest = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const q of queries) answer(q);
    fastest = Math.min(fastest, (performance.now() - start) / queries.length);
  }
  return fastest;
}

const groupIndex = await measure(() => buildGroupIndex(bigGroups));
const sheetIndex = await measure(() => buildSheetIndex(bigSheets));
const rankGroupsMs = meanMs(sheets, (s) => suggestGroups(groupIndex.index, s, 10));
const rankSheetsMs = meanMs(groups, (g) => suggestSheets(sheetIndex.index, g, 10));

const line = (what: string, m: { megabytes: number; buildMs: number }, rankMs: number, of: string) =>
  `${what}: retained ${m.megabytes.toFixed(1)} MB, build ${m.buildMs.toFixed(0)} ms, top 10 with reasons ${rankMs.toFixed(2)} ms ${of}`;
console.log(line(`group index (${GROUPS} groups)`, groupIndex, rankGroupsMs, "for one sheet"));
console.log(line(`sheet index (${SHEETS} sheets)`, sheetIndex, rankSheetsMs, "for one group"));
console.log(`matching-memory: retained=${(groupIndex.megabytes + sheetIndex.megabytes).toFixed(1)}MB`);
