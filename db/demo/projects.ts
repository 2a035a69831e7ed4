// The demo's collaboration projects (協働事業), made through the same commands the pages use: the seed
// plan 白井市 市民参加・協働のまちづくりプラン 進捗一覧 (seed 000, imported as `shiroi`), one of its
// measures linked to the demo sheet 「市民活動団体の情報発信とボランティアの募集支援」; a previous-year
// (令和7年度) project of the demo group on that sheet carried through the whole chain — decision
// published, agreement confirmed by both sides, started, final report accepted (so it appears as an
// entry on the measure and in the progress list), evaluated and closed — and a project of this year
// (令和8年度) in progress. Runs after the demo's own transaction (the plan import opens its own).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DB } from "../index";
import { newId, now } from "../values";
import { loadViewer } from "../../app/domain/accounts/queries.server";
import type { Viewer } from "../../app/auth/viewer";
import { parsePlan } from "../../app/domain/plans";
import { importPlan } from "../../app/domain/plans/commands.server";
import type { ProposalContent } from "../../app/domain/proposals/content";
import { applyTransition } from "../../app/domain/proposals/commands.server";
import {
  acceptReport,
  closeProject,
  confirmAgreement,
  createProjectForAward,
  recordEvaluation,
  saveReport,
  startProject,
  submitEvaluation,
  submitReport,
} from "../../app/domain/projects/commands.server";
import type { EvaluationForm } from "../../app/domain/projects/evaluation";
import { readReportContent } from "../../app/domain/projects/report";

/**
 * The seed document the demo plan is imported from (the copy the tests read too), found from the project
 * root — the working directory, as for the Remix build — since the compiled start-up (build/server/) is
 * not where this source file is.
 */
const SEED = path.resolve("tests/fixtures/seeds/000_74861bb8ecea7f00.txt");
export const DEMO_PLAN_SLUG = "shiroi";
/** Not the document's own title: the journeys import the same document and find their plan by that title. */
export const DEMO_PLAN_NAME = "白井市 協働のまちづくり 進捗一覧（デモ）";
export const DEMO_SHEET_TITLE = "市民活動団体の情報発信とボランティアの募集支援";
/** The two projects' titles: last year's, carried to 完了, and this year's, in progress. */
export const DEMO_PROJECT_TITLES = ["市民活動団体の紹介冊子とボランティア募集サイト", "ボランティア募集サイトの多言語化と体験会の拡大"] as const;
export const DEMO_EVIDENCE = "市民活動団体の紹介冊子とボランティア募集サイトを団体と共同で作成（掲載42団体、募集への応募延べ310人）";

const CITY_ONLY = { isMember: false, isOwner: false, ofDepartment: false };
const OWNER = { isMember: true, isOwner: true, ofDepartment: false };

function content(title: string, overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    title,
    sheetId: "",
    departmentIds: [],
    problem: "市民活動団体の活動が市民に知られておらず、担い手が高齢化している。",
    purpose: "団体の活動を市民に伝え、ボランティアとして参加する人を増やす。",
    contentWho: "市内の市民活動団体と、活動に参加したい市民",
    contentWhat: "団体紹介冊子の作成、ボランティア募集サイトの運営、参加体験会",
    contentWhere: "市民活動推進センター、市内の公民センター",
    contentScale: "冊子3,000部、体験会6回",
    whyCollaboration: "団体の情報は団体が、配布と周知は市が得意とするため。",
    groupBrings: "団体への取材、原稿作成、体験会の運営",
    cityBrings: "冊子の配布、広報紙での周知、会場の確保",
    effects: "団体の認知度が上がり、新しい担い手が増える。",
    beneficiaries: "市民活動団体と市民",
    continuity: "サイトの運営は団体の会費と協賛で続ける。",
    team: "代表と編集担当5人",
    schedule: [
      { month: "4〜6月", activity: "団体への取材" },
      { month: "7〜9月", activity: "冊子の編集と印刷" },
      { month: "10〜2月", activity: "体験会と募集サイトの運営" },
    ],
    roles: [
      { task: "取材・原稿", group: "団体への取材と原稿作成", city: "取材先の団体の紹介" },
      { task: "配布・周知", group: "イベントでの配布", city: "公共施設への配架と広報紙での周知" },
    ],
    budget: [
      { year: 1, item: "印刷費", amount: 300_000, bearer: "city" },
      { year: 1, item: "体験会の講師謝礼", amount: 60_000, bearer: "city" },
      { year: 1, item: "取材交通費", amount: 40_000, bearer: "group" },
    ],
    indicators: [
      { name: "冊子に掲載する団体数", target: "40団体" },
      { name: "ボランティア募集への応募", target: "延べ300人" },
    ],
    ...overrides,
  };
}

