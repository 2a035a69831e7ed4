// Which page of a long list to show. Every paged list counts its rows, then reads one page with this
// limit and offset, in an order that ends on the id (so each row is on exactly one page). The longest
// lists read a page in two steps, a "deferred join" (docs/decisions/0015, "Deep pages of the numbered
// lists"): the page's ids with this limit and offset from an index alone, then the rows of those ids
// (`readInOrder`).

export interface ListPage {
  page: number;
  pageCount: number;
  limit: number;
  offset: number;
}

/** Page `requested` of `total` rows, `perPage` a page: a page past the end shows the last, no number the first. */
export function listPage(total: number, requested: number, perPage: number): ListPage {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  return { page, pageCount, limit: perPage, offset: (page - 1) * perPage };
}

/**
 * The rows read for a page's ids, put in the ids' order (a read by ids comes back in any order); an id
 * whose row has gone meanwhile is left out. Sorting again in SQL instead lets SQLite's planner walk the
 * whole list's index to give that order, which undoes the point of reading the ids first.
 */
export function inOrderOf<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The rows of a page's ids, read by `read` (not at all for no ids: `in ()` is no query) and put in the ids' order. */
export async function readInOrder<T extends { id: string }>(ids: readonly string[], read: (ids: readonly string[]) => Promise<readonly T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : inOrderOf(ids, await read(ids));
}
