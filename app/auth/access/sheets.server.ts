// A sheet named in the URL, with the guard applied: a sheet the viewer may not see is "not found" (a
// draft's existence does not leak); one they may see but not act on gives 403 (or sign-in).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { authorize, notFound } from "../guards.server";
import { can } from "../permissions";
import { hasRole, type Viewer } from "../viewer";
import type { SheetAction, SheetSubject } from "../../domain/sheets/permissions";
import { findSheet, type SheetDetail } from "../../domain/sheets/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

async function hasApprovedGroup(userId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("group_members")
    .innerJoin("groups", "groups.id", "group_members.group_id")
    .where("group_members.user_id", "=", userId)
    .where("groups.status", "=", "approved")
    .select("groups.id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function sheetSubject(sheet: SheetDetail, viewer: Viewer | null): Promise<SheetSubject> {
  return {
    kind: "sheet",
    departmentId: sheet.department_id,
    status: sheet.status,
    viewerHasApprovedGroup: hasRole(viewer, "group_member") ? await hasApprovedGroup(viewer!.id) : false,
  };
}

export async function loadSheetFor(args: Args, action: SheetAction): Promise<{ viewer: Viewer | null; sheet: SheetDetail; subject: SheetSubject }> {
  const viewer = await authorize(args, "public:view");
  const sheet = (await findSheet(getDb(), args.params.id ?? "")) ?? notFound();
  const subject = await sheetSubject(sheet, viewer);
  if (!can(viewer, "sheet:view", subject)) notFound();
  await authorize(args, action, subject);
  return { viewer, sheet, subject };
}
