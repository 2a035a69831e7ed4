// Department lists as cities keep them in Excel: CSV in UTF-8 (with or without BOM) or Shift_JIS, or
// Excel's 「Unicode テキスト」 (UTF-16, tab-separated), a header row naming the columns (課名・部名・連絡先,
// or name・parent_division・contact). decodeSpreadsheetText is also how plan files are decoded.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
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

/** Text that cannot be decoded as what it plainly is (a file cut inside a character); `line` is 1-based. */
export class SpreadsheetTextError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "SpreadsheetTextError";
  }
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Bytes per character a UTF-8 lead byte announces (0 for a byte that cannot lead). */
function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** How many bytes at the end start a UTF-8 character that the file cuts short (0 when none does). */
function cutUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needed = utf8Length(byte);
    return needed > back ? back : 0;
  }
  return 0;
}

/** "utf-16le" / "utf-16be" for Excel's 「Unicode テキスト」 (with its byte order mark), else null. */
function utf16Of(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  // Without a mark: text that is mostly ASCII has a zero in every other byte.
  const sample = bytes.subarray(0, 2000);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  const half = sample.length / 2;
  if (half >= 8 && oddZeros > half * 0.3 && evenZeros < half * 0.05) return "utf-16le";
  if (half >= 8 && evenZeros > half * 0.3 && oddZeros < half * 0.05) return "utf-16be";
  return null;
}

/**
 * The text of an uploaded spreadsheet file: UTF-16 when it is Excel's 「Unicode テキスト」; UTF-8 when
 * the bytes are valid UTF-8 (as they almost never are by accident); else Shift_JIS (cp932). A UTF-8 or
 * UTF-16 file cut inside its last character is refused with SpreadsheetTextError, rather than read as
 * Shift_JIS garble.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    if (bytes.length % 2 === 1) {
      throw new SpreadsheetTextError(
        lineCount(text),
        "UTF-16（Excel の「Unicode テキスト」）のファイルが文字の途中で終わっています。ファイルが途中で切れていないか確認し、もう一度保存してください。",
      );
    }
    return text;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const tail = cutUtf8Tail(bytes);
    if (tail > 0) {
      const head = bytes.subarray(0, bytes.length - tail);
      try {
        const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head);
        throw new SpreadsheetTextError(
          lineCount(text),
          "UTF-8 のファイルが最後の文字の途中で終わっています。ファイルが途中で切れていないか確認し、もう一度保存してください。",
        );
      } catch (error) {
        if (error instanceof SpreadsheetTextError) throw error;
      }
    }
    return iconv.decode(Buffer.from(bytes), "cp932");
  }
}

export function parseDepartmentsCsv(bytes: Uint8Array): { rows: DepartmentInput[]; issues: CsvIssue[] } {
  let text: string;
  try {
    text = decodeSpreadsheetText(bytes);
  } catch (error) {
    if (error instanceof SpreadsheetTextError) return { rows: [], issues: [{ line: error.line, message: error.message }] };
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
