// The matching engine: for a sheet, the groups that fit; for a group, the sheets that fit — ranked by a
// weighted sum of plain, explainable components and returned with the reasons. Deterministic: the same
// input gives the same list, ties broken by id. See README.md beside this file for the why.
import { formatFiscalYearWithWestern } from "../calendar/fiscal-year";
import { AREAS, FIELDS } from "../vocabulary";
import { cutsNoWord, extractTerms, foldChars, hasContent, longestCommon, termFeatures, type Term } from "./terms";
import type { MatchGroup, MatchSheet, Reason, Suggestion } from "./types";

/**
 * The weights of the score's components, in points out of 100. Each component is a number from 0 to 1:
 * - fields: IDF-weighted cosine of the two sets of fields of activity, so a rare shared field counts more
 *   and a group that ticks all 20 fields doesn't fit everything;
 * - text: TF-IDF cosine of the term features (kanji bigrams, katakana/latin words; see terms.ts) between
 *   the sheet's title, 現状と課題 and 期待する成果 and the group's name, mission and wishes, divided by
 *   `textSaturation` and capped at 1;
 * - trackRecord: the same between the sheet's texts and the group's best-fitting activity (活動実績) —
 *   the best one rather than all together, so one relevant project isn't drowned by unrelated ones;
 * - area: 1 for a shared area, `areaPartial` when one side is 市内全域 and the other a district;
 * - pastCollaboration: 1 when the group's past collaboration names the sheet's department,
 *   `pastAnyDepartment` when it has worked with the city at all.
 * Area and past collaboration only add to a match made by fields, text or track record: on their own
 * they never make one.
 */
export const MATCH_WEIGHTS = {
  fields: 25,
  text: 40,
  trackRecord: 20,
  area: 8,
  pastCollaboration: 7,
  textSaturation: 0.35,
  areaPartial: 0.5,
  pastAnyDepartment: 0.3,
} as const;

const W = MATCH_WEIGHTS;

/** A sparse L2-normalised vector over feature ids. Features the corpus never saw are left out. */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
}

interface Vocabulary {
  ids: Map<string, number>;
  idf: Float64Array;
  /** IDF of a feature the corpus never saw: it counts in a query's length, never in an overlap. */
  unseenIdf: number;
  /** IDF of each field of activity: sharing 男女共同参画 says more than sharing 保健・医療・福祉. */
  fieldIdf: Map<string, number>;
}

/** What ranking reads of one side of a pair besides its vectors (an indexed document's are in the postings). */
interface Traits {
  fields: string[];
  /** √Σ idf² over the fields. */
  fieldNorm: number;
  areas: string[];
  /** Groups only: past collaboration, folded. */
  past: string;
  /** Sheets only: the department's name folded, for comparison with `past`. */
  department: string;
}

/** One side of a pair in full: the query, and each of the few results whose reasons are written. */
interface Profile extends Traits {
  /** Sheet: title (twice), background, outcomes. Group: name, mission, wishes. */
  terms: Term[];
  text: Vector;
  /** Groups only: one vector per activity of the track record. */
  track: Vector[];
  activities: MatchGroup["activities"];
  /** Groups only: each activity's terms (for the reasons). */
  activityTerms: Term[][];
  /** Sheets only: as written, for the reasons. */
  departmentName: string;
}

/**
 * Feature → the documents having it and their weights, packed: feature f's are at [offsets[f],
 * offsets[f + 1]). Three arrays for the whole index rather than two per feature, since each typed array
 * costs far more than its few entries.
 */
