// A proposal named in the URL, with the guard applied: a proposal the viewer may not see is "not found"
// (a draft's existence does not leak); one they may see but not act on gives 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { forbidden, notFound, requireViewer } from "../guards.server";
import { can } from "../permissions";
import { hasRole, type Viewer } from "../viewer";
import { isAssignedReviewer } from "../../domain/reviews/queries.server";
import type { ProposalAction, ProposalSubject } from "../../domain/proposals/permissions";
import { findProposal, type ProposalDetail } from "../../domain/proposals/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

async function isMember(groupId: string, viewer: Viewer | null): Promise<boolean> {
  if (!hasRole(viewer, "group_member")) return false;
  const row = await getDb().selectFrom("group_members").where("group_id", "=", groupId).where("user_id", "=", viewer!.id).select("user_id").executeTakeFirst();
  return row !== undefined;
}

export async function proposalSubject(proposal: ProposalDetail, viewer: Viewer | null): Promise<ProposalSubject> {
  return {
    kind: "proposal",
    status: proposal.status,
    isMember: await isMember(proposal.group_id, viewer),
    departmentIds: proposal.departments.map((d) => d.id),
    consultationOpen: proposal.consultation_opened_at !== null,
    assignedReviewer: hasRole(viewer, "reviewer") ? await isAssignedReviewer(getDb(), viewer!.id, proposal) : false,
    awardPublished: (await getDb().selectFrom("award_publications").where("call_id", "=", proposal.call_id).select("call_id").executeTakeFirst()) !== undefined,
  };
}

export async function loadProposalFor(args: Args, action: ProposalAction): Promise<{ viewer: Viewer; proposal: ProposalDetail; subject: ProposalSubject }> {
  // Reviewers have no list of proposals but read those assigned to them; anything else is "not found" to them.
  const viewer = await requireViewer(args, "dashboard:view");
  if (!can(viewer, "proposal:list") && !hasRole(viewer, "reviewer")) forbidden();
  const proposal = (await findProposal(getDb(), args.params.id ?? "")) ?? notFound();
  const subject = await proposalSubject(proposal, viewer);
  if (!can(viewer, "proposal:view", subject)) notFound();
  await requireViewer(args, action, subject);
  return { viewer: viewer!, proposal, subject };
}
