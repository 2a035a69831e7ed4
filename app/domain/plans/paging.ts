// How much of a big plan one page shows (issue 14): a city's own plan (a few hundred measures) is shown
// whole, as printed; a plan of thousands would be megabytes of HTML, so the plan page then shows its
// outline with one branch opened, and the progress list comes in pages. Browser-safe and pure.
import { pageNumberSchema, z } from "../zod";

/** Up to this many measures the plan page shows the whole tree. */
export const WHOLE_TREE_LIMIT = 400;
/** Up to this many rows (headings and measures) the progress list is one page, as printed… */
export const WHOLE_LIST_LIMIT = 400;
/** …else it comes in pages of this many rows (about 2 kB of HTML each with their entries). */
export const PROGRESS_ROWS_PER_PAGE = 100;

interface TreeNode {
  id: string;
  parentId: string | null;
}

/**
 * The measures the plan page shows, each with how many of its children are folded away. A plan of at
 * most `limit` measures: all of them. A bigger one: its outline — every measure that has children — and
 * everything under the opened measure (`open`, one with children; anything else opens nothing).
 */
export function planOutline<T extends TreeNode>(
  measures: readonly T[],
  open: string | null,
  limit = WHOLE_TREE_LIMIT,
): { shown: (T & { folded: number })[]; whole: boolean; open: string | null } {
  if (measures.length <= limit) return { shown: measures.map((m) => ({ ...m, folded: 0 })), whole: true, open: null };
  const children = new Map<string, string[]>();
  for (const m of measures) if (m.parentId) (children.get(m.parentId) ?? children.set(m.parentId, []).get(m.parentId)!).push(m.id);
  const opened = open && children.has(open) ? open : null;
  const inside = new Set<string>();
  const stack = opened ? [...children.get(opened)!] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    inside.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  const isShown = (id: string) => children.has(id) || inside.has(id);
  const shown = measures
    .filter((m) => isShown(m.id))
    .map((m) => ({ ...m, folded: (children.get(m.id) ?? []).filter((c) => !isShown(c)).length }));
  return { shown, whole: false, open: opened };
}

const progressPageSchema = z.union([z.literal("all"), pageNumberSchema]);

/** The page number asked for (`pageNumberSchema`: 1 when missing or not a page number; "all" for the whole list, e.g. to print). */
export function progressPageOf(asked: string | null): number | "all" {
  return progressPageSchema.parse(asked ?? 1);
}

interface ListRow {
  code: string;
  parentCode: string | null;
}

/**
 * One page of the progress list (the whole list when it is short). Its first rows repeat the headings above the page's first measure
 * (marked `continued`), so every page says where its measures belong. A page past the end is the last.
 */
export function progressPage<T extends ListRow>(
  rows: readonly T[],
  page: number | "all",
  perPage = PROGRESS_ROWS_PER_PAGE,
  wholeUpTo = WHOLE_LIST_LIMIT,
): { rows: (T & { continued: boolean })[]; page: number; pages: number; all: boolean } {
  const pages = rows.length <= wholeUpTo ? 1 : Math.ceil(rows.length / perPage);
  if (page === "all" || pages === 1) return { rows: rows.map((r) => ({ ...r, continued: false })), page: 1, pages, all: page === "all" };
  const current = Math.min(page, pages);
  const slice = rows.slice((current - 1) * perPage, current * perPage);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const headings: T[] = [];
  for (let code = slice[0].parentCode; code !== null; ) {
    const parent = byCode.get(code);
    if (!parent || slice.includes(parent)) break;
    headings.unshift(parent);
    code = parent.parentCode;
  }
  return {
    rows: [...headings.map((r) => ({ ...r, continued: true })), ...slice.map((r) => ({ ...r, continued: false }))],
    page: current,
    pages,
    all: false,
  };
}
