// Whether a submission is in time for the call's deadline. The caller passes the SERVER's clock (never a
import { formatDateTime } from "../calendar/format";
// time sent by the browser); the grace period absorbs a click at 16:59:59 that reaches us a few seconds late.
// Only the first submission is held to the deadline: a resubmission answers a return for correction.


export const DEFAULT_GRACE_MINUTES = 5;

export type DeadlineCheck =
  | { ok: true; /** Received after the deadline but inside the grace period (worth showing staff). */ withinGrace: boolean }
  | { ok: false; message: string };

export function checkSubmissionDeadline(
  now: Date,
  deadline: Date,
  graceMinutes: number = DEFAULT_GRACE_MINUTES,
): DeadlineCheck {
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) throw new RangeError(`grace must be >= 0 minutes, got ${graceMinutes}`);
  const late = now.getTime() - deadline.getTime();
  if (late <= 0) return { ok: true, withinGrace: false };
  if (late <= graceMinutes * 60_000) return { ok: true, withinGrace: true };
  return {
    ok: false,
    message:
      `この募集の提出期限（${formatDateTime(deadline)}）を過ぎているため、提出できません。` +
      "入力した内容は下書きとして残っています。期限後の提出については協働推進課にご相談ください。",
  };
}
