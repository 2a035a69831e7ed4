// Tab-separated lines as table rows, the common input of every layout parser.

import { splitCells, splitLines } from "../text";

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
  const cells = splitCells(text);
  const start = cells.findIndex((cell) => cell !== "");
  return {
    line,
    raw: text.split("\t"),
    cells,
    filled: cells.filter((cell) => cell !== ""),
    start,
    first: start < 0 ? "" : cells[start],
  };
}

export function toTableRows(text: string): TableRow[] {
  return splitLines(text).map((line, index) => toTableRow(line, index + 1));
}
