// The proposal's timeline (経過): one entry per transition, shown to the group and to staff, and the
// Japanese line each entry is printed as. Pure and browser-safe.

import {
  PROPOSAL_ACTOR_LABELS,
  PROPOSAL_TRANSITIONS,
  statusLabel,
  type ProposalAction,
  type ProposalActor,
  type ProposalStatus,
} from "./lifecycle";
import { formatDateTime } from "../calendar/format";

export interface TimelineEntry {
  /** ISO timestamp (as stored by `now()`), or a Date. */
  at: string | Date;
  actorName: string;
  actorRole: ProposalActor;
  /**
   * Who the actor acts for, printed before the name: the group's or department's name. Without it the
   * role's label is printed (協働推進課, 団体, 担当課).
   */
  actorOrganization?: string | null;
  from: ProposalStatus;
  to: ProposalStatus;
  action: ProposalAction;
  reason?: string | null;
}

function rowOf(entry: TimelineEntry) {
  return (
    PROPOSAL_TRANSITIONS.find((r) => r.action === entry.action && r.from.includes(entry.from)) ??
    PROPOSAL_TRANSITIONS.find((r) => r.action === entry.action)
  );
}

/**
 * 「令和9年1月12日（火）10:03 協働推進課（協働 花子）が差し戻しました — 理由: 予算書の添付がありません」
 */
export function formatTimelineEntry(entry: TimelineEntry): string {
  const organization = entry.actorOrganization?.trim() || PROPOSAL_ACTOR_LABELS[entry.actorRole];
  const name = entry.actorName.trim();
  const who = name ? `${organization}（${name}）` : organization;
  const row = rowOf(entry);
  // An action no longer in the table (history outlives code): still say what happened.
  const verb = row?.done ?? `「${statusLabel(entry.from)}」から「${statusLabel(entry.to)}」に変更しました`;
  const reason = entry.reason?.trim();
  const line = `${formatDateTime(entry.at)} ${who}が${verb}`;
  return reason ? `${line} — ${row?.reasonLabel ?? "理由"}: ${reason}` : line;
}

/** Oldest first, as the timeline reads; entries at the same moment keep their given order. */
export function sortTimeline<T extends Pick<TimelineEntry, "at">>(entries: readonly T[]): T[] {
  const time = (entry: T) => new Date(entry.at).getTime();
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => time(a.entry) - time(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}
