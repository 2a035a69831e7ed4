import { describe, expect, it } from "vitest";
import { safeFileName } from "./download";

describe("safeFileName", () => {
  it("removes control characters and bidirectional overrides, and replaces what Windows cannot hold", () => {
    expect(safeFileName("請求書\u202Efdp.exe")).toBe("請求書fdp.exe");
    expect(safeFileName("a\r\nb\u0000c\u0085d.pdf")).toBe("abcd.pdf");
    expect(safeFileName('見積書:最終/"2026".pdf')).toBe("見積書_最終_2026_.pdf");
    expect(safeFileName("\u200F")).toBe("file");
  });

  it("cuts a long name to 120 characters without losing its extension", () => {
    const cut = safeFileName(`${"長".repeat(300)}.pdf`);
    expect([...cut]).toHaveLength(120);
    expect(cut.endsWith(".pdf")).toBe(true);
  });
});
