// Records the proposal tests start from: a department with its staff, an approved group with members,
// a published call, and the form fields of a complete proposal.
import type { Insertable } from "kysely";
import { getDb, type DB } from "../../db/index";
import type { ProposalTable } from "../../db/schema";
import { newId, now } from "../../db/values";

export async function makeDepartment(name: string): Promise<string> {
  const id = newId();
  await getDb().insertInto("departments").values({ id, name, parent_division: null, contact: null, created_at: now() }).execute();
  return id;
}

export async function makeGroup(name: string, memberIds: string[], status: "approved" | "pending" = "approved"): Promise<string> {
  const id = newId();
  const at = now();
  await getDb().insertInto("groups").values({ id, name, name_kana: "だんたい", status, created_at: at, updated_at: at }).execute();
  for (const [i, userId] of memberIds.entries()) {
    await getDb().insertInto("group_members").values({ group_id: id, user_id: userId, role: i === 0 ? "owner" : "member", joined_at: at }).execute();
  }
  return id;
}

export interface CallOptions {
  id?: string;
  title?: string;
  fiscalYear?: number;
  type?: "citizen" | "government";
  status?: "draft" | "published";
  opensAt?: string;
  closesAt?: string;
  graceMinutes?: number;
  stages?: string[];
  requiredAttachments?: string[];
  sheetIds?: string[];
  cap?: number;
  capTotal?: number;
  cityShareByYear?: number[];
}

/** A call (published, open from April 2026 to 2099 unless told otherwise) with one criterion. */
export async function makeCall(options: CallOptions = {}, db: DB = getDb()): Promise<string> {
  const id = options.id ?? newId();
  const at = now();
  const status = options.status ?? "published";
  await db
    .insertInto("calls")
    .values({
      id,
      fiscal_year: options.fiscalYear ?? 2026,
      type: options.type ?? "citizen",
      title: options.title ?? `提案の確認用の募集 ${id.slice(0, 8)}`,
      description: "地域の課題を市と一緒に解決する事業を募集します。",
      min_members: null,
      min_years_active: null,
      opens_at: options.opensAt ?? "2026-04-01T00:00:00.000Z",
      closes_at: options.closesAt ?? "2099-02-10T08:00:00.000Z",
      grace_minutes: options.graceMinutes ?? 0,
      budget_cap_per_proposal: options.cap ?? 1_000_000,
      budget_cap_total: options.capTotal ?? 5_000_000,
      city_share_by_year: JSON.stringify(options.cityShareByYear ?? [90]),
      required_attachments: JSON.stringify(options.requiredAttachments ?? []),
      stages: JSON.stringify(options.stages ?? ["formal_check", "document_review"]),
      status,
      first_submitted_at: null,
      published_at: status === "published" ? at : null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (options.sheetIds?.length) await db.insertInto("call_sheets").values(options.sheetIds.map((sheet_id) => ({ call_id: id, sheet_id }))).execute();
  await db.insertInto("call_criteria").values({ id: newId(), call_id: id, position: 0, name: "公益性", description: "", max_points: 10, weight: 1 }).execute();
  return id;
}

/** A proposal row written directly (no form): a draft unless told otherwise, its content as given. */
export async function makeProposal(
  fields: Pick<Insertable<ProposalTable>, "call_id" | "group_id"> & Partial<Insertable<ProposalTable>>,
  db: DB = getDb(),
): Promise<string> {
  const id = fields.id ?? newId();
  const at = fields.created_at ?? now();
  const status = fields.status ?? "draft";
  const submitted = status !== "draft";
  await db
    .insertInto("proposals")
    .values({
      type: "citizen",
      sheet_id: null,
      title: "",
      draft: "{}",
      revision: 1,
      saved_by: null,
      saved_at: at,
      current_version: submitted ? 1 : 0,
      receipt_number: null,
      receipt_fiscal_year: null,
      receipt_sequence: null,
      first_submitted_at: submitted ? at : null,
      submitted_at: submitted ? at : null,
      consultation_opened_at: null,
      created_by: null,
      updated_at: at,
      ...fields,
      id,
      status,
      created_at: at,
    })
    .execute();
  return id;
}

/** The form of a complete citizen proposal asking the city for 450,000 of 500,000 yen (90 %). */
export function completeForm(departmentId: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: "川沿いの竹林を子どもの遊び場に",
    departmentIds: [departmentId],
    problem: "放置竹林が増え、子どもが外で遊べる場所が減っている。\n自治会の調査では竹林の7割が手入れされていない。",
    purpose: "竹林を整備し、子どもが安全に遊べる場所を年間1,000人に提供する。",
    contentWho: "市内の小学生とその保護者",
    contentWhat: "竹林の整備、竹を使った工作教室、外遊びの日",
    contentWhere: "市内の竹林（約2ha）",
    contentScale: "年12回、延べ1,000人",
    "schedule[0].month": "4月",
    "schedule[0].activity": "準備会議と竹林の調査",
    "schedule[1].month": "5〜9月",
    "schedule[1].activity": "整備作業と外遊びの日",
    "roles[0].task": "広報",
    "roles[0].group": "チラシの作成",
    "roles[0].city": "学校への配布",
    whyCollaboration: "竹林の所有者との調整に市の信用が必要で、整備の人手は団体にある。",
    groupBrings: "会員30人の作業と工作教室の講師",
    cityBrings: "所有者との調整、学校への周知",
    effects: "子どもの外遊びの機会が増え、竹林が整う。",
    beneficiaries: "小学生とその家族",
    "budget[0].year": "1",
    "budget[0].item": "講師謝礼",
    "budget[0].amount": "450000",
    "budget[0].bearer": "city",
    "budget[1].year": "1",
    "budget[1].item": "資材費",
    "budget[1].amount": "50000",
    "budget[1].bearer": "group",
    "indicators[0].name": "参加者数",
    "indicators[0].target": "延べ1,000人",
    continuity: "2年目以降は参加費と会費で続ける。",
    team: "代表と会員30人、竹林の専門家1人",
    ...overrides,
  };
}
