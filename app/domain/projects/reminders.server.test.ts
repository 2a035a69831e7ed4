import { describe, expect, it } from "vitest";
import { dueEnd, reportReminderDue } from "./reminders.server";

describe("report reminders", () => {
  it("ends the due day at midnight in Tokyo", () => {
    expect(dueEnd("2027-04-30").toISOString()).toBe("2027-04-30T15:00:00.000Z");
  });
  it("reminds once inside 14 days, then once more when overdue", () => {
    expect(reportReminderDue(new Date("2027-04-10T00:00:00Z"), "2027-04-30", null)).toBe(null);
    expect(reportReminderDue(new Date("2027-04-17T00:00:00Z"), "2027-04-30", null)).toBe("soon");
    expect(reportReminderDue(new Date("2027-04-20T00:00:00Z"), "2027-04-30", "2027-04-17T00:00:00Z")).toBe(null);
    expect(reportReminderDue(new Date("2027-04-30T14:59:00Z"), "2027-04-30", "2027-04-17T00:00:00Z")).toBe(null);
    expect(reportReminderDue(new Date("2027-04-30T15:00:00Z"), "2027-04-30", "2027-04-17T00:00:00Z")).toBe("overdue");
    expect(reportReminderDue(new Date("2027-05-02T00:00:00Z"), "2027-04-30", "2027-04-30T16:00:00Z")).toBe(null);
    expect(reportReminderDue(new Date("2027-06-01T00:00:00Z"), "2027-04-30", null)).toBe("overdue");
  });
});
