// A call named in the URL, with the guard applied: a call the viewer may not see is "not found" (a
// draft's existence does not leak); one they may see but not manage gives 403 (or sign-in).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../../db/index";
import { authorize, notFound } from "../guards.server";
import { can } from "../permissions";
import type { Viewer } from "../viewer";
import type { CallAction, CallSubject } from "../../domain/calls/permissions";
import { findCall, type CallDetail } from "../../domain/calls/queries.server";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export async function loadCallFor(args: Args, action: CallAction): Promise<{ viewer: Viewer | null; call: CallDetail }> {
  const viewer = await authorize(args, "public:view");
  const call = (await findCall(getDb(), args.params.id ?? "")) ?? notFound();
  const subject: CallSubject = { kind: "call", status: call.status };
  if (!can(viewer, "call:view", subject)) notFound();
  await authorize(args, action, subject);
  return { viewer, call };
}
