// The page links every paged list shows (the directory, the sheet list, the proposals, the audit log,
// the finished reviews).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { PageCount, pageLink, Pagination } from "./pagination";

const render = (props: Parameters<typeof Pagination>[0]) => renderToStaticMarkup(createElement(MemoryRouter, null, createElement(Pagination, props))).replaceAll(' data-discover="true"', "");
const link = (p: number) => `/sheets?page=${p}`;

describe("Pagination", () => {
  it("links the previous and next page, the first, the last and two either side of the current one", () => {
    const html = render({ page: 6, pageCount: 12, link });
    expect(html).toContain('<a rel="prev" href="/sheets?page=5">前のページ</a>');
    expect(html).toContain('<a rel="next" href="/sheets?page=7">次のページ</a>');
    expect(html).toContain('<span aria-current="page">6</span>');
    const numbered = [...html.matchAll(/aria-label="(\d+)ページ目"/g)].map((m) => Number(m[1]));
    expect(numbered).toEqual([1, 4, 5, 7, 8, 12]);
  });

  it("shows nothing for a list of one page, and no link past either end", () => {
    expect(render({ page: 1, pageCount: 1, link })).toBe("");
    expect(render({ page: 1, pageCount: 3, link })).not.toContain("前のページ");
    expect(render({ page: 3, pageCount: 3, link })).not.toContain("次のページ");
  });

  it("without the number of pages, goes one page either way under the list's own words", () => {
    const html = render({ page: 2, hasNext: true, link: (p) => `?page=${p}`, previous: "新しい記録", next: "古い記録" });
    expect(html).toContain('<a rel="prev" href="/?page=1">新しい記録</a>');
    expect(html).toContain('<span aria-current="page">2</span>');
    expect(html).toContain('<a rel="next" href="/?page=3">古い記録</a>');
    expect(render({ page: 1, hasNext: false, link })).toBe("");
  });
});

describe("PageCount", () => {
  it("says how many there are with the digits grouped, which page this is, and in what order", () => {
    expect(renderToStaticMarkup(createElement(PageCount, { total: 30000, page: 2, pageCount: 600, order: "新しい順" }))).toBe("<p>30,000件（2／600ページ、新しい順）</p>");
    expect(renderToStaticMarkup(createElement(PageCount, { total: 12, page: 1, pageCount: 1 }))).toBe("");
  });
});

describe("pageLink", () => {
  it("keeps the list's filters in their order, leaves out the empty ones and the first page's number", () => {
    expect(pageLink(1, "/notifications")).toBe("/notifications");
    expect(pageLink(3, "/notifications")).toBe("/notifications?page=3");
    expect(pageLink(1)).toBe("?");
    expect(pageLink(2, "/notifications", { unread: "1" })).toBe("/notifications?unread=1&page=2");
    expect(pageLink(1, "/notifications", { unread: undefined })).toBe("/notifications");
    expect(pageLink(2, "/sheets", { q: "子育て 支援", department: "", field: "f01", page: 7 })).toBe("/sheets?q=%E5%AD%90%E8%82%B2%E3%81%A6+%E6%94%AF%E6%8F%B4&field=f01&page=2");
  });
});

