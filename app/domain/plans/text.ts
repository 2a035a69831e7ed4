// Cleaning the text of plan documents exported from PDF/HTML: tags, width variants, bullets, spaces.
//
// Width normalization (NFKC) is applied to everything except characters that carry meaning in
// these documents and that NFKC would destroy:
//   - circled numbers ①…⑳ (NFKC turns ① into "1", losing the 具体的な事業/推進項目 numbering),
//   - Roman numerals Ⅰ…Ⅻ (NFKC turns Ⅱ into "II"; tiers are printed 【Ⅱ-ア】),
//   - the full-width tilde ～ (NFKC turns it into "~"; cities print ranges as 25～29).
// Brackets 【】, ・, ■□, ○, → and ※ are untouched by NFKC. Full-width ASCII (（）０-９Ａ：) and
// half-width katakana are unified, so "（平成27～29年度）" and "(平成27～29年度)" read the same.

const KEPT_MARKS = /([\u2460-\u2473\u3251-\u325F\u32B1-\u32BF\u2160-\u217F\uFF5E])/u;

/** NFKC except for the marks listed above. */
export function normalizeWidth(text: string): string {
  return text
    .split(KEPT_MARKS)
    .map((part, index) => (index % 2 === 1 ? part : part.normalize("NFKC")))
    .join("");
}

/** Collapses runs of spaces (incl. ideographic and no-break spaces) to one, drops blank lines, trims. */
export function collapseSpaces(text: string): string {
  return text
    .replace(/[ \u3000\u00A0\t]+/g, " ")
    .replace(/ ?\n[\n ]*/g, "\n")
    .trim();
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Checkbox inputs left from HTML forms become the marks the printed documents use:
 * checked → ■, unchecked → □ (seed 002 prints both forms for 推進項目対象).
 */
export function checkboxesToMarks(text: string): string {
  return text.replace(/<input\b[^<>]*>/gi, (tag) =>
    /type\s*=\s*"?checkbox/i.test(tag) ? (/\bchecked\b/i.test(tag) ? "■" : "□") : " ",
  );
}

/**
 * Removes HTML remnants (<ul style=…>, </ul>, <li>, <b>, <br> …) and decodes entities.
 * Item and line breaks (<li>, <br>, </p>) become newlines so that list items stay apart.
 */
export function stripHtml(text: string): string {
  const withBreaks = text.replace(/<\s*(li|br|\/p|\/li)\b[^<>]*>/gi, "\n");
  return decodeEntities(withBreaks.replace(/<\/?[a-z][^<>]*>/gi, " "));
}

/** The clean text of one table cell: tags gone, widths unified, spaces collapsed. */
export function cleanCell(cell: string): string {
  return collapseSpaces(normalizeWidth(stripHtml(checkboxesToMarks(cell))));
}

/**
 * Splits a cell into its bullet items. A "・" starts an item only at the start or after a space or
 * line break; inside a phrase it is the Japanese middle dot ("市民活動団体・地域コミュニティ").
 */
export function splitBullets(text: string): string[] {
  return text
    // A line break before a bullet is one boundary, not two (cells with line breaks typed in Excel).
    .split(/(?:^|\s)・|\n/)
    .map((item) => collapseSpaces(item))
    .filter((item) => item !== "");
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Tab-separated cells of a line, each cleaned. */
export function splitCells(line: string): string[] {
  return line.split("\t").map(cleanCell);
}

/** Non-empty cleaned cells, for layouts where empty cells are only PDF-table padding. */
export function filledCells(line: string): string[] {
  return splitCells(line).filter((cell) => cell !== "");
}

/** Normalizes range marks to the full-width tilde the cities print ("P49~51" → "P49～51"). */
export function unifyRangeMarks(text: string): string {
  return text.replace(/[~〜]/g, "～");
}
