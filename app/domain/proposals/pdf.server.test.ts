import { describe, expect, it } from "vitest";
import { FONT_CANDIDATES, resolvePdfFont } from "./pdf.server";

const only = (...paths: string[]) => (path: string) => paths.includes(path);
const [ipaex, noto] = FONT_CANDIDATES;

describe("resolvePdfFont", () => {
  it("takes PDF_FONT_PATH first", () => {
    expect(resolvePdfFont({ PDF_FONT_PATH: "/fonts/x.otf" }, only("/fonts/x.otf", ipaex.path))).toEqual({ path: "/fonts/x.otf", name: undefined });
  });

  it("refuses a PDF_FONT_PATH that does not exist rather than falling back silently", () => {
    expect(() => resolvePdfFont({ PDF_FONT_PATH: "/fonts/none.ttf" }, only(ipaex.path))).toThrow(/PDF_FONT_PATH.*\/fonts\/none\.ttf/);
  });

  it("needs PDF_FONT_NAME for a font collection", () => {
    expect(() => resolvePdfFont({ PDF_FONT_PATH: "/fonts/set.ttc" }, only("/fonts/set.ttc"))).toThrow(/PDF_FONT_NAME/);
    expect(resolvePdfFont({ PDF_FONT_PATH: "/fonts/set.ttc", PDF_FONT_NAME: "NotoSansCJKjp-Regular" }, only("/fonts/set.ttc"))).toEqual({
      path: "/fonts/set.ttc",
      name: "NotoSansCJKjp-Regular",
    });
  });

  it("else takes the first Debian font installed: IPAexGothic, then Noto Sans CJK (by name in its collection)", () => {
    expect(resolvePdfFont({}, only(ipaex.path, noto.path))).toEqual({ path: ipaex.path, name: undefined });
    expect(resolvePdfFont({}, only(noto.path))).toEqual({ path: noto.path, name: "NotoSansCJKjp-Regular" });
  });

  it("says which package to install when there is no Japanese font", () => {
    expect(() => resolvePdfFont({}, only())).toThrow(/apt-get install -y fonts-ipaexfont-gothic.*PDF_FONT_PATH/);
  });
});
