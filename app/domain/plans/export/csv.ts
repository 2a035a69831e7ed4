// CSV of the progress table (RFC 4180, CRLF: what Excel writes and reads); import/progress-table.ts reads it back.

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
