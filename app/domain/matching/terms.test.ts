import { describe, expect, it } from "vitest";
import { foldForSearch } from "../search/japanese-text";
import { extractTerms, foldChars } from "./terms";

const surfaces = (text: string) => extractTerms(text).map((t) => t.surface);

describe("extractTerms", () => {
  it("cuts Japanese text at hiragana and punctuation, keeping compound nouns and known mixed words whole", () => {
    expect(surfaces("子どもの居場所づくりと子育て支援、放課後の学習支援を行う。")).toEqual([
      "子ども",
      "居場所づくり",
      "子育て支援",
      "放課後",
      "学習支援",
    ]);
  });

  it("keeps katakana and latin words, and drops one-character pieces and digits", () => {
    expect(surfaces("毎週2回、ICT講座とスマホ教室を市で開く")).toEqual(["毎週", "ICT講座", "スマホ教室"]);
  });

  it("folds width and kana variants to one form", () => {
    const [half] = extractTerms("ﾎﾞﾗﾝﾃｨｱ");
    const [full] = extractTerms("ボランティア");
    expect(half!.folded).toBe(full!.folded);
    expect(extractTerms("ＩＣＴ")[0]!.folded).toBe("ict");
    expect(extractTerms("ゴミ拾い")[0]!.folded).toBe(extractTerms("ごみ拾い")[0]!.folded);
  });

  it("matches katakana words whole, so センター and サポーター share nothing", () => {
    const [center] = extractTerms("センター");
    const [supporter] = extractTerms("サポーター");
    expect(center!.features.filter((f) => supporter!.features.includes(f))).toEqual([]);
  });

  it("gives the everyday words of the domain no features", () => {
    expect(extractTerms("協働・市民活動・地域支援").flatMap((t) => t.features)).toEqual([]);
  });
});

describe("foldChars", () => {
  it("agrees with foldForSearch once spaces are removed, and keeps the length", () => {
    for (const text of ["ｽﾏﾎ教室　ＩＣＴ", "ボランティア・子育て", "ABC の 里山", "ヴァイオリン"]) {
      expect(foldChars(text).replace(/[\s\u3000・]+/g, "")).toBe(foldForSearch(text));
      expect(foldChars(text).length).toBe(text.normalize("NFKC").length);
    }
  });
});
