// Receipt numbers (受付番号) given to a proposal when it is first submitted: `R9-行政-0001` =
// fiscal year in the era's short form, the proposal type, and a sequence per (fiscal year, type).
// A resubmission after a return for correction keeps its number. Pure and browser-safe.

import type { CallType } from "../../../db/schema";
import { CALL_TYPES } from "../calls/schema";
import { formatFiscalYearShort, parseFiscalYear } from "../calendar/fiscal-year";

/** A proposal's type is its call's type. */
export const PROPOSAL_TYPES = CALL_TYPES.codes;
export type ProposalType = CallType;

/** The short mark printed in a receipt number. */
export const PROPOSAL_TYPE_MARKS: Readonly<Record<ProposalType, string>> = {
  government: "行政",
  citizen: "市民",
};

/** The labels on pages (行政提案型 / 市民提案型). */
export const PROPOSAL_TYPE_LABELS: Readonly<Record<ProposalType, string>> = {
  government: CALL_TYPES.label("government"),
  citizen: CALL_TYPES.label("citizen"),
};

export interface ReceiptNumber {
  /** Western year the fiscal year starts in (FY2027 = April 2027–March 2028 = 令和9年度). */
  fiscalYear: number;
  type: ProposalType;
  /** 1-based, per fiscal year and type. */
  sequence: number;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time.

/** The fiscal year (April–March) a moment falls in, read on the clock in Asia/Tokyo. */
export function fiscalYearOf(at: Date): number {
  const tokyo = new Date(at.getTime() + JST_OFFSET_MS);
  const year = tokyo.getUTCFullYear();
  return tokyo.getUTCMonth() >= 3 ? year : year - 1;
}

const SEQUENCE_DIGITS = 4;

/** {2027, government, 1} → "R9-行政-0001". Sequences past 9999 simply get more digits. */
export function formatReceiptNumber(receipt: ReceiptNumber): string {
  if (!Number.isInteger(receipt.sequence) || receipt.sequence < 1) {
    throw new RangeError(`receipt sequence must be a positive integer, got ${receipt.sequence}`);
  }
  const sequence = String(receipt.sequence).padStart(SEQUENCE_DIGITS, "0");
  return `${formatFiscalYearShort(receipt.fiscalYear)}-${PROPOSAL_TYPE_MARKS[receipt.type]}-${sequence}`;
}

const RECEIPT_PATTERN = /^([RH]\d{1,2})-(行政|市民)-(\d{4,})$/;

/**
 * "R9-行政-0001" → {2027, government, 1}; tolerant of full-width characters, surrounding spaces and a
 * lower-case era letter (typed into a search box). Null when it is not a receipt number as we print them.
 */
export function parseReceiptNumber(text: string): ReceiptNumber | null {
  const normalized = text.normalize("NFKC").trim().toUpperCase();
  const match = RECEIPT_PATTERN.exec(normalized);
  if (!match) return null;
  const [, era, mark, digits] = match;
  const fiscalYear = parseFiscalYear(era);
  const type = PROPOSAL_TYPES.find((candidate) => PROPOSAL_TYPE_MARKS[candidate] === mark);
  const sequence = Number(digits);
  if (fiscalYear === null || !type || sequence < 1) return null;
  const receipt = { fiscalYear, type, sequence };
  // Only the canonical spelling is a receipt number: "H31-…" or "R09-…" would name the same year twice.
  return formatReceiptNumber(receipt) === normalized ? receipt : null;
}
