import { describe, expect, it } from "vitest";
import { PROPOSAL_TRANSITIONS } from "./lifecycle";
import { formatTimelineEntry, sortTimeline, type TimelineEntry } from "./timeline";

const returned: TimelineEntry = {
  at: "2027-01-12T01:03:00.000Z",
  actorName: "協働 花子",
  actorRole: "coordinator",
  from: "submitted",
  to: "returned",
  action: "return_for_correction",
  reason: "予算書の添付がありません",
};

describe("formatTimelineEntry", () => {
  it("prints a return for correction with who, when (Tokyo time) and why", () => {
    expect(formatTimelineEntry(returned)).toBe("令和9年1月12日（火）10:03 協働推進課（協働 花子）が差し戻しました — 理由: 予算書の添付がありません");
  });

  it("prints the group's or department's name when given, and no reason part without a reason", () => {
    expect(
      formatTimelineEntry({
        at: "2027-01-05T00:30:00Z",
        actorName: "山田 太郎",
        actorRole: "group",
        actorOrganization: "NPO法人みどりのまち",
        from: "draft",
        to: "submitted",
        action: "submit",
        reason: "  ",
      }),
    ).toBe("令和9年1月5日（火）9:30 NPO法人みどりのまち（山田 太郎）が提出しました");
  });

  it("prints a resubmission and a withdrawal with their own verbs", () => {
    const base = { at: "2027-02-01T06:00:00Z", actorName: "山田 太郎", actorRole: "group" as const };
    expect(formatTimelineEntry({ ...base, from: "returned", to: "submitted", action: "resubmit" })).toBe(
      "令和9年2月1日（月）15:00 団体（山田 太郎）が再提出しました",
    );
    expect(formatTimelineEntry({ ...base, from: "in_review", to: "withdrawn", action: "withdraw", reason: "代表者の転居のため" })).toBe(
      "令和9年2月1日（月）15:00 団体（山田 太郎）が取り下げました — 理由: 代表者の転居のため",
    );
  });

  it("calls a conditional adoption's reason its conditions", () => {
    expect(
      formatTimelineEntry({ ...returned, from: "presentation", to: "conditionally_adopted", action: "decide_conditional", reason: "広報計画を具体化すること" }),
    ).toBe("令和9年1月12日（火）10:03 協働推進課（協働 花子）が条件付きで採択しました — 条件: 広報計画を具体化すること");
  });

  it("has a verb for every row of the transition table", () => {
    for (const row of PROPOSAL_TRANSITIONS) {
      const line = formatTimelineEntry({ ...returned, actorRole: row.actors[0], from: row.from[0], to: row.to, action: row.action, reason: null });
      expect(line).toContain(`が${row.done}`);
    }
  });

  it("still says what happened for an action no longer in the table", () => {
    const legacy = { ...returned, action: "archive" as never, from: "evaluated" as const, to: "closed" as const, reason: null };
    expect(formatTimelineEntry(legacy)).toBe("令和9年1月12日（火）10:03 協働推進課（協働 花子）が「評価済み」から「完了」に変更しました");
  });

  it("prints the organization alone when no name was recorded", () => {
    expect(formatTimelineEntry({ ...returned, actorName: "" })).toMatch(/ 協働推進課が差し戻しました/);
  });
});

describe("sortTimeline", () => {
  it("puts the oldest first and keeps the given order for the same moment", () => {
    const a = { at: "2027-01-12T01:03:00Z", id: "a" };
    const b = { at: "2027-01-05T00:00:00Z", id: "b" };
    const c = { at: "2027-01-12T01:03:00Z", id: "c" };
    expect(sortTimeline([a, b, c]).map((e) => e.id)).toEqual(["b", "a", "c"]);
  });
});
