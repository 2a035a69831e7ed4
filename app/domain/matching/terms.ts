// Words out of Japanese text without a dictionary: Japanese has no spaces, but content words are mostly
// written in kanji, katakana or latin letters while grammar (particles, verb endings) is in hiragana. So a
// candidate term is a run of kanji/katakana/latin, split at hiragana, punctuation and spaces. Matching
// goes through the features of those terms: character bigrams of the kanji parts (so 学習支援 and
// 放課後学習教室 meet on 学習), and katakana or latin words whole (so センター and サポーター don't meet
// on ター). The terms themselves are kept to show people readable shared words instead of bigrams.

/**
 * A term as written (after NFKC, for display) and folded (for comparison), both of the same length, and
 * its matching features (see `termFeatures`).
 */
export interface Term {
  surface: string;
  folded: string;
  features: string[];
}


/**
 * `foldForSearch` (NFKC, lower case, katakana → hiragana) but keeping spaces and 「・」, so that the folded
 * text has the same length as the NFKC text and a substring of one maps back to the other.
 * The unit tests check it agrees with foldForSearch once spaces are removed.
 */
export function foldChars(text: string): string {
  const nfkc = text.normalize("NFKC");
  let lower = nfkc.toLowerCase();
  if (lower.length !== nfkc.length) lower = [...nfkc].map((c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c)).join("");
  // The katakana → hiragana step of foldForSearch, by code point (the tests check they agree).
  return lower.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * Words written partly in hiragana that would otherwise be cut in two (子ども → 子) or lost (まちづくり).
 * Compared folded, so ゴミ/ごみ agree.
 */
const MIXED_WORDS = [
  "子ども",
  "子育て",
  "見守り",
  "空き家",
  "読み聞かせ",
  "まちづくり",
  "ふれあい",
  "助け合い",
  "支え合い",
  "担い手",
  "生きがい",
  "買い物",
  "お年寄り",
  "障がい",
  "ひきこもり",
  "引きこもり",
  "おもちゃ",
  "ごみ",
  "いじめ",
  "見回り",
  "通いの場",
  "居場所づくり",
  "ものづくり",
  "ひとり親",
  "お祭り",
  "花いっぱい",
].map(foldChars);

// Lookups by character code rather than by a one-character string: reading text[i] of Japanese text
// makes a new string each time, and this runs for every character of every text indexed.
const MIXED_BY_FIRST = new Map<number, string[]>();
for (const w of [...MIXED_WORDS].sort((a, b) => b.length - a.length)) {
  const list = MIXED_BY_FIRST.get(w.charCodeAt(0)) ?? [];
  list.push(w);
  MIXED_BY_FIRST.set(w.charCodeAt(0), list);
}

/** Single hiragana that sit inside compound nouns (子育て支援, 空き家, 見守り活動, 学び舎) rather than grammar. */
const OKURIGANA = new Set([..."てきりみびけえち"].map((c) => c.charCodeAt(0)));

function isContent(code: number): boolean {
  const script = scriptOf(code);
  return script === Script.Kanji || script === Script.Word;
}

/** Candidate terms of a text, in order of appearance (repeats kept: they count as term frequency). */
export function extractTerms(text: string): Term[] {
  const surfaceText = text.normalize("NFKC");
  const foldedText = foldChars(surfaceText);
  const terms: Term[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start >= 2) {
      const surface = surfaceText.slice(start, end);
      const folded = foldedText.slice(start, end);
      terms.push({ surface, folded, features: termFeatures({ surface, folded }) });
    }
    start = -1;
  };
  let i = 0;
  while (i < foldedText.length) {
    const code = foldedText.charCodeAt(i);
    const mixed = MIXED_BY_FIRST.get(code)?.find((w) => foldedText.startsWith(w, i));
    if (mixed) {
      if (start < 0) start = i;
      i += mixed.length;
      continue;
    }
    if (isContent(surfaceText.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0 && OKURIGANA.has(code) && i + 1 < foldedText.length && isContent(surfaceText.charCodeAt(i + 1))) {
      // 子育て支援: one hiragana between content characters stays inside the term.
    } else {
      close(i);
    }
    i++;
  }
  close(foldedText.length);
  return terms;
}

const enum Script {
  Kanji,
  Kana,
  /** Katakana or latin: matched as whole words. */
  Word,
  Other,
}

/** The script of one UTF-16 code unit (terms hold only BMP characters). */
function scriptOf(code: number): Script {
  if ((code >= 0x30a1 && code <= 0x30fa) || (code >= 0x30fc && code <= 0x30fe)) return Script.Word;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return Script.Word;
  if ((code >= 0x4e00 && code <= 0x9fff) || code === 0x3005 || code === 0x3006) return Script.Kanji;
  if (code >= 0x3041 && code <= 0x309f) return Script.Kana;
  return Script.Other;
}

/**
 * The matching features of a term, repeats removed: bigrams of the folded text within its kanji (and
 * kanji + okurigana) parts, and each katakana/latin run whole (prefixed with "=" so a 2-letter word
 * doesn't collide with a bigram). Same pieces as `bigrams` from the search module for kanji.
 */
function termFeaturesMasked(term: Omit<Term, "features">, stop: Uint8Array | null): string[] {
  const out = new Set<string>();
  const { surface, folded } = term;
  const covered = (from: number, to: number) => {
    if (!stop) return false;
    for (let k = from; k < to; k++) if (!stop[k]) return false;
    return true;
  };
  let runStart = -1;
  for (let i = 0; i <= folded.length; i++) {
    const here = i < folded.length ? scriptOf(surface.charCodeAt(i)) : Script.Other;
    if (here === Script.Word && runStart < 0) runStart = i;
    if (here !== Script.Word && runStart >= 0) {
      if (i - runStart >= 2 && !covered(runStart, i)) out.add("=" + folded.slice(runStart, i));
      runStart = -1;
    }
    if (i + 1 < folded.length) {
      const next = scriptOf(surface.charCodeAt(i + 1));
      const kanjiPart =
        (here === Script.Kanji && (next === Script.Kanji || next === Script.Kana)) ||
        (here === Script.Kana && next === Script.Kanji);
      if (kanjiPart && !covered(i, i + 2)) out.add(folded.slice(i, i + 2));
    }
  }
  return [...out];
}

/**
 * Everyday words of this domain that appear in nearly every sheet and profile. IDF already makes them
 * light on a large corpus; this short list makes sure they never carry a match on a small one either.
 * Their features are dropped.
 */
const STOP_WORDS = [
  "協働",
  "市民",
  "活動",
  "地域",
  "支援",
  "事業",
  "団体",
  "白井市",
  "市内",
  "全域",
  "本市",
  "参加",
  "実施",
  "推進",
  "課題",
  "取り組",
  "取組",
  "連携",
  "必要",
  "現状",
  "成果",
  "期待",
  "提供",
  "行政",
  "担当",
  "職員",
  "今後",
  "希望",
  "目的",
  "年度",
  "毎年",
  "様々",
  "多様",
  "NPO",
  "法人",
  "会員",
  "情報",
  "機会",
  "場所",
  "開催",
  "充実",
  "向上",


].map(foldChars);

const STOP_BY_FIRST = new Map<number, string[]>();
for (const word of STOP_WORDS) STOP_BY_FIRST.set(word.charCodeAt(0), [...(STOP_BY_FIRST.get(word.charCodeAt(0)) ?? []), word]);

/**
 * The features of a term (or of a piece of one, for a shared word). A feature made only of characters of
 * stop words is dropped — including the seam between two of them (市民|活動 → 民活) — while one that
 * reaches outside them is kept (支援課 keeps 援課).
 */
export function termFeatures(term: Omit<Term, "features">): string[] {
  let stop: Uint8Array | null = null;
  const folded = term.folded;
  for (let at = 0; at < folded.length; at++) {
    for (const word of STOP_BY_FIRST.get(folded.charCodeAt(at)) ?? []) {
      if (folded.startsWith(word, at)) {
        stop ??= new Uint8Array(folded.length);
        stop.fill(1, at, at + word.length);
      }
    }
  }
  return termFeaturesMasked(term, stop);
}

/** The longest common substring of two folded strings, as [start in a, start in b, length]. */
export function longestCommon(a: string, b: string): [number, number, number] {
  let best = 0;
  let atA = 0;
  let atB = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j]! > best) {
        best = prev[j]!;
        atA = i - best;
        atB = j - best;
      }
      diag = above;
    }
  }
  return [atA, atB, best];
}

/** True when [start, end) of the term doesn't cut through a katakana or latin word. */
export function cutsNoWord(term: Term, start: number, end: number): boolean {
  const s = term.surface;
  const word = (i: number) => i >= 0 && i < s.length && scriptOf(s.charCodeAt(i)) === Script.Word;
  return !(word(start) && word(start - 1)) && !(word(end - 1) && word(end));
}

/** True when the text has a kanji, katakana or latin letter (a readable word, not just okurigana). */
export function hasContent(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isContent(text.charCodeAt(i))) return true;
  return false;
}
