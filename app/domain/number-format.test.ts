import { describe, expect, it } from "vitest";
import { formatCount, formatNumber, formatYen } from "./number-format";

describe("number-format", () => {
  it("groups the digits by thousands, with 件 for a count and 円 for money", () => {
    expect(formatNumber(1_234_567)).toBe("1,234,567");
    expect(formatCount(1200)).toBe("1,200件");
    expect(formatYen(3_000_000)).toBe("3,000,000円");
    expect(formatYen(0)).toBe("0円");
  });
});
