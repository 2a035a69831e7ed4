// The guard for pages of one group: a group the viewer may not even see answers 404 (so an unapproved
// group's existence does not leak); one they may see but not act on answers 403, or sign-in when anonymous.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { authorize, notFound } from "../guards.server";
import { can, type Viewer } from "../permissions";
import { loadGroupSubject } from "../../domain/groups/queries.server";
import type { GroupAction, GroupSubject } from "../../domain/groups/permissions";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export async function authorizeGroup(args: Args, action: GroupAction): Promise<{ viewer: Viewer | null; group: GroupSubject }> {
  const anyone = await authorize(args, "public:view");
  const group = await loadGroupSubject(getDb(), args.params.id ?? "", anyone?.id ?? null);
  if (!group || !can(anyone, "group:view", group)) notFound();
  const viewer = await authorize(args, action, group);
  return { viewer, group };
}

export async function requireGroup(args: Args, action: GroupAction): Promise<{ viewer: Viewer; group: GroupSubject }> {
  const { viewer, group } = await authorizeGroup(args, action);
  // authorize() already sent anonymous visitors to sign in for any action that needs a viewer.
  return { viewer: viewer!, group };
}
