// Decoding uploaded spreadsheet text (department lists and plan files share it): UTF-8, Shift_JIS,
// Excel's 「Unicode テキスト」 (UTF-16 with a byte order mark, tab-separated), and files cut mid-character.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { SpreadsheetReadError } from "./read-error";
import { decodeSpreadsheetText } from "./text.server";

const LIST = "課名\t部名\t連絡先\r\n市民活動支援課\t市民環境部\t047-000-0000\r\n秘書広報課\t総務部\t\r\n";

function utf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

describe("decodeSpreadsheetText", () => {
  it("reads UTF-16 as Excel's Unicode text writes it (little-endian with a mark), big-endian and unmarked too", () => {
    expect(decodeSpreadsheetText(utf16le(LIST))).toBe(LIST);
    expect(decodeSpreadsheetText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LIST, "utf16le").swap16()]))).toBe(LIST);
    expect(decodeSpreadsheetText(utf16le("name\tparent_division\r\nA課\tB部\r\n", false))).toBe("name\tparent_division\r\nA課\tB部\r\n");
  });

  it("still reads UTF-8 and Shift_JIS", () => {
    expect(decodeSpreadsheetText(Buffer.from(LIST, "utf8"))).toBe(LIST);
    expect(decodeSpreadsheetText(iconv.encode(LIST, "cp932"))).toBe(LIST);
    // A Shift_JIS file whose last byte could lead a UTF-8 character is still Shift_JIS.
    expect(decodeSpreadsheetText(iconv.encode("課名\r\n市民活動支援課", "cp932"))).toBe("課名\r\n市民活動支援課");
  });

  it("says a UTF-8 file ends inside its last character, with the line, instead of reading it as Shift_JIS", () => {
    const kanji = Buffer.from("課名\r\n市民活動支援課", "utf8");
    expect(() => decodeSpreadsheetText(kanji.subarray(0, kanji.length - 2))).toThrow(SpreadsheetReadError);
    try {
      decodeSpreadsheetText(kanji.subarray(0, kanji.length - 1));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ line: 2, message: expect.stringContaining("UTF-8 のファイルが最後の文字の途中で終わっています") });
    }
    // Cut after a whole character: nothing to say here (the parsers judge the content).
    expect(decodeSpreadsheetText(kanji.subarray(0, kanji.length - 3))).toBe("課名\r\n市民活動支援");
  });

  it("says a UTF-16 file ends inside a character", () => {
    const bytes = utf16le(LIST);
    expect(() => decodeSpreadsheetText(bytes.subarray(0, bytes.length - 1))).toThrow(/UTF-16（Excel の「Unicode テキスト」）のファイルが文字の途中で終わっています/);
  });
});
