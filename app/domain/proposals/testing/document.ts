// Test-only: proposal documents for the printed page and the PDF — a typical submitted proposal, and a
// long one (every text near its limit, many rows) that needs several pages.
import { MAX_ROWS, proposalContentSchema, type ProposalContent } from "../content";
import type { ProposalDocument } from "../document";

export function sampleContent(overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    ...proposalContentSchema.parse({
      title: "地域ぐるみの高齢者見守りネットワーク事業",
      problem: "市内の高齢化率は32%を超え、一人暮らしの高齢者が増えています。\n町内会の調査では、見守りの担い手が不足していると回答した地区が7割ありました。",
      purpose: "地域の住民・事業者・市が協力して見守りの網をつくり、孤立を防ぎます。\n3年目までに全地区で見守り協定を結ぶことを目標とします。",
      contentWho: "一人暮らしの65歳以上の高齢者と、見守りに参加する住民・事業者",
      contentWhat: "見守りボランティア養成講座の開催、新聞販売店・郵便局との見守り協定、月1回の訪問活動",
      contentWhere: "市内12地区の公民館・集会所",
      contentScale: "講座 年6回（各30人）、訪問 月1回 約200世帯",
      whyCollaboration: "市は対象者の情報と地区との関係を、団体は訪問の担い手と継続の仕組みを持ち、どちらか一方では届かない世帯に届くためです。",
      groupBrings: "ボランティアの募集・養成、訪問の実施と記録",
      cityBrings: "講座会場の確保、広報紙への掲載、民生委員との連絡調整",
      effects: "孤立した高齢者の早期発見、住民同士のつながりの回復",
      beneficiaries: "一人暮らしの高齢者とその家族、地区の住民",
      continuity: "3年目以降は地区社協の事業として続けられるよう、運営の手引きを作って引き継ぎます。",
      team: "代表1名、事務局2名、ボランティア約40名",
      schedule: [
        { month: "4月", activity: "準備会・協定先への説明" },
        { month: "5月〜6月", activity: "見守りボランティア養成講座（第1期）" },
        { month: "7月〜3月", activity: "訪問活動（月1回）と記録の集計" },
      ],
      roles: [
        { task: "広報", group: "チラシの作成・配布", city: "広報紙・ホームページへの掲載" },
        { task: "講座", group: "講師の手配と運営", city: "会場の確保" },
      ],
      budget: [
        { year: 1, item: "講師謝礼", amount: 180000, bearer: "city" },
        { year: 1, item: "印刷費", amount: 60000, bearer: "group" },
        { year: 2, item: "講師謝礼", amount: 180000, bearer: "city" },
        { year: 2, item: "会場費", amount: 45000, bearer: "other" },
      ],
      indicators: [
        { name: "養成講座の修了者数", target: "年60人" },
        { name: "見守り協定の締結地区数", target: "3年目までに12地区" },
      ],
    }),
    ...overrides,
  };
}

export function sampleProposalDocument(overrides: Partial<ProposalDocument> = {}): ProposalDocument {
  return {
    receiptNumber: "R9-市民-0003",
    statusLabel: "受付済み",
    version: 1,
    submittedAt: "2027-05-20T01:30:00.000Z",
    fiscalYear: 2027,
    callTitle: "令和9年度 協働事業提案制度（市民提案型）",
    typeLabel: "市民提案型",
    theme: "高齢福祉課、地域振興課",
    groupName: "NPO法人 みどりの里まちづくりの会",
    content: sampleContent(),
    attachments: [
      { label: "団体の定款", fileName: "定款.pdf", size: 245_760 },
      { label: "収支予算書", fileName: "収支予算書_2027.xlsx", size: 18_432 },
    ],
    ...overrides,
  };
}

/** A paragraph of `length` characters without any space (Japanese prose), ending in 。. */
export function japaneseParagraph(length: number, seed = "地域の住民と市が協力して見守りの担い手を育て、孤立しがちな高齢者を訪ねる活動を広げます"): string {
  let text = "";
  while (text.length < length - 1) text += seed;
  return `${text.slice(0, length - 1)}。`;
}

/** Every text near its limit and every table full: several pages. */
export function longProposalDocument(): ProposalDocument {
  const base = sampleContent();
  const long = (n: number) => Array.from({ length: 4 }, (_, i) => japaneseParagraph(n / 4 - 1, `第${i + 1}段落：${base.problem.replace(/\n/g, "")}`)).join("\n");
  return sampleProposalDocument({
    content: {
      ...base,
      problem: long(1600),
      purpose: long(1200),
      contentWhat: long(2000),
      team: long(800),
      schedule: Array.from({ length: MAX_ROWS }, (_, i) => ({ month: `${(i % 12) + 1}月`, activity: japaneseParagraph(60 + i * 8) })),
      budget: Array.from({ length: MAX_ROWS }, (_, i) => ({ year: (i % 3) + 1, item: `費目${i + 1}`, amount: 10000 * (i + 1), bearer: i % 2 === 0 ? ("city" as const) : ("group" as const) })),
    },
  });
}
