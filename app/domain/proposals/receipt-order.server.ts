// Receipt order (受付番号順), the one order of a call's proposals on every list that shows them (the
// review page, the decision list and the page a decided proposal goes back to, the letters' numbers, a
// reviewer's finished reviews, the awarded projects): the order the receipt numbers were given in, by
// their parts — the receipt's fiscal year, its type, its sequence — then the id. Not the number as text
// (…-10000 would come before …-9999), and not the sequence alone: a call open across 1 April has
// receipts of two fiscal years, each year's sequence starting again at 1 (R8-…-0001 after R7-…-0480).
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { ProposalTable } from "../../../db/schema";

const RECEIPT_ORDER = ["receipt_fiscal_year", "type", "receipt_sequence", "id"] as const satisfies readonly (keyof ProposalTable)[];

const columns = () => RECEIPT_ORDER.map((column) => sql.ref(`proposals.${column}`));

/** The query (which reads `proposals`) sorted in receipt order, after any order it already has. */
export function inReceiptOrder<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return columns().reduce((sorted, column) => sorted.orderBy(column), query);
}

/** The proposals that come before this one in receipt order (one that has its receipt). */
export function beforeInReceiptOrder(proposal: { id: string; type: string; receipt_fiscal_year: number; receipt_sequence: number }): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(columns())}) < (${sql.join(RECEIPT_ORDER.map((column) => proposal[column]))})`;
}
