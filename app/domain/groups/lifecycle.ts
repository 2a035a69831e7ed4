// The review of a group as data: which decision moves a group from which status to which. Browser-safe.
import type { GroupStatus } from "../../../db/schema";

export type ReviewDecision = "approve" | "reject" | "suspend";

export const REVIEW_TRANSITIONS: Record<ReviewDecision, { from: readonly GroupStatus[]; to: GroupStatus }> = {
  approve: { from: ["pending", "rejected", "suspended"], to: "approved" },
  reject: { from: ["pending"], to: "rejected" },
  suspend: { from: ["approved"], to: "suspended" },
};

/** A rejected group that edits its profile asks to be reviewed again. */
export const RESUBMIT_FROM: readonly GroupStatus[] = ["rejected"];

export function nextStatus(current: GroupStatus, decision: ReviewDecision): GroupStatus | null {
  const transition = REVIEW_TRANSITIONS[decision];
  return transition.from.includes(current) ? transition.to : null;
}

export function decisionsFrom(current: GroupStatus): ReviewDecision[] {
  return (Object.keys(REVIEW_TRANSITIONS) as ReviewDecision[]).filter((d) => nextStatus(current, d) !== null);
}

export const STATUS_LABELS: Record<GroupStatus, string> = {
  pending: "承認待ち",
  approved: "承認済み",
  rejected: "差戻し",
  suspended: "停止中",
};

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  approve: "承認",
  reject: "差戻し",
  suspend: "停止",
};