async function viewerByEmail(db: DB, email: string): Promise<Viewer> {
  const user = await db.selectFrom("users").where("email", "=", email).select("id").executeTakeFirstOrThrow();
  return (await loadViewer(db, user.id))!;
}

async function makeCall(db: DB, fiscalYear: number, title: string, sheetId: string, interim: boolean): Promise<string> {
  const id = newId();
  const at = now();
  await db
    .insertInto("calls")
    .values({
      id,
      fiscal_year: fiscalYear,
      type: "government",
      title,
      description: "担当課がマッチングシートで示した課題について、解決に向けた事業の提案を募集しました（受付終了）。",
      min_members: null,
      min_years_active: null,
      opens_at: `${fiscalYear}-04-01T00:00:00.000Z`,
      closes_at: `${fiscalYear}-05-31T08:00:00.000Z`,
      grace_minutes: 5,
      budget_cap_per_proposal: 1_000_000,
      budget_cap_total: 5_000_000,
      city_share_by_year: JSON.stringify([90, 80, 70]),
      required_attachments: JSON.stringify([]),
      stages: JSON.stringify(["formal_check"]),
      status: "published",
      first_submitted_at: null,
      published_at: at,
      created_by: null,
      created_at: at,
      updated_at: at,
      interim_report: interim ? 1 : 0,
    })
    .execute();
  await db.insertInto("call_sheets").values({ call_id: id, sheet_id: sheetId }).execute();
  return id;
}

