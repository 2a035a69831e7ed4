// The result sheet (審査結果一覧) as files for the coordinator: xlsx (exceljs) and CSV (UTF-8 with a BOM,
// or Shift_JIS). Text a group or a reviewer typed is always written as text: in the CSV a cell starting
// like a formula is defused by the plans' CSV writer; in the xlsx text cells are strings, never formulas.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { toCsvText } from "../plans/export/csv";
import { shortDecimal, toNumber } from "./aggregation";
import type { ResultSheet } from "./queries.server";
import { REVIEW_STAGES } from "./schema";

/** The sheet as a table of text: header, then one line per proposal in rank order. */
export function resultTable(sheet: ResultSheet): { title: string; header: string[]; rows: (string | number | null)[][] } {
  const header = [
    "順位",
    "受付番号",
    "団体",
    "提案事業名",
    "状態",
    "申請額（円）",
    ...sheet.criteria.map((c) => `${c.name}（平均）`),
    "合計",
    "最低",
    "最高",
    "合格ライン",
    "提出／割当",
    "除外",
    "申請額の累計（円）",
    "予算内",
    "同点・備考",
    "審査委員",
  ];
  const rows = sheet.rows.map((row) => {
    const r = row.result;
    return [
      r.rank,
      row.receiptNumber ?? "",
      row.groupName,
      row.title,
      row.statusLabel,
      row.requestedAmount,
      ...sheet.criteria.map((c) => (r.criterionAverages[c.id] ? Number(shortDecimal(r.criterionAverages[c.id]!)) : null)),
      r.figure ? Number(shortDecimal(r.figure)) : null,
      r.spread ? toNumber(r.spread.low) : null,
      r.spread ? toNumber(r.spread.high) : null,
      r.rejectedBy.length ? `不採択扱い（${r.rejectedBy.join("・")}）` : r.belowPassLine ? "不合格ライン" : sheet.rules.passLine ? "合格" : "",
      `${row.submitted}/${row.assigned}`,
      r.excluded,
      row.runningTotal,
      row.selection?.kind === "selected" ? "予算内" : row.selection?.kind === "runner_up" ? `次点（残額 ${row.selection.remainder}円）` : "",
      [r.tieNote, row.runningTotal !== null && row.runningTotal > sheet.budgetCapTotal ? "予算総額を超過" : null].filter(Boolean).join(" "),
      row.reviewers.map((v) => `${v.name}${v.excluded ? "（除外）" : v.status === "submitted" ? (v.late ? "（遅延提出）" : "") : "（未提出）"}`).join("、"),
    ];
  });
  return { title: `審査結果一覧 ${REVIEW_STAGES.label(sheet.stage)}`, header, rows };
}

const text = (v: string | number | null) => (v === null ? "" : String(v));

export function resultSheetCsv(sheet: ResultSheet, encoding: "utf-8" | "sjis" = "utf-8"): Buffer {
  const table = resultTable(sheet);
  const body = toCsvText([[table.title], table.header, ...table.rows.map((r) => r.map(text)), [], ...sheet.explanation.map((line) => [line])]);
  if (encoding === "sjis") return iconv.encode(body, "cp932");
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, "utf8")]);
}

// The result sheet object is kept while nothing changes (queries.server.ts), so its file can be too.
const workbooks = new WeakMap<ResultSheet, Promise<Buffer>>();

export function resultSheetXlsx(sheet: ResultSheet): Promise<Buffer> {
  let file = workbooks.get(sheet);
  if (!file) {
    file = writeXlsx(sheet);
    workbooks.set(sheet, file);
    file.catch(() => workbooks.delete(sheet));
  }
  return file;
}

async function writeXlsx(sheet: ResultSheet): Promise<Buffer> {
  const table = resultTable(sheet);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "協働マッチングポータル";
  const ws = workbook.addWorksheet("審査結果一覧", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.addRow([table.title]).font = { bold: true, size: 14 };
  const head = ws.addRow(table.header);
  head.font = { bold: true };
  for (const row of table.rows) {
    // Strings stay strings: exceljs writes a formula only from a { formula } value, which is never built here.
    ws.addRow(row.map((v) => (v === null ? "" : v)));
  }
  ws.addRow([]);
  for (const line of sheet.explanation) ws.addRow([line]);
  ws.columns.forEach((col, i) => {
    col.width = i === 2 || i === 3 ? 30 : i === table.header.length - 1 ? 40 : 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
