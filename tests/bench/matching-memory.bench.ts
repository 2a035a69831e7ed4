// What the matching indexes cost a worker (issue 14): builds both indexes over two corpora of the big
// dataset's size and prints the memory each one keeps after a full collection, its build time, and the
// time to answer one suggestion (top 10 with reasons) from each. The corpora: the labelled fixture
// copied to 5,000 groups and 3,000 sheets (ids, names and titles made unique: varied, realistic texts),
// and the seeded dataset's kind of texts (tests/bench/words.ts: 4,750 approved groups, 6,000 open
// sheets; few words, repeated). The inputs stay alive throughout, as they do in a worker
// (suggestions.server.ts keeps them by id), so the figures are what the indexes add.
//   npm run bench -- matching-memory
import v8 from "node:v8";
import vm from "node:vm";
import { parseFiscalYear } from "../../app/domain/calendar/fiscal-year";
import { buildGroupIndex, buildSheetIndex, suggestGroups, suggestSheets } from "../../app/domain/matching/engine";
import type { MatchGroup, MatchSheet } from "../../app/domain/matching/types";
import { AREAS, COLLABORATION_FORMS, FIELDS } from "../../app/domain/vocabulary";
import { groups } from "../fixtures/matching/groups";
import { sheets } from "../fixtures/matching/sheets";
import { WORD_POOLS } from "./dataset";
import { benchGroupProfile, benchSheetForm, wordsFrom } from "./words";

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

async function report(corpus: string, corpusGroups: MatchGroup[], corpusSheets: MatchSheet[]): Promise<number> {
  const groupIndex = await measure(() => buildGroupIndex(corpusGroups));
  const sheetIndex = await measure(() => buildSheetIndex(corpusSheets));
  const rankGroupsMs = meanMs(corpusSheets.slice(0, 40), (s) => suggestGroups(groupIndex.index, s, 10));
  const rankSheetsMs = meanMs(corpusGroups.slice(0, 40), (g) => suggestSheets(sheetIndex.index, g, 10));
  const line = (what: string, m: { megabytes: number; buildMs: number }, rankMs: number, of: string) =>
    `${corpus}, ${what}: retained ${m.megabytes.toFixed(1)} MB, build ${m.buildMs.toFixed(0)} ms, top 10 with reasons ${rankMs.toFixed(2)} ms ${of}`;
  console.log(line(`group index (${corpusGroups.length} groups)`, groupIndex, rankGroupsMs, "for one sheet"));
  console.log(line(`sheet index (${corpusSheets.length} sheets)`, sheetIndex, rankSheetsMs, "for one group"));
  return groupIndex.megabytes + sheetIndex.megabytes;
}

const fixture = await report(
  "fixture copied",
  Array.from({ length: 5_000 }, (_, i) => {
    const g = groups[i % groups.length]!;
    return { ...g, id: `${g.id}-${i}`, name: `${g.name}${i}` };
  }),
  Array.from({ length: 3_000 }, (_, i) => {
    const s = sheets[i % sheets.length]!;
    return { ...s, id: `${s.id}-${i}`, title: `${s.title}（${i}）` };
  }),
);

const words = wordsFrom(1, WORD_POOLS);
const seeded = await report(
  "seeded kind",
  Array.from({ length: 4_750 }, (_, i) => {
    const p = benchGroupProfile(words, i, { fields: FIELDS.codes, areas: AREAS.codes });
    const activities = p.activities.map((a) => ({ ...a, fiscalYear: parseFiscalYear(a.fiscalYear) }));
    return { ...p, id: `g${i}`, activities };
  }),
  Array.from({ length: 6_000 }, (_, i) => {
    const f = benchSheetForm(words, i, { fields: FIELDS.codes, areas: AREAS.codes, forms: COLLABORATION_FORMS.codes }, "2026年度");
    return { ...f, id: `s${i}`, departmentName: `ベンチ課${String(i % 30).padStart(2, "0")}`, offer: f.offerPlaces };
  }),
);

console.log(`matching-memory: retained=${fixture.toFixed(1)}MB (fixture copied) ${seeded.toFixed(1)}MB (seeded kind)`);
