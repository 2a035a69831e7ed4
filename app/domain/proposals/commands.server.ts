// Writing proposals: a group starts a draft for a call, saves it (a save over a newer save is refused),
// submits it (receipt number, frozen version, once only), and staff move it through the review stages.
// Every status change runs as `update … where status = <from>` inside one transaction, writes its
// timeline row there, and notifies in the same transaction (mailed by the caller after commit).
import type { DB } from "../../../db/index";
import type { CallType } from "../../../db/schema";
import { isUniqueViolation, newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { groupMemberIds, notify, relatedStaffIds } from "../notifications/commands.server";
import { continuedSchedule } from "../calls/rules";
import { budgetTotals, readContent, submissionProblems, type ProposalContent } from "./content";
import { checkSubmissionDeadline } from "./deadline";
import { transition, type ProposalAction, type ProposalActor, type ProposalStatus } from "./lifecycle";
import type { ProposalDetail } from "./queries.server";
import { fiscalYearOf, formatReceiptNumber } from "./receipt";
import { formatDateTime } from "../calendar/format";
import { formatYen } from "../number-format";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields. */
export class ProposalRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

const untitled = (title: string) => title || "（無題の提案）";

async function staffOfDepartments(db: DB, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .where("users.department_id", "in", [...departmentIds])
    .where("user_roles.role", "=", "department_staff")
    .select("users.id")
    .execute();
  return rows.map((r) => r.id);
}

async function departmentName(db: DB, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await db.selectFrom("departments").where("id", "=", id).select("name").executeTakeFirst())?.name ?? null;
}

/** Who acts, as the timeline prints them: the group's or the department's name before the person's. */
async function actorOrganization(db: DB, viewer: Viewer, actor: ProposalActor, groupName: string): Promise<string | null> {
  if (actor === "group") return groupName;
  if (actor === "department") return departmentName(db, viewer.departmentId);
  return null;
}

// ---- drafts ------------------------------------------------------------------------------------------

export interface NewDraft {
  callId: string;
  groupId: string;
  sheetId: string | null;
  /** A renewal (継続): the project it continues and the content it starts from (the projects area prepares it). */
  renewal?: { projectId: string; content: ProposalContent; departmentIds: string[] };
}

/**
 * A new draft for a published call whose deadline has not passed, by a member of an approved group
 * that meets the call's eligibility. A government proposal names one of the call's sheets; its
 * department becomes the related department.
 */
