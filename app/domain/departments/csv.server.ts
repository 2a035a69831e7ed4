// Department lists as cities keep them in Excel: CSV in UTF-8 (with or without BOM) or Shift_JIS, or
// Excel's 「Unicode テキスト」 (UTF-16, tab-separated), a header row naming the columns (課名・部名・連絡先,
// or name・parent_division・contact). The bytes are decoded by the shared spreadsheet reader.
import { parse } from "csv-parse/sync";
import { SpreadsheetReadError } from "../spreadsheets/read-error";
import { decodeSpreadsheetText } from "../spreadsheets/text.server";
import { departmentSchema, type DepartmentInput } from "./schema";

export interface CsvIssue {
  line: number;
  message: string;
}

const COLUMNS: Record<string, keyof DepartmentInput> = {
  課名: "name",
  担当課: "name",
  name: "name",
  部名: "parentDivision",
  部: "parentDivision",
  parent_division: "parentDivision",
  連絡先: "contact",
  contact: "contact",
};

export function parseDepartmentsCsv(bytes: Uint8Array): { rows: DepartmentInput[]; issues: CsvIssue[] } {
  let text: string;
  try {
    text = decodeSpreadsheetText(bytes);
  } catch (error) {
    if (error instanceof SpreadsheetReadError) return { rows: [], issues: [{ line: error.line, message: error.message }] };
    throw error;
  }
  let records: string[][];
  try {
    // Comma-separated, or tab-separated as Excel saves 「Unicode テキスト」 and 「テキスト（タブ区切り）」.
    const delimiter = /^[^\r\n]*\t/.test(text) && !/^[^\r\n]*,/.test(text) ? "\t" : ",";
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], issues: [{ line, message: "CSVとして読めませんでした（引用符の閉じ忘れなど）。" }] };
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((h) => COLUMNS[h.trim()]);
  if (!columns.includes("name")) {
    return { rows: [], issues: [{ line: 1, message: "1行目に「課名」の列が必要です（例: 課名,部名,連絡先）。" }] };
  }
  const rows: DepartmentInput[] = [];
  const issues: CsvIssue[] = [];
  const seen = new Map<string, number>();
  body.forEach((record, index) => {
    const line = index + 2;
    const raw: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) raw[column] = record[i] ?? "";
    });
    const result = departmentSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push({ line, message: issue.message });
      return;
    }
    const earlier = seen.get(result.data.name);
    if (earlier) {
      issues.push({ line, message: `「${result.data.name}」は${earlier}行目にもあります。` });
      return;
    }
    seen.set(result.data.name, line);
    rows.push(result.data);
  });
  return { rows, issues };
}
