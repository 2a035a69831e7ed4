// A proposal's award named in the URL, with the guards applied: the proposal must be visible to the
// viewer (else 404, as for the proposal), and its decision is "not found" to anyone but the coordinator
// until it is published — a prepared decision does not leak through a status code either.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { authorize, notFound } from "../guards.server";
import { can } from "../permissions";
import { hasRole, type Viewer } from "../viewer";
import { loadProposalFor } from "./proposals.server";
import type { ProposalSubject } from "../../domain/proposals/permissions";
import type { ProposalDetail } from "../../domain/proposals/queries.server";
import type { AwardAction, AwardSubject } from "../../domain/awards/permissions";
import { findDecision } from "../../domain/awards/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export async function loadAwardFor(args: Args, action: AwardAction) {
  const { viewer, proposal, subject } = await loadProposalFor(args, "proposal:view");
  const decision = await findDecision(getDb(), proposal.id);
  const award: AwardSubject = {
    kind: "award",
    published: decision?.published_at != null,
    isMember: subject.isMember,
    isRelatedDepartment: hasRole(viewer, "department_staff") && viewer.departmentId !== null && subject.departmentIds.includes(viewer.departmentId),
  };
  if (!award.published && !can(viewer, action, award)) notFound();
  await authorize(args, action, award);
  return { viewer, proposal, subject, decision, award };
}

/** Which award pages the proposal's page links to for this viewer (none of them before publication for the group). */
export async function awardLinks(viewer: Viewer, proposal: ProposalDetail, subject: ProposalSubject) {
  const db = getDb();
  const decision = await findDecision(db, proposal.id);
  const award: AwardSubject = {
    kind: "award",
    published: decision?.published_at != null,
    isMember: subject.isMember,
    isRelatedDepartment: hasRole(viewer, "department_staff") && viewer.departmentId !== null && subject.departmentIds.includes(viewer.departmentId),
  };
  const decidable = ["submitted", "in_review", "presentation", "adoption_candidate"].includes(proposal.status);
  const conditions = award.published ? await db.selectFrom("decision_conditions").where("proposal_id", "=", proposal.id).select("id").executeTakeFirst() : undefined;
  // The project an award made, for those it concerns (its own page checks again).
  const project =
    award.published && (can(viewer, "award:read-letter", award) || award.isRelatedDepartment)
      ? ((await db.selectFrom("projects").where("proposal_id", "=", proposal.id).select("id").executeTakeFirst())?.id ?? null)
      : null;
  return {
    decision: can(viewer, "award:manage", award) && (decidable || decision !== null),
    letter: decision !== null && can(viewer, "award:read-letter", award),
    conditions: conditions !== undefined && can(viewer, "award:view-conditions", award),
    project,
  };
}