export async function createDraft(db: DB, viewer: Viewer, input: NewDraft, at = new Date()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom("calls").where("id", "=", input.callId).selectAll().executeTakeFirst();
    if (!call || call.status !== "published") throw new ProposalRefusedError("この募集は公開されていません。");
    if (!checkSubmissionDeadline(at, new Date(call.closes_at), call.grace_minutes).ok) {
      throw new ProposalRefusedError(`この募集の提出期限（${formatDateTime(call.closes_at)}）を過ぎているため、新しい提案は作れません。`);
    }
    const group = await trx
      .selectFrom("groups")
      .innerJoin("group_members", "group_members.group_id", "groups.id")
      .where("groups.id", "=", input.groupId)
      .where("group_members.user_id", "=", viewer.id)
      .select(["groups.id", "groups.name", "groups.status", "groups.member_count", "groups.founded_year"])
      .executeTakeFirst();
    if (!group) throw new ProposalRefusedError("提案する団体を選んでください。", { groupId: ["あなたが所属する団体から選んでください"] });
    if (group.status !== "approved") {
      throw new ProposalRefusedError("承認済みの団体だけが提案できます。", { groupId: ["この団体はまだ協働推進課の承認を受けていません"] });
    }
    if (call.min_members !== null && (group.member_count ?? 0) < call.min_members) {
      throw new ProposalRefusedError("応募資格を満たしていません。", { groupId: [`この募集は会員${call.min_members}人以上の団体が対象です（団体情報の会員数: ${group.member_count ?? "未記入"}）`] });
    }
    if (call.min_years_active !== null && (group.founded_year === null || call.fiscal_year - group.founded_year < call.min_years_active)) {
      throw new ProposalRefusedError("応募資格を満たしていません。", { groupId: [`この募集は活動${call.min_years_active}年以上の団体が対象です（団体情報の設立年を確認してください）`] });
    }
    let departmentIds: string[] = [];
    if (call.type === "government") {
      const sheet = await trx
        .selectFrom("call_sheets")
        .innerJoin("matching_sheets", "matching_sheets.id", "call_sheets.sheet_id")
        .where("call_sheets.call_id", "=", call.id)
        .where("call_sheets.sheet_id", "=", input.sheetId ?? "")
        .select(["matching_sheets.id", "matching_sheets.department_id"])
        .executeTakeFirst();
      if (!sheet) throw new ProposalRefusedError("提案するテーマを選んでください。", { sheetId: ["この募集のマッチングシートから選んでください"] });
      departmentIds = [sheet.department_id];
    }
    const id = newId();
    const stamp = at.toISOString();
    if (input.renewal && call.type === "citizen") departmentIds = input.renewal.departmentIds;
    const content: ProposalContent = {
      ...readContent("{}"),
      ...input.renewal?.content,
      sheetId: call.type === "government" ? input.sheetId! : "",
      departmentIds: call.type === "government" ? [] : departmentIds,
    };
    await trx
      .insertInto("proposals")
      .values({
        id,
        call_id: call.id,
        group_id: group.id,
        type: call.type as CallType,
        sheet_id: call.type === "government" ? input.sheetId : null,
        status: "draft",
        title: content.title,
        draft: JSON.stringify(content),
        renewal_of_project_id: input.renewal?.projectId ?? null,
        revision: 1,
        saved_by: viewer.id,
        saved_at: stamp,
        current_version: 0,
        receipt_number: null,
        receipt_fiscal_year: null,
        receipt_sequence: null,
        first_submitted_at: null,
        submitted_at: null,
        consultation_opened_at: null,
        created_by: viewer.id,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    if (departmentIds.length) await trx.insertInto("proposal_departments").values(departmentIds.map((department_id) => ({ proposal_id: id, department_id }))).execute();
    await recordAudit(trx, { actorId: viewer.id, action: "proposal.create", subjectType: "proposal", subjectId: id, detail: { callId: call.id, groupId: group.id } });
    return id;
  });
}

function conflictMessage(savedByName: string | null, savedAt: string): string {
  return (
    `${savedByName ?? "ほかのメンバー"}さんが${formatDateTime(savedAt)}に新しい内容を保存しています。` +
    "あなたの入力は消えていませんが、保存されていません。相手の変更を確認するため、入力内容を手元に控えてからページを開き直してください。"
  );
}

/**
 * Saves the draft the member edited from `baseRevision`. Refused (409) when someone else saved meanwhile —
 * never silently overwritten — and when the proposal is no longer editable. Returns the new revision.
 */
export async function saveDraft(db: DB, viewer: Viewer, proposal: ProposalDetail, content: ProposalContent, baseRevision: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const departmentIds =
      proposal.type === "citizen"
        ? (await trx.selectFrom("departments").where("id", "in", content.departmentIds.length ? content.departmentIds : [""]).select("id").execute()).map((d) => d.id)
        : proposal.call.sheets.filter((s) => s.id === content.sheetId).map((s) => s.department_id);
    const stamp = now();
    const updated = await trx
      .updateTable("proposals")
      .set({
        draft: JSON.stringify({ ...content, departmentIds: proposal.type === "citizen" ? departmentIds : [] }),
        title: content.title,
        sheet_id: proposal.type === "government" && departmentIds.length ? content.sheetId : proposal.sheet_id,
        revision: (eb) => eb("revision", "+", 1),
        saved_by: viewer.id,
        saved_at: stamp,
        updated_at: stamp,
      })
      .where("id", "=", proposal.id)
      // The member's own later save (an autosave still on its way) is theirs to overwrite; anyone else's is not.
      .where((eb) => eb.or([eb("revision", "=", baseRevision), eb("saved_by", "=", viewer.id)]))
      .where("status", "in", ["draft", "returned"])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom("proposals")
        .leftJoin("users", "users.id", "proposals.saved_by")
        .where("proposals.id", "=", proposal.id)
        .select(["proposals.status", "proposals.saved_at", "users.display_name"])
        .executeTakeFirstOrThrow();
      if (current.status !== "draft" && current.status !== "returned") {
        throw new ProposalRefusedError("この提案は提出済みのため、変更できません。変更が必要な場合は協働推進課にご相談ください。", {}, 409);
      }
      throw new ProposalRefusedError(conflictMessage(current.display_name, current.saved_at), {}, 409);
    }
    // A citizen proposal's departments are what the group ticked; a government one's follow its sheet.
    if (proposal.type === "citizen" || departmentIds.length) {
      await trx.deleteFrom("proposal_departments").where("proposal_id", "=", proposal.id).execute();
    }
    if (departmentIds.length) {
      await trx.insertInto("proposal_departments").values(departmentIds.map((department_id) => ({ proposal_id: proposal.id, department_id }))).execute();
    }
    return (await trx.selectFrom("proposals").where("id", "=", proposal.id).select("revision").executeTakeFirstOrThrow()).revision;
  });
}

