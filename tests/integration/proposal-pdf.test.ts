// The proposal PDF as a reader gets it: rendered with the machine's Japanese font (fonts-ipaexfont-gothic
// on CI), then read back with pdf.js — page size, pages, text (the font is embedded as a CID font with a
// ToUnicode map, so Japanese text can be extracted and searched), metadata, and lines kept inside the
// margins although Japanese has no spaces to break at.
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { describe, expect, it } from "vitest";
import { printSections } from "../../app/domain/proposals/document";
import { renderProposalPdf } from "../../app/domain/proposals/pdf.server";
import { japaneseParagraph, longProposalDocument, sampleContent, sampleProposalDocument } from "../fixtures/proposal-document";

const A4 = [0, 0, 595.28, 841.89];
const MARGIN = (15 * 72) / 25.4;

async function open(pdf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
}

async function pagesOf(pdf: PDFDocumentProxy) {
  const pages: { view: number[]; items: TextItem[]; text: string; compact: string }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => "str" in item);
    const text = items.map((item) => item.str).join("");
    // pdf.js puts a space between the pieces of text it finds (cells, spaced letters): drop them to search.
    pages.push({ view: page.view, items, text, compact: text.replace(/\s+/g, "") });
  }
  return pages;
}

describe("renderProposalPdf", () => {
  it("makes an A4 PDF with the proposal's Japanese text, totals and title", async () => {
    const doc = sampleProposalDocument();
    const bytes = await renderProposalPdf(doc);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");

    const pdf = await open(bytes);
    const pages = await pagesOf(pdf);
    for (const page of pages) expect(page.view.map((v) => Number(v.toFixed(2)))).toEqual(A4);
    const text = pages.map((p) => p.compact).join("\n");
    expect(text).toContain("提案書受付番号R9-市民-0003");
    expect(text).toContain("地域ぐるみの高齢者見守りネットワーク事業");
    expect(text).toContain("R9-市民-0003");
    expect(text).toContain("令和9年度");
    expect(text).toContain("令和9年5月20日");
    expect(text).toMatch(/総事業費240,000円225,000円465,000円/);
    expect(text).toMatch(/市への申請額180,000円180,000円360,000円/);
    pages.forEach((page, i) => expect(page.text).toContain(`${i + 1} / ${pages.length}`));

    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe("地域ぐるみの高齢者見守りネットワーク事業");
    expect(info.Author).toBe("NPO法人 みどりの里まちづくりの会");
  });

  it("prints the sections in the form's order, empty ones as （記入なし）", async () => {
    const doc = sampleProposalDocument({ content: sampleContent({ contentWhere: "", beneficiaries: "" }) });
    const text = (await pagesOf(await open(await renderProposalPdf(doc)))).map((p) => p.compact).join("\n");
    const positions = printSections(doc).map((s, i) => {
      const at = text.indexOf(`${i + 1}.${s.label}`.replace(/\s+/g, ""));
      expect(at, s.label).toBeGreaterThanOrEqual(0);
      return at;
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text.match(/（記入なし）/g)).toHaveLength(2);
  });

  it("spreads a long proposal over pages, repeating a table's header where its rows continue", async () => {
    const pages = await pagesOf(await open(await renderProposalPdf(longProposalDocument())));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.filter((p) => p.compact.includes("時期実施内容")).length).toBeGreaterThan(1);
    // Every schedule row is printed whole: all of its text is on one page.
    for (const [i, row] of longProposalDocument().content.schedule.entries()) {
      expect(pages.some((p) => p.compact.includes(`${row.month}${row.activity}`)), `row ${i + 1}`).toBe(true);
    }
  });

  it("wraps long Japanese lines without spaces inside the margins", async () => {
    // Closing marks every few characters: without line breaking rules some line would start with one.
    const line = japaneseParagraph(1500, "市と団体が、協力し。「見守り」を、広げる（訪問）。");
    const pages = await pagesOf(await open(await renderProposalPdf(sampleProposalDocument({ content: sampleContent({ problem: line }) }))));
    for (const page of pages) {
      for (const item of page.items) {
        const x = item.transform[4];
        expect(x).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(x + item.width).toBeLessThanOrEqual(A4[2] - MARGIN + 0.5);
      }
    }
    // Lines break between characters, never before a closing mark (UAX #14 line breaking).
    const lines = pages.flatMap((p) => p.items.map((i) => i.str)).filter((str) => str.trim() !== "");
    expect(lines.filter((str) => /^[。、）」]/.test(str))).toEqual([]);
    // The paragraph is all there, in order, across as many lines as it needs.
    const text = pages.map((p) => p.items.map((i) => i.str).join("")).join("");
    expect(text).toContain(line);
  });

  it("renders the same bytes twice for the same proposal and moment", async () => {
    const now = new Date("2027-06-01T00:00:00Z");
    const doc = sampleProposalDocument();
    expect((await renderProposalPdf(doc, { now })).equals(await renderProposalPdf(doc, { now }))).toBe(true);
  });
});
