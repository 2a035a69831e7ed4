// The demo's calls for proposals: this year's 市民提案型 call and a 行政提案型 call on two of the demo
// sheets, both open from a week before the demo was loaded until 45 days after it (17:00 Tokyo time),
// so a visitor can try the whole proposal journey at once.
import type { DB } from "../index";
import { newId, now } from "../values";

const DAY = 24 * 60 * 60 * 1000;

/** 17:00 in Tokyo (08:00 UTC) on the day `days` from now. */
function tokyoFivePm(days: number): string {
  const day = new Date(Date.now() + days * DAY);
  day.setUTCHours(8, 0, 0, 0);
  return day.toISOString();
}

export const CRITERIA = [
  ["公益性", "市民全体の利益につながり、地域の課題の解決に役立つか", 20, 1],
  ["協働の必要性", "市と団体が協働することで、単独で行うより大きな成果が見込めるか", 20, 1],
  ["実現可能性", "スケジュール・実施体制・予算が具体的で、実行できる計画か", 20, 1],
  ["先駆性", "新しい視点や手法を取り入れているか", 10, 1],
  ["発展性", "事業終了後も継続・発展する見込みがあるか", 10, 1],
] as const;

export const DEMO_CALLS = [
  {
    type: "citizen" as const,
    title: "令和8年度 市民提案型協働事業の募集",
    description:
      "市民活動団体の皆さんが地域で感じている課題について、市と協働して取り組む事業の提案を募集します。テーマは自由です。提案書で関係する担当課を選んでください。提出前に担当課との事前相談をお勧めします。",
    requiredAttachments: ["収支予算書", "団体の規約（会則）"],
    sheets: [] as string[],
  },
  {
    type: "government" as const,
    title: "令和8年度 行政提案型協働事業の募集",
    description: "担当課がマッチングシートで示した課題について、解決に向けた事業の提案を募集します。",
    requiredAttachments: ["収支予算書"],
    sheets: ["放課後の子どもの居場所づくり", "高齢者の買い物支援と見守り"],
  },
];

export async function loadDemoCalls(trx: DB): Promise<void> {
  const at = now();
  for (const demo of DEMO_CALLS) {
    const id = newId();
    await trx
      .insertInto("calls")
      .values({
        id,
        fiscal_year: 2026,
        type: demo.type,
        title: demo.title,
        description: demo.description,
        min_members: null,
        min_years_active: null,
        opens_at: tokyoFivePm(-7),
        closes_at: tokyoFivePm(45),
        grace_minutes: 5,
        budget_cap_per_proposal: 1_000_000,
        budget_cap_total: 5_000_000,
        city_share_by_year: JSON.stringify([90, 80, 70]),
        required_attachments: JSON.stringify(demo.requiredAttachments),
        stages: JSON.stringify(["formal_check", "document_review", "presentation"]),
        status: "published",
        first_submitted_at: null,
        published_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (demo.sheets.length) {
      const sheets = await trx.selectFrom("matching_sheets").where("title", "in", demo.sheets).where("status", "=", "published").select("id").execute();
      if (sheets.length) await trx.insertInto("call_sheets").values(sheets.map((s) => ({ call_id: id, sheet_id: s.id }))).execute();
    }
    await trx
      .insertInto("call_criteria")
      .values(CRITERIA.map(([name, description, max_points, weight], position) => ({ id: newId(), call_id: id, position, name, description, max_points, weight })))
      .execute();
  }
}
