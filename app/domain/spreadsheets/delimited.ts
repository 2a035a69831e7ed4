// Delimited text as Excel writes it (CSV, and 「テキスト（タブ区切り）」): a cell holding the delimiter,
// a line break or a quote mark is wrapped in quotes with its quotes doubled, and may span lines.
// Both the portal's CSV and the cities' tab-separated documents re-saved from Excel are read here.
import { CsvError, parse } from "csv-parse/sync";
import { SpreadsheetReadError } from "./read-error";

/** A row of a spreadsheet file: its cells, and where it is (1-based line of a CSV, row of a sheet). */
export interface SpreadsheetRow {
  cells: string[];
  line: number;
}

/** The line on which a quoted cell opens and never closes, found by following the quotes as Excel does. */
function unclosedQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let quoting = false;
  let openedOn = 1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoting) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoting = false;
      } else if (ch === "\n") line++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoting = true;
      openedOn = line;
      atCellStart = false;
      continue;
    }
    if (ch === "\n") line++;
    atCellStart = ch === delimiter || ch === "\n" || ch === "\r";
  }
  return quoting ? openedOn : line;
}

/**
 * Rows of CSV (",") or tab-separated ("\t") text, each with the line it starts on. Quotes inside an
 * unquoted cell are kept as they are (`<ul style="…">`). A quoted cell still open at the end of the
 * file means the file was cut short: refused (SpreadsheetReadError) with the line the cell starts on.
 */
export function readDelimitedRows(text: string, delimiter: "," | "\t"): SpreadsheetRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") {
      throw new SpreadsheetReadError(
        unclosedQuoteLine(text.replace(/^\uFEFF/, ""), delimiter),
        "引用符（\"）で始まるセルが閉じないまま、ファイルが終わっています。ファイルが途中で切れていないか確認してください。",
      );
    }
    throw error;
  }
  // Each record starts on the line after the previous one and its cells' own line breaks (csv-parse's
  // info.lines counts a CRLF inside a quoted cell twice, so it is not used).
  let line = 1;
  return records.map((record) => {
    const row = { cells: record, line };
    line += 1 + record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return row;
  });
}

/** Does any cell of this tab-separated text start with a quote mark, as Excel writes a quoted cell? */
export function hasQuotedCells(text: string): boolean {
  return /(?:^|\t)"/m.test(text);
}
