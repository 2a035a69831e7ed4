// Group use cases: register, edit, review, and the members (invite, accept, transfer, remove). Each
// writes in one transaction, keeps the group's change history and the audit log.
import { randomBytes } from "node:crypto";
import type { DB } from "../../../db/index";
import type { GroupStatus } from "../../../db/schema";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { sendMail } from "../../mail/mailer.server";
import { recordAudit } from "../audit/commands.server";
import { groupMemberIds, notify } from "../notifications/commands.server";
import { PROFILE_FIELD_LABELS, searchTextOf, type GroupProfile } from "./profile";
import { findInvite, hashInviteToken, loadGroupProfile } from "./queries.server";
import type { GroupProfileInput } from "./schema";
import { DECISION_LABELS, nextStatus, RESUBMIT_FROM, type ReviewDecision } from "./lifecycle";
import { excludeSheetsOfNewMember } from "../reviews/commands.server";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields, `status` the HTTP answer. */
export class GroupRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

export const INVITE_DAYS = 7;
/** Invitations a group may send a day, so the form cannot be used to send mail to anyone in bulk. */
export const INVITES_PER_DAY = 20;

const NO_SUCH_GROUP = () => new GroupRefusedError("この団体は見つかりませんでした。", {}, 404);
const NOT_A_REMOVABLE_MEMBER = () =>
  new GroupRefusedError("その人はこの団体のメンバーではないか、代表管理者です。代表管理者は外せません（先に引き継いでください）。");

/** The `groups` columns of a profile (the benchmark seeds groups with it too). */
export function profileColumns(input: GroupProfileInput) {
  return {
    name: input.name,
    name_kana: input.nameKana,
    legal_form: input.legalForm,
    actor_type: input.actorType,
    founded_year: input.foundedYear,
    founded_month: input.foundedYear === null ? null : input.foundedMonth,
    member_count: input.memberCount,
    representative_name: input.representativeName,
    email: input.email,
    email_visibility: input.emailVisibility,
    phone: input.phone,
    phone_visibility: input.phoneVisibility,
    address: input.address,
    address_visibility: input.addressVisibility,
    website: input.website,
    website_visibility: input.websiteVisibility,
    mission: input.mission,
    wishes: input.wishes,
    past_collaboration: input.pastCollaboration,
    search_text: searchTextOf(input),
  };
}

/** Replaces the fields, areas and track record of a group. */
export async function writeLists(trx: DB, groupId: string, input: GroupProfileInput): Promise<void> {
  await trx.deleteFrom("group_fields").where("group_id", "=", groupId).execute();
  await trx.deleteFrom("group_areas").where("group_id", "=", groupId).execute();
  await trx.deleteFrom("group_activities").where("group_id", "=", groupId).execute();
  const fields = [...new Set(input.fields)];
  const areas = [...new Set(input.areas)];
  if (fields.length) await trx.insertInto("group_fields").values(fields.map((field) => ({ group_id: groupId, field }))).execute();
  if (areas.length) await trx.insertInto("group_areas").values(areas.map((area) => ({ group_id: groupId, area }))).execute();
  if (input.activities.length) {
    await trx
      .insertInto("group_activities")
      .values(
        input.activities.map((a, position) => ({
          id: newId(),
          group_id: groupId,
          fiscal_year: a.fiscalYear,
          title: a.title,
          description: a.description,
          position,
        })),
      )
      .execute();
  }
}

async function recordChange(trx: DB, groupId: string, actorId: string | null, fields: string[], summary: string): Promise<void> {
  await trx
    .insertInto("group_changes")
    .values({ id: newId(), group_id: groupId, changed_by: actorId, changed_at: now(), fields: JSON.stringify(fields), summary })
    .execute();
}

