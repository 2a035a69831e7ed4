// How a number is shown to a person: digits grouped the Japanese way (1,234), a count of things
// (「1,234件」) and an amount of money (「1,234円」). The one place the portal turns a number into text. Browser-safe.

/** 「1,234」 */
export const formatNumber = (n: number): string => n.toLocaleString("ja-JP");

/** 「1,234件」 */
export const formatCount = (n: number): string => `${formatNumber(n)}件`;

/** 「1,234円」 */
export const formatYen = (n: number): string => `${formatNumber(n)}円`;
