import { describe, expect, it } from "vitest";
import { checkboxesToMarks, cleanCell, normalizeWidth, splitBullets, stripHtml, unifyRangeMarks } from "./text";

describe("normalizeWidth", () => {
  it("unifies full-width ASCII, digits, colons and half-width katakana", () => {
    expect(normalizeWidth("（平成２７年度）")).toBe("(平成27年度)");
    expect(normalizeWidth("5/6：済")).toBe("5/6:済");
    expect(normalizeWidth("ﾎｰﾑﾍﾟｰｼﾞ")).toBe("ホームページ");
    expect(normalizeWidth("ＮＰＯ\u3000センター")).toBe("NPO センター");
  });

  it("keeps circled numbers, Roman numerals and ～, which NFKC would turn into digits and ASCII", () => {
    expect("①".normalize("NFKC")).toBe("1"); // why the exception exists
    expect(normalizeWidth("①市民が見やすい")).toBe("①市民が見やすい");
    expect(normalizeWidth("⑳と㉑")).toBe("⑳と㉑");
    expect(normalizeWidth("【Ⅱ-ア】")).toBe("【Ⅱ-ア】");
    expect(normalizeWidth("Ⅲ - (1) - ①")).toBe("Ⅲ - (1) - ①");
    expect(normalizeWidth("平成25～29年度")).toBe("平成25～29年度");
  });

  it("leaves 【】, ・, ■□, ○ and → as they are", () => {
    expect(normalizeWidth("【企画政策課】・■□○→")).toBe("【企画政策課】・■□○→");
  });
});

describe("stripHtml / cleanCell", () => {
  it("removes list and bold tags left from the HTML export", () => {
    const cell = '<ul style="list-style-type: none"> ・ホームページリニューアル(平成 26 年度)【秘書広報課】  </ul>';
    expect(cleanCell(cell)).toBe("・ホームページリニューアル(平成 26 年度)【秘書広報課】");
    expect(cleanCell("<b>（1）活動の場の提供に関すること</b>")).toBe("(1)活動の場の提供に関すること");
  });

  it("keeps list items apart and decodes entities", () => {
    expect(stripHtml("<li>一つ目</li><li>二つ目&amp;三つ目</li>").split("\n").map((part) => part.trim()).filter(Boolean)).toEqual([
      "一つ目",
      "二つ目&三つ目",
    ]);
  });

  it("does not mistake Japanese angle-bracket labels for tags", () => {
    expect(cleanCell("【Ⅰ】<重点施策>")).toBe("【Ⅰ】<重点施策>");
  });

  it("turns checkbox inputs into the printed marks", () => {
    expect(checkboxesToMarks('<input type="checkbox"/> 市民 <input checked="" type="checkbox"/> 行政')).toBe("□ 市民 ■ 行政");
  });
});

describe("splitBullets", () => {
  it("splits at ・ that starts an item, not at the middle dot inside a phrase", () => {
    expect(splitBullets("・市民活動団体・地域コミュニティの連携 ・講座名・内容の見直し")).toEqual([
      "市民活動団体・地域コミュニティの連携",
      "講座名・内容の見直し",
    ]);
  });

  it("splits at line breaks and drops empty items", () => {
    expect(splitBullets("一つ目\n\n ・二つ目 ")).toEqual(["一つ目", "二つ目"]);
  });
});

describe("unifyRangeMarks", () => {
  it("prints every range mark as ～", () => {
    expect(unifyRangeMarks("P49~51 P53〜P56")).toBe("P49～51 P53～P56");
  });
});