/** A draft never submitted may be deleted by its group (it was never received: nothing to withdraw). */
export async function deleteDraft(db: DB, viewer: Viewer, proposal: ProposalDetail): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("proposals").where("id", "=", proposal.id).where("status", "=", "draft").where("current_version", "=", 0).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw new ProposalRefusedError("提出済みの提案は削除できません。取り下げる場合は「取り下げる」を使ってください。");
    await recordAudit(trx, { actorId: viewer.id, action: "proposal.delete", subjectType: "proposal", subjectId: proposal.id, detail: { title: proposal.title } });
  });
}

// ---- transitions -------------------------------------------------------------------------------------

interface TransitionRecord {
  proposalId: string;
  viewer: Viewer;
  actor: ProposalActor;
  organization: string | null;
  action: ProposalAction;
  from: ProposalStatus;
  to: ProposalStatus;
  reason: string | null;
  at: string;
}

async function recordTransition(trx: DB, t: TransitionRecord): Promise<void> {
  await trx
    .insertInto("proposal_transitions")
    .values({
      id: newId(),
      proposal_id: t.proposalId,
      at: t.at,
      actor_id: t.viewer.id,
      actor_name: t.viewer.displayName,
      actor_role: t.actor,
      actor_organization: t.organization,
      action: t.action,
      from_status: t.from,
      to_status: t.to,
      reason: t.reason,
    })
    .execute();
}

export interface SubmitResult {
  receiptNumber: string;
  /** The proposal had already been submitted (a double submit): nothing was written. */
  alreadyDone: boolean;
  resubmitted: boolean;
  notificationIds: string[];
}

/**
 * Submits (or, after a return for correction, resubmits) the saved draft at `baseRevision`. One
 * transaction: the deadline on the server's clock (first submission only, grace applied), what the form
 * still lacks, the receipt number (max + 1 per fiscal year and type; a unique index makes a race fail
 * and the whole submission is retried), the frozen version, the timeline row, the call's freeze and the
 * receipt notification. A second submit of the same proposal writes nothing and reports `alreadyDone`.
 */
export async function submitProposal(db: DB, viewer: Viewer, proposalId: string, baseRevision: number, at = new Date()): Promise<SubmitResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(db, viewer, proposalId, baseRevision, at);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

