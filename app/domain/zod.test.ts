import { describe, expect, it } from "vitest";
import { requestedChoice, requestedCsvEncoding, requestedPage, requestedSearch, SEARCH_QUERY_MAX_LENGTH, searchQuerySchema } from "./zod";

describe("searchQuerySchema", () => {
  it("keeps a search trimmed, up to the search box's length", () => {
    expect(searchQuerySchema.parse("  子育て 支援 ")).toBe("子育て 支援");
    expect(searchQuerySchema.parse("あ".repeat(SEARCH_QUERY_MAX_LENGTH))).toBe("あ".repeat(SEARCH_QUERY_MAX_LENGTH));
  });

  it("makes no search of a missing, empty, blank or too long one", () => {
    for (const q of [undefined, null, "", "   ", "あ".repeat(SEARCH_QUERY_MAX_LENGTH + 1), ["a", "b"]]) expect(searchQuerySchema.parse(q)).toBeUndefined();
  });
});

describe("requestedSearch and requestedPage", () => {
  it("read the named search and the page from the address", () => {
    const request = new Request("https://portal.example/sheets?q=%20%E7%A9%BA%E3%81%8D%E5%AE%B6%20&sheetq=&page=3");
    expect(requestedSearch(request)).toBe("空き家");
    expect(requestedSearch(request, "sheetq")).toBeUndefined();
    expect(requestedSearch(request, "other")).toBeUndefined();
    expect(requestedPage(request)).toBe(3);
    expect(requestedPage(new Request("https://portal.example/sheets?page=-2"))).toBe(1);
    expect(requestedPage(new Request("https://portal.example/reviews?past=4"), "past")).toBe(4);
    expect(requestedPage(new Request("https://portal.example/reviews?past=abc"), "past")).toBe(1);
  });
});

describe("requestedChoice", () => {
  const stages = ["document_review", "presentation"] as const;
  it("reads a value of the list from the named parameter", () => {
    expect(requestedChoice(new Request("https://portal.example/results?stage=presentation"), "stage", stages)).toBe("presentation");
    expect(requestedChoice(new Request("https://portal.example/groups?status=approved&stage=x"), "status", ["pending", "approved"])).toBe("approved");
  });

  it("gives nothing for a missing value, one not in the list, another case or an empty list", () => {
    for (const address of ["results", "results?stage=", "results?stage=Presentation", "results?stage=review", "results?stage=presentation%20"]) {
      expect(requestedChoice(new Request(`https://portal.example/${address}`), "stage", stages)).toBeUndefined();
    }
    expect(requestedChoice(new Request("https://portal.example/results?stage=presentation"), "stage", [])).toBeUndefined();
  });
});

describe("requestedCsvEncoding", () => {
  it("is Shift_JIS when asked by any of its names in any case, else UTF-8", () => {
    const of = (query: string) => requestedCsvEncoding(new Request(`https://portal.example/progress.csv${query}`));
    expect(["?encoding=sjis", "?encoding=Shift_JIS", "?encoding=shift-jis", "?encoding=CP932"].map(of)).toEqual(["sjis", "sjis", "sjis", "sjis"]);
    expect(["", "?encoding=", "?encoding=utf-8", "?encoding=euc-jp", "?encoding=sjis2", "?encoding=%20sjis"].map(of)).toEqual(Array(6).fill("utf-8"));
  });
});
