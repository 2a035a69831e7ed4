// The proposal (提案書) — and any other printable document of the portal, e.g. the decision letter — as an A4 PDF: the same header and sections, in the same order, as the printable
// page (both read document.ts). Plain: one Japanese font, bordered tables whose rows never split across
// pages (a row that does not fit starts the next page, under the table's header again), "1 / N" in the
// footer, the proposal's title as the document's Title.
//
// Japanese needs a CJK font on the server: PDF_FONT_PATH, else Debian's IPAexGothic
// (fonts-ipaexfont-gothic) or Noto Sans CJK (fonts-noto-cjk). pdfkit breaks lines by the Unicode line
// breaking rules (UAX #14), so Japanese without spaces wraps between characters inside the margins (the
// integration test checks it), and embeds only the glyphs used.
import fs from "node:fs";
import PDFDocument from "pdfkit";
import { documentTitle, EMPTY_MARK, headerRows, normalizeLineBreaks, printSections, type PrintSection, type PrintTable, type ProposalDocument } from "./document";

export interface PdfFont {
  path: string;
  /** The font's PostScript name inside a collection (.ttc), e.g. NotoSansCJKjp-Regular. */
  name?: string;
}

/** Debian's packages, in order of preference. */
export const FONT_CANDIDATES: readonly (PdfFont & { debianPackage: string })[] = [
  { path: "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", debianPackage: "fonts-ipaexfont-gothic" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", name: "NotoSansCJKjp-Regular", debianPackage: "fonts-noto-cjk" },
];

const isCollection = (path: string) => /\.(ttc|otc)$/i.test(path);

/**
 * The font for Japanese: PDF_FONT_PATH (with PDF_FONT_NAME for a collection), else the first installed
 * candidate. Throws, saying what to install, when there is none: a PDF without a CJK font would print
 * every Japanese character as an empty box.
 */
export function resolvePdfFont(env: Record<string, string | undefined> = process.env, exists: (path: string) => boolean = fs.existsSync): PdfFont {
  const configured = env.PDF_FONT_PATH?.trim();
  if (configured) {
    if (!exists(configured)) throw new Error(`PDF_FONT_PATH のフォントファイルがありません: ${configured}`);
    const name = env.PDF_FONT_NAME?.trim() || undefined;
    if (isCollection(configured) && !name) {
      throw new Error(`PDF_FONT_PATH はフォントコレクション（${configured}）です。使うフォントの名前を PDF_FONT_NAME に指定してください（例: NotoSansCJKjp-Regular）`);
    }
    return { path: configured, name };
  }
  const found = FONT_CANDIDATES.find((font) => exists(font.path));
  if (!found) {
    throw new Error(
      "PDF に使う日本語フォントが見つかりません。Debian では `apt-get install -y fonts-ipaexfont-gothic` でインストールするか、" +
        "PDF_FONT_PATH に日本語フォント（.ttf / .otf）のパスを指定してください",
    );
  }
  return { path: found.path, name: found.name };
}

// Reading a 6 MB font file for every download is wasteful; the bytes never change while we run.
const fontBytes = new Map<string, Buffer>();
function loadFont(path: string): Buffer {
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = fs.readFileSync(path);
    fontBytes.set(path, bytes);
  }
  return bytes;
}

const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const FOOTER_SPACE = 8 * MM;
const SIZE = { title: 18, heading: 11.5, body: 10.5, table: 9.5, footer: 8 } as const;
const CELL_PADDING = 4;
const LINE_GAP = 2;
const RULE = "#000000";
const MUTED = "#444444";

type Pdf = PDFKit.PDFDocument;

/** Bottom of the writable area (above the footer). */
const bottomOf = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom;
const contentWidth = (pdf: Pdf) => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;

/** Starts a new page unless `height` still fits below the cursor. */
function ensureSpace(pdf: Pdf, height: number) {
  if (pdf.y + height > bottomOf(pdf)) pdf.addPage();
}