interface Postings {
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

interface Index<Kind extends "groups" | "sheets", Item extends MatchGroup | MatchSheet> {
  kind: Kind;
  /**
   * The inputs, sorted by id. The reasons of the few results returned are worked out again from them
   * (terms, vectors) instead of keeping every document's: those were most of the index's memory.
   */
  items: Item[];
  traits: Traits[];
  vocabulary: Vocabulary;
  text: Postings;
  /** Group index only: postings of the activities' vectors, and the group of each activity. */
  track: Postings | null;
  activityOwner: Int32Array;
  fieldDocs: Map<string, number[]>;
}

export type GroupIndex = Index<"groups", MatchGroup>;
export type SheetIndex = Index<"sheets", MatchSheet>;

// ---------------------------------------------------------------------------------------------------
// Texts → terms → vectors

function sheetTerms(sheet: MatchSheet): Term[] {
  // The title says what the sheet is about in the fewest words: it counts twice. What the city offers
  // (会場, 広報, 委託料 …) is left out: it says little about the topic and matches every group's needs.
  return [sheet.title, sheet.title, sheet.background, sheet.outcomes].flatMap(extractTerms);
}

function groupTerms(group: MatchGroup): Term[] {
  return [group.name, group.mission, group.wishes].flatMap(extractTerms);
}

function activityTerms(activity: MatchGroup["activities"][number]): Term[] {
  return [activity.title, activity.description].flatMap(extractTerms);
}

/** BM25's IDF: always positive, small for a feature most documents have. */
function idfOf(documentFrequency: number, documents: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * The TF-IDF vector of some terms: weight (1 + ln tf) · idf, L2-normalised. Features the vocabulary
 * doesn't know count in the length (so a query full of unknown words isn't a strong match) but not in
 * the vector.
 */
function toVector(terms: Term[], vocabulary: Vocabulary): Vector {
  const known: number[] = [];
  let unknown: Map<string, number> | null = null;
  for (const term of terms) {
    for (const f of term.features) {
      const id = vocabulary.ids.get(f);
      if (id !== undefined) known.push(id);
      else (unknown ??= new Map()).set(f, (unknown.get(f) ?? 0) + 1);
    }
  }
  const sorted = Int32Array.from(known).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const weights = new Float64Array(distinct);
  let norm = 0;
  for (let i = 0, k = -1; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) ids[++k] = sorted[i]!;
    weights[k]!++;
  }
  for (let k = 0; k < distinct; k++) {
    weights[k] = (1 + Math.log(weights[k]!)) * vocabulary.idf[ids[k]!]!;
    norm += weights[k]! ** 2;
  }
  for (const count of unknown?.values() ?? []) norm += ((1 + Math.log(count)) * vocabulary.unseenIdf) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < distinct; k++) weights[k]! /= norm;
  return { ids, weights };
}

function dot(a: Vector, b: Vector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    if (a.ids[i] === b.ids[j]) sum += a.weights[i++]! * b.weights[j++]!;
    else if (a.ids[i]! < b.ids[j]!) i++;
    else j++;
  }
  return sum;
}

/** Feature ids in order of first appearance over documents sorted by id, document frequencies, IDF. */
function buildVocabulary(documents: Term[][], fieldsOfDocuments: string[][]): Vocabulary {
  const ids = new Map<string, number>();
  const df: number[] = [];
  const lastDocument: number[] = [];
  documents.forEach((terms, d) => {
    for (const term of terms) {
      for (const f of term.features) {
        let id = ids.get(f);
        if (id === undefined) {
          id = df.length;
          ids.set(f, id);
          df.push(0);
          lastDocument.push(-1);
        }
        if (lastDocument[id] !== d) {
          lastDocument[id] = d;
          df[id]!++;
        }
      }
    }
  });
  const n = fieldsOfDocuments.length;
  const idf = Float64Array.from(df, (d) => idfOf(d, n));
  const fieldDf = new Map<string, number>();
  for (const fields of fieldsOfDocuments) for (const f of new Set(fields)) fieldDf.set(f, (fieldDf.get(f) ?? 0) + 1);
  const fieldIdf = new Map([...fieldDf].map(([f, d]) => [f, idfOf(d, n)]));
  return { ids, idf, unseenIdf: idfOf(0, n), fieldIdf };
}

function buildPostings(vectors: Vector[], size: number): Postings {
  const offsets = new Int32Array(size + 1);
  for (const v of vectors) for (const id of v.ids) offsets[id + 1]!++;
  for (let f = 0; f < size; f++) offsets[f + 1]! += offsets[f]!;
  const docs = new Int32Array(offsets[size]!);
  const weights = new Float64Array(offsets[size]!);
  const filled = offsets.slice(0, size);
  vectors.forEach((v, d) => {
    for (let k = 0; k < v.ids.length; k++) {
      const at = filled[v.ids[k]!]!++;
      docs[at] = d;
      weights[at] = v.weights[k]!;
    }
  });
  return { offsets, docs, weights };
}

