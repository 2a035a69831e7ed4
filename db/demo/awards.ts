// The demo's award (採択): a spring call of this 年度, closed, reviewed and decided — its decisions
// published, so right after `npm start` the demo group (group@example.jp, NPO法人 しろい子育てネット)
// reads its letters (審査結果通知書) and answers the conditions of its conditional adoption, and the
// call's public page and the home page list the awarded projects. Statuses move through the proposals area's applyTransition, the publication through the
// awards area's command, exactly as in the browser.
import type { DB } from "../index";
import { newId, now } from "../values";
import { publishDecisionsIn } from "../../app/domain/awards/commands.server";
import { proposalContentSchema } from "../../app/domain/proposals/content";
import { applyTransition } from "../../app/domain/proposals/commands.server";
import type { Viewer } from "../../app/auth/viewer";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const CRITERIA = [
  ["公益性", "市民全体の利益につながり、地域の課題の解決に役立つか", 20],
  ["協働の必要性", "市と団体が協働することで、単独で行うより大きな成果が見込めるか", 20],
  ["実現可能性", "スケジュール・実施体制・予算が具体的で、実行できる計画か", 20],
] as const;

type Line = { year: number; item: string; amount: number; bearer: "city" | "group" | "other" };

const PROPOSALS: {
  group: string;
  department: string;
  title: string;
  problem: string;
  purpose: string;
  budget: Line[];
  outcome: "adopted" | "conditional" | "rejected";
  reason: string;
  amounts: number[];
  conditions: string[];
  scores: [number[], string][];
}[] = [
  {
    group: "NPO法人 しろい子育てネット",
    department: "生涯学習課",
    title: "父親の育児参加を広げる「パパの時間」拡大事業",
    problem: "父親が育児について学び、仲間をつくる場が市内にほとんどありません。試行した講座の参加者からは継続の要望が多く寄せられました。",
    purpose: "父親向け育児講座を市内3地区に広げ、年間100人の父親が参加する場をつくります。",
    budget: [
      { year: 1, item: "講師謝礼", amount: 300_000, bearer: "city" },
      { year: 1, item: "会場費", amount: 100_000, bearer: "city" },
      { year: 1, item: "印刷費", amount: 50_000, bearer: "group" },
    ],
    outcome: "adopted",
    reason: "試行講座の実績に基づく具体的な計画であり、父親の育児参加という市の課題に直接応える提案であるため、採択とします。",
    amounts: [400_000],
    conditions: [],
    scores: [
      [[18, 17, 16], "試行講座の実績があり、計画が具体的です。地区ごとの参加者数の目標を示すとさらに良くなります。"],
      [[17, 18, 15], "市の子育て施策と連携できる点を高く評価します。"],
    ],
  },
  {
    group: "NPO法人 しろい子育てネット",
    department: "都市計画課",
    title: "親子で楽しむ里山の自然体験と竹林整備",
    problem: "放置された竹林が広がり、親子が身近な自然にふれる場が減っています。",
    purpose: "竹林を整備し、親子向けの自然体験を年6回開きます。",
    budget: [
      { year: 1, item: "資材費", amount: 250_000, bearer: "city" },
      { year: 1, item: "保険料", amount: 80_000, bearer: "city" },
      { year: 1, item: "交通費", amount: 70_000, bearer: "group" },
    ],
    outcome: "conditional",
    reason: "環境学習の内容は優れていますが、伐採作業を伴うため、安全管理の体制を確認したうえで採択とします。",
    amounts: [300_000],
    conditions: ["伐採作業の安全管理計画（作業手順・保険・緊急連絡体制）を提出すること", "子どもが参加する日の作業区域を事前に担当課と確認すること"],
    scores: [
      [[16, 15, 12], "環境学習の内容が充実しています。作業時の安全対策を具体的に示してください。"],
      [[15, 16, 13], "地域の小学校との連携が期待できます。"],
    ],
  },
  {
    group: "西白井地区防犯パトロール隊",
    department: "市民安全課",
    title: "防犯カメラの地区内設置",
    problem: "夜間の不審者情報が増えています。",
    purpose: "地区内に防犯カメラを10台設置します。",
    budget: [{ year: 1, item: "防犯カメラ購入費", amount: 1_500_000, bearer: "city" }],
    outcome: "rejected",
    reason:
      "防犯カメラの設置は市の防犯カメラ設置補助制度の対象であり、協働事業として市と団体が役割を分担する内容が示されていないため、不採択とします。補助制度については市民安全課にご相談ください。",
    amounts: [],
    conditions: [],
    scores: [
      [[12, 6, 10], "地域の安全への熱意は伝わりますが、協働で取り組む理由が読み取れません。"],
      [[11, 5, 11], "既存の補助制度の活用を検討してください。"],
    ],
  },
];

