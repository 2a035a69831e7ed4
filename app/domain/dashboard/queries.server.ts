// What each role's dashboard shows. Each part is loaded only for viewers holding that role.
import type { DB } from "../../../db/index";
import { hasRole, type Viewer } from "../../auth/viewer";
import { suggestSheetsForGroup } from "../matching/suggestions.server";
import { countWaitingProposals, listGroupProposals } from "../proposals/queries.server";
import { countReviewerAssignments } from "../reviews/queries.server";
import { listDepartmentSheets, unansweredQuestionsOfMember } from "../sheets/queries.server";

const count = (n: unknown) => Number(n);

/** `page`: which page of the department's sheets (the one list on the dashboard that comes in pages). */
export async function loadDashboard(db: DB, viewer: Viewer, page = 1) {
  const groups = hasRole(viewer, "group_member")
    ? await db
        .selectFrom("group_members")
        .innerJoin("groups", "groups.id", "group_members.group_id")
        .where("group_members.user_id", "=", viewer.id)
        .select(["groups.id", "groups.name", "groups.status", "groups.status_reason as statusReason", "group_members.role"])
        .orderBy("groups.name")
        .execute()
    : null;
  const department =
    hasRole(viewer, "department_staff") && viewer.departmentId
      ? await db.selectFrom("departments").where("id", "=", viewer.departmentId).select(["id", "name"]).executeTakeFirst()
      : null;
  const suggestions = groups
    ? await Promise.all(
        groups.filter((g) => g.status === "approved").map(async (g) => ({ groupId: g.id, groupName: g.name, sheets: await suggestSheetsForGroup(db, g.id) })),
      )
    : null;
  const sheets = department ? await listDepartmentSheets(db, department.id, page) : null;
  // The questions the member's groups asked that still wait for the department's answer.
  const waitingQuestions = groups?.length ? await unansweredQuestionsOfMember(db, viewer.id) : null;
  const pendingGroups = hasRole(viewer, "coordinator")
    ? count(
        (
          await db
            .selectFrom("groups")
            .where("status", "=", "pending")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      )
    : null;
  const users = hasRole(viewer, "admin")
    ? count((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)
    : null;
  // Proposals: the group's (drafts first, they are what is left to do) and, for staff, those waiting.
  const proposals = groups?.length ? await listGroupProposals(db, viewer.id) : null;
  const staffScope = hasRole(viewer, "coordinator") ? { departmentId: null, all: true } : department ? { departmentId: department.id, all: false } : null;
  const waitingProposals = staffScope ? await countWaitingProposals(db, staffScope) : null;
  // A reviewer's assignments, conflicted ones never counted.
  const reviewAssignments = hasRole(viewer, "reviewer") ? await countReviewerAssignments(db, viewer.id) : null;
  return { groups, suggestions, waitingQuestions, department: department ?? null, sheets, pendingGroups, users, proposals, waitingProposals, reviewAssignments };
}
