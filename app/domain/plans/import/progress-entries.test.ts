import { describe, expect, it } from "vitest";
import { cleanCell } from "../text";
import { IssueLog, PlanImportError } from "./issues";
import { parseProgressCell, splitEntryTexts } from "./progress-entries";

function parse(cell: string) {
  const log = new IssueLog();
  const result = parseProgressCell(cleanCell(cell), 7, log);
  return { ...result, log };
}

describe("splitEntryTexts", () => {
  it("splits bulleted entries", () => {
    expect(
      splitEntryTexts(cleanCell('<ul style="list-style-type: none"> ・講座名・内容に見直し(平成25～29年度)【企画政策課】 ・講座をPR(平成27～29年度)【企画政策課】')),
    ).toEqual(["講座名・内容に見直し(平成25～29年度)【企画政策課】", "講座をPR(平成27～29年度)【企画政策課】"]);
  });

  it("splits entries whose bullets were lost, after each (period)【department】", () => {
    expect(
      splitEntryTexts("北総線各駅にイベントポスター等の掲示(平成25～29年度)【企画政策課】 北総線白井駅、西白井駅内の市広報ラックにチラシ等を設置(平成25～28年度)【秘書広報課】"),
    ).toEqual([
      "北総線各駅にイベントポスター等の掲示(平成25～29年度)【企画政策課】",
      "北総線白井駅、西白井駅内の市広報ラックにチラシ等を設置(平成25～28年度)【秘書広報課】",
    ]);
  });

  it("does not split at a bracketed word inside the text", () => {
    expect(splitEntryTexts("・市民活動コーディネーター講座【基礎編】の実施(平成 25 年度)【市民活動支援課】")).toEqual([
      "市民活動コーディネーター講座【基礎編】の実施(平成 25 年度)【市民活動支援課】",
    ]);
  });
});

describe("parseProgressCell", () => {
  it("reads text, period and departments of each entry", () => {
    const { entries, status, log } = parse(
      "・池の上小学校にて防災リアル訓練の実施（平成27～29年度）【市民活動支援課、市民安全課】 ・第 2 次地域福祉計画策定作業部会でワークショップ形式の会議を実施(2回)(平成 28 年度)【社会福祉課】",
    );
    expect(status).toBeUndefined();
    expect(log.warnings).toEqual([]);
    expect(entries).toEqual([
      {
        text: "池の上小学校にて防災リアル訓練の実施",
        fiscalYearFrom: 2015,
        fiscalYearTo: 2017,
        fiscalYearLabel: "平成27～29年度",
        departments: ["市民活動支援課", "市民安全課"],
        line: 7,
      },
      {
        text: "第 2 次地域福祉計画策定作業部会でワークショップ形式の会議を実施(2回)",
        fiscalYearFrom: 2016,
        fiscalYearTo: 2016,
        fiscalYearLabel: "平成28年度",
        departments: ["社会福祉課"],
        line: 7,
      },
    ]);
  });

  it("takes the period at the end, not a date inside the text", () => {
    const { entries } = parse("・平成 28 年 3 月制定の都市マスタープランの中で位置付け、制定。(平成 27 年度)【都市計画課】");
    expect(entries[0]).toMatchObject({ text: "平成 28 年 3 月制定の都市マスタープランの中で位置付け、制定。", fiscalYearFrom: 2015 });
  });

  it("keeps lists of years and 通年 as printed", () => {
    const { entries } = parse("・他自治体のセンターを視察(平成 25、26、28 年度)【市民活動支援課】 ・アンケートを実施(通年)【プラネタリウム館】");
    expect(entries.map((entry) => [entry.fiscalYearLabel, entry.fiscalYearFrom, entry.fiscalYearTo])).toEqual([
      ["平成25、26、28年度", 2013, 2016],
      ["通年", null, null],
    ]);
  });

  it("reads ・未実施 as the status, not as an entry", () => {
    const { entries, status } = parse("・未実施");
    expect(status).toBe("未実施");
    expect(entries).toEqual([]);
  });

  it("warns about an entry without department or period, with the line number", () => {
    const { entries, log } = parse("・意見交換会の実施(平成 25～29 年度) ・報告のみ【企画政策課】");
    expect(entries).toHaveLength(2);
    expect(entries[0].departments).toEqual([]);
    expect(entries[1].fiscalYearFrom).toBeNull();
    expect(log.warnings.map((warning) => warning.line)).toEqual([7, 7]);
    expect(log.warnings[0].message).toContain("担当課【】がありません");
    expect(log.warnings[1].message).toContain("実施年度");
  });

  it("treats an unclosed 【 as a truncated file", () => {
    const { log } = parse("・ホームページリニューアル(平成26年度)【秘書広");
    expect(() => log.finish()).toThrow(PlanImportError);
    expect(log.errors).toEqual([{ line: 7, message: expect.stringContaining("【】が閉じていません") }]);
  });
});
