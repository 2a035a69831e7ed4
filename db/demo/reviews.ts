// The demo's review in progress: last 年度's 市民提案型 call (published, closed) with four submitted
// proposals in the document review, a panel of three — reviewer@, staff-reviewer@ (a member of one
// applicant group, so conflicted with it without declaring) and an external member — and some score
// sheets submitted, so that after `npm start` the reviewer has proposals to score, the coordinator a
// result sheet with figures, and the applicant group sees its proposal under review (and no names).
import { emptyContent } from "../../app/domain/proposals/content";
import type { DB } from "../index";
import { newId, now } from "../values";
import { CRITERIA } from "./calls";

const DAY = 24 * 60 * 60 * 1000;
const days = (n: number) => new Date(Date.now() + n * DAY).toISOString();

const PROPOSALS = [
  { title: "転入家庭への子育て情報お届け事業", problem: "転入したばかりの家庭に子育ての情報が届かず、親子が孤立しがちである。", amount: 600_000 },
  { title: "地域の公民館で学ぶシニアのスマホ教室", problem: "高齢者がスマートフォンを使えず、行政の情報や予約に取り残されている。", amount: 450_000 },
  { title: "駅前花壇を市民と育てるアダプト事業", problem: "駅前の花壇が手入れされず、まちの印象が悪くなっている。", amount: 300_000 },
  { title: "外国人住民のための防災ワークショップ", problem: "外国人住民が避難所や防災情報を知らず、災害時に困る恐れがある。", amount: 500_000 },
];

/** Points per criterion (公益性, 協働の必要性, 実現可能性, 先駆性, 発展性) by reviewer and proposal; null: not submitted. */
const SCORES: Record<"expert" | "staff" | "reviewer", (number[] | null)[]> = {
  expert: [
    [18, 17, 15, 8, 8],
    [15, 14, 16, 6, 7],
    [12, 10, 17, 5, 6],
    [17, 16, 12, 9, 7],
  ],
  // staff-reviewer is a member of the second applicant: no assignment there.
  staff: [[16, 18, 14, 7, 8], null, [11, 12, 16, 4, 5], null],
  reviewer: [[17, 15, 16, 8, 7], null, null, null],
};

