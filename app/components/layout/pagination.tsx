// Links to the other pages of a long list, one component for every paged list. With the number of pages
// known: the previous and next page, the first, the last and two either side of the current one. Without
// it (a list read one page ahead, such as the audit log): the previous and next page only. Above such a
// list, `PageCount` says how many there are and which page this is. A page past the end shows the last
// (`listPage`); a list read one page ahead cannot know which that is, so it says `NoSuchPage` instead.
// A list read from where the last page ended (the audit log: a cursor, not a page number) has
// `CursorPagination`: newer, older, and back to the newest.
import { Link } from "@remix-run/react";
import { formatCount } from "~/domain/number-format";

/**
 * The address of page `page` of the list at `path` (left out: the page the list is on), keeping the
 * list's own filters (`filters`, in their order; empty ones and a `page` among them are left out).
 */
export function pageLink(page: number, path = "", filters: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== "" && key !== "page") params.set(key, String(value));
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path || "?";
}

export function Pagination({
  page,
  pageCount,
  hasNext = pageCount !== undefined && page < pageCount,
  link = (p) => pageLink(p),
  label = "ページ",
  previous = "前のページ",
  next = "次のページ",
}: {
  page: number;
  /** Unknown for a list read one page ahead: then `hasNext` says whether there is another. */
  pageCount?: number;
  hasNext?: boolean;
  /** A page's address: `?page=N` on the list's own address unless given. */
  link?: (page: number) => string;
  /** The navigation's name for screen readers (several lists on one page need their own). */
  label?: string;
  previous?: string;
  next?: string;
}) {
  if (page <= 1 && !hasNext) return null;
  const numbers =
    pageCount === undefined ? [page] : Array.from({ length: pageCount }, (_, i) => i + 1).filter((p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2);
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link to={link(page - 1)} rel="prev">
              {previous}
            </Link>
          </li>
        ) : null}
        {numbers.map((p) => (
          <li key={p}>
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <Link to={link(p)} aria-label={`${p}ページ目`}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {hasNext ? (
          <li>
            <Link to={link(page + 1)} rel="next">
              {next}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** 「{total}件（{page}／{pageCount}ページ）」 above a list of more than one page; `order` adds how it is sorted. */
export function PageCount({ total, page, pageCount, order }: { total: number; page: number; pageCount: number; order?: string }) {
  if (pageCount <= 1) return null;
  return (
    <p>
      {formatCount(total)}（{page}／{pageCount}ページ{order ? `、${order}` : null}）
    </p>
  );
}

/** In place of a list read one page ahead, on a page past its end: says so and links to the first page. */
export function NoSuchPage({ firstPage }: { firstPage: string }) {
  return (
    <p className="empty">
      このページはありません。<Link to={firstPage}>最初のページへ</Link>
    </p>
  );
}

/**
 * The links of a list paged by cursor, newest first: back to the newest (`newest`, when this is not that
 * page), the entries just newer (`newer`) and just older (`older`) than this page. A link left out is not
 * shown.
 */
export function CursorPagination({
  newest,
  newer,
  older,
  label = "ページ",
  newestText,
  newerText,
  olderText,
}: {
  newest?: string;
  newer?: string;
  older?: string;
  label?: string;
  newestText: string;
  newerText: string;
  olderText: string;
}) {
  if (!newest && !newer && !older) return null;
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {newest ? (
          <li>
            <Link to={newest}>{newestText}</Link>
          </li>
        ) : null}
        {newer ? (
          <li>
            <Link to={newer} rel="prev">
              {newerText}
            </Link>
          </li>
        ) : null}
        {older ? (
          <li>
            <Link to={older} rel="next">
              {olderText}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
