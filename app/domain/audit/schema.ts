// Where in the audit log a page of /admin/audit starts, read from its address. Browser-safe.
import { isCalendarDate } from "../calendar/tokyo-time";
import { z } from "../zod";

/**
 * The part of the log a page shows, newest first: the newest entries; those older than an entry
 * (`?before=<id>`, 「古い記録」) or newer than it (`?after=<id>`, 「新しい記録」, the ones just above it);
 * or those of a day on the Tokyo clock and older (`?until=YYYY-MM-DD`, 「日付を指定」).
 */
export type AuditLogPosition =
  | { kind: "newest" }
  | { kind: "before"; entryId: string }
  | { kind: "after"; entryId: string }
  | { kind: "until"; day: string };

/** An entry's id as a cursor: looked up as it is, so any non-empty string of an id's length will do. */
const entryIdSchema = z.string().min(1).max(100);

/** What a date field sends ("2026-12-04"), a day that exists. */
export const auditDaySchema = z
  .string()
  .trim()
  .min(1, "日付を指定してください。")
  .refine(isCalendarDate, "日付は「2026-12-04」のように年-月-日で、実在する日を指定してください。");

const addressSchema = z.object({
  before: entryIdSchema.optional(),
  after: entryIdSchema.optional(),
  until: z.string().optional(),
});

export type AuditLogAddress =
  /** `position` to show; `until` is the date field as typed, with the reason it was not used (`problem`). */
  | { ok: true; position: AuditLogPosition; until?: { typed: string; problem?: string } }
  /** A cursor that is no entry's id, or both cursors at once: a page that does not exist. */
  | { ok: false };

/**
 * The position the request's address asks for. A cursor wins over a date (the pages' own links carry one
 * or the other); a date that is not one is shown beside the field, and the newest entries instead. An
 * old `?page=` is ignored: the newest entries.
 */
export function requestedAuditPosition(request: Request): AuditLogAddress {
  const params = new URL(request.url).searchParams;
  const address = addressSchema.safeParse({
    before: params.get("before") ?? undefined,
    after: params.get("after") ?? undefined,
    until: params.get("until") ?? undefined,
  });
  if (!address.success) return { ok: false };
  const { before, after, until } = address.data;
  if (before !== undefined && after !== undefined) return { ok: false };
  if (before !== undefined) return { ok: true, position: { kind: "before", entryId: before } };
  if (after !== undefined) return { ok: true, position: { kind: "after", entryId: after } };
  if (until === undefined) return { ok: true, position: { kind: "newest" } };
  const day = auditDaySchema.safeParse(until);
  if (!day.success) return { ok: true, position: { kind: "newest" }, until: { typed: until, problem: day.error.issues[0]?.message } };
  return { ok: true, position: { kind: "until", day: day.data }, until: { typed: day.data } };
}
