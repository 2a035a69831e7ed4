// Numbering marks printed in plan documents, shared by the layout parsers.

/** ①…⑳, ㉑…㊿: numbers of 具体的な事業 / 推進項目. */
export const CIRCLED_NUMBER = "[\\u2460-\\u2473\\u3251-\\u325F\\u32B1-\\u32BF]";

/** I, V (printed as letters) or Ⅰ…Ⅻ: numbers of 推進方針. */
export const ROMAN_NUMERAL = "[IVX\\u2160-\\u216B]+";

/** A circled number at the start of a cell, with the spaces after it. */
export const LEADING_CIRCLED_NUMBER = new RegExp(`^(${CIRCLED_NUMBER})\\s*`, "u");

/** "Ⅱ" → "II": codes use ASCII letters so both printed spellings give the same key. */
export function romanToAscii(roman: string): string {
  return roman.normalize("NFKC");
}
