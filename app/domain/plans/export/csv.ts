// CSV of the progress table (RFC 4180, CRLF: what Excel writes and reads), and reading one back.
import { parse } from "csv-parse/sync";
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
  const records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, info: true, skip_empty_lines: false }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // info.lines is the line the record ends on; count back its own line breaks for where it starts.
  return records.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\r?\n/g)?.length ?? 0), 0),
  }));
}

/** Does this text look like the portal's progress table in CSV (a header row among the first lines)? */
export function looksLikeProgressTableCsv(text: string): boolean {
  const head = text.replace(/^\uFEFF/, "").split(/\r?\n/, 6);
  return head.some((line) => /^"?番号"?,"?施策"?,"?担当課"?,/.test(line));
}
