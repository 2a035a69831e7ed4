// CSV of the progress table (RFC 4180, CRLF: what Excel writes and reads), and reading one back.
import { readDelimitedRows } from "../../spreadsheets/delimited";
import { asPlanImportError } from "../import/issues";
import type { SourceRow } from "./progress-table";

/**
 * A cell Excel would take for a formula (=, +, -, @ first, their full-width forms, a tab or a carriage return) gets a leading tab, so a staff member's text
 * can never run as a formula in whoever opens the download; the importer trims it away again.
 */
export function defuse(cell: string): string {
  return /^[=+\-@\t\r＝＋－＠]/.test(cell) ? `\t${cell}` : cell;
}

function quote(raw: string): string {
  const cell = defuse(raw);
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV text; cells with line breaks are quoted, so Excel shows them as lines in one cell. */
export function toCsvText(rows: string[][]): string {
  return rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

/** A CSV written by the portal (or saved again by Excel), as rows with their first line numbers. */
export function parseCsvRows(text: string): SourceRow[] {
  // Characters Shift_JIS lacks are written as numeric references (&#36731;) by the Shift_JIS download.
  const decode = (cell: string) => cell.replace(/&#(\d{1,7});/g, (whole, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : whole));
  try {
    return readDelimitedRows(text, ",").map((row) => ({ ...row, cells: row.cells.map(decode) }));
  } catch (error) {
    throw asPlanImportError(error);
  }
}

/** Does this text look like the portal's progress table in CSV (a header row among the first lines)? */
export function looksLikeProgressTableCsv(text: string): boolean {
  // Title, the plan's rows (発行, 計画書の形式, up to four 達成状況), then the header.
  const head = text.replace(/^\uFEFF/, "").split(/\r?\n/, 30);
  return head.some((line) => /^"?番号"?,"?施策"?,"?担当課"?,/.test(line));
}
