// How a number is shown to a person: digits grouped the Japanese way (1,234), a count of things
// (「1,234件」), an amount of money (「1,234円」) and the size of a file (「2.2MB」). The one place the portal turns a
// number into text. Browser-safe.

/** 「1,234」 */
export const formatNumber = (n: number): string => n.toLocaleString("ja-JP");

/** 「1,234件」 */
export const formatCount = (n: number): string => `${formatNumber(n)}件`;

/** 「1,234円」 */
export const formatYen = (n: number): string => `${formatNumber(n)}円`;

const FILE_SIZE_UNITS = ["KB", "MB", "GB"];

/**
 * The size of a file: 「850バイト」, 「240KB」, 「2.2MB」 — units of 1,024, no space before the unit (as in
 * 「20MB以下」), one decimal below 10 and whole numbers from there, always rounded up, so that a file is
 * never shown smaller than it is (nor as 0KB) and one within a limit never shows above it.
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)}バイト`;
  // Dividing by 1,024 is exact in binary, so a size of exactly 2.5MB is not rounded up to 2.6MB.
  const shown = (value: number) => (value < 10 ? Math.ceil(value * 10) / 10 : Math.ceil(value));
  let value = bytes / 1024;
  let unit = 0;
  while (shown(value) >= 1024 && unit < FILE_SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${shown(value).toLocaleString("ja-JP", { maximumFractionDigits: 1 })}${FILE_SIZE_UNITS[unit]}`;
}
