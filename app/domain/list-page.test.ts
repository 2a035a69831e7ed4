import { describe, expect, it } from "vitest";
import { listPage } from "./list-page";

describe("listPage", () => {
  it("reads the page asked for, the last for a page past the end, the first for no number", () => {
    expect(listPage(120, 2, 50)).toEqual({ page: 2, pageCount: 3, limit: 50, offset: 50 });
    expect(listPage(120, 9, 50)).toEqual({ page: 3, pageCount: 3, limit: 50, offset: 100 });
    expect(listPage(120, Number.NaN, 50).page).toBe(1);
    expect(listPage(0, 4, 50)).toEqual({ page: 1, pageCount: 1, limit: 50, offset: 0 });
  });
});
