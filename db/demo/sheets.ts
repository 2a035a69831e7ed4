// The demo's matching sheets: ten challenges of 白井市's departments for 令和9年度, written as a
// department would, with questions from the demo groups and the department's public answers.
import type { DB } from "../index";
import { newId, now } from "../values";
import { sheetColumns, writeSheetCodes } from "../../app/domain/sheets/commands.server";
import { sheetSchema } from "../../app/domain/sheets/schema";
import { departmentContactIds, notify } from "../../app/domain/notifications/commands.server";
import type { SheetStatus } from "../schema";

interface DemoSheet {
  department: string;
  status: SheetStatus;
  sheet: Record<string, string | string[]>;
  questions: { question: string; answer?: string }[];
}

const CONTACT = { contactPhone: "047-492-1111", fiscalYear: "令和9年度", period: "令和9年4月～令和10年3月" };

export const DEMO_SHEETS: DemoSheet[] = [
  {
    department: "生涯学習課",
    status: "published",
    sheet: {
      title: "放課後の子どもの居場所づくり",
      background:
        "共働き世帯の増加で、放課後を一人で過ごす小学生が増えています。学童保育は定員に近く、公民センターの学習室は平日の午後ほとんど使われていません。保護者アンケートでは約4割が「放課後の居場所が足りない」と答えています。",
      outcomes: "地域の大人が見守る居場所が市内3か所にでき、子どもが宿題や遊びで安心して過ごせること。担い手となる地域のボランティアが20人以上育つこと。",
      offerPeople: "生涯学習課の職員が月1回の運営会議に参加し、学校との調整を行います。",
      offerPlaces: "公民センター・西白井複合センターの学習室を平日15時～18時に無償で使えます。",
      offerMoney: "協働委託として年間40万円程度を想定しています。",
      offerInformation: "小学校を通じたチラシ配布、市の広報・ウェブサイトでの周知に協力します。",
      fields: ["child_development", "social_education"],
      areas: ["nishi_shiroi", "sakuradai", "ikenoue"],
      forms: ["commission", "cooperation"],
      budgetScale: "under_500k",
      applyUntil: "2027-01-31",
      priority: "high",
      contactName: "生涯 学",
    },
    questions: [
      { question: "活動にかかる保険料は委託料に含めてよいですか？", answer: "含めて構いません。ボランティア保険の加入を条件とします。" },
      { question: "3か所すべてを1団体で担う必要がありますか？", answer: "いいえ。1か所から提案いただけます。複数団体の連携も歓迎します。" },
      { question: "おやつの提供は可能でしょうか？" },
    ],
  },
  {
    department: "市民安全課",
    status: "published",
    sheet: {
      title: "通学路の見守り・防犯パトロールの担い手づくり",
      background:
        "自治会による防犯パトロールは担い手の高齢化が進み、実施回数が5年前の半分になりました。一方、子どもの下校時間帯の声かけ事案は毎年報告されています。",
      outcomes: "下校時間帯の見守りが市内全域で週3回以上行われ、若い世代や事業者も担い手に加わること。",
      offerPeople: "警察・学校との連絡会に団体も参加できるよう調整します。",
      offerPlaces: "",
      offerMoney: "パトロール用のベスト・帽子・腕章を貸与します。",
      offerInformation: "不審者情報のメール配信に団体の担い手も登録できます。",
      fields: ["community_safety", "child_development"],
      areas: ["citywide"],
      forms: ["cooperation", "adoption"],
      budgetScale: "none",
      applyUntil: "2027-02-28",
      priority: "normal",
      contactName: "安全 守",
    },
    questions: [{ question: "犬の散歩をしながらの見守りも対象になりますか？", answer: "はい。「ながら見守り」として登録していただけます。" }],
  },
  {
    department: "高齢者福祉課",
    status: "published",
    sheet: {
      title: "高齢者の買い物支援と見守り",
      background:
        "南山・大山口地区では、近くのスーパーが閉店し、坂道も多いことから、車を手放した高齢者の買い物が難しくなっています。民生委員からは、買い物に行けないことで外出の機会そのものが減っているとの声が届いています。",
      outcomes: "買い物が難しい高齢者が週1回以上、食料品を手に入れられ、あわせて見守りと交流の機会が生まれること。",
      offerPeople: "地域包括支援センターが支援の必要な方の把握と紹介を行います。",
      offerPlaces: "地区の集会所を受け渡し・交流の場として使えるよう自治会と調整します。",
      offerMoney: "補助金（上限30万円）を活用できます。",
      offerInformation: "",
      fields: ["health_welfare", "community_development"],
      areas: ["minamiyama", "ooyamaguchi"],
      forms: ["subsidy", "cooperation"],
      budgetScale: "under_500k",
      applyUntil: "2027-01-15",
      priority: "high",
      contactName: "福祉 和子",
    },
    questions: [{ question: "公用車を借りることはできますか？", answer: "公用車の貸し出しはできませんが、社会福祉協議会の福祉車両の利用を調整できます。" }],
  },
  {
    department: "産業振興課",
    status: "published",
    sheet: {
      title: "梨農家と連携した農業体験と担い手の確保",
      background:
        "白井市の梨は県内有数の産地ですが、農家の高齢化で収穫期の人手が足りません。市民からは農業体験への関心が高い一方、農家とつながる機会がありません。",
      outcomes: "収穫期の援農ボランティアの仕組みができ、体験をきっかけに援農を続ける市民が30人以上になること。",
      offerPeople: "農業委員会・JAとの調整を行います。",
      offerPlaces: "協力いただける梨園を紹介します。",
      offerMoney: "",
      offerInformation: "梨の生産・出荷に関する資料、観光イベント情報を提供します。",
      fields: ["rural_development", "economic_activity", "tourism"],
      areas: ["northern_rural", "citywide"],
      forms: ["co_hosting", "cooperation"],
      budgetScale: "undecided",
      applyUntil: "2027-03-31",
      priority: "normal",
      contactName: "産業 実",
    },
    questions: [],
  },
  {
    department: "都市計画課",
    status: "published",
    sheet: {
      title: "空き家を地域の集いの場に",
      background: "ニュータウン開発から40年がたち、空き家が増えています。所有者からは活用の相談が寄せられていますが、使い手が見つかりません。",
      outcomes: "空き家1軒以上が地域の集いの場（サロン・子ども食堂・趣味の教室など）として使われ、空き家活用のモデルになること。",
      offerPeople: "",
      offerPlaces: "活用に前向きな空き家所有者を紹介します。",
      offerMoney: "改修費の一部に空き家活用補助（上限50万円）を使えます。",
      offerInformation: "空き家バンクの登録情報を提供します。",
      fields: ["community_development", "health_welfare"],
      areas: ["sakuradai", "nishi_shiroi"],
      forms: ["subsidy", "policy_proposal"],
      budgetScale: "under_1m",
      applyUntil: "2027-02-15",
      priority: "normal",
      contactName: "計画 進",
    },
    questions: [{ question: "賃料は誰が負担しますか？", answer: "所有者との協議によります。無償貸与の例もあります。市が間に入って相談に応じます。" }],
  },
  {
    department: "市民活動支援課",
    status: "published",
    sheet: {
      title: "市民活動団体の情報発信とボランティアの募集支援",
      background: "団体の多くが「新しい担い手が集まらない」と感じていますが、活動を知ってもらう手段が限られています。市民活動支援センターの利用者アンケートでも、情報発信の支援を求める声が最も多くありました。",
      outcomes: "団体の活動とボランティア募集の情報が一か所で見られるようになり、新たにボランティアに参加する市民が増えること。",
      offerPeople: "市民活動支援センターの職員が相談に応じます。",
      offerPlaces: "市民活動支援センターの会議室・印刷機を使えます。",
      offerMoney: "",
      offerInformation: "登録団体の一覧と、市のSNS・広報紙での発信枠を提供します。",
      fields: ["npo_support", "information_society"],
      areas: ["citywide"],
      forms: ["information_exchange", "co_hosting"],
      budgetScale: "none",
      applyUntil: "",
      priority: "low_overlooked",
      contactName: "協働 花子",
    },
    questions: [],
  },
  {
    department: "社会福祉課",
    status: "published",
    sheet: {
      title: "外国人住民の生活相談と日本語学習の支援",
      background: "市内の外国人住民は5年で1.5倍になりました。ごみの出し方や学校の手続きが分からないという相談が窓口に増えていますが、通訳できる職員は限られています。",
      outcomes: "外国人住民が気軽に相談でき、日本語を学べる場が定期的に開かれ、地域の行事に参加する外国人住民が増えること。",
      offerPeople: "窓口職員が相談内容を共有し、必要に応じて担当課につなぎます。",
      offerPlaces: "公民センターの和室を月2回使えます。",
      offerMoney: "",
      offerInformation: "多言語の生活ガイドと、翻訳アプリの使い方の資料を提供します。",
      fields: ["international_cooperation", "health_welfare"],
      areas: ["citywide"],
      forms: ["cooperation", "information_exchange"],
      budgetScale: "none",
      applyUntil: "2027-03-31",
      priority: "low_overlooked",
      contactName: "社会 福",
    },
    questions: [{ question: "やさしい日本語の講座も対象になりますか？", answer: "はい。職員向け研修として一緒に企画できればと考えています。" }],
  },
  {
    department: "学校教育課",
    status: "closed",
    sheet: {
      title: "中学生の職場体験の受け入れ先の開拓",
      background: "中学2年生の職場体験では、受け入れ事業所が年々減り、希望に合う職場を用意できない生徒が出ています。",
      outcomes: "市内の事業所やNPOの受け入れ先が20か所以上に増え、生徒が地域の仕事を知る機会が広がること。",
      offerPeople: "学校の担当教員が事前・事後の打合せを行います。",
      offerPlaces: "",
      offerMoney: "",
      offerInformation: "過去の受け入れ事業所の感想と、受け入れの手引きを提供します。",
      fields: ["child_development", "employment_support"],
      areas: ["citywide"],
      forms: ["cooperation"],
      budgetScale: "none",
      applyUntil: "2026-10-31",
      priority: "normal",
      contactName: "学校 教",
    },
    questions: [{ question: "NPOでも受け入れ先になれますか？", answer: "はい。令和8年度は3団体に受け入れていただきました。" }],
  },
  {
    department: "しろいの魅力発信課",
    status: "published",
    sheet: {
      title: "市の魅力を伝える市民ライターの育成",
      background: "市外の人に白井市が知られておらず、転入を検討する子育て世帯への情報発信が課題です。市民が日常の魅力を発信する取り組みは一部にとどまっています。",
      outcomes: "市民ライターが年間50本以上の記事を発信し、市の魅力発信サイトの閲覧数が増えること。",
      offerPeople: "広報担当職員が編集会議に参加します。",
      offerPlaces: "",
      offerMoney: "講座の講師謝礼として10万円程度を想定しています。",
      offerInformation: "市の写真素材と取材先の紹介を提供します。",
      fields: ["community_development", "tourism", "information_society"],
      areas: ["citywide"],
      forms: ["commission", "information_exchange"],
      budgetScale: "under_500k",
      applyUntil: "2027-02-28",
      priority: "normal",
      contactName: "魅力 発",
    },
    questions: [],
  },
  {
    department: "企画政策課",
    status: "draft",
    sheet: {
      title: "里山の保全と環境学習（検討中）",
      background: "谷津田や雑木林の手入れが行き届かず、竹林が広がっています。",
      outcomes: "",
      offerPeople: "",
      offerPlaces: "",
      offerMoney: "",
      offerInformation: "",
      fields: ["environment"],
      areas: [],
      forms: [],
      budgetScale: "",
      applyUntil: "",
      priority: "low_overlooked",
      contactName: "企画 次郎",
    },
    questions: [],
  },
];

