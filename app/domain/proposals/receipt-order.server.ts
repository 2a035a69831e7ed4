// Receipt order (受付番号順), the one order of a call's proposals on every list that shows them (the
// review page, the decision list and the page a decided proposal goes back to, the letters' numbers, a
// reviewer's finished reviews, the awarded projects): the order the receipt numbers were given in, by
// their parts — the receipt's fiscal year, its type, its sequence — then the id. Not the number as text
// (…-10000 would come before …-9999), and not the sequence alone: a call open across 1 April has
// receipts of two fiscal years, each year's sequence starting again at 1 (R8-…-0001 after R7-…-0480).
// A proposal without a receipt (a row written without one: every submission is given one) comes after
// those with one, by type and id.
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { ProposalTable } from "../../../db/schema";

type Sorted = Pick<ProposalTable, "id" | "receipt_fiscal_year" | "receipt_sequence"> & { type: string };

/**
 * The order as a key that holds no NULL: first whether the receipt is missing (1) or there (0), then the
 * parts with a missing one read as 0. NULLs sort first on SQLite and last on PostgreSQL, and make a row
 * comparison unknown: with this key both engines sort alike, and `beforeInReceiptOrder` compares with
 * the same key the list is sorted by.
 */
const key = () => [
  sql<number>`case when proposals.receipt_fiscal_year is null or proposals.receipt_sequence is null then 1 else 0 end`,
  sql<number>`coalesce(proposals.receipt_fiscal_year, 0)`,
  sql.ref("proposals.type"),
  sql<number>`coalesce(proposals.receipt_sequence, 0)`,
  sql.ref("proposals.id"),
];

/** `key()` of one proposal, computed here exactly as the database computes it. */
const keyOf = (p: Sorted) => [p.receipt_fiscal_year === null || p.receipt_sequence === null ? 1 : 0, p.receipt_fiscal_year ?? 0, p.type, p.receipt_sequence ?? 0, p.id];

/** The query (which reads `proposals`) sorted in receipt order, after any order it already has. */
export function inReceiptOrder<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return key().reduce((sorted, part) => sorted.orderBy(part), query);
}

/** The proposals that come before this one in receipt order (with or without its receipt). */
export function beforeInReceiptOrder(proposal: Sorted): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(key())}) < (${sql.join(keyOf(proposal))})`;
}
