// Reading an uploaded plan file's bytes (parsePlanFile): the encodings Excel saves text in, files cut
// inside a character, and the short era forms of an issue date.
import { describe, expect, it } from "vitest";
import { parsePlan, PlanImportError } from "./index";
import { readSeed } from "../../../../tests/fixtures/seed-documents";
import { parsePlanFile } from "./file.server";

async function issuesOf(bytes: Uint8Array) {
  try {
    await parsePlanFile(bytes);
  } catch (error) {
    if (error instanceof PlanImportError) return error.issues;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("parsePlanFile: encodings", () => {
  it("reads a plan saved as Excel's 「Unicode テキスト」 (UTF-16 with a byte order mark) like the UTF-8 file", async () => {
    const text = readSeed("shiroiDated");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, "\r\n"), "utf16le")]);
    expect(await parsePlanFile(utf16)).toEqual(parsePlan(text.replace(/\n/g, "\r\n")));
  });

  it("says a UTF-8 file is cut inside its last character, with the line, not that the layout is unknown", async () => {
    const bytes = Buffer.from(readSeed("tierTable"), "utf8");
    const issues = await issuesOf(bytes.subarray(0, bytes.length - 1));
    expect(issues).toEqual([{ line: readSeed("tierTable").split("\n").length, message: expect.stringContaining("UTF-8 のファイルが最後の文字の途中で終わっています") }]);
  });

  it("says a UTF-16 file is cut inside a character", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readSeed("tierTable"), "utf16le")]);
    const issues = await issuesOf(bytes.subarray(0, bytes.length - 1));
    expect(issues).toEqual([{ line: expect.any(Number), message: expect.stringContaining("UTF-16（Excel の「Unicode テキスト」）のファイルが文字の途中で終わっています") }]);
  });
});

describe("issue dates in the short era form", () => {
  it.each([
    ["H30年7月", "H30年7月 市民活動支援課"],
    ["Ｈ３０年７月", "H30年7月 市民活動支援課"],
    ["H.30年7月", "H.30年7月 市民活動支援課"],
    ["R2年4月", "R2年4月 市民活動支援課"],
  ])("reads %s like 平成30年7月", (printed, issued) => {
    const text = readSeed("shiroiDated").replace("平成30年7月", printed);
    expect(text).toContain(printed);
    const plan = parsePlan(text);
    expect(plan.issued).toBe(issued);
    expect(plan.warnings.map((w) => w.message).filter((m) => m.includes(printed.normalize("NFKC")))).toEqual([]);
    expect(plan.warnings).toEqual(parsePlan(readSeed("shiroiDated")).warnings);
  });
});