function columnWidths(table: PrintTable, width: number): number[] {
  const total = table.widths.reduce((a, b) => a + b, 0);
  return table.widths.map((w) => (w / total) * width);
}

function rowHeight(pdf: Pdf, cells: string[], widths: number[]): number {
  const heights = cells.map((cell, i) => pdf.heightOfString(cell || " ", { width: widths[i] - 2 * CELL_PADDING, lineGap: LINE_GAP }));
  return Math.max(...heights) + 2 * CELL_PADDING;
}

function drawRow(pdf: Pdf, table: PrintTable, cells: string[], widths: number[], height: number, isHead: boolean) {
  const top = pdf.y;
  let x = pdf.page.margins.left;
  // A row taller than a whole page (not possible within the form's limits) is cut rather than spilling.
  const maxText = bottomOf(pdf) - top - 2 * CELL_PADDING;
  cells.forEach((cell, i) => {
    pdf.lineWidth(0.5).strokeColor(RULE).rect(x, top, widths[i], height).stroke();
    pdf.fillColor("#000000").text(cell, x + CELL_PADDING, top + CELL_PADDING, {
      width: widths[i] - 2 * CELL_PADDING,
      height: maxText,
      ellipsis: true,
      lineGap: LINE_GAP,
      align: !isHead && table.numeric.includes(i) ? "right" : isHead ? "center" : "left",
    });
    x += widths[i];
  });
  pdf.x = pdf.page.margins.left;
  pdf.y = top + height;
}

/** A bordered table; a row that does not fit moves to the next page, where the header is repeated. */
function drawTable(pdf: Pdf, table: PrintTable) {
  pdf.fontSize(SIZE.table);
  const widths = columnWidths(table, contentWidth(pdf));
  const hasHead = table.head.length > 0;
  const headHeight = hasHead ? rowHeight(pdf, table.head, widths) : 0;
  table.rows.forEach((row, r) => {
    const cells = row.map((cell) => normalizeLineBreaks(cell));
    const height = Math.min(rowHeight(pdf, cells, widths), bottomOf(pdf) - pdf.page.margins.top - headHeight);
    const first = r === 0;
    if (pdf.y + (first ? headHeight : 0) + height > bottomOf(pdf)) {
      pdf.addPage();
      if (hasHead) drawRow(pdf, table, table.head, widths, headHeight, true);
    } else if (first && hasHead) {
      drawRow(pdf, table, table.head, widths, headHeight, true);
    }
    drawRow(pdf, table, cells, widths, height, false);
  });
  pdf.moveDown(0.6);
}

/** The head and first row of a table: what must fit under a heading for the heading to stay with it. */
function tableStartHeight(pdf: Pdf, table: PrintTable): number {
  pdf.fontSize(SIZE.table);
  const widths = columnWidths(table, contentWidth(pdf));
  return (table.head.length > 0 ? rowHeight(pdf, table.head, widths) : 0) + (table.rows.length > 0 ? rowHeight(pdf, table.rows[0].map(normalizeLineBreaks), widths) : 0);
}

/** A section heading with a rule; it never ends a page: `keepWith` points must still fit under it. */
function drawHeading(pdf: Pdf, text: string, keepWith: number) {
  pdf.fontSize(SIZE.heading);
  const headingHeight = pdf.currentLineHeight(true) * 1.5 + 6;
  ensureSpace(pdf, headingHeight + Math.min(keepWith, bottomOf(pdf) - pdf.page.margins.top - headingHeight));
  pdf.moveDown(0.5);
  const left = pdf.page.margins.left;
  pdf.fillColor("#000000").text(text, left, pdf.y, { width: contentWidth(pdf) });
  const y = pdf.y + 1.5;
  pdf.lineWidth(0.75).strokeColor(RULE).moveTo(left, y).lineTo(left + contentWidth(pdf), y).stroke();
  pdf.y = y + 5;
}

