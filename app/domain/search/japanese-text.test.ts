import { describe, expect, it } from "vitest";
import { bigrams, foldForSearch, matchesQuery } from "./japanese-text";

describe("foldForSearch", () => {
  it("folds width, kana and case variants to one form", () => {
    expect(foldForSearch("ＮＰＯ法人")).toBe("npo法人");
    expect(foldForSearch("ｻﾎﾟｰﾄ")).toBe(foldForSearch("サポート"));
    expect(foldForSearch("サポート")).toBe("さぽーと");
    expect(foldForSearch("子育て　支援")).toBe("子育て支援");
    expect(foldForSearch("Ｒ３")).toBe("r3");
  });
});

describe("matchesQuery", () => {
  it("finds a two-character word inside a longer one", () => {
    expect(matchesQuery("子育て支援ネットワーク", "子育")).toBe(true);
  });
  it("matches across katakana/hiragana and widths", () => {
    expect(matchesQuery("しろいサポートクラブ", "さぽーと")).toBe(true);
    expect(matchesQuery("NPO法人 白井", "ｎｐｏ")).toBe(true);
  });
  it("needs every word of the query", () => {
    expect(matchesQuery("子育て支援 白井", "子育 白井")).toBe(true);
    expect(matchesQuery("子育て支援 白井", "子育 印西")).toBe(false);
  });
});

describe("bigrams", () => {
  it("indexes folded text by overlapping pairs", () => {
    expect(bigrams("子育て")).toEqual(["子育", "育て"]);
    expect(bigrams("サポ")).toEqual(["さぽ"]);
    expect(bigrams("子")).toEqual(["子"]);
  });
});
