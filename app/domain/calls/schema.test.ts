import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { callFormValues, callSchema, frozenPart, storedFrozenPart, type StoredCall } from "./schema";

const VALID: Record<string, string | string[]> = {
  fiscalYear: "令和9年度",
  type: "citizen",
  title: "市民提案型協働事業",
  description: "地域の課題を市と一緒に解決する事業を募集します。",
  minMembers: "5",
  minYearsActive: "",
  opensAt: "2027-01-10T09:00",
  closesAt: "2027-02-10T17:00",
  graceMinutes: "30",
  budgetCapPerProposal: "1000000",
  budgetCapTotal: "5000000",
  cityShareByYear: "90, 80, 70",
  requiredAttachments: "事業計画書\n収支予算書\n\n団体の規約",
  stages: ["formal_check", "document_review", "presentation"],
  "criteria[0].name": "公益性",
  "criteria[0].description": "市民全体の利益になるか",
  "criteria[0].maxPoints": "10",
  "criteria[0].weight": "2",
  "criteria[1].name": "",
};

function parse(fields: Record<string, string | string[] | undefined>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return parseWithZod(data, { schema: callSchema });
}

function errorsOf(fields: Record<string, string | string[] | undefined>) {
  const result = parse(fields);
  expect(result.status).toBe("error");
  return result.reply().error ?? {};
}

describe("the call form", () => {
  it("reads a complete form: Tokyo times to UTC, shares, attachments by line, blank criteria rows dropped", () => {
    const result = parse(VALID);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({
      fiscalYear: 2027,
      minMembers: 5,
      minYearsActive: null,
      opensAt: "2027-01-10T00:00:00.000Z",
      closesAt: "2027-02-10T08:00:00.000Z",
      cityShareByYear: [90, 80, 70],
      requiredAttachments: ["事業計画書", "収支予算書", "団体の規約"],
      criteria: [{ name: "公益性", description: "市民全体の利益になるか", maxPoints: 10, weight: 2 }],
      sheetIds: [],
    });
  });

  it.each([
    ["closing before opening", { closesAt: "2027-01-09T17:00" }, "closesAt", "締切日時は受付開始日時より後にしてください"],
    ["closing at the opening instant", { closesAt: "2027-01-10T09:00" }, "closesAt", "締切日時は受付開始日時より後にしてください"],
    ["weight 0", { "criteria[0].weight": "0" }, "criteria[0].weight", "重みは1〜10の整数で入力してください"],
    ["no points", { "criteria[0].maxPoints": "" }, "criteria[0].maxPoints", "配点は1〜100点で入力してください"],
    ["a criterion without a name", { "criteria[0].name": "" }, "criteria[0].name", "審査項目名を入力してください"],
    ["a negative cap", { budgetCapPerProposal: "-1" }, "budgetCapPerProposal", "1提案あたりの上限額は0円以上で入力してください"],
    ["a cap above the total", { budgetCapPerProposal: "6000000" }, "budgetCapPerProposal", "1提案あたりの上限額は募集全体の予算額以下にしてください"],
    ["a share above 100", { cityShareByYear: "90, 120" }, "cityShareByYear", "市の負担割合は1〜100の整数を年ごとにカンマで区切って入力してください（例: 90, 80, 70）"],
    ["no stage", { stages: undefined }, "stages", "審査の段階を1つ以上選んでください"],
    ["an unreadable year", { fiscalYear: "来年" }, "fiscalYear", "年度は「令和9年度」「R9」「2027」のように入力してください"],
    ["an impossible date", { opensAt: "2027-02-30T09:00" }, "opensAt", "受付開始日時を日時で入力してください（例: 2027-01-10 9:00）"],
    ["a government call without sheets", { type: "government" }, "sheetIds", "行政提案型の募集では、対象のマッチングシートを1つ以上選んでください"],
    ["no title", { title: "" }, "title", "募集名を入力してください"],
  ] as const)("%s: says so beside the field", (_, change, field, message) => {
    expect(errorsOf({ ...VALID, ...change })[field]).toContain(message);
  });

  it("needs one criterion", () => {
    expect(errorsOf({ ...VALID, "criteria[0].name": "", "criteria[0].description": "", "criteria[0].maxPoints": "", "criteria[0].weight": "" }).criteria).toContain(
      "審査項目を1つ以上入力してください",
    );
  });

  it("drops sheets ticked on a citizen call", () => {
    const result = parse({ ...VALID, sheetIds: ["s1"] });
    expect(result.status === "success" && result.value.sheetIds).toEqual([]);
  });
});

describe("what freezing covers", () => {
  const stored: StoredCall = {
    fiscal_year: 2027,
    type: "citizen",
    title: "市民提案型協働事業",
    description: "説明",
    min_members: 5,
    min_years_active: null,
    opens_at: "2027-01-10T00:00:00.000Z",
    closes_at: "2027-02-10T08:00:00.000Z",
    grace_minutes: 30,
    budget_cap_per_proposal: 1_000_000,
    budget_cap_total: 5_000_000,
    city_share_by_year: [90, 80, 70],
    required_attachments: ["事業計画書", "収支予算書", "団体の規約"],
    stages: ["formal_check", "document_review", "presentation"],
    sheetIds: [],
    criteria: [{ name: "公益性", description: "市民全体の利益になるか", max_points: 10, weight: 2 }],
  };
  const parsed = (fields: Record<string, string | string[]>) => {
    const result = parse({ ...callFormValuesAsFields(stored), ...fields });
    if (result.status !== "success") throw new Error(JSON.stringify(result.reply().error));
    return frozenPart(result.value);
  };

  it("the stored call read back through the form is unchanged", () => {
    expect(parsed({})).toBe(storedFrozenPart(stored));
  });

  it("title and description are not part of it", () => {
    expect(parsed({ title: "誤字を直した募集名", description: "直した説明" })).toBe(storedFrozenPart(stored));
  });

  it.each([
    ["a weight", { "criteria[0].weight": "3" }],
    ["the closing time", { closesAt: "2027-02-11T17:00" }],
    ["the shares", { cityShareByYear: "90, 80" }],
    ["the cap", { budgetCapPerProposal: "900000" }],
  ])("%s is", (_, change) => {
    expect(parsed(change)).not.toBe(storedFrozenPart(stored));
  });
});

function callFormValuesAsFields(call: StoredCall): Record<string, string | string[]> {
  const { criteria, ...values } = callFormValues(call);
  const fields: Record<string, string | string[]> = { ...values };
  criteria.forEach((c, i) => {
    fields[`criteria[${i}].name`] = c.name;
    fields[`criteria[${i}].description`] = c.description;
    fields[`criteria[${i}].maxPoints`] = c.maxPoints;
    fields[`criteria[${i}].weight`] = c.weight;
  });
  return fields;
}