/** Registers a group (pending review) with the viewer as its owner; the viewer becomes a group member. */
export async function registerGroup(db: DB, viewer: Viewer, input: GroupProfileInput): Promise<string> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const at = now();
    await trx
      .insertInto("groups")
      .values({ id, status: "pending", created_at: at, updated_at: at, status_reason: null, reviewed_by: null, reviewed_at: null, ...profileColumns(input) })
      .execute();
    await writeLists(trx, id, input);
    await trx.insertInto("group_members").values({ group_id: id, user_id: actorId, role: "owner", joined_at: at }).execute();
    await ensureGroupMemberRole(trx, actorId);
    await recordChange(trx, id, actorId, Object.keys(PROFILE_FIELD_LABELS).filter((f) => f !== "status" && f !== "members"), "団体を登録しました");
    await recordAudit(trx, { actorId, action: "group.register", subjectType: "group", subjectId: id, detail: { name: input.name } });
    return id;
  });
}

async function ensureGroupMemberRole(trx: DB, userId: string): Promise<void> {
  const has = await trx
    .selectFrom("user_roles")
    .where("user_id", "=", userId)
    .where("role", "=", "group_member")
    .select("role")
    .executeTakeFirst();
  if (!has) {
    await trx.insertInto("user_roles").values({ user_id: userId, role: "group_member", granted_at: now(), granted_by: null }).execute();
    await recordAudit(trx, { actorId: userId, action: "role.grant", subjectType: "user", subjectId: userId, detail: { role: "group_member", source: "group" } });
  }
}

/** The profile's field names (PROFILE_FIELD_LABELS keys) whose value differs from the input. */
export function changedFields(before: GroupProfile, input: GroupProfileInput): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  const contact = (c: { value: string | null; visibility: string }) => [c.value, c.visibility];
  const pairs: [string, unknown, unknown][] = [
    ["name", before.name, input.name],
    ["nameKana", before.nameKana, input.nameKana],
    ["legalForm", before.legalForm, input.legalForm],
    ["actorType", before.actorType, input.actorType],
    ["fields", sorted(before.fields), sorted(input.fields)],
    ["areas", sorted(before.areas), sorted(input.areas)],
    ["founded", [before.foundedYear, before.foundedMonth], [input.foundedYear, input.foundedYear === null ? null : input.foundedMonth]],
    ["memberCount", before.memberCount, input.memberCount],
    ["representativeName", before.representativeName, input.representativeName],
    ["email", contact(before.email), [input.email, input.emailVisibility]],
    ["phone", contact(before.phone), [input.phone, input.phoneVisibility]],
    ["address", contact(before.address), [input.address, input.addressVisibility]],
    ["website", contact(before.website), [input.website, input.websiteVisibility]],
    ["mission", before.mission, input.mission],
    ["wishes", before.wishes, input.wishes],
    ["pastCollaboration", before.pastCollaboration, input.pastCollaboration],
    ["activities", before.activities, input.activities],
  ];
  return pairs.filter(([, a, b]) => !same(a, b)).map(([name]) => name);
}

/**
 * Saves the profile and records which fields changed. A rejected group that saves goes back to the
 * review queue. Returns the changed field names (empty when nothing changed).
 */
export async function updateGroup(db: DB, viewer: Viewer, groupId: string, input: GroupProfileInput): Promise<string[]> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const before = await loadGroupProfile(trx, groupId);
    if (!before) throw NO_SUCH_GROUP();
    const changed = changedFields(before, input);
    if (changed.length === 0) return [];
    const resubmit = RESUBMIT_FROM.includes(before.status);
    await trx
      .updateTable("groups")
      .set({ ...profileColumns(input), updated_at: now(), ...(resubmit ? { status: "pending" as GroupStatus } : {}) })
      .where("id", "=", groupId)
      .execute();
    await writeLists(trx, groupId, input);
    const fields = resubmit ? [...changed, "status"] : changed;
    await recordChange(trx, groupId, actorId, fields, resubmit ? "団体情報を修正し、再審査を依頼しました" : "団体情報を更新しました");
    await recordAudit(trx, { actorId, action: "group.update", subjectType: "group", subjectId: groupId, detail: { fields } });
    return changed;
  });
}

