// Reading a department list: Excel's 「Unicode テキスト」 (UTF-16, tab-separated), and a file cut inside a character.
import { describe, expect, it } from "vitest";
import { parseDepartmentsCsv } from "./csv.server";

const LIST = "課名\t部名\t連絡先\r\n市民活動支援課\t市民環境部\t047-000-0000\r\n秘書広報課\t総務部\t\r\n";

function utf16le(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

describe("parseDepartmentsCsv", () => {
  it("reads a department list saved as Unicode text (UTF-16, tab-separated)", () => {
    const { rows, issues } = parseDepartmentsCsv(utf16le(LIST));
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.name, r.parentDivision])).toEqual([
      ["市民活動支援課", "市民環境部"],
      ["秘書広報課", "総務部"],
    ]);
  });

  it("reports a file cut inside a character as an issue with its line", () => {
    const bytes = Buffer.from("課名,部名\r\n市民活動支援課,市民環境部", "utf8");
    expect(parseDepartmentsCsv(bytes.subarray(0, bytes.length - 1))).toEqual({ rows: [], issues: [{ line: 2, message: expect.stringContaining("途中で終わっています") }] });
  });
});
