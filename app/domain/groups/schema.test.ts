import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { groupProfileSchema, reviewSchema } from "./schema";

const valid: Record<string, string | string[]> = {
  name: "白井里山の会",
  nameKana: "しろいさとやまのかい",
  legalForm: "voluntary",
  actorType: "civic_group",
  fields: ["environment"],
  areas: ["northern_rural"],
  representativeName: "高橋 正雄",
  mission: "里山を守ります",
};

function parse(overrides: Record<string, string | string[]> = {}) {
  const formData = new FormData();
  for (const [k, v] of Object.entries({ ...valid, ...overrides })) for (const item of [v].flat()) formData.append(k, item);
  return parseWithZod(formData, { schema: groupProfileSchema });
}

function errors(overrides: Record<string, string | string[]>) {
  return parse(overrides).reply().error ?? {};
}

describe("the group profile form", () => {
  it("accepts a minimal profile with contacts staff-only by default", () => {
    const result = parse();
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({ email: null, emailVisibility: "staff", foundedYear: null, memberCount: null, activities: [] });
  });

  it("takes furigana in hiragana, katakana or half-width katakana, and refuses kanji and letters", () => {
    for (const kana of ["しろいさとやま", "シロイサトヤマ", "ｼﾛｲｻﾄﾔﾏ", "しろい・さとやま の かい"]) expect(parse({ nameKana: kana }).status).toBe("success");
    for (const kana of ["白井里山", "shiroi", "しろい1"]) {
      expect(errors({ nameKana: kana }).nameKana).toEqual(["ふりがなは、ひらがなまたはカタカナで入力してください（漢字・英数字は使えません）"]);
    }
  });

  it("checks phone numbers and e-mail addresses", () => {
    expect(errors({ phone: "047-abc-1111" }).phone).toEqual(["電話番号は数字とハイフンで入力してください（例: 047-492-1111）"]);
    expect(errors({ phone: "123" }).phone).toBeDefined();
    const ok = parse({ phone: "０４７－４９２－１１１１" });
    expect(ok.status === "success" && ok.value.phone).toBe("047-492-1111");
    expect(errors({ email: "info.example.jp" }).email).toEqual(["メールアドレスの形式が正しくありません（例: info@example.jp）"]);
    expect(errors({ website: "javascript:alert(1)" }).website).toBeDefined();
  });

  it("refuses a 100,000-character text with its length limit", () => {
    expect(errors({ mission: "あ".repeat(100_000) }).mission).toEqual(["活動の目的・内容は2000文字以内で入力してください"]);
    expect(errors({ name: "あ".repeat(100_000) }).name).toEqual(["団体名は100文字以内で入力してください"]);
  });

  it("reads founding years in either notation", () => {
    for (const [text, year] of [["2021", 2021], ["令和3年", 2021], ["R3", 2021], ["Ｒ３", 2021], ["平成31年", 2019], ["令和元年", 2019]] as const) {
      const result = parse({ foundedYear: text });
      expect({ text, year: result.status === "success" ? result.value.foundedYear : null }).toEqual({ text, year });
    }
    expect(errors({ foundedYear: "昔" }).foundedYear).toBeDefined();
    expect(errors({ foundedYear: "3000" }).foundedYear).toBeDefined();
  });

  it("asks for at least one field and area, and names missing required fields", () => {
    const result = errors({ fields: [], areas: [], name: "", legalForm: "" });
    expect(result.fields).toEqual(["活動分野を1つ以上選んでください"]);
    expect(result.areas).toEqual(["活動地域を1つ以上選んでください"]);
    expect(result.name).toEqual(["団体名を入力してください"]);
    expect(result.legalForm).toEqual(["法人格・団体の種類を選んでください"]);
  });

  it("keeps filled track-record rows, drops empty ones, and wants a title for a filled row", () => {
    const result = parse({
      "activities[0].fiscalYear": "R5",
      "activities[0].title": "観察会",
      "activities[1].title": "",
      "activities[2].title": "清掃",
    });
    expect(result.status === "success" && result.value.activities).toEqual([
      { fiscalYear: 2023, title: "観察会", description: null },
      { fiscalYear: null, title: "清掃", description: null },
    ]);
    expect(errors({ "activities[0].description": "内容だけ" })["activities[0].title"]).toEqual(["活動名を入力してください"]);
    expect(errors({ "activities[0].title": "x", "activities[0].fiscalYear": "昨年" })["activities[0].fiscalYear"]).toBeDefined();
  });
});

describe("the review form", () => {
  it("wants a reason to reject or suspend, not to approve", () => {
    const form = (decision: string, reason = "") => {
      const fd = new FormData();
      fd.append("groupId", "g1");
      fd.append("decision", decision);
      fd.append("reason", reason);
      return parseWithZod(fd, { schema: reviewSchema });
    };
    expect(form("approve").status).toBe("success");
    expect(form("reject").reply().error?.reason).toEqual(["差戻し・停止の理由を入力してください（団体に表示されます）"]);
    expect(form("suspend", "連絡不通").status).toBe("success");
  });
});