/** A submitted proposal, adopted and published as the award area does it, and its project. */
async function awardedProject(db: DB, input: { callId: string; groupId: string; sheetId: string; departmentId: string; fiscalYear: number; sequence: number; content: ProposalContent; coordinator: Viewer }) {
  const id = newId();
  const at = now();
  const json = JSON.stringify({ ...input.content, sheetId: input.sheetId });
  const receipt = `${input.fiscalYear === 2025 ? "R7" : "R8"}-行政-${String(input.sequence).padStart(4, "0")}`;
  await db
    .insertInto("proposals")
    .values({
      id,
      call_id: input.callId,
      group_id: input.groupId,
      type: "government",
      sheet_id: input.sheetId,
      status: "submitted",
      title: input.content.title,
      draft: json,
      revision: 1,
      saved_by: null,
      saved_at: at,
      current_version: 1,
      receipt_number: receipt,
      receipt_fiscal_year: input.fiscalYear,
      receipt_sequence: input.sequence,
      first_submitted_at: at,
      submitted_at: at,
      consultation_opened_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db.insertInto("proposal_versions").values({ proposal_id: id, version: 1, content: json, submitted_at: at, submitted_by: null }).execute();
  await db.insertInto("proposal_departments").values({ proposal_id: id, department_id: input.departmentId }).execute();
  const amounts = [360_000];
  return db.transaction().execute(async (trx) => {
    const reason = "団体の取材力と市の周知を組み合わせる計画が具体的で、担い手の確保という課題に合っているため。";
    await applyTransition(trx, input.coordinator, id, { action: "decide_adopt", actor: "coordinator", reason, notify: false });
    await trx
      .insertInto("decisions")
      .values({ proposal_id: id, call_id: input.callId, outcome: "adopted", reason, amounts: JSON.stringify(amounts), letter_number: `${receipt.slice(0, 2)}-協働-${String(input.sequence).padStart(3, "0")}`, revision: 1, prepared_by: input.coordinator.id, prepared_at: at, published_at: at, updated_at: at })
      .execute();
    await trx.insertInto("award_publications").values({ call_id: input.callId, published_at: at, published_by: input.coordinator.id }).execute();
    return createProjectForAward(trx, id, amounts);
  });
}

const SCORES = (n: number, side: EvaluationForm["side"]): EvaluationForm => ({
  side,
  score_purpose: n,
  score_collaboration: n,
  score_roles: Math.max(1, n - 1),
  score_reach: n,
  score_continuity: Math.max(1, n - 1),
  comment_purpose: "掲載団体数・応募者数とも目標を上回った。",
  comment_collaboration: "市の配架と団体の取材がかみ合った。",
  comment_roles: "",
  comment_reach: "",
  comment_continuity: "サイトの運営費の確保が次の課題。",
  comment: "",
});

export async function loadDemoProjects(db: DB): Promise<void> {
  const coordinator = await viewerByEmail(db, "coordinator@example.jp");
  const owner = await viewerByEmail(db, "group@example.jp");
  await importPlan(db, parsePlan(readFileSync(SEED, "utf8")), { slug: DEMO_PLAN_SLUG, name: DEMO_PLAN_NAME, actorId: null });

  const sheet = await db.selectFrom("matching_sheets").where("title", "=", DEMO_SHEET_TITLE).select(["id", "department_id"]).executeTakeFirstOrThrow();
  const measure = await db
    .selectFrom("measures")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .innerJoin("measure_departments", "measure_departments.measure_id", "measures.id")
    .where("plans.slug", "=", DEMO_PLAN_SLUG)
    .where("measure_departments.department_name", "=", "市民活動支援課")
    .select(["measures.id"])
    .orderBy("measures.position")
    .executeTakeFirstOrThrow();
  const department = await db.selectFrom("departments").where("id", "=", sheet.department_id).select("name").executeTakeFirstOrThrow();
  await db
    .insertInto("measure_links")
    .values({ id: newId(), measure_id: measure.id, subject_type: "matching_sheet", subject_id: sheet.id, fiscal_year: 2025, department_name: department.name, linked_by: coordinator.id, linked_at: now() })
    .execute();
  const group = await db.selectFrom("group_members").where("user_id", "=", owner.id).where("role", "=", "owner").select("group_id").orderBy("joined_at").executeTakeFirstOrThrow();

  // 令和7年度: the whole chain.
  const lastYearCall = await makeCall(db, 2025, "令和7年度 協働事業（行政提案型）の募集", sheet.id, false);
  const done = await awardedProject(db, { callId: lastYearCall, groupId: group.group_id, sheetId: sheet.id, departmentId: sheet.department_id, fiscalYear: 2025, sequence: 1, content: content(DEMO_PROJECT_TITLES[0]), coordinator });
  await confirmAgreement(db, owner, done, "group", OWNER);
  await confirmAgreement(db, coordinator, done, "city", CITY_ONLY);
  await startProject(db, coordinator, done, CITY_ONLY);
  const report = await db.selectFrom("project_reports").where("project_id", "=", done).where("kind", "=", "final").select(["content", "revision"]).executeTakeFirstOrThrow();
  const planned = readReportContent(report.content);
  const actuals = [310_000, 85_000, 38_000];
  await saveReport(
    db,
    owner,
    done,
    "final",
    {
      done: "42団体に取材して紹介冊子3,000部を発行し、公共施設と市内のイベントで配布した。ボランティア募集サイトを開設し、体験会を6回開いた。",
      summary: DEMO_EVIDENCE,
      indicators: planned.indicators.map((row, i) => ({ ...row, actual: ["42団体", "延べ310人"][i] ?? "" })),
      spending: planned.spending.map((line, i) => ({ ...line, actual: actuals[i], explanation: i === 1 ? "体験会の参加希望が多く、講師を1人増やしたため" : "" })),
    },
    report.revision,
  );
  await submitReport(db, owner, done, "final");
  await acceptReport(db, coordinator, done, "final");
  await submitEvaluation(db, owner, done, SCORES(5, "group"), OWNER);
  await submitEvaluation(db, coordinator, done, SCORES(4, "department"), CITY_ONLY);
  await submitEvaluation(db, coordinator, done, SCORES(4, "third_party"), CITY_ONLY);
  await recordEvaluation(db, coordinator, done, CITY_ONLY);
  await closeProject(db, coordinator, done);

  // 令和8年度: in progress, the interim report to write.
  const thisYearCall = await makeCall(db, 2026, "令和8年度 協働事業（行政提案型・春期）の募集", sheet.id, true);
  const running = await awardedProject(db, {
    callId: thisYearCall,
    groupId: group.group_id,
    sheetId: sheet.id,
    departmentId: sheet.department_id,
    fiscalYear: 2026,
    sequence: 1,
    content: content(DEMO_PROJECT_TITLES[1], { purpose: "外国人住民や若い世代にも団体の活動を伝え、参加の入口を広げる。" }),
    coordinator,
  });
  await confirmAgreement(db, owner, running, "group", OWNER);
  await confirmAgreement(db, coordinator, running, "city", CITY_ONLY);
  await startProject(db, coordinator, running, CITY_ONLY);
}
