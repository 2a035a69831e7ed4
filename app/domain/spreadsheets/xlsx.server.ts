// The rows of an Excel workbook (xlsx, read with exceljs): the first sheet's cells as text.
import ExcelJS from "exceljs";
import type { SpreadsheetRow } from "./delimited";
import { SpreadsheetReadError } from "./read-error";

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return String(value.result ?? "");
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** The rows of the first sheet of an xlsx, with their row numbers. */
export async function readXlsxRows(bytes: Uint8Array): Promise<SpreadsheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetReadError(1, "Excelファイル（xlsx）として読めませんでした。ファイルが壊れていないか確認してください。");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetReadError(1, "Excelファイルにシートがありません。");
  const rows: SpreadsheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ cells: Array.from(cells, (c) => c ?? ""), line: rowNumber });
  });
  return rows;
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip archive

/** An xlsx file is a zip archive; text files never start with its signature. */
export function isXlsx(bytes: Uint8Array): boolean {
  return XLSX_MAGIC.every((b, i) => bytes[i] === b);
}