export async function loadDemoReviews(trx: DB, userIds: Map<string, string>): Promise<void> {
  const at = now();
  const callId = newId();
  await trx
    .insertInto("calls")
    .values({
      id: callId,
      fiscal_year: 2025,
      type: "citizen",
      title: "令和7年度 市民提案型協働事業の募集",
      description: "令和7年度に募集した市民提案型協働事業です。いま一次審査（書類審査）を行っています。",
      min_members: null,
      min_years_active: null,
      opens_at: days(-120),
      closes_at: days(-60),
      grace_minutes: 0,
      budget_cap_per_proposal: 1_000_000,
      budget_cap_total: 1_500_000,
      city_share_by_year: JSON.stringify([90]),
      required_attachments: JSON.stringify([]),
      stages: JSON.stringify(["formal_check", "document_review", "presentation"]),
      status: "published",
      first_submitted_at: days(-70),
      published_at: days(-120),
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const criteria = CRITERIA.map(([name, description, max_points, weight], position) => ({ id: newId(), call_id: callId, position, name, description, max_points, weight }));
  await trx.insertInto("call_criteria").values(criteria).execute();
  // 大府市のように100点に換算し、60%を合格ラインとする例。
  await trx
    .insertInto("review_rules")
    .values({ call_id: callId, rules: JSON.stringify({ combine: "average", scaleTo: 100, rounding: "half_up", roundingDigits: 1, passLine: { value: 60, unit: "percent" } }), updated_by: null, updated_at: at })
    .execute();

  const owned = await trx
    .selectFrom("groups")
    .innerJoin("group_members", "group_members.group_id", "groups.id")
    .where("group_members.user_id", "=", userIds.get("group@example.jp")!)
    .where("groups.status", "=", "approved")
    .select("groups.id")
    .orderBy("groups.name")
    .executeTakeFirstOrThrow();
  const others = await trx.selectFrom("groups").where("status", "=", "approved").where("id", "!=", owned.id).select("id").orderBy("name").limit(3).execute();
  const groupIds = [owned.id, ...others.map((g) => g.id)];
  // staff-reviewer belongs to the second applicant group.
  await trx.insertInto("group_members").values({ group_id: groupIds[1], user_id: userIds.get("staff-reviewer@example.jp")!, role: "member", joined_at: at }).execute();

  const proposalIds: string[] = [];
  for (const [i, p] of PROPOSALS.entries()) {
    const id = newId();
    proposalIds.push(id);
    const content = JSON.stringify({
      ...emptyContent(),
      title: p.title,
      problem: p.problem,
      purpose: "市と団体がそれぞれの強みを持ち寄り、課題の解決に取り組む。",
      budget: [
        { year: 1, item: "事業費", amount: p.amount, bearer: "city" },
        { year: 1, item: "団体の負担", amount: Math.round(p.amount / 9), bearer: "group" },
      ],
    });
    const submittedAt = days(-65 + i);
    await trx
      .insertInto("proposals")
      .values({
        id,
        call_id: callId,
        group_id: groupIds[i],
        type: "citizen",
        sheet_id: null,
        status: "in_review",
        title: p.title,
        draft: content,
        revision: 1,
        saved_by: null,
        saved_at: submittedAt,
        current_version: 1,
        receipt_number: `R7-市民-${String(i + 1).padStart(4, "0")}`,
        receipt_fiscal_year: 2025,
        receipt_sequence: i + 1,
        first_submitted_at: submittedAt,
        submitted_at: submittedAt,
        consultation_opened_at: null,
        created_by: null,
        created_at: submittedAt,
        updated_at: at,
      })
      .execute();
    await trx.insertInto("proposal_versions").values({ proposal_id: id, version: 1, content, submitted_at: submittedAt, submitted_by: null }).execute();
    await trx
      .insertInto("proposal_transitions")
      .values({ id: newId(), proposal_id: id, at: days(-50), actor_id: userIds.get("coordinator@example.jp")!, actor_name: "協働 花子", actor_role: "coordinator", actor_organization: null, from_status: "submitted", to_status: "in_review", action: "start_review", reason: null })
      .execute();
  }

  const stageId = newId();
  await trx.insertInto("review_stages").values({ id: stageId, call_id: callId, stage: "document_review", deadline: days(10), show_others: 1, created_at: at, updated_at: at }).execute();
  const panel = { expert: userIds.get("expert-reviewer@example.jp")!, staff: userIds.get("staff-reviewer@example.jp")!, reviewer: userIds.get("reviewer@example.jp")! };
  for (const reviewerId of Object.values(panel)) await trx.insertInto("review_panel_members").values({ stage_id: stageId, reviewer_id: reviewerId, added_by: null, added_at: at }).execute();
  for (const [who, reviewerId] of Object.entries(panel) as [keyof typeof panel, string][]) {
    for (const [i, proposalId] of proposalIds.entries()) {
      if (who === "staff" && i === 1) continue;
      const assignmentId = newId();
      await trx.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: proposalId, reviewer_id: reviewerId, assigned_by: null, assigned_at: days(-50) }).execute();
      const points = SCORES[who][i];
      if (!points) continue;
      const sheetId = newId();
      await trx
        .insertInto("score_sheets")
        .values({ id: sheetId, assignment_id: assignmentId, status: "submitted", comment_for_applicant: "課題の捉え方が具体的で、市との役割分担も明確です。", private_note: "", revision: 1, saved_at: days(-5), submitted_at: days(-5), excluded_at: null, excluded_reason: null })
        .execute();
      await trx.insertInto("scores").values(criteria.map((c, k) => ({ sheet_id: sheetId, criterion_id: c.id, points: points[k] }))).execute();
      await trx.insertInto("score_sheet_events").values({ id: newId(), sheet_id: sheetId, at: days(-5), actor_id: reviewerId, action: "submit", reason: null }).execute();
    }
  }
}
