// A project as the award area leaves it at publication: a submitted proposal (version 1) in status
// adopted (or conditionally adopted with its conditions), a published decision, the call's publication,
// and `createProjectForAward` — the same call the award area makes.
import { getDb, type DB } from "../../db/index";
import { newId, now } from "../../db/values";
import { emptyContent, type ProposalContent } from "../../app/domain/proposals/content";
import { createProjectForAward } from "../../app/domain/projects/commands.server";
import { makeCall, makeProposal } from "./proposal-fixtures";

/** The content of a complete one-year proposal: 450,000 yen from the city, 50,000 from the group. */
export function projectContent(overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    ...emptyContent(),
    title: "川沿いの竹林を子どもの遊び場に",
    problem: "放置竹林が増え、子どもが外で遊べる場所が減っている。",
    purpose: "竹林を整備し、子どもが安全に遊べる場所を年間1,000人に提供する。",
    contentWho: "市内の小学生とその保護者",
    contentWhat: "竹林の整備、竹を使った工作教室、外遊びの日",
    contentWhere: "市内の竹林（約2ha）",
    contentScale: "年12回、延べ1,000人",
    whyCollaboration: "所有者との調整に市の信用が必要で、人手は団体にある。",
    groupBrings: "会員30人の作業と講師",
    cityBrings: "所有者との調整、学校への周知",
    effects: "子どもの外遊びの機会が増える。",
    team: "代表と会員30人",
    schedule: [{ month: "4月", activity: "準備会議" }],
    roles: [{ task: "広報", group: "チラシの作成", city: "学校への配布" }],
    budget: [
      { year: 1, item: "講師謝礼", amount: 450_000, bearer: "city" },
      { year: 1, item: "資材費", amount: 50_000, bearer: "group" },
    ],
    indicators: [{ name: "参加者数", target: "延べ1,000人" }],
    ...overrides,
  };
}

export interface AwardedProjectOptions {
  groupId: string;
  departmentId: string;
  callId?: string;
  fiscalYear?: number;
  interimReport?: boolean;
  sheetId?: string | null;
  content?: ProposalContent;
  amounts?: number[];
  /** Conditions of a conditional adoption, left open. */
  conditions?: string[];
}

export async function makeAwardedProject(options: AwardedProjectOptions, db: DB = getDb()): Promise<{ projectId: string; proposalId: string; callId: string }> {
  const fiscalYear = options.fiscalYear ?? 2026;
  const callId = options.callId ?? (await makeCall({ fiscalYear, stages: ["formal_check"] }, db));
  if (options.interimReport) await db.updateTable("calls").set({ interim_report: 1 }).where("id", "=", callId).execute();
  const content = options.content ?? projectContent();
  const at = now();
  const conditional = (options.conditions?.length ?? 0) > 0;
  const sequence = Math.floor(Math.random() * 900_000) + 1000;
  const proposalId = await makeProposal(
    {
      call_id: callId,
      group_id: options.groupId,
      status: conditional ? "conditionally_adopted" : "adopted",
      title: content.title,
      draft: JSON.stringify(content),
      sheet_id: options.sheetId ?? null,
      type: options.sheetId ? "government" : "citizen",
      receipt_number: `R8-市民-${sequence}`,
      receipt_fiscal_year: fiscalYear,
      receipt_sequence: sequence,
    },
    db,
  );
  await db.insertInto("proposal_versions").values({ proposal_id: proposalId, version: 1, content: JSON.stringify(content), submitted_at: at, submitted_by: null }).execute();
  await db.insertInto("proposal_departments").values({ proposal_id: proposalId, department_id: options.departmentId }).execute();
  const amounts = options.amounts ?? [450_000];
  await db
    .insertInto("decisions")
    .values({
      proposal_id: proposalId,
      call_id: callId,
      outcome: conditional ? "conditional" : "adopted",
      reason: "地域の課題に合い、実施体制も整っているため。",
      amounts: JSON.stringify(amounts),
      letter_number: `協働-${newId().slice(0, 8)}`,
      revision: 1,
      prepared_by: null,
      prepared_at: at,
      published_at: at,
      updated_at: at,
    })
    .execute();
  const published = await db.selectFrom("award_publications").where("call_id", "=", callId).select("call_id").executeTakeFirst();
  if (!published) await db.insertInto("award_publications").values({ call_id: callId, published_at: at, published_by: null }).execute();
  for (const [position, text] of (options.conditions ?? []).entries()) {
    await db
      .insertInto("decision_conditions")
      .values({ id: newId(), proposal_id: proposalId, position, text, status: "open", answer: null, answer_attachment_id: null, answered_by: null, answered_at: null, resolved_by: null, resolved_at: null, return_reason: null })
      .execute();
  }
  const projectId = await db.transaction().execute((trx) => createProjectForAward(trx, proposalId, amounts));
  return { projectId, proposalId, callId };
}