function fieldPostings(traits: Traits[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  traits.forEach((p, d) => {
    for (const f of p.fields) {
      if (!map.has(f)) map.set(f, []);
      map.get(f)!.push(d);
    }
  });
  return map;
}

// ---------------------------------------------------------------------------------------------------
// Building the indexes

/** The input's own array when it has no repeats, as it usually hasn't: the index keeps the inputs anyway. */
function unique(values: string[]): string[] {
  const set = new Set(values);
  return set.size === values.length ? values : [...set];
}

function fieldIdf(vocabulary: Vocabulary, field: string): number {
  return vocabulary.fieldIdf.get(field) ?? vocabulary.unseenIdf;
}

function fieldNorm(fields: string[], vocabulary: Vocabulary): number {
  return Math.sqrt(fields.reduce((sum, f) => sum + fieldIdf(vocabulary, f) ** 2, 0));
}

function groupTraits(group: MatchGroup, vocabulary: Vocabulary): Traits {
  const fields = unique(group.fields);
  return {
    fields,
    fieldNorm: fieldNorm(fields, vocabulary),
    areas: unique(group.areas),
    past: foldChars(group.pastCollaboration).replace(/\s/g, ""),
    department: "",
  };
}

function sheetTraits(sheet: MatchSheet, vocabulary: Vocabulary): Traits {
  const fields = unique(sheet.fields);
  return {
    fields,
    fieldNorm: fieldNorm(fields, vocabulary),
    areas: unique(sheet.areas),
    past: "",
    department: foldChars(sheet.departmentName).replace(/\s/g, ""),
  };
}

/** The same terms, hence the same vectors, as the index built for this group (or would build). */
function groupProfile(group: MatchGroup, vocabulary: Vocabulary): Profile {
  const terms = groupTerms(group);
  const trackTerms = group.activities.map(activityTerms);
  return {
    ...groupTraits(group, vocabulary),
    terms,
    text: toVector(terms, vocabulary),
    track: trackTerms.map((t) => toVector(t, vocabulary)),
    activities: group.activities,
    activityTerms: trackTerms,
    departmentName: "",
  };
}

function sheetProfile(sheet: MatchSheet, vocabulary: Vocabulary): Profile {
  const terms = sheetTerms(sheet);
  return {
    ...sheetTraits(sheet, vocabulary),
    terms,
    text: toVector(terms, vocabulary),
    track: [],
    activities: [],
    activityTerms: [],
    departmentName: sheet.departmentName,
  };
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Precomputes term vectors, IDF and postings of the groups (approved ones) for `suggestGroups`. */
export function buildGroupIndex(groups: MatchGroup[]): GroupIndex {
  const sorted = byId(groups);
  const terms = sorted.map(groupTerms);
  const trackTerms = sorted.map((g) => g.activities.map(activityTerms));
  // A group's document for IDF: its profile and its track record together.
  const vocabulary = buildVocabulary(
    sorted.map((_, i) => [...terms[i]!, ...trackTerms[i]!.flat()]),
    sorted.map((g) => g.fields),
  );
  const traits = sorted.map((g) => groupTraits(g, vocabulary));
  const size = vocabulary.idf.length;
  return {
    kind: "groups",
    items: sorted,
    traits,
    vocabulary,
    text: buildPostings(
      terms.map((t) => toVector(t, vocabulary)),
      size,
    ),
    track: buildPostings(
      trackTerms.flatMap((activities) => activities.map((t) => toVector(t, vocabulary))),
      size,
    ),
    activityOwner: Int32Array.from(trackTerms.flatMap((activities, d) => activities.map(() => d))),
    fieldDocs: fieldPostings(traits),
  };
}

/** Precomputes term vectors, IDF and postings of the sheets (open ones) for `suggestSheets`. */
export function buildSheetIndex(sheets: MatchSheet[]): SheetIndex {
  const sorted = byId(sheets);
  const terms = sorted.map(sheetTerms);
  const vocabulary = buildVocabulary(
    terms,
    sorted.map((s) => s.fields),
  );
  const traits = sorted.map((s) => sheetTraits(s, vocabulary));
  return {
    kind: "sheets",
    items: sorted,
    traits,
    vocabulary,
    text: buildPostings(
      terms.map((t) => toVector(t, vocabulary)),
      vocabulary.idf.length,
    ),
    track: null,
    activityOwner: new Int32Array(0),
    fieldDocs: fieldPostings(traits),
  };
}

// ---------------------------------------------------------------------------------------------------
// Components of the score

interface Components {
  fields: number;
  text: number;
  trackRecord: number;
  area: number;
  pastCollaboration: number;
}

/** IDF-weighted cosine of two sets of fields, from Σ idf² over the shared ones. */
function fieldsComponent(sharedWeight: number, a: Traits, b: Traits): number {
  return a.fieldNorm > 0 && b.fieldNorm > 0 ? sharedWeight / (a.fieldNorm * b.fieldNorm) : 0;
}

function textComponent(cosine: number): number {
  return Math.min(1, cosine / W.textSaturation);
}

const CITYWIDE = "citywide";
const OUTSIDE = "outside_city";

/** The area component alone, without allocating: it runs for every candidate. */
function areaValue(sheetAreas: string[], groupAreas: string[]): number {
  let sheetCitywide = false;
  let sheetDistrict = false;
  for (const a of sheetAreas) {
    if (groupAreas.includes(a)) return 1;
    if (a === CITYWIDE) sheetCitywide = true;
    else if (a !== OUTSIDE) sheetDistrict = true;
  }
  let groupCitywide = false;
  let groupDistrict = false;
  for (const a of groupAreas) {
    if (a === CITYWIDE) groupCitywide = true;
    else if (a !== OUTSIDE) groupDistrict = true;
  }
  return (groupCitywide && sheetDistrict) || (sheetCitywide && groupDistrict) ? W.areaPartial : 0;
}

function areaMatch(sheetAreas: string[], groupAreas: string[]): { value: number; codes: string[]; exact: boolean } {
  const shared = sheetAreas.filter((a) => groupAreas.includes(a));
  if (shared.length) return { value: 1, codes: shared, exact: true };
  const inCity = (areas: string[]) => areas.filter((a) => a !== OUTSIDE && a !== CITYWIDE);
  if (groupAreas.includes(CITYWIDE) && inCity(sheetAreas).length)
    return { value: W.areaPartial, codes: [CITYWIDE, ...inCity(sheetAreas)], exact: false };
  if (sheetAreas.includes(CITYWIDE) && inCity(groupAreas).length)
    return { value: W.areaPartial, codes: [CITYWIDE, ...inCity(groupAreas)], exact: false };
  return { value: 0, codes: [], exact: false };
}

function pastMatch(group: Traits, sheet: Traits): { value: number; sameDepartment: boolean } {
  if (!group.past) return { value: 0, sameDepartment: false };
  const same = sheet.department.length > 0 && group.past.includes(sheet.department);
  return { value: same ? 1 : W.pastAnyDepartment, sameDepartment: same };
}

function total(c: Components): number {
  if (c.fields <= 0 && c.text <= 0 && c.trackRecord <= 0) return 0;
  return (
    W.fields * c.fields +
    W.text * textComponent(c.text) +
    W.trackRecord * textComponent(c.trackRecord) +
    W.area * c.area +
    W.pastCollaboration * c.pastCollaboration
  );
}

/** The components of one (sheet, group) pair computed directly, without the postings. */
function directComponents(sheet: Profile, group: Profile, vocabulary: Vocabulary): Components {
  const shared = sheet.fields
    .filter((f) => group.fields.includes(f))
    .reduce((sum, f) => sum + fieldIdf(vocabulary, f) ** 2, 0);
  return {
    fields: fieldsComponent(shared, sheet, group),
    text: dot(sheet.text, group.text),
    trackRecord: group.track.reduce((best, activity) => Math.max(best, dot(sheet.text, activity)), 0),
    area: areaValue(sheet.areas, group.areas),
    pastCollaboration: pastMatch(group, sheet).value,
  };
}

// ---------------------------------------------------------------------------------------------------
// Ranking through the postings

function rank(index: GroupIndex | SheetIndex, query: Profile, limit: number): { doc: number; score: number }[] {
  const n = index.traits.length;
  const text = new Float64Array(n);
  const track = new Float64Array(n);
  const fields = new Float64Array(n);
  const seen = new Uint8Array(n);
  const candidates: number[] = [];
  const accumulate = (vector: Vector, postings: Postings, into: Float64Array, owner: Int32Array | null) => {
    const { offsets, docs, weights } = postings;
    for (let k = 0; k < vector.ids.length; k++) {
      const q = vector.weights[k]!;
      for (let p = offsets[vector.ids[k]!]!, end = offsets[vector.ids[k]! + 1]!; p < end; p++) {
        into[docs[p]!]! += q * weights[p]!;
        const d = owner ? owner[docs[p]!]! : docs[p]!;
        if (!seen[d]) {
          seen[d] = 1;
          candidates.push(d);
        }
      }
    }
  };
  if (index.kind === "groups") {
    accumulate(query.text, index.text, text, null);
    // Track record: the best activity of each group.
    const activities = new Float64Array(index.activityOwner.length);
    accumulate(query.text, index.track!, activities, index.activityOwner);
    for (let a = 0; a < activities.length; a++) {
      const d = index.activityOwner[a]!;
      if (activities[a]! > track[d]!) track[d] = activities[a]!;
    }
  } else {
    accumulate(query.text, index.text, text, null);
    const activity = new Float64Array(n);
    for (const vector of query.track) {
      activity.fill(0);
      accumulate(vector, index.text, activity, null);
      for (let d = 0; d < n; d++) if (activity[d]! > track[d]!) track[d] = activity[d]!;
    }
  }
  for (const f of query.fields) {
    const weight = fieldIdf(index.vocabulary, f) ** 2;
    for (const d of index.fieldDocs.get(f) ?? []) {
      fields[d]! += weight;
      if (!seen[d]) {
        seen[d] = 1;
        candidates.push(d);
      }
    }
  }
  const scored: { doc: number; score: number }[] = [];
  for (const d of candidates) {
    const doc = index.traits[d]!;
    const [sheet, group] = index.kind === "groups" ? [query, doc] : [doc, query];
    const score = total({
      fields: fieldsComponent(fields[d]!, query, doc),
      text: text[d]!,
      trackRecord: track[d]!,
      area: areaValue(sheet.areas, group.areas),
      pastCollaboration: pastMatch(group, sheet).value,
    });
    if (score > 0) scored.push({ doc: d, score });
  }
  return topOf(scored, limit);
}

/**
 * The best `limit` entries, best first. Profiles are sorted by id, so the doc number breaks ties by id.
 * Scores are compared rounded so that the order of floating-point additions can't reorder equal scores.
 */
function topOf(scored: { doc: number; score: number }[], limit: number): { doc: number; score: number }[] {
  if (limit <= 0) return [];
  const before = (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
    round(a.score) > round(b.score) || (round(a.score) === round(b.score) && a.doc < b.doc);
  if (limit >= scored.length / 4) return scored.sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, Math.max(0, limit));
  // Few wanted out of many: keep a short sorted list instead of sorting everything.
  const top: { doc: number; score: number }[] = [];
  for (const entry of scored) {
    if (top.length === limit && !before(entry, top[limit - 1]!)) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && before(entry, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = entry;
  }
  return top;
}

function round(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------------
// Reasons

/** Readable words the two texts share, heaviest first: common substrings of their terms that carry weight. */
function sharedWords(a: Term[], b: Term[], vocabulary: Vocabulary, max: number): string[] {
  const weightOf = (term: { surface: string; folded: string }) =>
    termFeatures(term).reduce((sum, f) => {
      const id = vocabulary.ids.get(f);
      return sum + (id === undefined ? 0 : vocabulary.idf[id]!);
    }, 0);
  const bTerms = [...new Map(b.map((t) => [t.folded, t])).values()];
  const bFeatures = new Set(bTerms.flatMap((t) => t.features));
  const found = new Map<string, { surface: string; weight: number }>();
  const seenA = new Set<string>();
  for (const ta of a) {
    if (seenA.has(ta.folded)) continue;
    seenA.add(ta.folded);
    if (!ta.features.some((f) => bFeatures.has(f))) continue;
    for (const tb of bTerms) {
      const [atA, atB, length] = longestCommon(ta.folded, tb.folded);
      if (length < 2) continue;
      const word = { surface: ta.surface.slice(atA, atA + length), folded: ta.folded.slice(atA, atA + length) };
      if (found.has(word.folded) || !hasContent(word.surface)) continue;
      if (!cutsNoWord(ta, atA, atA + length) || !cutsNoWord(tb, atB, atB + length)) continue;
      const weight = weightOf(word);
      if (weight > 0) found.set(word.folded, { surface: word.surface, weight });
    }
  }
  const ordered = [...found.entries()].sort((x, y) => y[1].weight - x[1].weight || (x[0] < y[0] ? -1 : 1));
  const chosen: [string, string][] = [];
  for (const [folded, { surface }] of ordered) {
    if (chosen.some(([c]) => c.includes(folded) || folded.includes(c))) continue;
    chosen.push([folded, surface]);
    if (chosen.length === max) break;
  }
  return chosen.map(([, surface]) => surface);
}

function bestActivity(sheet: Profile, group: Profile) {
  let best = -1;
  let similarity = 0;
  group.track.forEach((vector, i) => {
    const value = dot(sheet.text, vector);
    if (value > similarity) {
      similarity = value;
      best = i;
    }
  });
  return best < 0 ? null : { activity: group.activities[best]!, terms: group.activityTerms[best]! };
}

function points(value: number): number {
  return Math.round(value * 10) / 10;
}

function explain(sheet: Profile, group: Profile, vocabulary: Vocabulary): Reason[] {
  const c = directComponents(sheet, group, vocabulary);
  const topical = c.fields > 0 || c.text > 0 || c.trackRecord > 0;
  const reasons: Reason[] = [];
  if (c.fields > 0) {
    const codes = sheet.fields.filter((f) => group.fields.includes(f));
    reasons.push({
      kind: "fields",
      points: points(W.fields * c.fields),
      codes,
      text: `活動分野が共通: ${codes.map(FIELDS.label).join("・")}`,
    });
  }
  if (c.text > 0) {
    const words = sharedWords(sheet.terms, group.terms, vocabulary, 5);
    reasons.push({
      kind: "words",
      points: points(W.text * textComponent(c.text)),
      words,
      text: `共通する言葉: ${words.join("、")}`,
    });
  }
  if (topical && c.area > 0) {
    const area = areaMatch(sheet.areas, group.areas);
    const labels = area.codes.map(AREAS.label);
    reasons.push({
      kind: "area",
      points: points(W.area * c.area),
      codes: area.codes,
      exact: area.exact,
      text: area.exact ? `活動地域: ${labels.join("・")}` : `活動地域: ${labels[0]}と${labels.slice(1).join("・")}`,
    });
  }
  if (c.trackRecord > 0) {
    const best = bestActivity(sheet, group);
    if (best) {
      const year = best.activity.fiscalYear === null ? "" : `${formatFiscalYearWithWestern(best.activity.fiscalYear)} `;
      reasons.push({
        kind: "track_record",
        points: points(W.trackRecord * textComponent(c.trackRecord)),
        activity: { fiscalYear: best.activity.fiscalYear, title: best.activity.title },
        words: sharedWords(sheet.terms, best.terms, vocabulary, 3),
        text: `活動実績: ${year}${best.activity.title}`,
      });
    }
  }
  if (topical && c.pastCollaboration > 0) {
    const past = pastMatch(group, sheet);
    reasons.push({
      kind: "past_collaboration",
      points: points(W.pastCollaboration * c.pastCollaboration),
      sameDepartment: past.sameDepartment,
      departmentName: past.sameDepartment ? sheet.departmentName : null,
      text: past.sameDepartment ? `市との協働経験あり（${sheet.departmentName}）` : "市との協働経験あり",
    });
  }
  return reasons.sort((a, b) => b.points - a.points);
}

// ---------------------------------------------------------------------------------------------------
// The API

/** The approved groups that fit a sheet, best first, each with its reasons. Never a score-0 group. */
export function suggestGroups(index: GroupIndex, sheet: MatchSheet, limit = 10): Suggestion[] {
  const query = sheetProfile(sheet, index.vocabulary);
  return rank(index, query, limit).map(({ doc, score }) => {
    const group = index.items[doc]!;
    return { id: group.id, score: points(score), reasons: explain(query, groupProfile(group, index.vocabulary), index.vocabulary) };
  });
}

/** The open sheets that fit a group, best first, each with its reasons. Never a score-0 sheet. */
export function suggestSheets(index: SheetIndex, group: MatchGroup, limit = 10): Suggestion[] {
  const query = groupProfile(group, index.vocabulary);
  return rank(index, query, limit).map(({ doc, score }) => {
    const sheet = index.items[doc]!;
    return { id: sheet.id, score: points(score), reasons: explain(sheetProfile(sheet, index.vocabulary), query, index.vocabulary) };
  });
}

/**
 * The score of one pair computed directly from the two vectors (no postings, no ranking), with the same
 * IDF as the index: what the tests compare the index's ranking against. Unrounded.
 */
export function scorePair(index: GroupIndex | SheetIndex, sheet: MatchSheet, group: MatchGroup): number {
  return total(
    directComponents(sheetProfile(sheet, index.vocabulary), groupProfile(group, index.vocabulary), index.vocabulary),
  );
}

/** The raw (unrounded) scores the index ranks by, for every candidate — for tests and the evaluation. */
export function rankedScores(
  index: GroupIndex | SheetIndex,
  query: MatchSheet | MatchGroup,
): { id: string; score: number }[] {
  const profile =
    index.kind === "groups"
      ? sheetProfile(query as MatchSheet, index.vocabulary)
      : groupProfile(query as MatchGroup, index.vocabulary);
  return rank(index, profile, Number.MAX_SAFE_INTEGER).map(({ doc, score }) => ({
    id: index.items[doc]!.id,
    score,
  }));
}
