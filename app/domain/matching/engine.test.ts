import { describe, expect, it } from "vitest";
import { groups as fixtureGroups } from "../../../tests/fixtures/matching/groups";
import { sheets as fixtureSheets } from "../../../tests/fixtures/matching/sheets";
import {
  buildGroupIndex,
  buildSheetIndex,
  rankedScores,
  scorePair,
  suggestGroups,
  suggestSheets,
} from "./engine";
import type { MatchGroup, MatchSheet, Reason } from "./types";

function group(id: string, overrides: Partial<MatchGroup> = {}): MatchGroup {
  return {
    id,
    name: `団体${id}`,
    legalForm: "voluntary",
    fields: [],
    areas: [],
    mission: "",
    wishes: "",
    pastCollaboration: "",
    activities: [],
    ...overrides,
  };
}

function sheet(id: string, overrides: Partial<MatchSheet> = {}): MatchSheet {
  return {
    id,
    title: "",
    departmentName: "生涯学習課",
    fields: [],
    areas: [],
    forms: [],
    background: "",
    outcomes: "",
    offer: "",
    ...overrides,
  };
}

const studySheet = sheet("s1", {
  title: "放課後の学習支援の充実",
  fields: ["child_development", "social_education"],
  areas: ["nishi_shiroi"],
  background: "塾に通えない中学生が増えています。",
  outcomes: "中学生が無料で学習支援を受けられること。",
});

const terakoya = group("g-terakoya", {
  name: "寺子屋まなび塾",
  fields: ["child_development", "environment"],
  areas: ["nishi_shiroi"],
  mission: "塾に通えない小中学生に無料で勉強を教えています。",
  pastCollaboration: "2022年度 生涯学習課と共催",
  activities: [
    { fiscalYear: 2022, title: "夏祭りの手伝い", description: "地区の夏祭りで模擬店を出した。" },
    { fiscalYear: 2023, title: "放課後学習教室", description: "週2回、中学生に学習支援。" },
  ],
});

// Groups that share nothing topical with the study sheet, to surround the one that fits.
const others = [
  group("g-satoyama", { fields: ["environment"], mission: "雑木林の下草刈りと竹林の整備。" }),
  group("g-bohan", { fields: ["community_safety"], mission: "夜間の防犯パトロール。", areas: ["nishi_shiroi"] }),
  group("g-gassho", { fields: ["culture_arts_sports"], mission: "合唱の定期演奏会。" }),
];

function byKind<K extends Reason["kind"]>(reasons: Reason[], kind: K) {
  return reasons.find((r): r is Extract<Reason, { kind: K }> => r.kind === kind);
}

describe("suggestGroups", () => {
  it("explains a suggestion with every reason that applies, in Japanese", () => {
    const [top] = suggestGroups(buildGroupIndex([terakoya, ...others]), studySheet);
    expect(top!.id).toBe("g-terakoya");
    const reasons = top!.reasons;
    expect(byKind(reasons, "fields")).toMatchObject({ codes: ["child_development"], text: "活動分野が共通: 子どもの健全育成" });
    expect(byKind(reasons, "words")!.words).toEqual(expect.arrayContaining(["中学生", "無料"]));
    expect(byKind(reasons, "words")!.text).toMatch(/^共通する言葉: .*中学生/);
    expect(byKind(reasons, "area")).toMatchObject({ exact: true, text: "活動地域: 西白井地区" });
    // The activity cited is the one that fits, not the first or the latest.
    expect(byKind(reasons, "track_record")!.text).toBe("活動実績: 令和5年度（2023年度） 放課後学習教室");
    expect(byKind(reasons, "past_collaboration")).toMatchObject({
      sameDepartment: true,
      text: "市との協働経験あり（生涯学習課）",
    });
    // The reasons' points add up to the score (each rounded to 0.1).
    const sum = reasons.reduce((s, r) => s + r.points, 0);
    expect(Math.abs(sum - top!.score)).toBeLessThan(0.5);
  });

  it("says only 市との協働経験あり when the group worked with another department", () => {
    const [top] = suggestGroups(buildGroupIndex([terakoya]), { ...studySheet, departmentName: "社会福祉課" });
    expect(byKind(top!.reasons, "past_collaboration")).toMatchObject({
      sameDepartment: false,
      departmentName: null,
      text: "市との協働経験あり",
    });
  });

  it("counts 市内全域 as a partial area match", () => {
    const citywide = group("g-city", { ...terakoya, id: "g-city", areas: ["citywide"] });
    const [top] = suggestGroups(buildGroupIndex([citywide]), studySheet);
    const area = byKind(top!.reasons, "area")!;
    expect(area.exact).toBe(false);
    expect(area.text).toBe("活動地域: 市内全域と西白井地区");
    const [exact] = suggestGroups(buildGroupIndex([terakoya]), studySheet);
    expect(top!.score).toBeLessThan(exact!.score);
  });

  it("never suggests a group that shares nothing, nor one that shares only area and past collaboration", () => {
    const onlyArea = group("g-area", {
      fields: ["community_safety"],
      areas: ["nishi_shiroi"],
      mission: "夜間の防犯パトロール。",
      pastCollaboration: "生涯学習課の講座に協力",
    });
    const suggestions = suggestGroups(buildGroupIndex([terakoya, onlyArea, ...others]), studySheet, 100);
    expect(suggestions.map((s) => s.id)).toEqual(["g-terakoya"]);
    expect(suggestions.every((s) => s.score > 0)).toBe(true);
  });

  it("doesn't make a match out of the everyday words every text has", () => {
    const generic = group("g-generic", {
      fields: ["culture_arts_sports"],
      mission: "地域の市民活動を支援し、協働を推進する団体です。",
      wishes: "市民活動の推進に取り組みたい。",
    });
    const genericSheet = sheet("s-generic", {
      title: "地域の市民活動と協働の推進",
      fields: ["environment"],
      background: "市民活動団体の支援と協働の推進が課題です。",
    });
    expect(suggestGroups(buildGroupIndex([generic]), genericSheet)).toEqual([]);
  });

  it("matches width and kana variants of the same word", () => {
    const halfWidth = group("g-half", { mission: "ﾎﾞﾗﾝﾃｨｱで ＩＣＴ 講座を開く。" });
    const fullWidth = sheet("s-full", { title: "ボランティアによるICT講座" });
    const [top] = suggestGroups(buildGroupIndex([halfWidth, ...others]), fullWidth);
    expect(top!.id).toBe("g-half");
    expect(byKind(top!.reasons, "words")!.words).toEqual(expect.arrayContaining(["ボランティア", "ICT", "講座"]));
  });

  it("gives the same list whatever the order of the groups, ties broken by id", () => {
    const twinA = group("g-a", { ...terakoya, id: "g-a", pastCollaboration: "" });
    const twinB = group("g-b", { ...terakoya, id: "g-b", pastCollaboration: "" });
    const forward = suggestGroups(buildGroupIndex([twinB, twinA, ...others]), studySheet);
    const backward = suggestGroups(buildGroupIndex([...others].reverse().concat([twinA, twinB])), studySheet);
    expect(forward).toEqual(backward);
    expect(forward.map((s) => s.id)).toEqual(["g-a", "g-b"]);
    expect(forward[0]!.score).toBe(forward[1]!.score);
  });

  it("respects the limit", () => {
    const index = buildGroupIndex(fixtureGroups);
    expect(suggestGroups(index, fixtureSheets[0]!, 3)).toHaveLength(3);
  });
});

