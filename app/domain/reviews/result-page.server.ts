// The result sheet (審査結果一覧) as its page's loader sends it: the rows once in the table and again as
// JSON for hydration, so only what the page shows, in a compact shape.
import { formatYen } from "../number-format";
import { shortDecimal, type Fraction } from "./aggregation";
import type { ResultSheet } from "./queries.server";

export type ResultPageRows = ReturnType<typeof pageRows>;

// The sheet object is kept while nothing it is computed from changes (queries.server.ts), and so are its
// page's rows: turning 200 rows of fractions into decimals cost every request about 2 ms.
const kept = new WeakMap<ResultSheet, ResultPageRows>();

export function resultPageRows(sheet: ResultSheet): ResultPageRows {
  let rows = kept.get(sheet);
  if (!rows) kept.set(sheet, (rows = pageRows(sheet)));
  return rows;
}

/**
 * The sheet's rows as the page needs them, and no more: this JSON is sent again beside the table for
 * hydration, 200 rows on a big call. Figures are numbers (the shortest decimal, as the sheet prints
 * them), the running total is added up by the page (`runningTotals`), the reviewers' names come once
 * and a row names its reviewers by their place in that list, and a field that is empty on most rows
 * (a mark, a tie note, the budget's column) is left out there.
 */
function pageRows(sheet: ResultSheet) {
  const decimal = (x: Fraction) => Number(shortDecimal(x)); // "73.6" → 73.6, printed back as 73.6
  const figure = (x: Fraction | null | undefined) => (x ? decimal(x) : null);
  const reviewers: string[] = [];
  const place = new Map<string, number>();
  const nameAt = (name: string) => place.get(name) ?? (place.set(name, reviewers.push(name) - 1), reviewers.length - 1);
  const rows = sheet.rows.map((row) => {
    const r = row.result;
    const mark = r.rejectedBy.length ? `不採択扱い（${r.rejectedBy.join("・")}）` : r.belowPassLine ? "不合格ライン" : undefined;
    const selection = row.selection?.kind === "selected" ? "予算内" : row.selection?.kind === "runner_up" ? `次点（残額 ${formatYen(row.selection.remainder)}）` : undefined;
    return {
      proposalId: row.proposalId,
      rank: r.rank,
      receiptNumber: row.receiptNumber,
      groupName: row.groupName,
      title: row.title,
      requested: row.requestedAmount,
      // In the order of `criteria` (an array, not an object keyed by criterion id: 200 rows × 8 ids less to send).
      averages: sheet.criteria.map((c) => figure(r.criterionAverages[c.id])),
      figure: figure(r.figure),
      spread: r.spread ? [decimal(r.spread.low), decimal(r.spread.high)] : undefined,
      mark,
      submitted: row.submitted,
      assigned: row.assigned,
      excluded: r.excluded,
      tieNote: r.tieNote ?? undefined,
      selection,
      explanation: r.explanation,
      // [place in `reviewers`] or [place, what to add to the name]: most sheets are submitted on time.
      reviewers: row.reviewers.map((v): [number] | [number, string] => {
        const note = v.excluded ? "（除外）" : v.status === "submitted" ? (v.late ? "（遅延）" : "") : "（未提出）";
        return note ? [nameAt(v.name), note] : [nameAt(v.name)];
      }),
      movable: row.status === "in_review" || row.status === "submitted" ? true : undefined,
    };
  });
  return { reviewers, rows };
}
