import { describe, expect, it } from "vitest";
import { formatCount, formatFileSize, formatNumber, formatYen } from "./number-format";

describe("number-format", () => {
  it("groups the digits by thousands, with 件 for a count and 円 for money", () => {
    expect(formatNumber(1_234_567)).toBe("1,234,567");
    expect(formatCount(1200)).toBe("1,200件");
    expect(formatYen(3_000_000)).toBe("3,000,000円");
    expect(formatYen(0)).toBe("0円");
  });

  it("shows a file's size in バイト under 1KB, then KB, MB and GB of 1,024, one decimal below 10, rounded up", () => {
    expect([0, 1, 850, 1023].map(formatFileSize)).toEqual(["0バイト", "1バイト", "850バイト", "1,023バイト"]);
    expect([1024, 1025, 2560, 10 * 1024 - 1, 245_760, 245_761].map(formatFileSize)).toEqual(["1KB", "1.1KB", "2.5KB", "10KB", "240KB", "241KB"]);
    // Just under 1MB is 1MB, not 「1,024KB」.
    expect([1024 * 1024 - 1, 1024 * 1024, 2_300_000, 20 * 1024 * 1024, 20 * 1024 * 1024 + 1].map(formatFileSize)).toEqual(["1MB", "1MB", "2.2MB", "20MB", "21MB"]);
    expect([3 * 1024 ** 3, 5000 * 1024 ** 3].map(formatFileSize)).toEqual(["3GB", "5,000GB"]);
  });
});
