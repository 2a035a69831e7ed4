// The review's forms as the server reads them: scores within range, full-width digits, what a draft may
// leave open, a criterion of another call; the rules form's fields to rules and back.
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "./aggregation";
import { panelFormSchema, parseRulesForm, parseScoreSheet, rulesFormValues } from "./schema";

const criteria = [
  { id: "k", name: "公益性", minPoints: 0, maxPoints: 10 },
  { id: "j", name: "実現可能性", minPoints: 1, maxPoints: 5 },
];

describe("parseScoreSheet", () => {
  it("reads whole numbers within each range, full-width digits too", () => {
    const parsed = parseScoreSheet({ intent: "submit", revision: "2", "points.k": "１０", "points.j": " 1 ", commentForApplicant: " よい提案です ", privateNote: "" }, criteria);
    expect(parsed).toEqual({ ok: true, value: { intent: "submit", revision: 2, points: { k: 10, j: 1 }, commentForApplicant: "よい提案です", privateNote: "" } });
  });

  it("lets a draft leave a criterion open but not a submission", () => {
    expect(parseScoreSheet({ intent: "save", revision: "0", "points.k": "3" }, criteria).ok).toBe(true);
    expect(parseScoreSheet({ intent: "submit", revision: "0", "points.k": "3" }, criteria)).toEqual({ ok: false, fieldErrors: { "points.j": ["「実現可能性」の点数を入力してください（1〜5点）"] } });
  });

  it("refuses out of range, non-numbers, decimals and criteria of another call", () => {
    const parsed = parseScoreSheet({ intent: "save", revision: "0", "points.k": "11", "points.j": "2.5", "points.x": "3" }, criteria);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors["points.k"]).toEqual(["「公益性」の点数は0〜10点の範囲で入力してください"]);
    expect(parsed.fieldErrors["points.j"]).toEqual(["「実現可能性」の点数は1〜5の整数で入力してください"]);
    expect(parsed.fieldErrors.form).toEqual(["この募集にない審査項目の点数が送られました。ページを再読み込みしてください。"]);
  });
});

describe("the rules form", () => {
  it("round-trips the defaults", () => {
    const parsed = parseRulesForm({ ...rulesFormValues(DEFAULT_RULES), intent: "rules" });
    expect(parsed).toEqual({ ok: true, value: DEFAULT_RULES });
  });

  it("reads a city's rules and shows bad numbers beside their field", () => {
    const parsed = parseRulesForm({ intent: "rules", combine: "sum", dropHighLow: "on", dropHighLowMinReviewers: "4", scaleTo: "100", rounding: "floor", roundingDigits: "2", passLineValue: "50", passLineUnit: "points", rejectAtMost: "0", rejectShare: "half_or_more", rejectCriterion: "" });
    expect(parsed.ok && parsed.value).toMatchObject({ combine: "sum", dropHighLow: true, dropHighLowMinReviewers: 4, scaleTo: 100, rounding: "floor", passLine: { value: 50, unit: "points" }, rejections: [{ criterionId: null, atMost: 0, share: "half_or_more" }] });
    expect(parseRulesForm({ intent: "rules", passLineValue: "五十" })).toEqual({ ok: false, fieldErrors: { passLineValue: ["合格ラインは半角数字で入力してください"] } });
    expect(parseRulesForm({ intent: "rules", dropHighLowMinReviewers: "2" })).toEqual({ ok: false, fieldErrors: { dropHighLowMinReviewers: ["3人以上で指定してください"] } });
  });
});

describe("the coordinator's panel forms", () => {
  it("reads a deadline as Japan time and refuses an unreadable one in Japanese", () => {
    const ok = panelFormSchema.safeParse({ intent: "stage", stage: "document_review", deadline: "2027-01-10T17:00", latePolicy: "allow" });
    expect(ok.success && ok.data).toMatchObject({ deadline: "2027-01-10T08:00:00.000Z", latePolicy: "allow", showOthers: false });
    const bad = panelFormSchema.safeParse({ intent: "stage", stage: "document_review", deadline: "1月10日" });
    expect(bad.error?.issues[0].message).toBe("締切を日時で入力してください（例: 2027-01-10 17:00、日本時間）");
    expect(panelFormSchema.safeParse({ intent: "assign", stage: "document_review" }).error?.issues[0].message).toBe("割り当てる審査委員を選んでください");
  });
});
