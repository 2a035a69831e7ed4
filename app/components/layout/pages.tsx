// The page links under a list that comes in pages (the received proposals, a department's sheets).
import { Link } from "@remix-run/react";

/** Links to the other pages of a paged list (the first, the last and two either side), as `?page=N`. */
export function Pages({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const link = (p: number) => (p > 1 ? `?page=${p}` : "?");
  return (
    <nav aria-label="ページ">
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link to={link(page - 1)} rel="prev">
              前のページ
            </Link>
          </li>
        ) : null}
        {Array.from({ length: pageCount }, (_, i) => i + 1)
          .filter((p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2)
          .map((p) => (
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
        {page < pageCount ? (
          <li>
            <Link to={link(page + 1)} rel="next">
              次のページ
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