const REVIEW_NOTICES: Record<ReviewDecision, (name: string) => string> = {
  approve: (name) => `「${name}」が承認されました。団体の一覧に掲載され、マッチングシートへの質問や提案ができます`,
  reject: (name) => `「${name}」の登録が差し戻されました。理由を確かめ、団体情報を直して保存してください`,
  suspend: (name) => `「${name}」の掲載が停止されました`,
};

/** The coordinator approves, rejects or suspends; rejection and suspension carry the reason the group sees. */
export async function reviewGroup(
  db: DB,
  viewer: Viewer,
  groupId: string,
  decision: ReviewDecision,
  reason: string | null,
): Promise<{ name: string; status: GroupStatus; notificationIds: string[] }> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom("groups").where("id", "=", groupId).select(["status", "name"]).executeTakeFirst();
    const to = group ? nextStatus(group.status, decision) : null;
    // A group gone or already decided by someone else: the queue the coordinator sees is out of date.
    if (!group || !to) throw new GroupRefusedError("この団体の状態では、その操作はできません。画面を開き直してください。", {}, 409);
    const at = now();
    await trx
      .updateTable("groups")
      .set({ status: to, status_reason: decision === "approve" ? null : reason, reviewed_by: actorId, reviewed_at: at, updated_at: at })
      .where("id", "=", groupId)
      .execute();
    await recordChange(trx, groupId, actorId, ["status"], `協働推進課が${DECISION_LABELS[decision]}しました${reason ? `（理由: ${reason}）` : ""}`);
    await recordAudit(trx, { actorId, action: `group.${decision}`, subjectType: "group", subjectId: groupId, detail: { from: group.status, to, reason } });
    const notificationIds = await notify(trx, await groupMemberIds(trx, groupId), {
      kind: `group.${decision}`,
      title: REVIEW_NOTICES[decision](group.name),
      body: `${REVIEW_NOTICES[decision](group.name)}${reason ? `\n理由: ${reason}` : ""}`,
      link: `/groups/${groupId}`,
    });
    return { name: group.name, status: to, notificationIds };
  });
}

/** Mails a one-time link (valid INVITE_DAYS days) that lets whoever signs in with it join the group. */
export async function inviteMember(db: DB, viewer: Viewer, groupId: string, email: string, origin: string): Promise<void> {
  const actorId = viewer.id;
  const token = randomBytes(32).toString("base64url");
  const groupName = await db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom("groups").where("id", "=", groupId).select("name").executeTakeFirstOrThrow();
    const at = new Date();
    const recent = await trx
      .selectFrom("group_invites")
      .where("group_id", "=", groupId)
      .where("created_at", ">", new Date(at.getTime() - 86_400_000).toISOString())
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= INVITES_PER_DAY) {
      const message = `招待メールは1日に${INVITES_PER_DAY}通までです。明日、もう一度お試しください。`;
      throw new GroupRefusedError(message, { email: [message] }, 429);
    }
    await trx
      .insertInto("group_invites")
      .values({
        token_hash: hashInviteToken(token),
        group_id: groupId,
        email,
        invited_by: actorId,
        created_at: at.toISOString(),
        expires_at: new Date(at.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
        accepted_at: null,
        accepted_by: null,
      })
      .execute();
    await recordChange(trx, groupId, actorId, ["members"], `${email} をメンバーに招待しました`);
    await recordAudit(trx, { actorId, action: "group.invite", subjectType: "group", subjectId: groupId, detail: { email } });
    return group.name;
  });
  await sendMail({
    to: email,
    subject: `【協働マッチングポータル】「${groupName}」のメンバーへの招待`,
    text: [
      `「${groupName}」のメンバーとして協働マッチングポータルに招待されました。`,
      `次のリンクを開き、サインイン（アカウントがない場合は登録）してから「参加する」を押してください。リンクは${INVITE_DAYS}日間、一度だけ使えます。`,
      "",
      `${origin}/invites/${token}`,
      "",
      "お心当たりがない場合は、このメールを破棄してください。",
    ].join("\n"),
  });
}