async function submitOnce(db: DB, viewer: Viewer, proposalId: string, baseRevision: number, at: Date): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("proposals")
      .innerJoin("calls", "calls.id", "proposals.call_id")
      .innerJoin("groups", "groups.id", "proposals.group_id")
      .leftJoin("projects as continued", "continued.id", "proposals.renewal_of_project_id")
      .where("proposals.id", "=", proposalId)
      .select([
        "continued.project_year as continued_year",
        "proposals.status",
        "proposals.type",
        "proposals.group_id",
        "proposals.draft",
        "proposals.revision",
        "proposals.current_version",
        "proposals.receipt_number",
        "proposals.first_submitted_at",
        "proposals.call_id",
        "calls.title as call_title",
        "calls.opens_at",
        "calls.closes_at",
        "calls.grace_minutes",
        "calls.stages",
        "calls.budget_cap_per_proposal",
        "calls.city_share_by_year",
        "calls.required_attachments",
        "groups.name as group_name",
        "groups.status as group_status",
      ])
      .executeTakeFirstOrThrow();
    const from = row.status as ProposalStatus;
    const action: ProposalAction = from === "returned" ? "resubmit" : "submit";
    const check = transition(from, action, { actor: "group", callStages: JSON.parse(row.stages) });
    if (!check.ok) {
      if (check.code === "already_done" && row.receipt_number) return { receiptNumber: row.receipt_number, alreadyDone: true, resubmitted: false, notificationIds: [] };
      throw new ProposalRefusedError(check.message, {}, 409);
    }
    if (row.revision !== baseRevision) {
      throw new ProposalRefusedError("提出しようとした内容より新しい内容が保存されています。最新の内容を確認してから提出してください。", {}, 409);
    }
    if (row.group_status !== "approved") {
      throw new ProposalRefusedError("団体が承認済みでないため提出できません（停止中など）。協働推進課にお問い合わせください。下書きはそのまま残っています。", {}, 409);
    }
    if (action === "submit") {
      if (at.getTime() < Date.parse(row.opens_at)) throw new ProposalRefusedError(`この募集の受付は${formatDateTime(row.opens_at)}からです。それまでは下書きとして保存できます。`);
      const deadline = checkSubmissionDeadline(at, new Date(row.closes_at), row.grace_minutes);
      if (!deadline.ok) throw new ProposalRefusedError(deadline.message);
    }
    const content = readContent(row.draft);
    const attached = await trx.selectFrom("proposal_attachments").where("proposal_id", "=", proposalId).select("label").execute();
    const required = JSON.parse(row.required_attachments) as string[];
    const sheetIds =
      row.type === "government"
        ? (await trx.selectFrom("call_sheets").where("call_id", "=", row.call_id).select("sheet_id").execute()).map((s) => s.sheet_id)
        : [];
    const problems = submissionProblems(content, {
      type: row.type,
      // A renewal (継続) of project year k goes on with the schedule from year k+1 (its last share repeats).
      call: { budget_cap_per_proposal: row.budget_cap_per_proposal, city_share_by_year: continuedSchedule(JSON.parse(row.city_share_by_year), row.continued_year) },
      sheetIds,
      missingAttachments: required.filter((label) => !attached.some((a) => a.label === label)),
    });
    if (Object.keys(problems).length) {
      throw new ProposalRefusedError("提出に必要な項目がそろっていません。下の項目を入力してから、もう一度提出してください。", problems);
    }

    const stamp = at.toISOString();
    let receipt = { number: row.receipt_number, fiscalYear: null as number | null, sequence: null as number | null };
    if (!row.receipt_number) {
      const fiscalYear = fiscalYearOf(at);
      const last = await trx
        .selectFrom("proposals")
        .where("receipt_fiscal_year", "=", fiscalYear)
        .where("type", "=", row.type)
        .select((eb) => eb.fn.max("receipt_sequence").as("sequence"))
        .executeTakeFirst();
      const sequence = Number(last?.sequence ?? 0) + 1;
      receipt = { number: formatReceiptNumber({ fiscalYear, type: row.type, sequence }), fiscalYear, sequence };
    }
    const version = row.current_version + 1;
    const updated = await trx
      .updateTable("proposals")
      .set({
        status: "submitted",
        current_version: version,
        submitted_at: stamp,
        updated_at: stamp,
        ...(row.receipt_number ? {} : { receipt_number: receipt.number, receipt_fiscal_year: receipt.fiscalYear, receipt_sequence: receipt.sequence, first_submitted_at: stamp }),
      })
      .where("id", "=", proposalId)
      .where("status", "=", from)
      .where("revision", "=", baseRevision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      // Another request (the same click twice, on another server process) submitted it first.
      const now = await trx.selectFrom("proposals").where("id", "=", proposalId).select(["receipt_number"]).executeTakeFirstOrThrow();
      if (now.receipt_number) return { receiptNumber: now.receipt_number, alreadyDone: true, resubmitted: false, notificationIds: [] };
      throw new ProposalRefusedError("提出しようとした内容より新しい内容が保存されています。最新の内容を確認してから提出してください。", {}, 409);
    }
    await trx.insertInto("proposal_versions").values({ proposal_id: proposalId, version, content: row.draft, submitted_at: stamp, submitted_by: viewer.id }).execute();
    await recordTransition(trx, { proposalId, viewer, actor: "group", organization: row.group_name, action, from, to: "submitted", reason: null, at: stamp });
    await recordAudit(trx, { actorId: viewer.id, action: `proposal.${action}`, subjectType: "proposal", subjectId: proposalId, detail: { from, to: "submitted", receiptNumber: receipt.number } });
    await trx.updateTable("calls").set({ first_submitted_at: stamp }).where("id", "=", row.call_id).where("first_submitted_at", "is", null).execute();
    const { requested } = budgetTotals(content.budget);
    const verb = action === "resubmit" ? "再提出" : "提出";
    const notificationIds = await notify(trx, await groupMemberIds(trx, row.group_id), {
      kind: "proposal_received",
      title: `提案を受け付けました（受付番号 ${receipt.number}）`,
      body:
        `「${untitled(content.title)}」（${row.call_title}）の${verb}を${formatDateTime(stamp)}に受け付けました。\n` +
        `受付番号: ${receipt.number}（第${version}版、市への申請額 ${formatYen(requested)}）\n` +
        "提出した内容は変更できません。修正が必要な場合は協働推進課から差戻しの連絡があります。",
      link: `/proposals/${proposalId}`,
    });
    return { receiptNumber: receipt.number!, alreadyDone: false, resubmitted: action === "resubmit", notificationIds };
  });
}

