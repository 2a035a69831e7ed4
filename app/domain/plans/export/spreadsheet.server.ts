// The progress table as files the city publishes: xlsx (exceljs) and CSV (UTF-8 with BOM, or Shift_JIS
// for older Excel). Reading a file back is import/file.server.ts.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { ParsedPlan } from "../types";
import { toCsvText } from "./csv";
import { progressTableRows, toProgressTable } from "./progress-table";

const WIDTHS: Record<string, number> = {
  番号: 14,
  施策: 44,
  担当課: 18,
  "実施したこと(実施年度)": 70,
  状況: 10,
  優先度: 8,
  階層: 12,
  上位番号: 14,
  "2期案": 8,
  理由: 40,
  再掲元: 12,
  掲載ページ: 10,
  付記: 16,
  実施主体: 16,
  推進項目対象: 16,
  目的: 40,
  現状と課題: 50,
  推進内容: 50,
  完了の目安: 40,
  年次計画: 18,
};

/**
 * The progress list as an xlsx workbook: a title row, the plan's own rows (発行, 計画書の形式, 達成状況),
 * a frozen header row, entries as lines in a wrapped cell. Written with exceljs' streaming writer (rows are committed as they are added), which
 * is about twice as fast as the in-memory workbook for a plan of thousands of measures.
 */
export async function progressListXlsx(plan: ParsedPlan): Promise<Buffer> {
  const table = toProgressTable(plan);
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "協働マッチングポータル";
  const headerRow = 2 + table.info.length;
  const sheet = workbook.addWorksheet("進捗一覧", { views: [{ state: "frozen", ySplit: headerRow }] });
  sheet.columns = table.header.map((name) => ({ key: name, width: WIDTHS[name] ?? 14 }));
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.header.length } };
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const cells of table.info) {
    const info = sheet.addRow(cells);
    info.getCell(1).font = { bold: true };
    info.commit();
  }
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    cell.border = { bottom: { style: "thin" } };
  });
  header.commit();
  const wrap = { wrapText: true, vertical: "top" } as const;
  const bold = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.cells);
    added.alignment = wrap;
    if (!row.leaf) added.font = bold;
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

export type CsvEncoding = "utf-8" | "sjis";

/**
 * Text as Shift_JIS (Windows-31J). A character the encoding lacks (seed 002 prints 轻, a simplified
 * Chinese character) would silently become "?"; it is written as a numeric character reference
 * (&#36731;) instead, which the importer reads back, so the file still imports exactly.
 */
export function encodeShiftJis(text: string): Buffer {
  const fits = new Map<string, boolean>();
  let safe = "";
  for (const ch of text) {
    let ok = fits.get(ch);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(ch, "cp932"), "cp932") === ch;
      fits.set(ch, ok);
    }
    safe += ok ? ch : `&#${ch.codePointAt(0)};`;
  }
  return iconv.encode(safe, "cp932");
}

/** CSV bytes: UTF-8 with a byte order mark (so Excel knows it), or Shift_JIS (Windows-31J). */
export function progressListCsv(plan: ParsedPlan, encoding: CsvEncoding = "utf-8"): Buffer {
  const text = toCsvText(progressTableRows(toProgressTable(plan)));
  if (encoding === "sjis") return encodeShiftJis(text);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}
