// The city's fixed vocabularies, shared by groups, matching sheets, matching and plans: a stable English
// code in the database and the code, the Japanese label on every page. Browser-safe.

export function labels<const T extends readonly { code: string; label: string }[]>(items: T) {
  const codes = items.map((i) => i.code) as unknown as [T[number]["code"], ...T[number]["code"][]];
  const byCode = new Map(items.map((i) => [i.code, i.label]));
  return {
    items,
    codes,
    label: (code: string): string => byCode.get(code) ?? code,
  };
}

/** The 20 fields of activity of the NPO law (特定非営利活動促進法 別表), in the law's order. */
export const FIELDS = labels([
  { code: "health_welfare", label: "保健・医療・福祉" },
  { code: "social_education", label: "社会教育" },
  { code: "community_development", label: "まちづくり" },
  { code: "tourism", label: "観光" },
  { code: "rural_development", label: "農山漁村・中山間地域" },
  { code: "culture_arts_sports", label: "学術・文化・芸術・スポーツ" },
  { code: "environment", label: "環境の保全" },
  { code: "disaster_relief", label: "災害救援" },
  { code: "community_safety", label: "地域安全" },
  { code: "human_rights_peace", label: "人権・平和" },
  { code: "international_cooperation", label: "国際協力" },
  { code: "gender_equality", label: "男女共同参画" },
  { code: "child_development", label: "子どもの健全育成" },
  { code: "information_society", label: "情報化社会" },
  { code: "science_technology", label: "科学技術の振興" },
  { code: "economic_activity", label: "経済活動の活性化" },
  { code: "employment_support", label: "職業能力・雇用機会" },
  { code: "consumer_protection", label: "消費者の保護" },
  { code: "npo_support", label: "団体の運営・活動の支援" },
  { code: "ordinance_activity", label: "条例で定める活動" },
] as const);

/** 法人格・団体の種類. */
export const LEGAL_FORMS = labels([
  { code: "npo_corporation", label: "NPO法人" },
  { code: "general_incorporated", label: "一般社団法人" },
  { code: "voluntary", label: "任意団体" },
  { code: "neighborhood_association", label: "自治会・町内会" },
  { code: "business", label: "事業者" },
  { code: "educational", label: "教育機関" },
  { code: "other", label: "その他" },
] as const);

/** The six 協働主体, and その他 (measures' target actors use it). */
export const ACTORS = labels([
  { code: "citizen", label: "市民" },
  { code: "community", label: "地域コミュニティ" },
  { code: "civic_group", label: "市民活動団体" },
  { code: "business", label: "事業者" },
  { code: "educational", label: "教育機関" },
  { code: "government", label: "行政" },
  { code: "other", label: "その他" },
] as const);

/** The nine collaboration forms (協働の形態, seed 002 ch.3-1-(5)). */
export const COLLABORATION_FORMS = labels([
  { code: "co_hosting", label: "共催" },
  { code: "sponsorship", label: "後援" },
  { code: "executive_committee", label: "実行委員会（協議会）" },
  { code: "adoption", label: "アドプト制度" },
  { code: "cooperation", label: "事業協力" },
  { code: "commission", label: "協働委託" },
  { code: "subsidy", label: "補助・助成" },
  { code: "policy_proposal", label: "参画提案・政策提案" },
  { code: "information_exchange", label: "情報提供・情報交換" },
] as const);

/** Areas of activity in the demo city (白井市): the whole city, its districts, and beyond. */
export const AREAS = labels([
  { code: "citywide", label: "市内全域" },
  { code: "shiroi", label: "白井地区" },
  { code: "nishi_shiroi", label: "西白井地区" },
  { code: "sakuradai", label: "桜台地区" },
  { code: "minamiyama", label: "南山地区" },
  { code: "ooyamaguchi", label: "大山口地区" },
  { code: "shimizuguchi", label: "清水口地区" },
  { code: "ikenoue", label: "池の上地区" },
  { code: "nanatsugidai", label: "七次台地区" },
  { code: "fuji", label: "冨士地区" },
  { code: "northern_rural", label: "北部農村地区" },
  { code: "outside_city", label: "市外" },
] as const);

export type FieldCode = (typeof FIELDS.codes)[number];
export type LegalFormCode = (typeof LEGAL_FORMS.codes)[number];
export type ActorCode = (typeof ACTORS.codes)[number];
export type CollaborationFormCode = (typeof COLLABORATION_FORMS.codes)[number];
export type AreaCode = (typeof AREAS.codes)[number];
