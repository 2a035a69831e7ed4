// Writing matching sheets: a department creates and edits its sheets and moves them through their
// statuses; groups ask questions and mark interest; the department answers. One transaction each,
// every change in the audit log.
import type { DB } from "../../../db/index";
import type { InterestLevel, SheetStatus } from "../../../db/schema";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { departmentContactIds, groupMemberIds, notify } from "../notifications/commands.server";
import { foldForSearch } from "../search/japanese-text";
import { SHEET_TRANSITIONS } from "./lifecycle";
import { publishProblems, type SheetInput } from "./schema";
import { tokyoToday } from "./queries.server";

/**
 * A refusal the page shows: `reason` above the form, `problems` beside the fields (what publishing still
 * needs, or the group to choose), `status` the HTTP answer.
 */
export class SheetRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

const INCOMPLETE_DRAFT = "公開に必要な項目が足りません。下書きとしては保存できます。";
const NOT_YOUR_GROUP = "あなたが所属する承認済みの団体を選んでください";

/** The row columns of a sheet's contents (the demo loader writes sheets with it too). */
export function sheetColumns(input: SheetInput, departmentName: string) {
  return {
    title: input.title,
    background: input.background,
    outcomes: input.outcomes,
    offer_people: input.offerPeople,
    offer_places: input.offerPlaces,
    offer_money: input.offerMoney,
    offer_information: input.offerInformation,
    budget_scale: input.budgetScale ?? null,
    fiscal_year: input.fiscalYear,
    period: input.period || null,
    apply_until: input.applyUntil,
    priority: input.priority,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    search_text: foldForSearch(
      [input.title, departmentName, input.background, input.outcomes, input.offerPeople, input.offerPlaces, input.offerMoney, input.offerInformation].join(" "),
    ),
  };
}

/** Replaces the sheet's fields, areas and forms. */
export async function writeSheetCodes(trx: DB, sheetId: string, input: SheetInput) {
  await trx.deleteFrom("sheet_fields").where("sheet_id", "=", sheetId).execute();
  await trx.deleteFrom("sheet_areas").where("sheet_id", "=", sheetId).execute();
  await trx.deleteFrom("sheet_forms").where("sheet_id", "=", sheetId).execute();
  if (input.fields.length) await trx.insertInto("sheet_fields").values(input.fields.map((field) => ({ sheet_id: sheetId, field }))).execute();
  if (input.areas.length) await trx.insertInto("sheet_areas").values(input.areas.map((area) => ({ sheet_id: sheetId, area }))).execute();
  if (input.forms.length) await trx.insertInto("sheet_forms").values(input.forms.map((form) => ({ sheet_id: sheetId, form }))).execute();
}

async function departmentName(db: DB, departmentId: string): Promise<string> {
  const row = await db.selectFrom("departments").where("id", "=", departmentId).select("name").executeTakeFirstOrThrow();
  return row.name;
}

/** Publishing (or keeping published) a sheet that lacks what a group needs to decide is refused with `reason`. */
function requirePublishable(input: SheetInput, today: string, reason: string) {
  const problems = publishProblems(input, today);
  if (Object.keys(problems).length > 0) throw new SheetRefusedError(reason, problems);
}

/** A new sheet of the viewer's department: a draft, or published at once when `intent` is publish. */
export async function createSheet(db: DB, viewer: Viewer, departmentId: string, input: SheetInput, today = tokyoToday()): Promise<string> {
  if (input.intent === "publish") requirePublishable(input, today, INCOMPLETE_DRAFT);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const at = now();
    const status: SheetStatus = input.intent === "publish" ? "published" : "draft";
    await trx
      .insertInto("matching_sheets")
      .values({
        id,
        department_id: departmentId,
        ...sheetColumns(input, await departmentName(trx, departmentId)),
        status,
        published_at: status === "published" ? at : null,
        created_by: viewer.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await writeSheetCodes(trx, id, input);
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.create", subjectType: "matching_sheet", subjectId: id, detail: { title: input.title, status } });
    return id;
  });
}

