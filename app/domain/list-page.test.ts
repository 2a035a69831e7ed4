import { describe, expect, it } from "vitest";
import { inOrderOf, listPage, readInOrder } from "./list-page";

describe("listPage", () => {
  it("reads the page asked for, the last for a page past the end, the first for no number", () => {
    expect(listPage(120, 2, 50)).toEqual({ page: 2, pageCount: 3, limit: 50, offset: 50 });
    expect(listPage(120, 9, 50)).toEqual({ page: 3, pageCount: 3, limit: 50, offset: 100 });
    expect(listPage(120, Number.NaN, 50).page).toBe(1);
    expect(listPage(0, 4, 50)).toEqual({ page: 1, pageCount: 1, limit: 50, offset: 0 });
  });

  it("never gives an empty page while there are rows, however far past the end the page asked for is", () => {
    for (const total of [1, 19, 20, 21, 40, 41, 1000])
      for (const requested of [1, 2, 3, 50, 51, 9999, 100_000]) {
        const { page, pageCount, offset } = listPage(total, requested, 20);
        expect(offset).toBeLessThan(total);
        expect(page).toBe(Math.min(requested, pageCount));
      }
    expect(listPage(40, 3, 20)).toEqual({ page: 2, pageCount: 2, limit: 20, offset: 20 }); // a full last page, not the empty one after it
  });
});

describe("inOrderOf", () => {
  it("puts a page's rows read by id back in the order of its ids, leaving out one gone meanwhile", () => {
    const rows = [{ id: "a", title: "一" }, { id: "c", title: "三" }, { id: "b", title: "二" }];
    expect(inOrderOf(["c", "gone", "a", "b"], rows).map((r) => r.title)).toEqual(["三", "一", "二"]);
    expect(inOrderOf([], rows)).toEqual([]);
  });
});

describe("readInOrder", () => {
  it("reads a page's rows by its ids and returns them in the ids' order, and reads nothing for no ids", async () => {
    const asked: (readonly string[])[] = [];
    const read = async (ids: readonly string[]) => (asked.push(ids), [{ id: "b" }, { id: "a" }]);
    expect(await readInOrder(["a", "b"], read)).toEqual([{ id: "a" }, { id: "b" }]);
    expect(await readInOrder([], read)).toEqual([]);
    expect(asked).toEqual([["a", "b"]]);
  });
});
