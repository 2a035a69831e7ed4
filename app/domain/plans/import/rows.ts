// Tab-separated lines as table rows, the common input of every layout parser.

import { cleanCell, splitLines } from "../text";
import { hasQuotedCells, readDelimitedRows } from "../../spreadsheets/delimited";
import { asPlanImportError } from "./issues";

export interface TableRow {
  /** 1-based line number in the source text, for messages. */
  line: number;
  /** Cells as in the file (HTML and widths untouched), e.g. to see <b> headings. */
  raw: string[];
  /** Cleaned cells, same positions as raw. */
  cells: string[];
  /** Cleaned non-empty cells: PDF-table padding removed. */
  filled: string[];
  /** Index of the first non-empty cell, -1 for a blank line. */
  start: number;
  /** The first non-empty cell, "" for a blank line. */
  first: string;
}

export function toTableRow(text: string, line: number): TableRow {
  return rowOfCells(text.split("\t"), line);
}

function rowOfCells(raw: string[], line: number): TableRow {
  const cells = raw.map(cleanCell);
  const start = cells.findIndex((cell) => cell !== "");
  return {
    line,
    raw,
    cells,
    filled: cells.filter((cell) => cell !== ""),
    start,
    first: start < 0 ? "" : cells[start],
  };
}

/**
 * The rows of a tab-separated document. The cities' files are plain (a quote mark is just a
 * character, `<ul style="…">`); saved again from Excel, a cell containing a quote mark or a line
 * break is quoted, so such a file is read as Excel wrote it.
 */
export function toTableRows(text: string): TableRow[] {
  if (hasQuotedCells(text)) {
    try {
      return readDelimitedRows(text, "\t").map((row) => rowOfCells(row.cells, row.line));
    } catch (error) {
      throw asPlanImportError(error);
    }
  }
  return splitLines(text).map((line, index) => toTableRow(line, index + 1));
}