/**
 * Saves the sheet's contents. A published sheet stays publishable: an edit that would leave it without
 * what groups need is refused like a first publication. `intent: publish` on a draft publishes it.
 */
export async function updateSheet(
  db: DB,
  viewer: Viewer,
  sheet: { id: string; department_id: string; status: SheetStatus },
  input: SheetInput,
  today = tokyoToday(),
): Promise<SheetStatus> {
  const publishing = sheet.status === "draft" && input.intent === "publish";
  if (publishing) requirePublishable(input, today, INCOMPLETE_DRAFT);
  if (sheet.status === "published") requirePublishable(input, today, "公開中のシートには、団体が判断するのに必要な項目がすべて必要です。");
  return db.transaction().execute(async (trx) => {
    const at = now();
    const status: SheetStatus = publishing ? "published" : sheet.status;
    await trx
      .updateTable("matching_sheets")
      .set({
        ...sheetColumns(input, await departmentName(trx, sheet.department_id)),
        status,
        ...(publishing ? { published_at: at } : {}),
        updated_at: at,
      })
      .where("id", "=", sheet.id)
      .where("department_id", "=", sheet.department_id)
      .execute();
    await writeSheetCodes(trx, sheet.id, input);
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.update", subjectType: "matching_sheet", subjectId: sheet.id, detail: { title: input.title, status } });
    return status;
  });
}

const NOT_FROM_HERE = "この状態からは変更できません。ページを再読み込みしてください。";

/** Moves a sheet along SHEET_TRANSITIONS; publishing checks the sheet as it is stored. */
export async function changeSheetStatus(
  db: DB,
  viewer: Viewer,
  sheet: { id: string; department_id: string; status: SheetStatus },
  to: SheetStatus,
  storedInput: SheetInput,
  today = tokyoToday(),
): Promise<void> {
  if (!SHEET_TRANSITIONS.some((t) => t.from === sheet.status && t.to === to)) throw new SheetRefusedError(NOT_FROM_HERE, {}, 409);
  if (to === "published") requirePublishable(storedInput, today, "公開に必要な項目が足りません。編集してから公開してください。");
  await db.transaction().execute(async (trx) => {
    const at = now();
    const result = await trx
      .updateTable("matching_sheets")
      .set({ status: to, updated_at: at, ...(to === "published" ? { published_at: at } : {}) })
      .where("id", "=", sheet.id)
      .where("status", "=", sheet.status) // two staff clicking at once: the second sees the new status
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new SheetRefusedError(NOT_FROM_HERE, {}, 409);
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.status", subjectType: "matching_sheet", subjectId: sheet.id, detail: { from: sheet.status, to } });
  });
}

/** The user's group, if it is approved and the user belongs to it; checked in the query itself. */
async function requireApprovedMembership(db: DB, userId: string, groupId: string) {
  const membership = await db
    .selectFrom("group_members")
    .innerJoin("groups", "groups.id", "group_members.group_id")
    .where("group_members.user_id", "=", userId)
    .where("group_members.group_id", "=", groupId)
    .where("groups.status", "=", "approved")
    .select("groups.id")
    .executeTakeFirst();
  if (!membership) throw new SheetRefusedError(NOT_YOUR_GROUP, { groupId: [NOT_YOUR_GROUP] });
}

/** The sheet's title and department, and the asking group's name, for a notification to the department. */
async function sheetAndGroup(db: DB, sheetId: string, groupId: string) {
  const sheet = await db.selectFrom("matching_sheets").where("id", "=", sheetId).select(["title", "department_id"]).executeTakeFirstOrThrow();
  const group = await db.selectFrom("groups").where("id", "=", groupId).select("name").executeTakeFirstOrThrow();
  return { ...sheet, groupName: group.name };
}

/**
 * A group's question on a sheet; its department's staff and 協働推進員 are notified (each as they chose:
 * mail at once or in the daily digest). Returns the question and the notifications to mail.
 */
