import { describe, expect, it } from "vitest";
import { searchWords } from "../search/japanese-text";
import { searchTextOf, visibleProfile, type GroupProfile } from "./profile";

const profile: GroupProfile = {
  id: "g1",
  name: "しろい子育てネット",
  nameKana: "しろいこそだてねっと",
  status: "approved",
  statusReason: null,
  legalForm: "npo_corporation",
  actorType: "civic_group",
  fields: ["child_development"],
  areas: ["citywide"],
  foundedYear: 2012,
  foundedMonth: 4,
  memberCount: 38,
  representativeName: "石井 由美子",
  email: { value: "info@example.jp", visibility: "public" },
  phone: { value: "047-492-0000", visibility: "staff" },
  address: { value: "白井市復", visibility: "staff" },
  website: { value: "https://example.jp", visibility: "public" },
  mission: "親子ひろばの運営",
  wishes: "父親の育児参加",
  pastCollaboration: null,
  activities: [{ fiscalYear: 2023, title: "情報誌の発行", description: "年4回" }],
  createdAt: "",
  updatedAt: "",
};

describe("what a viewer sees of a profile", () => {
  it("takes staff-only contacts and the representative out for the public", () => {
    const seen = visibleProfile(profile, false);
    expect(seen.phone.value).toBeNull();
    expect(seen.address.value).toBeNull();
    expect(seen.representativeName).toBeNull();
    expect(seen.email.value).toBe("info@example.jp");
    expect(JSON.stringify(seen)).not.toContain("047-492-0000");
    expect(visibleProfile(profile, true)).toEqual(profile);
  });
});

describe("the folded search text", () => {
  it("holds names, labels, texts and the track record, folded", () => {
    const text = searchTextOf(profile);
    for (const word of ["子育", "こそだて", "npo法人", "子どもの健全育成", "市内全域", "父親", "情報誌"]) {
      expect({ word, found: searchWords(word).every((w) => text.includes(w)) }).toEqual({ word, found: true });
    }
    expect(searchWords("ｺｿﾀﾞﾃ　ＮＰＯ")).toEqual(["こそだて", "npo"]);
  });
});
