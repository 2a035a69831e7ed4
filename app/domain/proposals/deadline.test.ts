import { describe, expect, it } from "vitest";
import { checkSubmissionDeadline } from "./deadline";

const deadline = new Date("2027-01-31T17:00:00+09:00");
const at = (iso: string) => new Date(iso);

describe("checkSubmissionDeadline", () => {
  it("accepts a submission up to the deadline", () => {
    expect(checkSubmissionDeadline(at("2027-01-31T16:59:59+09:00"), deadline, 5)).toEqual({ ok: true, withinGrace: false });
    expect(checkSubmissionDeadline(deadline, deadline, 5)).toEqual({ ok: true, withinGrace: false });
  });

  it("accepts a late arrival inside the grace period and says so", () => {
    expect(checkSubmissionDeadline(at("2027-01-31T17:05:00+09:00"), deadline, 5)).toEqual({ ok: true, withinGrace: true });
  });

  it("refuses after the grace period, printing the deadline on the Tokyo clock and what to do", () => {
    const result = checkSubmissionDeadline(at("2027-01-31T17:05:01+09:00"), deadline, 5);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("提出期限（令和9年1月31日（日）17:00）を過ぎている");
      expect(result.message).toContain("下書きとして残っています");
      expect(result.message).toContain("協働推進課");
    }
  });

  it("refuses one millisecond late when there is no grace", () => {
    expect(checkSubmissionDeadline(new Date(deadline.getTime() + 1), deadline, 0).ok).toBe(false);
  });

  it("refuses a negative grace period as a programming error", () => {
    expect(() => checkSubmissionDeadline(deadline, deadline, -1)).toThrow(RangeError);
  });
});