export async function askQuestion(
  db: DB,
  viewer: Viewer,
  sheetId: string,
  groupId: string,
  question: string,
): Promise<{ questionId: string; notificationIds: string[] }> {
  return db.transaction().execute(async (trx) => {
    await requireApprovedMembership(trx, viewer.id, groupId);
    const id = newId();
    await trx
      .insertInto("sheet_questions")
      .values({ id, sheet_id: sheetId, group_id: groupId, asked_by: viewer.id, question, asked_at: now(), answer: null, answered_by: null, answered_at: null })
      .execute();
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.question", subjectType: "matching_sheet", subjectId: sheetId, detail: { questionId: id, groupId } });
    const { title, department_id, groupName } = await sheetAndGroup(trx, sheetId, groupId);
    const notificationIds = await notify(trx, await departmentContactIds(trx, department_id), {
      kind: "sheet.question",
      title: `「${title}」に${groupName}から質問がありました`,
      body: `質問: ${question}\n回答はシートのページで公開されます。`,
      link: `/sheets/${sheetId}`,
    });
    return { questionId: id, notificationIds };
  });
}

/**
 * Answers (or corrects the answer to) a question on this sheet; the answer is public from then on and
 * the asking group's members are notified. Returns the notifications to mail.
 */
export async function answerQuestion(db: DB, viewer: Viewer, sheetId: string, questionId: string, answer: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("sheet_questions")
      .set({ answer, answered_by: viewer.id, answered_at: now() })
      .where("id", "=", questionId)
      .where("sheet_id", "=", sheetId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new SheetRefusedError("この質問はこのシートにありません。");
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.answer", subjectType: "matching_sheet", subjectId: sheetId, detail: { questionId } });
    const { group_id, question, title } = await trx
      .selectFrom("sheet_questions")
      .innerJoin("matching_sheets", "matching_sheets.id", "sheet_questions.sheet_id")
      .where("sheet_questions.id", "=", questionId)
      .select(["sheet_questions.group_id", "sheet_questions.question", "matching_sheets.title"])
      .executeTakeFirstOrThrow();
    return notify(trx, await groupMemberIds(trx, group_id), {
      kind: "sheet.answer",
      title: `「${title}」への質問に回答がありました`,
      body: `質問: ${question}\n回答: ${answer}`,
      link: `/sheets/${sheetId}`,
    });
  });
}

/**
 * Marks (or changes, or with `none` withdraws) a group's interest in a sheet. A group newly asking to
 * talk (相談したい) is announced to the department's staff and 協働推進員; returns the notifications to mail.
 */
export async function markInterest(db: DB, viewer: Viewer, sheetId: string, groupId: string, level: InterestLevel | "none"): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await requireApprovedMembership(trx, viewer.id, groupId);
    const before = await trx.selectFrom("sheet_interests").where("sheet_id", "=", sheetId).where("group_id", "=", groupId).select("level").executeTakeFirst();
    await trx.deleteFrom("sheet_interests").where("sheet_id", "=", sheetId).where("group_id", "=", groupId).execute();
    if (level !== "none") {
      await trx.insertInto("sheet_interests").values({ sheet_id: sheetId, group_id: groupId, level, marked_by: viewer.id, marked_at: now() }).execute();
    }
    await recordAudit(trx, { actorId: viewer.id, action: "sheet.interest", subjectType: "matching_sheet", subjectId: sheetId, detail: { groupId, level } });
    if (level !== "consult" || before?.level === "consult") return [];
    const { title, department_id, groupName } = await sheetAndGroup(trx, sheetId, groupId);
    return notify(trx, await departmentContactIds(trx, department_id), {
      kind: "sheet.consult",
      title: `${groupName}が「${title}」について相談を希望しています`,
      body: `${groupName}が、マッチングシート「${title}」に「相談したい」と伝えました。団体のページの連絡先から連絡してください。`,
      link: `/sheets/${sheetId}`,
    });
  });
}
