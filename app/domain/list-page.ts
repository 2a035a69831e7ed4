// Which page of a long list to show. Every paged list counts its rows, then reads one page with this
// limit and offset, in an order that ends on the id (so each row is on exactly one page).

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
