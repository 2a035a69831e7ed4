// A project named in the URL, with the guard applied: a project the viewer may not see is "not found"
// (its existence does not leak to other groups or departments); one they may see but not act on gives 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { authorize, notFound } from "../guards.server";
import { can } from "../permissions";
import { hasRole, type Viewer } from "../viewer";
import type { ProjectRelation } from "../../domain/projects/commands.server";
import type { ProjectAction, ProjectSubject } from "../../domain/projects/permissions";
import { findProject, groupRelation, type ProjectDetail } from "../../domain/projects/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export async function projectSubject(project: ProjectDetail, viewer: Viewer | null): Promise<ProjectSubject & ProjectRelation> {
  const relation = viewer && hasRole(viewer, "group_member") ? await groupRelation(getDb(), project.group_id, viewer.id) : { isMember: false, isOwner: false };
  const ofDepartment = hasRole(viewer, "department_staff") && viewer!.departmentId !== null && project.departments.some((d) => d.id === viewer!.departmentId);
  return { kind: "project", ...relation, ofDepartment };
}

export async function loadProjectFor(args: Args, action: ProjectAction): Promise<{ viewer: Viewer; project: ProjectDetail; subject: ProjectSubject & ProjectRelation }> {
  const viewer = await authorize(args, "project:list");
  const project = (await findProject(getDb(), args.params.id ?? "")) ?? notFound();
  const subject = await projectSubject(project, viewer);
  if (!can(viewer, "project:view", subject)) notFound();
  await authorize(args, action, subject);
  return { viewer: viewer!, project, subject };
}
