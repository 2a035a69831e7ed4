// The version of what anonymous visitors can see: one counter in the database, so every server process
// (and PostgreSQL's several connections) agrees on it. recordAudit bumps it inside the transaction of a
// change a public page may show (every operation but the private ones below), so a reader that sees the
// new version also sees the new rows (app/http/page-cache.ts).
import type { DB } from "../../../db/index";
import { PROPOSAL_TRANSITIONS, visibleTo } from "../proposals/lifecycle";

const PUBLIC = "public";

/**
 * Proposal transitions that only move a proposal between statuses the public never sees (it sees an
 * awarded project, once its call's decisions are published): derived from the table, so a transition
 * that comes to start or end in a public status bumps again by itself.
 */
const UNSEEN_TRANSITIONS = [...new Set(PROPOSAL_TRANSITIONS.map((t) => t.action))]
  .filter((action) =>
    PROPOSAL_TRANSITIONS.filter((t) => t.action === action).every((t) => ![t.to, ...t.from].some((status) => visibleTo(status, "public", { awardPublished: true }))),
  )
  .map((action) => `proposal.${action}`);

/**
 * Audited operations that change nothing a visitor without a session can see, so they leave every
 * process's cached public pages (and kept plans) as they are. Anything not named here bumps the version,
 * a new operation too: name one only when no public page reads what it writes. The public pages: home,
 * /groups (approved groups), /sheets (published and closed sheets, answered questions), /calls (published
 * calls, their awarded projects once published), /plans and /measures, and the pages of mailed links.
 * Not here although they look private: spending or ending a mailed link (group.join,
 * review.invite_accept, user.password.*, user.email.*). The link's page (/invites/…, /reviewer-invites/…,
 * /password/reset/…, /account/confirm/…) says to anyone whether it still works; it is sent no-store, so
 * no cache keeps it today, and these bump in case that changes.
 */
export const PRIVATE_ACTIONS: ReadonlySet<string> = new Set([
  // Accounts: no public page shows an address, a password, a second factor, a role or a staff member's
  // department. The account a reviewer's invitation makes is announced by review.invite_accept.
  "user.create",
  "user.delete_unconfirmed", // the hourly clean-up of unconfirmed sign-ups
  "user.department.set",
  "user.two_factor.enable",
  "user.two_factor.replace",
  "user.two_factor.disable",
  "user.two_factor.recovery_codes",
  "user.two_factor.recovery_code_used",
  "user.two_factor.reset",
  "role.grant",
  "role.revoke",
  // A group is public once approved (a decision, which bumps); its members are not on its profile.
  "group.register",
  "group.invite", // a new link: no page of it was kept
  "group.transfer",
  "group.remove-member",
  // A question is public once answered (sheet.answer); interest is the department's to see.
  "sheet.question",
  "sheet.interest",
  // A draft is its group's.
  "proposal.create",
  "proposal.delete",
  ...UNSEEN_TRANSITIONS,
  // Review is confidential: panels, assignments, conflicts, rules, scores and their order.
  "review.rules",
  "review.stage",
  "review.panel_add",
  "review.panel_remove",
  "review.assign",
  "review.unassign",
  "review.conflict",
  "review.reopen",
  "review.tie_break",
  "review.invite", // a new link: no page of it was kept
  // A decision is public once published (award.publish, award.publish_decision; award.revise after);
  // the conditions of a conditional adoption are the group's and the city's.
  "award.prepare",
  "award.discard",
  "award.condition_answer",
  "award.condition_confirm",
  "award.condition_return",
  // A project's own pages need a session. What the public sees of it — its status, amounts and evidence —
  // comes from transitions (the second confirmation concludes the agreement; a final report moves the
  // status), award.revise and project.report-accept, which bump.
  "project.confirm-agreement",
  "project.report-submit",
  "project.report-return",
  "project.report-attach",
  "project.evaluation",
]);

export async function bumpContentVersion(db: DB): Promise<void> {
  await db
    .updateTable("content_versions")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("name", "=", PUBLIC)
    .execute();
}

/** The current version, or null where the table is missing (a database not yet migrated). */
export async function readContentVersion(db: DB): Promise<number | null> {
  try {
    const row = await db.selectFrom("content_versions").select("version").where("name", "=", PUBLIC).executeTakeFirst();
    return row ? Number(row.version) : null;
  } catch {
    return null;
  }
}
