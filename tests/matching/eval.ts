// `npm run eval:matching`: ranks the fixture's groups for each fixture sheet and prints the hits, the
// mean precision@5 and timings (also on a 5,000-group corpus). A report: exit code 0 whatever the score.
import { buildGroupIndex, rankedScores, suggestGroups } from "../../app/domain/matching/engine";
import { evaluate, PRECISION_DEFINITION } from "../../app/domain/matching/evaluation";
import type { MatchGroup } from "../../app/domain/matching/types";
import { groups } from "../fixtures/matching/groups";
import { labels, sheets } from "../fixtures/matching/sheets";

const { buildMs, results, precision } = evaluate(groups, sheets, labels);
const name = new Map(groups.map((g) => [g.id, g.name]));

console.log(`matching evaluation: ${groups.length} groups, ${sheets.length} sheets`);
console.log(PRECISION_DEFINITION);
console.log("");
for (const r of results) {
  const mark = r.precision === 1 ? "  " : "✗ ";
  console.log(`${mark}${r.sheetId}  p@5=${r.precision.toFixed(2)}  hits ${r.hits.length}/${Math.min(5, r.relevant.length)}`);
  for (const [i, s] of r.top.entries()) {
    const hit = r.relevant.includes(s.id) ? "✓" : " ";
    console.log(`     ${i + 1}. ${hit} ${s.score.toFixed(1).padStart(5)} ${s.id} ${name.get(s.id)} — ${s.reasons.map((x) => x.text).join(" / ")}`);
  }
  const missed = r.relevant.filter((id) => !r.hits.includes(id));
  if (missed.length && r.precision < 1) console.log(`     missed: ${missed.join(", ")}`);
}

// Timing on a larger corpus: the fixture's groups copied to 5,000 (ids and names made unique).
const big: MatchGroup[] = [];
for (let i = 0; big.length < 5000; i++) {
  const g = groups[i % groups.length]!;
  big.push({ ...g, id: `${g.id}-${i}`, name: `${g.name}${i}` });
}
let t = performance.now();
const bigIndex = buildGroupIndex(big);
const bigBuildMs = performance.now() - t;
for (const sheet of sheets) suggestGroups(bigIndex, sheet, 10); // warm up
const rounds = 5;
t = performance.now();
for (let k = 0; k < rounds; k++) for (const sheet of sheets) suggestGroups(bigIndex, sheet, 10);
const bigRankMs = (performance.now() - t) / (rounds * sheets.length);
t = performance.now();
for (let k = 0; k < rounds; k++) for (const sheet of sheets) rankedScores(bigIndex, sheet);
const bigScoreMs = (performance.now() - t) / (rounds * sheets.length);

const meanRank = results.reduce((s, r) => s + r.rankMs, 0) / results.length;
console.log("");
console.log(`index build: ${buildMs.toFixed(1)} ms for ${groups.length} groups; ${bigBuildMs.toFixed(0)} ms for ${big.length} groups`);
console.log(`scoring and ordering all ${big.length} groups for one sheet (no reasons): mean ${bigScoreMs.toFixed(2)} ms`);
console.log(`ranking one sheet (top 5 with reasons): mean ${meanRank.toFixed(2)} ms over ${groups.length} groups; top 10 with reasons over ${big.length} groups: mean ${bigRankMs.toFixed(2)} ms`);
// The weights were set by looking at this set; the halves show how much the figure leans on that.
const half = (odd: number) => {
  const part = results.filter((_, i) => i % 2 === odd);
  return part.reduce((sum, r) => sum + r.precision, 0) / part.length;
};
console.log(`precision@5 on odd-numbered sheets ${half(0).toFixed(2)}, on even-numbered sheets ${half(1).toFixed(2)}`);
console.log(`precision@5=${precision.toFixed(2)} sheets=${results.length}`);