export async function loadDemoAwards(trx: DB, userIds: Map<string, string>): Promise<void> {
  const at = now();
  const callId = newId();
  await trx
    .insertInto("calls")
    .values({
      id: callId,
      fiscal_year: 2026,
      type: "citizen",
      title: "春期 市民提案型協働事業（令和8年度・審査結果公表済み）",
      description: "令和8年度の春期に募集した市民提案型協働事業です。審査結果を公表しました。",
      min_members: null,
      min_years_active: null,
      opens_at: daysAgo(200),
      closes_at: daysAgo(150),
      grace_minutes: 0,
      budget_cap_per_proposal: 1_000_000,
      budget_cap_total: 3_000_000,
      city_share_by_year: JSON.stringify([90, 80, 70]),
      required_attachments: JSON.stringify([]),
      stages: JSON.stringify(["formal_check", "document_review"]),
      status: "published",
      first_submitted_at: daysAgo(160),
      published_at: daysAgo(200),
      created_by: null,
      created_at: daysAgo(200),
      updated_at: at,
    })
    .execute();
  const criterionIds = CRITERIA.map(() => newId());
  await trx
    .insertInto("call_criteria")
    .values(CRITERIA.map(([name, description, max_points], position) => ({ id: criterionIds[position], call_id: callId, position, name, description, max_points, weight: 1 })))
    .execute();
  const stageId = newId();
  await trx.insertInto("review_stages").values({ id: stageId, call_id: callId, stage: "document_review", deadline: daysAgo(120), created_at: daysAgo(150), updated_at: daysAgo(150) }).execute();
  const reviewers = [userIds.get("reviewer@example.jp")!, userIds.get("staff-reviewer@example.jp")!];

  const coordinatorId = userIds.get("coordinator@example.jp")!;
  const coordinator: Viewer = { id: coordinatorId, email: "coordinator@example.jp", displayName: "協働 花子", roles: ["coordinator"], departmentId: null };

  for (const [i, demo] of PROPOSALS.entries()) {
    const group = await trx.selectFrom("groups").where("name", "=", demo.group).select("id").executeTakeFirstOrThrow();
    const department = await trx.selectFrom("departments").where("name", "=", demo.department).select("id").executeTakeFirstOrThrow();
    const content = JSON.stringify(proposalContentSchema.parse({ title: demo.title, problem: demo.problem, purpose: demo.purpose, budget: demo.budget }));
    const id = newId();
    const submittedAt = daysAgo(155 - i);
    await trx
      .insertInto("proposals")
      .values({
        id,
        call_id: callId,
        group_id: group.id,
        type: "citizen",
        sheet_id: null,
        status: "submitted",
        title: demo.title,
        draft: content,
        revision: 1,
        saved_by: null,
        saved_at: submittedAt,
        current_version: 1,
        receipt_number: `R8-市民-${String(i + 1).padStart(4, "0")}`,
        receipt_fiscal_year: 2026,
        receipt_sequence: i + 1,
        first_submitted_at: submittedAt,
        submitted_at: submittedAt,
        consultation_opened_at: null,
        created_by: null,
        created_at: submittedAt,
        updated_at: submittedAt,
      })
      .execute();
    await trx.insertInto("proposal_versions").values({ proposal_id: id, version: 1, content, submitted_at: submittedAt, submitted_by: null }).execute();
    await trx.insertInto("proposal_departments").values({ proposal_id: id, department_id: department.id }).execute();
    await applyTransition(trx, coordinator, id, { action: "start_review", actor: "coordinator", reason: null, notify: false });
    for (const [r, [points, comment]] of demo.scores.entries()) {
      const assignmentId = newId();
      await trx.insertInto("review_assignments").values({ id: assignmentId, stage_id: stageId, proposal_id: id, reviewer_id: reviewers[r], assigned_by: coordinatorId, assigned_at: daysAgo(140) }).execute();
      const sheetId = newId();
      await trx
        .insertInto("score_sheets")
        .values({ id: sheetId, assignment_id: assignmentId, status: "submitted", comment_for_applicant: comment, private_note: "", revision: 1, saved_at: daysAgo(125), submitted_at: daysAgo(125), excluded_at: null, excluded_reason: null })
        .execute();
      await trx.insertInto("scores").values(points.map((p, c) => ({ sheet_id: sheetId, criterion_id: criterionIds[c], points: p }))).execute();
    }
    await trx
      .insertInto("decisions")
      .values({
        proposal_id: id,
        call_id: callId,
        outcome: demo.outcome,
        reason: demo.reason,
        amounts: JSON.stringify(demo.amounts),
        letter_number: null,
        revision: 1,
        prepared_by: coordinatorId,
        prepared_at: daysAgo(110),
        published_at: null,
        updated_at: daysAgo(110),
      })
      .execute();
    for (const [position, text] of demo.conditions.entries()) {
      await trx
        .insertInto("decision_conditions")
        .values({ id: newId(), proposal_id: id, position, text, status: "open", answer: null, answer_attachment_id: null, answered_by: null, answered_at: null, resolved_by: null, resolved_at: null, return_reason: null })
        .execute();
    }
  }
  const publishedAt = new Date(Date.now() - 100 * DAY);
  const { notificationIds } = await publishDecisionsIn(trx, coordinator, callId, publishedAt);
  // The notices belong to that day and went out then: no digest mails them again on the demo's first morning.
  await trx.updateTable("notifications").set({ created_at: publishedAt.toISOString(), mailed_at: publishedAt.toISOString() }).where("id", "in", notificationIds).execute();
}