export interface TransitionInput {
  action: ProposalAction;
  actor: ProposalActor;
  reason: string | null;
  /** false: nothing reaches the group yet (a decision prepared before its call's publication). Default true. */
  notify?: boolean;
}

export interface AppliedTransition {
  from: ProposalStatus;
  to: ProposalStatus;
  reason: string | null;
  /** What the reason is called (理由, or 条件 for a conditional adoption). */
  reasonLabel: string;
  at: string;
  notificationIds: string[];
}

/**
 * The one way a proposal's status changes after submission, inside the caller's transaction (the
 * review, award and project areas call it alongside their own writes): the table's check, the
 * `update … where status = <from>`, the timeline row, the audit row and, unless `notify` is false, the
 * notification of the other side (mailed by the caller after commit). Refusals are ProposalRefusedError.
 */
export async function applyTransition(trx: DB, viewer: Viewer, proposalId: string, input: TransitionInput): Promise<AppliedTransition> {
  const proposal = await trx
    .selectFrom("proposals")
    .innerJoin("calls", "calls.id", "proposals.call_id")
    .innerJoin("groups", "groups.id", "proposals.group_id")
    .where("proposals.id", "=", proposalId)
    .select(["proposals.status", "proposals.title", "proposals.group_id", "proposals.receipt_number", "calls.title as call_title", "calls.stages", "groups.name as group_name"])
    .executeTakeFirst();
  if (!proposal) throw new ProposalRefusedError("提案が見つかりません。", {}, 404);
  const from = proposal.status as ProposalStatus;
  const check = transition(from, input.action, { actor: input.actor, reason: input.reason, callStages: JSON.parse(proposal.stages) });
  if (!check.ok) throw new ProposalRefusedError(check.message, check.code === "reason_required" ? { reason: [check.message] } : {}, check.code === "already_done" ? 409 : 400);
  const stamp = now();
  const updated = await trx.updateTable("proposals").set({ status: check.to, updated_at: stamp }).where("id", "=", proposalId).where("status", "=", from).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ProposalRefusedError("ほかの操作で状態が変わりました。ページを再読み込みして確認してください。", {}, 409);
  const organization = await actorOrganization(trx, viewer, input.actor, proposal.group_name);
  await recordTransition(trx, { proposalId, viewer, actor: input.actor, organization, action: input.action, from, to: check.to, reason: check.reason, at: stamp });
  await recordAudit(trx, { actorId: viewer.id, action: `proposal.${input.action}`, subjectType: "proposal", subjectId: proposalId, detail: { from, to: check.to } });
  const reasonLabel = check.row.reasonLabel ?? "理由";
  let notificationIds: string[] = [];
  if (input.notify !== false) {
    const notice = check.row.notice;
    const recipients = input.actor === "group" ? await relatedStaffIds(trx, proposalId) : await groupMemberIds(trx, proposal.group_id);
    notificationIds = await notify(trx, recipients, {
      kind: `proposal_${input.action}`,
      title: `${notice}（受付番号 ${proposal.receipt_number}）`,
      body:
        `「${untitled(proposal.title)}」（${proposal.call_title}）: ${notice}（${formatDateTime(stamp)}）。` +
        (check.reason ? `\n${reasonLabel}: ${check.reason}` : "") +
        (input.action === "return_for_correction" ? "\n内容を修正して、提案のページから再提出してください。" : ""),
      link: `/proposals/${proposalId}`,
    });
  }
  return { from, to: check.to, reason: check.reason, reasonLabel, at: stamp, notificationIds };
}

