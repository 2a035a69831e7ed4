import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { attachmentProblem, sniffAttachment } from "./sniff";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe("what a file is, from its first bytes", () => {
  it("knows PDF and the common image formats", () => {
    expect(sniffAttachment(text("%PDF-1.7\n%âãÏÓ"), "提案書.pdf")?.mime).toBe("application/pdf");
    expect(sniffAttachment(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), "写真.png")?.mime).toBe("image/png");
    expect(sniffAttachment(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), "写真.jpg")?.mime).toBe("image/jpeg");
    expect(sniffAttachment(text("GIF89a...."), "図.gif")?.mime).toBe("image/gif");
    expect(sniffAttachment(text("RIFF\x00\x00\x00\x00WEBPVP8 "), "図.webp")?.mime).toBe("image/webp");
  });

  it("knows a real Excel workbook (made by exceljs) as Excel", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("予算").addRow(["費目", "金額"]);
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(sniffAttachment(file.slice(0, 64 * 1024), "予算書.xlsx")?.label).toBe("Excel ブック");
  });

  it("tells Office 97–2003 files apart by their extension, and refuses the container under any other name", () => {
    const cfb = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);
    expect(sniffAttachment(cfb, "古い.doc")?.mime).toBe("application/msword");
    expect(sniffAttachment(cfb, "古い.xls")?.mime).toBe("application/vnd.ms-excel");
    expect(sniffAttachment(cfb, "メール.msg")).toBeNull();
  });

  it("refuses an HTML page named .pdf, a plain zip and a script", () => {
    const html = sniffAttachment(text("<!DOCTYPE html><script>alert(1)</script>"), "提案書.pdf");
    expect(html).toBeNull();
    expect(attachmentProblem(html, "提案書.pdf")).toContain("中身がこれらのどれでもありません");
    expect(sniffAttachment(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0), "資料.zip")).toBeNull();
    expect(sniffAttachment(text("#!/bin/sh\nrm -rf /"), "run.sh")).toBeNull();
  });

  it("refuses a file whose name claims another type than its content", () => {
    const png = sniffAttachment(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "提案書.pdf");
    expect(attachmentProblem(png, "提案書.pdf")).toBe("ファイル名（.pdf）と中身（画像（PNG））が一致しません。正しいファイルを選んでください。");
    expect(attachmentProblem(png, "写真.PNG")).toBeNull();
  });
});
