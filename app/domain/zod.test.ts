import { describe, expect, it } from "vitest";
import { requestedPage, requestedSearch, SEARCH_QUERY_MAX_LENGTH, searchQuerySchema } from "./zod";

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