/** Writes the demo sheets inside the demo's transaction; questions come from the approved demo groups in turn. */
export async function loadDemoSheets(trx: DB, departmentIds: Map<string, string>): Promise<void> {
  const at = now();
  const groups = await trx.selectFrom("groups").where("status", "=", "approved").select("id").orderBy("name").execute();
  let asker = 0;
  for (const demo of DEMO_SHEETS) {
    const id = newId();
    const input = sheetSchema.parse({ ...CONTACT, ...demo.sheet, budgetScale: demo.sheet.budgetScale || undefined, contactEmail: "kyodo@city.example.jp" });
    const departmentId = departmentIds.get(demo.department)!;
    await trx
      .insertInto("matching_sheets")
      .values({
        id,
        department_id: departmentId,
        ...sheetColumns(input, demo.department),
        status: demo.status,
        published_at: demo.status === "draft" ? null : at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeSheetCodes(trx, id, input);
    for (const q of groups.length ? demo.questions : []) {
      const groupId = groups[asker++ % groups.length].id;
      await trx
        .insertInto("sheet_questions")
        .values({ id: newId(), sheet_id: id, group_id: groupId, asked_by: null, question: q.question, asked_at: at, answer: q.answer ?? null, answered_by: null, answered_at: q.answer ? at : null })
        .execute();
    }
  }
}

export const DEMO_WAITING_QUESTION = "見守りのボランティアに、市の研修を受けてもらうことはできますか？";

/**
 * What the department hears of groups on its sheets (issue 13.11): 生涯学習課's 協働推進員 is
 * staff@example.jp (seated in 企画政策課); group@example.jp's group has a question waiting for an answer
 * on 「放課後の子どもの居場所づくり」 and asks to talk (相談したい); the department's staff
 * (staff-reviewer@example.jp) and its 協働推進員 find both among their notifications (marked as mailed,
 * so the demo sends no mail).
 */
export async function loadDemoSheetNotices(trx: DB, userIds: Map<string, string>): Promise<void> {
  const member = userIds.get("group@example.jp");
  const promoter = userIds.get("staff@example.jp");
  const sheet = await trx
    .selectFrom("matching_sheets")
    .innerJoin("departments", "departments.id", "matching_sheets.department_id")
    .where("matching_sheets.title", "=", "放課後の子どもの居場所づくり")
    .select(["matching_sheets.id", "matching_sheets.title", "departments.id as department_id"])
    .executeTakeFirst();
  const group = member
    ? await trx
        .selectFrom("group_members")
        .innerJoin("groups", "groups.id", "group_members.group_id")
        .where("group_members.user_id", "=", member)
        .where("groups.status", "=", "approved")
        .select(["groups.id", "groups.name"])
        .orderBy("groups.name")
        .executeTakeFirst()
    : undefined;
  if (!sheet || !group || !member || !promoter) return;
  const at = now();
  await trx.updateTable("departments").set({ promoter_user_id: promoter }).where("id", "=", sheet.department_id).execute();
  await trx
    .insertInto("sheet_questions")
    .values({ id: newId(), sheet_id: sheet.id, group_id: group.id, asked_by: member, question: DEMO_WAITING_QUESTION, asked_at: at, answer: null, answered_by: null, answered_at: null })
    .execute();
  await trx.deleteFrom("sheet_interests").where("sheet_id", "=", sheet.id).where("group_id", "=", group.id).execute();
  await trx.insertInto("sheet_interests").values({ sheet_id: sheet.id, group_id: group.id, level: "consult", marked_by: member, marked_at: at }).execute();
  const contacts = await departmentContactIds(trx, sheet.department_id);
  const ids = [
    ...(await notify(trx, contacts, {
      kind: "sheet.question",
      title: `「${sheet.title}」に${group.name}から質問がありました`,
      body: `質問: ${DEMO_WAITING_QUESTION}\n回答はシートのページで公開されます。`,
      link: `/sheets/${sheet.id}`,
    })),
    ...(await notify(trx, contacts, {
      kind: "sheet.consult",
      title: `${group.name}が「${sheet.title}」について相談を希望しています`,
      body: `${group.name}が、マッチングシート「${sheet.title}」に「相談したい」と伝えました。団体のページの連絡先から連絡してください。`,
      link: `/sheets/${sheet.id}`,
    })),
  ];
  if (ids.length) await trx.updateTable("notifications").set({ mailed_at: at }).where("id", "in", ids).execute();
}
