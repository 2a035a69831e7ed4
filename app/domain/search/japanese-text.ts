// Japanese text made comparable for search without a word-splitting dictionary: width, kana and case
// variants fold to one form, and text is indexed by character bigrams so that a two-character query
// such as 子育 finds 子育て支援.

/** NFKC (full-width ASCII → half-width, half-width kana → full-width), lower case, katakana → hiragana, no spaces. */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s\u3000・]+/g, "");
}

/** The distinct overlapping two-character pieces of folded text; a one-character text is its own piece. */
export function bigrams(text: string): string[] {
  const folded = foldForSearch(text);
  return folded.length < 2 ? (folded ? [folded] : []) : [...foldedBigrams(folded)];
}

/** The distinct overlapping two-character pieces of text that is already folded. */
export function foldedBigrams(folded: string): Set<string> {
  const pieces = new Set<string>();
  for (let i = 0; i < folded.length - 1; i++) pieces.add(folded.slice(i, i + 2));
  return pieces;
}

/** True when every word of the query (split at spaces) occurs in the text once both are folded. */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = foldForSearch(text);
  return searchWords(query).every((word) => haystack.includes(word));
}

/** The words of a search box, folded like the stored search text (at most five). */
export function searchWords(query: string): string[] {
  return query.normalize("NFKC").split(/\s+/).map(foldForSearch).filter(Boolean).slice(0, 5);
}

/** A LIKE pattern finding `word` anywhere, its own % _ \ taken literally (use with `escape '\'`). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