describe("the index and a direct computation", () => {
  it("agree on every pair of the fixture set, and the index finds every pair with a score", () => {
    const index = buildGroupIndex(fixtureGroups);
    for (const s of fixtureSheets) {
      const ranked = new Map(rankedScores(index, s).map((r) => [r.id, r.score]));
      for (const g of fixtureGroups) {
        const direct = scorePair(index, s, g);
        if (direct > 0) expect(ranked.get(g.id), `${s.id} × ${g.id}`).toBeCloseTo(direct, 9);
        else expect(ranked.has(g.id), `${s.id} × ${g.id}`).toBe(false);
      }
    }
  });

  it("give the same top ten whether everything is sorted or only the best are kept", () => {
    const index = buildGroupIndex(fixtureGroups);
    for (const s of fixtureSheets) {
      const full = rankedScores(index, s).slice(0, 10).map((r) => r.id);
      expect(suggestGroups(index, s, 10).map((r) => r.id), s.id).toEqual(full);
    }
    expect(suggestGroups(index, fixtureSheets[0]!, 0)).toEqual([]);
  });

  it("agree the other way round, for sheets suggested to a group", () => {
    const index = buildSheetIndex(fixtureSheets);
    for (const g of fixtureGroups.slice(0, 20)) {
      const ranked = new Map(rankedScores(index, g).map((r) => [r.id, r.score]));
      for (const s of fixtureSheets) {
        const direct = scorePair(index, s, g);
        if (direct > 0) expect(ranked.get(s.id), `${g.id} × ${s.id}`).toBeCloseTo(direct, 9);
        else expect(ranked.has(s.id)).toBe(false);
      }
    }
  });

  it("agree on every suggestion's reasons too: their points add up to its score", () => {
    // The score comes from the index's postings, the reasons from the texts worked out again; up to five
    // reasons and the score, each rounded to 0.1.
    const addsUp = (s: { id: string; score: number; reasons: Reason[] }, of: string) =>
      expect(Math.abs(s.reasons.reduce((sum, r) => sum + r.points, 0) - s.score), `${of} → ${s.id}`).toBeLessThan(0.31);
    const groupIndex = buildGroupIndex(fixtureGroups);
    for (const s of fixtureSheets) for (const suggestion of suggestGroups(groupIndex, s, 10)) addsUp(suggestion, s.id);
    const sheetIndex = buildSheetIndex(fixtureSheets);
    for (const g of fixtureGroups) for (const suggestion of suggestSheets(sheetIndex, g, 10)) addsUp(suggestion, g.id);
  });
});

describe("suggestSheets", () => {
  it("suggests the sheets that fit a group, with the same kinds of reasons", () => {
    const other = sheet("s-other", { title: "公園の花壇の手入れ", fields: ["environment"], departmentName: "都市計画課" });
    const suggestions = suggestSheets(buildSheetIndex([other, studySheet]), terakoya);
    expect(suggestions[0]!.id).toBe("s1");
    const kinds = suggestions[0]!.reasons.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["fields", "words", "area", "track_record", "past_collaboration"]));
    expect(byKind(suggestions[0]!.reasons, "track_record")!.text).toBe("活動実績: 令和5年度（2023年度） 放課後学習教室");
  });

  it("ranks the fixture's sheets for a group so that its own topic comes first", () => {
    const index = buildSheetIndex(fixtureSheets);
    const satoyama = fixtureGroups.find((g) => g.id === "g-satoyama")!;
    expect(suggestSheets(index, satoyama, 1)[0]!.id).toBe("s05-satoyama");
  });
});