function drawText(pdf: Pdf, text: string) {
  pdf.fontSize(SIZE.body);
  const empty = text.trim() === "";
  pdf.fillColor(empty ? MUTED : "#000000").text(empty ? EMPTY_MARK : normalizeLineBreaks(text), pdf.page.margins.left, pdf.y, { width: contentWidth(pdf), lineGap: LINE_GAP });
  pdf.fillColor("#000000").moveDown(0.3);
}

function drawFooters(pdf: Pdf, label: string) {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin meanwhile.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN - SIZE.footer;
    const left = pdf.page.margins.left;
    const width = contentWidth(pdf);
    pdf.fontSize(SIZE.footer).fillColor(MUTED);
    pdf.text(label, left, y, { width, align: "left", lineBreak: false });
    pdf.text(`${i - start + 1} / ${count}`, left, y, { width, align: "center", lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

export interface PdfOptions {
  font?: PdfFont;
  /** The document's creation date (fixed in tests, so two renderings are the same bytes). */
  now?: Date;
}

/**
 * A printed document of the portal: a spaced title, a header table, an optional opening paragraph, then
 * numbered sections. The proposal (提案書) and the decision letter (審査結果通知書) are both drawn by it.
 */
export interface PrintableDocument {
  /** The big title on the first page (提案書, 審査結果通知書). */
  heading: string;
  headerCaption: string;
  header: { label: string; value: string }[];
  /** Text between the header table and the first section. */
  lead?: string;
  sections: PrintSection[];
  /** Left of each page's footer, beside "1 / N". */
  footer: string;
  info: { title: string; subject: string; author: string };
}

/** The proposal as an A4 PDF. Throws (before writing anything) when no Japanese font is installed. */
export async function renderProposalPdf(doc: ProposalDocument, options: PdfOptions = {}): Promise<Buffer> {
  return renderPrintablePdf(
    {
      heading: "提案書",
      headerCaption: "提案の概要",
      header: headerRows(doc),
      sections: printSections(doc),
      footer: `提案書 ${doc.receiptNumber ?? "（未提出）"}`,
      info: { title: documentTitle(doc), subject: `提案書${doc.receiptNumber ? ` ${doc.receiptNumber}` : ""}`, author: doc.groupName },
    },
    options,
  );
}

/** Any printable document as an A4 PDF. Throws (before writing anything) when no Japanese font is installed. */
export async function renderPrintablePdf(doc: PrintableDocument, options: PdfOptions = {}): Promise<Buffer> {
  const font = options.font ?? resolvePdfFont();
  const bytes = loadFont(font.path);
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    autoFirstPage: true,
    displayTitle: true,
    lang: "ja-JP",
    info: {
      Title: doc.info.title,
      Subject: doc.info.subject,
      Author: doc.info.author,
      Creator: "協働マッチングポータル",
      CreationDate: options.now ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.registerFont("jp", bytes, font.name);
  pdf.font("jp");

  pdf.fontSize(SIZE.title).text(doc.heading, { align: "center", width: contentWidth(pdf), characterSpacing: SIZE.title / 2 });
  pdf.moveDown(0.5);
  drawTable(pdf, { caption: doc.headerCaption, head: [], rows: doc.header.map((r) => [r.label, r.value]), rowHeaders: true, numeric: [], widths: [1, 4] });
  if (doc.lead) drawText(pdf, doc.lead);

  const threeLines = 3 * (SIZE.body * 1.2 + LINE_GAP);
  doc.sections.forEach((section, i) => {
    const keepWith = section.kind === "tables" && section.tables.length > 0 ? tableStartHeight(pdf, section.tables[0]) : threeLines;
    drawHeading(pdf, `${i + 1}. ${section.label}`, keepWith);
    if (section.kind === "text") drawText(pdf, section.text);
    else if (section.tables.length === 0) drawText(pdf, "");
    else section.tables.forEach((table) => drawTable(pdf, table));
  });

  drawFooters(pdf, doc.footer);
  pdf.end();
  return finished;
}