/** Joins the group of a valid invitation; returns the group id, or null when the link is no good. */
export async function acceptInvite(db: DB, viewer: Viewer, token: string): Promise<string | null> {
  const userId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const invite = await findInvite(trx, token);
    if (!invite) return null;
    const at = now();
    // Spent only while still open: of two acceptances at once (on PostgreSQL both may have read it
    // open above), the second waits for the first's row lock, then finds it spent.
    const spent = await trx
      .updateTable("group_invites")
      .set({ accepted_at: at, accepted_by: userId })
      .where("token_hash", "=", hashInviteToken(token))
      .where("accepted_at", "is", null)
      .where("expires_at", ">", at)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    const already = await trx
      .selectFrom("group_members")
      .where("group_id", "=", invite.groupId)
      .where("user_id", "=", userId)
      .select("role")
      .executeTakeFirst();
    if (!already) {
      await trx.insertInto("group_members").values({ group_id: invite.groupId, user_id: userId, role: "member", joined_at: at }).execute();
      await ensureGroupMemberRole(trx, userId);
      // A reviewer who joins is conflicted with the group's proposals: sheets already scored leave the aggregate.
      await excludeSheetsOfNewMember(trx, userId, invite.groupId);
      const user = await trx.selectFrom("users").where("id", "=", userId).select("display_name").executeTakeFirstOrThrow();
      await recordChange(trx, invite.groupId, userId, ["members"], `${user.display_name} さんが招待を受けて参加しました`);
      await recordAudit(trx, { actorId: userId, action: "group.join", subjectType: "group", subjectId: invite.groupId, detail: { invitedEmail: invite.email } });
    }
    return invite.groupId;
  });
}

async function memberName(trx: DB, groupId: string, userId: string): Promise<{ name: string; role: "owner" | "member" }> {
  const row = await trx
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .where("group_members.group_id", "=", groupId)
    .where("group_members.user_id", "=", userId)
    .select(["users.display_name", "group_members.role"])
    .executeTakeFirst();
  if (!row) throw NOT_A_REMOVABLE_MEMBER();
  return { name: row.display_name, role: row.role };
}

/** Hands the owner's role to another member; the previous owner stays as a member. */
export async function transferOwnership(db: DB, viewer: Viewer, groupId: string, toUserId: string): Promise<string> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const target = await memberName(trx, groupId, toUserId);
    if (target.role === "owner") throw NOT_A_REMOVABLE_MEMBER();
    await trx.updateTable("group_members").set({ role: "member" }).where("group_id", "=", groupId).where("role", "=", "owner").execute();
    await trx.updateTable("group_members").set({ role: "owner" }).where("group_id", "=", groupId).where("user_id", "=", toUserId).execute();
    await recordChange(trx, groupId, actorId, ["members"], `代表管理者を ${target.name} さんに引き継ぎました`);
    await recordAudit(trx, { actorId, action: "group.transfer", subjectType: "group", subjectId: groupId, detail: { to: toUserId } });
    return target.name;
  });
}

/** Removes a member. The owner cannot be removed (hand the role over first). */
export async function removeMember(db: DB, viewer: Viewer, groupId: string, userId: string): Promise<string> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    const target = await memberName(trx, groupId, userId);
    if (target.role === "owner") throw NOT_A_REMOVABLE_MEMBER();
    await trx.deleteFrom("group_members").where("group_id", "=", groupId).where("user_id", "=", userId).execute();
    await recordChange(trx, groupId, actorId, ["members"], `${target.name} さんをメンバーから外しました`);
    await recordAudit(trx, { actorId, action: "group.remove-member", subjectType: "group", subjectId: groupId, detail: { userId } });
    return target.name;
  });
}