/** Transitions other than submitting, in a transaction of their own: staff moving a proposal, a group withdrawing. */
export async function moveProposal(db: DB, viewer: Viewer, proposal: Pick<ProposalDetail, "id">, input: TransitionInput): Promise<AppliedTransition> {
  return db.transaction().execute((trx) => applyTransition(trx, viewer, proposal.id, input));
}

// ---- consultation (事前相談) --------------------------------------------------------------------------

/** The group asks the related departments to look at its draft: from now on they see it and the thread. */
export async function openConsultation(db: DB, viewer: Viewer, proposal: ProposalDetail, firstMessage: string): Promise<string[]> {
  if (proposal.departments.length === 0) {
    throw new ProposalRefusedError("相談先の課が決まっていません。提案書の「関係する課」を選んで保存してから相談してください。", { body: ["先に関係する課を選んでください"] });
  }
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("proposals").set({ consultation_opened_at: now() }).where("id", "=", proposal.id).where("consultation_opened_at", "is", null).execute();
    return writeMessage(trx, viewer, { ...proposal, consultation_opened_at: proposal.consultation_opened_at ?? now() }, "group", firstMessage);
  });
}

/** One message in the consultation thread; the other side is notified. */
export async function postMessage(db: DB, viewer: Viewer, proposal: ProposalDetail, side: "group" | "department" | "coordinator", body: string): Promise<string[]> {
  return db.transaction().execute((trx) => writeMessage(trx, viewer, proposal, side, body));
}

async function writeMessage(trx: DB, viewer: Viewer, proposal: ProposalDetail, side: "group" | "department" | "coordinator", body: string): Promise<string[]> {
  const organization = side === "group" ? proposal.group_name : side === "department" ? await departmentName(trx, viewer.departmentId) : "協働推進課";
  await trx
    .insertInto("proposal_messages")
    .values({ id: newId(), proposal_id: proposal.id, author_id: viewer.id, author_name: viewer.displayName, author_side: side, author_organization: organization, body, created_at: now() })
    .execute();
  const recipients =
    side === "group" ? await staffOfDepartments(trx, proposal.departments.map((d) => d.id)) : await groupMemberIds(trx, proposal.group_id);
  return notify(
    trx,
    recipients.filter((id) => id !== viewer.id),
    {
      kind: "proposal_message",
      title: `事前相談: 「${untitled(proposal.title)}」に${organization ?? viewer.displayName}からメッセージ`,
      body: body.length > 200 ? `${body.slice(0, 200)}…` : body,
      link: `/proposals/${proposal.id}#consultation`,
    },
  );
}

// ---- attachments -------------------------------------------------------------------------------------

export async function addAttachment(
  db: DB,
  viewer: Viewer,
  proposalId: string,
  file: { id: string; fileName: string; mime: string; size: number; sha256: string },
  label: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("proposals").where("id", "=", proposalId).select("status").executeTakeFirstOrThrow();
    if (current.status !== "draft" && current.status !== "returned") throw new ProposalRefusedError("提出済みの提案には添付できません。", {}, 409);
    await trx
      .insertInto("proposal_attachments")
      .values({ id: file.id, proposal_id: proposalId, label, file_name: file.fileName, mime: file.mime, size: file.size, sha256: file.sha256, uploaded_by: viewer.id, uploaded_at: now() })
      .execute();
  });
}

/** Removes the record; the caller removes the file after the commit. */
export async function deleteAttachment(db: DB, proposalId: string, attachmentId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("proposals").where("id", "=", proposalId).select("status").executeTakeFirstOrThrow();
    if (current.status !== "draft" && current.status !== "returned") throw new ProposalRefusedError("提出済みの提案の添付ファイルは削除できません。", {}, 409);
    const deleted = await trx.deleteFrom("proposal_attachments").where("id", "=", attachmentId).where("proposal_id", "=", proposalId).executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1;
  });
}
