import { describe, expect, it } from "vitest";
import { PRIVATE_ACTIONS } from "./content-version.server";
import { AUDIT_ACTION_LABELS } from "./labels";

describe("which audited operations leave the content version", () => {
  it("names only operations the portal records (a renamed one would otherwise bump unnoticed)", () => {
    expect([...PRIVATE_ACTIONS].filter((action) => !(action in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it("keeps drafts, review, accounts and transitions between unseen statuses private", () => {
    for (const action of ["proposal.create", "review.assign", "review.conflict", "award.prepare", "user.two_factor.enable", "proposal.submit", "proposal.start_review", "proposal.withdraw", "proposal.decide_reject"]) {
      expect(PRIVATE_ACTIONS.has(action), action).toBe(true);
    }
  });

  it("bumps for what a visitor sees, for a spent or ended mailed link, and for any operation it does not know", () => {
    for (const action of [
      "sheet.status",
      "sheet.answer",
      "group.approve",
      "award.publish",
      "award.revise",
      "proposal.decide_adopt",
      "proposal.conclude_agreement",
      "proposal.decline",
      "project.report-accept",
      "plan.entry.add",
      "department.update",
      "group.join",
      "review.invite_accept",
      "user.password.change",
      "user.password.reset",
      "user.email.confirm",
      "user.email.change_request",
      "x.unknown",
    ]) {
      expect(PRIVATE_ACTIONS.has(action), action).toBe(false);
    }
  });
});
