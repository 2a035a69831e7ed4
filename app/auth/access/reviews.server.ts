// The review's records named in a URL, with the guard applied: the coordinator's call (404 when there
// is none), and a reviewer's own assignment — 404 when it is someone else's, of a proposal not yet
// submitted, or one the reviewer is conflicted with (the proposal must not be known to exist).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { notFound, requireViewer } from "../guards.server";
import type { Viewer } from "../viewer";
import { findCall, type CallDetail } from "../../domain/calls/queries.server";
import { findAssignmentFor, type AssignmentDetail } from "../../domain/reviews/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export async function loadReviewCall(args: Args, action: "review:manage" = "review:manage"): Promise<{ viewer: Viewer; call: CallDetail }> {
  const viewer = await requireViewer(args, action);
  const call = (await findCall(getDb(), args.params.id ?? "")) ?? notFound();
  return { viewer, call };
}

export async function loadAssignmentFor(args: Args): Promise<{ viewer: Viewer; assignment: AssignmentDetail }> {
  const viewer = await requireViewer(args, "review:score");
  const assignment = (await findAssignmentFor(getDb(), viewer.id, args.params.assignmentId ?? "")) ?? notFound();
  return { viewer, assignment };
}
