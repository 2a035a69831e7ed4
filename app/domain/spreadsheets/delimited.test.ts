// Rows of CSV and tab-separated text as Excel writes them, and files that end inside a quoted cell.
import { describe, expect, it } from "vitest";
import { readDelimitedRows } from "./delimited";
import { SpreadsheetReadError } from "./read-error";
import { isXlsx, readXlsxRows } from "./xlsx.server";

describe("readDelimitedRows", () => {
  it("reads quoted cells with line breaks and doubled quotes, each row with the line it starts on", () => {
    // Excel ends rows with CRLF and breaks lines inside a cell with LF.
    const text = '\uFEFF番号,施策\r\n1,"一行目\n二行目"\r\n2,"「""引用""」"\r\n';
    expect(readDelimitedRows(text, ",")).toEqual([
      { cells: ["番号", "施策"], line: 1 },
      { cells: ["1", "一行目\n二行目"], line: 2 },
      { cells: ["2", '「"引用"」'], line: 4 },
    ]);
    // A cell broken with CRLF (a file saved by another program) counts each break once.
    expect(readDelimitedRows('番号,施策\r\n1,"一行目\r\n二行目\r\n三行目"\r\n2,次\r\n\r\n3,空行の後\r\n', ",").map((r) => r.line)).toEqual([1, 2, 5, 6, 7]);
  });

  it("keeps a quote inside an unquoted cell as it is", () => {
    expect(readDelimitedRows('<ul style="x">\tB', "\t")).toEqual([{ cells: ['<ul style="x">', "B"], line: 1 }]);
  });

  it("refuses text that ends inside a quoted cell, naming the line the cell opens on", () => {
    const text = "番号\t施策\n1\t施策名\n2\t\"切れた\nセル";
    try {
      readDelimitedRows(text, "\t");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpreadsheetReadError);
      expect(error).toMatchObject({ line: 3, message: expect.stringContaining("閉じないまま、ファイルが終わっています") });
    }
  });
});

describe("readXlsxRows", () => {
  it("refuses a zip that is not a workbook with a message to check the file", async () => {
    const notAWorkbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    expect(isXlsx(notAWorkbook)).toBe(true);
    expect(isXlsx(Buffer.from("番号,施策", "utf8"))).toBe(false);
    await expect(readXlsxRows(notAWorkbook)).rejects.toMatchObject({ name: "SpreadsheetReadError", line: 1, message: expect.stringContaining("Excelファイル（xlsx）として読めませんでした") });
  });
});
