// Reading a plan file, uploaded or given to the CLI: the bytes go through the shared spreadsheet reader
// (xlsx rows, or text in whatever encoding Excel saved it), then to the layout's parser.
import type { SpreadsheetRow } from "../../spreadsheets/delimited";
import { decodeSpreadsheetText } from "../../spreadsheets/text.server";
import { isXlsx, readXlsxRows } from "../../spreadsheets/xlsx.server";
import type { ParsedPlan } from "../types";
import { parsePlan } from "./index";
import { asPlanImportError } from "./issues";
import { parseProgressTable } from "./progress-table";

/**
 * An uploaded plan file: the portal's xlsx export, or text (UTF-8, Shift_JIS, or UTF-16 as Excel's
 * 「Unicode テキスト」) in one of the cities' tab-separated layouts or the portal's CSV. Throws
 * PlanImportError with line numbers.
 */
export async function parsePlanFile(bytes: Uint8Array): Promise<ParsedPlan> {
  let read: { rows: SpreadsheetRow[] } | { text: string };
  try {
    read = isXlsx(bytes) ? { rows: await readXlsxRows(bytes) } : { text: decodeSpreadsheetText(bytes) };
  } catch (error) {
    throw asPlanImportError(error);
  }
  return "rows" in read ? parseProgressTable(read.rows) : parsePlan(read.text);
}
