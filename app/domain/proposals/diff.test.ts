import { describe, expect, it } from "vitest";
import { diffFields, diffLines, splitLines, type DiffLine } from "./diff";

const same = (text: string): DiffLine => ({ kind: "unchanged", text });
const added = (text: string): DiffLine => ({ kind: "added", text });
const removed = (text: string): DiffLine => ({ kind: "removed", text });

describe("splitLines", () => {
  it("splits on any line ending and ignores one trailing newline", () => {
    expect(splitLines("a\r\nb\rc\n")).toEqual(["a", "b", "c"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines(null)).toEqual([]);
    expect(splitLines("a\n\nb")).toEqual(["a", "", "b"]);
  });
});

describe("diffLines", () => {
  it("marks nothing when the text is the same (line endings aside)", () => {
    expect(diffLines("目的\n背景", "目的\r\n背景\n")).toEqual([same("目的"), same("背景")]);
  });

  it("shows a paragraph added in the middle", () => {
    expect(diffLines("一\n三", "一\n二\n三")).toEqual([same("一"), added("二"), same("三")]);
  });

  it("shows a paragraph removed", () => {
    expect(diffLines("一\n二\n三", "一\n三")).toEqual([same("一"), removed("二"), same("三")]);
  });

  it("shows a changed paragraph as the old line removed, then the new one added", () => {
    expect(diffLines("予算: 50万円\n期間: 1年", "予算: 45万円\n期間: 1年")).toEqual([
      removed("予算: 50万円"),
      added("予算: 45万円"),
      same("期間: 1年"),
    ]);
  });

  it("handles a field filled in or emptied", () => {
    expect(diffLines("", "新しい段落")).toEqual([added("新しい段落")]);
    expect(diffLines("古い段落\n二行目", undefined)).toEqual([removed("古い段落"), removed("二行目")]);
  });

  it("keeps the longest common run when lines move", () => {
    const lines = diffLines("a\nb\nc\nd", "b\nc\nd\na");
    expect(lines.filter((l) => l.kind === "unchanged").map((l) => l.text)).toEqual(["b", "c", "d"]);
    expect(lines).toEqual([removed("a"), same("b"), same("c"), same("d"), added("a")]);
  });

  it("rebuilds both versions from the diff for a long field", () => {
    const before = Array.from({ length: 200 }, (_, i) => `第${i}段落。地域の見守り活動について。`).join("\n");
    const afterLines = before.split("\n").filter((_, i) => i % 7 !== 3);
    afterLines.splice(50, 0, "追加した段落");
    afterLines[120] = "書き換えた段落";
    const after = afterLines.join("\n");
    expect(before.length).toBeGreaterThan(4000);

    const lines = diffLines(before, after);
    expect(lines.filter((l) => l.kind !== "added").map((l) => l.text).join("\n")).toBe(before);
    expect(lines.filter((l) => l.kind !== "removed").map((l) => l.text).join("\n")).toBe(after);
    expect(lines.filter((l) => l.kind === "added").map((l) => l.text)).toEqual(["追加した段落", "書き換えた段落"]);
  });
});

describe("diffFields", () => {
  const labels = { purpose: "目的", content: "事業内容", budget: "予算" };

  it("lists the fields in the form's order with labels, flagging the ones that changed", () => {
    const diff = diffFields(
      { purpose: "子どもの居場所づくり", content: "週1回の開催", budget: "50万円" },
      { purpose: "子どもの居場所づくり", content: "週2回の開催", budget: "50万円" },
      labels,
    );
    expect(diff.map((f) => [f.label, f.changed])).toEqual([
      ["目的", false],
      ["事業内容", true],
      ["予算", false],
    ]);
    expect(diff[1].lines).toEqual([removed("週1回の開催"), added("週2回の開催")]);
  });

  it("treats a field missing on one side as empty, and keeps unlabelled fields by their key", () => {
    const diff = diffFields({ purpose: "目的文" }, { purpose: "目的文", note: "備考を追加" }, { purpose: "目的" });
    expect(diff).toEqual([
      { field: "purpose", label: "目的", changed: false, lines: [same("目的文")] },
      { field: "note", label: "note", changed: true, lines: [added("備考を追加")] },
    ]);
  });
});
