// Words out of Japanese text without a dictionary: Japanese has no spaces, but content words are mostly
// written in kanji, katakana or latin letters while grammar (particles, verb endings) is in hiragana. So a
// candidate term is a run of kanji/katakana/latin, split at hiragana, punctuation and spaces. Matching
// itself goes through character bigrams of those terms (so 学習支援 and 放課後学習教室 meet on 学習); the
// terms are kept to show people readable shared words instead of bigrams.
import { bigrams, foldForSearch } from "../search/japanese-text";

/** A term as written (after NFKC, for display) and folded (for comparison); both have the same length. */
export interface Term {
  surface: string;
  folded: string;
}

/**
 * Words written partly in hiragana that would otherwise be cut in two (子ども → 子) or lost (まちづくり).
 * Compared folded, so ゴミ/ごみ and ボランティア-like katakana/hiragana variants agree.
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
]
  .map((w) => foldChars(w.normalize("NFKC")))
  .sort((a, b) => b.length - a.length);

/**
 * Everyday words of this domain that appear in nearly every sheet and profile. IDF already makes them
 * light on a large corpus; this short list makes sure they never carry a match on a small one either.
 * Their bigrams are dropped from the vectors.
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
  "npo",
  "法人",
  "会員",
  "情報",
  "機会",
  "場所",
  "開催",
  "充実",
  "向上",
];

export const STOP_BIGRAMS: ReadonlySet<string> = new Set(STOP_WORDS.flatMap((w) => bigrams(w)));

/** Single hiragana that sit inside compound nouns (子育て支援, 空き家, 見守り活動, 学び舎) rather than grammar. */
const OKURIGANA = new Set(["て", "き", "り", "み", "び", "け", "え", "ち"]);

const CONTENT = /[\u4e00-\u9fff\u3005\u3006\u30a1-\u30fa\u30fc\u30fd\u30fea-zA-Z]/;
const HIRAGANA = /[\u3041-\u309f]/;

export function foldChars(text: string): string {
  // Character by character, so the folded form has the surface's length and substrings map back.
  let out = "";
  for (const ch of text) out += foldForSearch(ch) || ch;
  return out;
}

/** Candidate terms of a text, in order of appearance (repeats kept: they count as term frequency). */
export function extractTerms(text: string): Term[] {
  const surfaceText = text.normalize("NFKC");
  const foldedText = foldChars(surfaceText);
  // foldChars can only differ in length for exotic characters; then display the folded form.
  const aligned = foldedText.length === surfaceText.length;
  const terms: Term[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start >= 2) {
      const folded = foldedText.slice(start, end);
      terms.push({ surface: aligned ? surfaceText.slice(start, end) : folded, folded });
    }
    start = -1;
  };
  let i = 0;
  while (i < foldedText.length) {
    const mixed = MIXED_WORDS.find((w) => foldedText.startsWith(w, i));
    if (mixed) {
      if (start < 0) start = i;
      i += mixed.length;
      continue;
    }
    const ch = foldedText[i]!;
    if (CONTENT.test(surfaceText[i]!) || CONTENT.test(ch)) {
      if (start < 0) start = i;
    } else if (
      start >= 0 &&
      HIRAGANA.test(ch) &&
      OKURIGANA.has(ch) &&
      i + 1 < foldedText.length &&
      CONTENT.test(surfaceText[i + 1]!)
    ) {
      // 子育て支援: one hiragana between content characters stays inside the term.
    } else {
      close(i);
    }
    i++;
  }
  close(foldedText.length);
  return terms;
}

/** Bigrams of a term that carry meaning (not from the stop list). */
export function termBigrams(term: Term): string[] {
  return bigrams(term.folded).filter((b) => !STOP_BIGRAMS.has(b));
}

/** The longest common substring of two folded strings, as [start in a, length]. */
export function longestCommon(a: string, b: string): [number, number] {
  let best = 0;
  let at = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j]! > best) {
        best = prev[j]!;
        at = i - best;
      }
      diag = above;
    }
  }
  return [at, best];
}
