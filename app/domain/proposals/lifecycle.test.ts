import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AWARDED_STATUSES,
  CALL_STAGES,
  STAGE_OF_STATUS,
  DECIDED_STATUSES,
  PROPOSAL_ACTIONS,
  PROPOSAL_ACTOR_LABELS,
  PROPOSAL_ACTORS,
  PROPOSAL_RELATIONS,
  PROPOSAL_STATUSES,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_TRANSITIONS,
  TERMINAL_STATUSES,
  availableActions,
  canWithdraw,
  isFrozen,
  transition,
  transitionsFrom,
  visibleTo,
  type CallStage,
  type ProposalAction,
  type ProposalStatus,
} from "./lifecycle";

const WITH_PRESENTATION: readonly CallStage[] = ["formal_check", "document_review", "presentation"];
const WITHOUT_PRESENTATION: readonly CallStage[] = ["formal_check", "document_review"];
/** Every combination of stages a call could choose (the call form requires one; the table copes with none). */
const STAGE_SETS: readonly (readonly CallStage[])[] = Array.from({ length: 2 ** CALL_STAGES.length }, (_, mask) =>
  CALL_STAGES.filter((_, bit) => mask & (2 ** bit)),
);
const setName = (stages: readonly CallStage[]) => stages.join("+") || "(no stage)";

/** Every status reachable from draft in a call with these stages, following the table. */
function reachable(callStages: readonly CallStage[]): Set<ProposalStatus> {
  const seen = new Set<ProposalStatus>(["draft"]);
  const queue: ProposalStatus[] = ["draft"];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const row of transitionsFrom(status, callStages)) {
      if (!seen.has(row.to)) {
        seen.add(row.to);
        queue.push(row.to);
      }
    }
  }
  return seen;
}

function rowsOf(action: ProposalAction) {
  return PROPOSAL_TRANSITIONS.filter((row) => row.action === action);
}

describe("the transition table, as data", () => {
  it("uses only known statuses, actions and actors, with a Japanese label and timeline verb", () => {
    for (const row of PROPOSAL_TRANSITIONS) {
      expect(PROPOSAL_ACTIONS).toContain(row.action);
      expect(PROPOSAL_STATUSES).toContain(row.to);
      for (const from of row.from) expect(PROPOSAL_STATUSES).toContain(from);
      expect(row.actors.length).toBeGreaterThan(0);
      for (const actor of row.actors) expect(PROPOSAL_ACTORS).toContain(actor);
      expect(row.label).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(row.done).toMatch(/ました$/);
      expect(row.from).not.toContain(row.to);
    }
  });

  it("has at most one row per (action, from) pair, so a transition is never ambiguous", () => {
    const pairs = PROPOSAL_TRANSITIONS.flatMap((row) => row.from.map((from) => `${row.action}:${from}`));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("gives every action at least one row and every status a Japanese label", () => {
    for (const action of PROPOSAL_ACTIONS) expect(rowsOf(action).length).toBeGreaterThan(0);
    for (const status of PROPOSAL_STATUSES) expect(PROPOSAL_STATUS_LABELS[status]).toBeTruthy();
  });

  it.each(STAGE_SETS.map((stages) => [setName(stages), stages] as const))(
    "reaches from draft exactly the statuses whose stage the call uses: %s",
    (_name, stages) => {
      const expected = PROPOSAL_STATUSES.filter((status) => {
        const stage = STAGE_OF_STATUS[status];
        return !stage || stages.includes(stage);
      });
      expect([...reachable(stages)].sort()).toEqual([...expected].sort());
    },
  );

  it.each(STAGE_SETS.map((stages) => [setName(stages), stages] as const))(
    "passes every stage the call uses on the way to any decision: %s",
    (_name, stages) => {
      // Walk every path from draft to a decision, collecting the statuses visited.
      const walk = (status: ProposalStatus, seen: ProposalStatus[]): ProposalStatus[][] => {
        if (DECIDED_STATUSES.includes(status)) return [seen];
        return transitionsFrom(status, stages)
          .filter((row) => row.to !== "withdrawn" && row.to !== "rejected" && !seen.includes(row.to))
          .flatMap((row) => walk(row.to, [...seen, row.to]));
      };
      const paths = walk("draft", ["draft"]);
      expect(paths.length).toBeGreaterThan(0);
      for (const visited of paths) {
        if (stages.includes("document_review")) expect(visited).toContain("in_review");
        if (stages.includes("presentation")) expect(visited).toContain("presentation");
      }
    },
  );

  it("uses every row in some call (no dead rows)", () => {
    for (const row of PROPOSAL_TRANSITIONS) {
      const used = STAGE_SETS.some((stages) =>
        row.from.some((from) => reachable(stages).has(from) && transitionsFrom(from, stages).includes(row)),
      );
      expect(used, `${row.action} from ${row.from.join(",")}`).toBe(true);
    }
  });

  it.each(STAGE_SETS.map((stages) => [setName(stages), stages] as const))(
    "gives every non-terminal status a way forward in a call with %s",
    (_name, stages) => {
      for (const status of reachable(stages)) {
        const forward = transitionsFrom(status, stages);
        if (TERMINAL_STATUSES.includes(status)) expect(forward, status).toEqual([]);
        else expect(forward.length, status).toBeGreaterThan(0);
      }
    },
  );

  it("has no transition out of closed, withdrawn, rejected, declined or cancelled, and they are the only terminal statuses", () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(["cancelled", "closed", "declined", "rejected", "withdrawn"]);
    for (const row of PROPOSAL_TRANSITIONS) {
      for (const terminal of TERMINAL_STATUSES) expect(row.from).not.toContain(terminal);
    }
  });

  it("allows withdrawal only after submission and before the decision, by the group, with a reason", () => {
    const [withdraw] = rowsOf("withdraw");
    expect(rowsOf("withdraw")).toHaveLength(1);
    expect(withdraw.actors).toEqual(["group"]);
    expect(withdraw.reasonRequired).toBe(true);
    expect(withdraw.to).toBe("withdrawn");
    for (const status of PROPOSAL_STATUSES) {
      const before = !DECIDED_STATUSES.includes(status) && !TERMINAL_STATUSES.includes(status) && status !== "draft";
      expect(canWithdraw(status), status).toBe(before);
    }
  });

  it("requires a reason for a return, a withdrawal, every decision, the end of an award and a returned report — and only those", () => {
    const withReason = [...new Set(PROPOSAL_TRANSITIONS.filter((row) => row.reasonRequired).map((row) => row.action))];
    expect(withReason.sort()).toEqual([
      "cancel_award",
      "decide_adopt",
      "decide_candidate",
      "decide_conditional",
      "decide_reject",
      "decline",
      "return_for_correction",
      "return_report",
      "withdraw",
    ]);
  });

  it("keeps the group's actions and the coordinator's apart, but for the agreement both sides confirm", () => {
    const groupActions = new Set(PROPOSAL_TRANSITIONS.filter((r) => r.actors.includes("group")).map((r) => r.action));
    const staffActions = new Set(
      PROPOSAL_TRANSITIONS.filter((r) => r.actors.includes("coordinator") || r.actors.includes("department")).map((r) => r.action),
    );
    expect([...groupActions].sort()).toEqual(["conclude_agreement", "decline", "report", "resubmit", "submit", "withdraw"]);
    for (const action of groupActions) expect(staffActions.has(action), action).toBe(action === "conclude_agreement");
  });

  it("lets only the coordinator return, review and decide", () => {
    for (const action of ["return_for_correction", "start_review", "to_presentation", "decide_adopt", "decide_conditional", "decide_reject", "decide_candidate", "cancel_award", "close"] as const) {
      for (const row of rowsOf(action)) expect(row.actors, action).toEqual(["coordinator"]);
    }
  });

  it("goes through the presentation only when the call uses it", () => {
    for (const row of PROPOSAL_TRANSITIONS.filter((r) => r.to === "presentation" || r.from.includes("presentation"))) {
      if (row.to === "presentation") expect(row.requiresStages).toContain("presentation");
    }
    expect(transitionsFrom("in_review", WITHOUT_PRESENTATION).map((r) => r.action)).not.toContain("to_presentation");
    expect(transitionsFrom("in_review", WITH_PRESENTATION).map((r) => r.action)).toContain("to_presentation");
    // With a presentation stage an adoption must wait for it; a rejection may come after the document review.
    expect(transitionsFrom("in_review", WITH_PRESENTATION).map((r) => r.action).sort()).toEqual(["decide_reject", "to_presentation", "withdraw"]);
    expect(transitionsFrom("in_review", WITHOUT_PRESENTATION).map((r) => r.action).sort()).toEqual([
      "decide_adopt",
      "decide_candidate",
      "decide_conditional",
      "decide_reject",
      "withdraw",
    ]);
  });

  it("returns for correction only in the formal check of a call that has one", () => {
    expect(transitionsFrom("submitted", WITHOUT_PRESENTATION).map((r) => r.action)).toContain("return_for_correction");
    expect(transitionsFrom("submitted", ["document_review"]).map((r) => r.action)).not.toContain("return_for_correction");
  });

  it("skips unused stages: straight to the presentation, or straight to the decision", () => {
    expect(transitionsFrom("submitted", ["formal_check", "presentation"]).map((r) => r.action).sort()).toEqual([
      "return_for_correction",
      "to_presentation",
      "withdraw",
    ]);
    expect(transitionsFrom("submitted", ["formal_check"]).map((r) => r.action).sort()).toEqual([
      "decide_adopt",
      "decide_candidate",
      "decide_conditional",
      "decide_reject",
      "return_for_correction",
      "withdraw",
    ]);
  });

  it("makes resubmission lead back to the formal check, not to a status of its own", () => {
    const [resubmit] = rowsOf("resubmit");
    expect(resubmit.from).toEqual(["returned"]);
    expect(resubmit.to).toBe("submitted");
    expect(rowsOf("return_for_correction").flatMap((r) => r.from)).toEqual(["submitted"]);
  });

  it("names only the optional stages a call can choose", () => {
    for (const row of PROPOSAL_TRANSITIONS) {
      for (const stage of [...(row.requiresStages ?? []), ...(row.skippedStages ?? [])]) expect(CALL_STAGES).toContain(stage);
    }
  });

  it("counts every adopted status as decided and awarded, and rejection as decided only", () => {
    for (const status of AWARDED_STATUSES) expect(DECIDED_STATUSES).toContain(status);
    expect(DECIDED_STATUSES).toContain("rejected");
    expect(AWARDED_STATUSES).not.toContain("rejected");
  });
});

describe("availableActions", () => {
  it("shows the group its submit button on a draft, and the coordinator nothing", () => {
    expect(availableActions("draft", "group", WITHOUT_PRESENTATION).map((r) => r.action)).toEqual(["submit"]);
    expect(availableActions("draft", "coordinator", WITHOUT_PRESENTATION)).toEqual([]);
  });

  it("shows the coordinator the formal-check buttons on a received proposal, and the group only withdrawal", () => {
    expect(availableActions("submitted", "coordinator", WITHOUT_PRESENTATION).map((r) => r.label)).toEqual(["差し戻す", "一次審査（書類審査）を始める"]);
    expect(availableActions("submitted", "group", WITHOUT_PRESENTATION).map((r) => r.label)).toEqual(["取り下げる"]);
  });

  it("offers the department the agreement and the start of the project", () => {
    expect(availableActions("adopted", "department", WITHOUT_PRESENTATION).map((r) => r.action)).toEqual(["conclude_agreement"]);
    expect(availableActions("agreed", "department", WITHOUT_PRESENTATION).map((r) => r.action)).toEqual(["start_project"]);
    expect(availableActions("in_review", "department", WITH_PRESENTATION)).toEqual([]);
  });
});

describe("transition", () => {
  it("takes a proposal through a whole call with a presentation", () => {
    const steps: [ProposalAction, "group" | "coordinator" | "department", string | null, ProposalStatus][] = [
      ["submit", "group", null, "submitted"],
      ["return_for_correction", "coordinator", "予算書の添付がありません", "returned"],
      ["resubmit", "group", null, "submitted"],
      ["start_review", "coordinator", null, "in_review"],
      ["to_presentation", "coordinator", null, "presentation"],
      ["decide_conditional", "coordinator", "広報計画を具体化すること", "conditionally_adopted"],
      ["conclude_agreement", "department", null, "agreed"],
      ["start_project", "department", null, "in_progress"],
      ["report", "group", null, "reported"],
      ["evaluate", "coordinator", null, "evaluated"],
      ["close", "coordinator", null, "closed"],
    ];
    let status: ProposalStatus = "draft";
    for (const [action, actor, reason, expected] of steps) {
      const result = transition(status, action, { actor, reason, callStages: WITH_PRESENTATION });
      expect(result, `${action} from ${status}`).toMatchObject({ ok: true, to: expected });
      status = expected;
    }
  });

  it("keeps the reason, trimmed", () => {
    expect(transition("submitted", "return_for_correction", { actor: "coordinator", reason: "  予算書がありません \n", callStages: WITHOUT_PRESENTATION })).toMatchObject({
      ok: true,
      to: "returned",
      reason: "予算書がありません",
    });
  });

  it.each([
    ["return_for_correction", "submitted", "coordinator"],
    ["withdraw", "in_review", "group"],
    ["decide_reject", "in_review", "coordinator"],
    ["decide_conditional", "in_review", "coordinator"],
  ] as const)("refuses %s without a reason (blank counts as none)", (action, from, actor) => {
    for (const reason of [undefined, null, "", "  　\n"]) {
      const result = transition(from, action, { actor, reason, callStages: WITHOUT_PRESENTATION });
      expect(result).toMatchObject({ ok: false, code: "reason_required" });
      if (!result.ok) expect(result.message).toContain(action === "decide_conditional" ? "条件の入力が必要" : "理由の入力が必要");
    }
  });

  it("refuses an adoption without a reason, and accepts one with it", () => {
    expect(transition("in_review", "decide_adopt", { actor: "coordinator", callStages: WITHOUT_PRESENTATION })).toMatchObject({ ok: false, code: "reason_required" });
    expect(transition("in_review", "decide_adopt", { actor: "coordinator", reason: "公益性が高い", callStages: WITHOUT_PRESENTATION })).toMatchObject({ ok: true, to: "adopted" });
  });

  it("turns a candidate (採択候補) into an adoption or a rejection after the budget vote", () => {
    const stages = WITHOUT_PRESENTATION;
    expect(transition("in_review", "decide_candidate", { actor: "coordinator", reason: "予算成立後に採択", callStages: stages })).toMatchObject({ ok: true, to: "adoption_candidate" });
    expect(transition("adoption_candidate", "decide_adopt", { actor: "coordinator", reason: "予算が成立", callStages: stages })).toMatchObject({ ok: true, to: "adopted" });
    expect(transition("adoption_candidate", "decide_reject", { actor: "coordinator", reason: "予算が不成立", callStages: stages })).toMatchObject({ ok: true, to: "rejected" });
    expect(transition("adoption_candidate", "withdraw", { actor: "group", reason: "x", callStages: stages })).toMatchObject({ ok: false });
  });

  it("tells a second submit that the proposal is already received (a double submit is one submission)", () => {
    for (const status of ["submitted", "in_review", "adopted"] as const) {
      const result = transition(status, "submit", { actor: "group", callStages: WITHOUT_PRESENTATION });
      expect(result).toMatchObject({ ok: false, code: "already_done" });
      if (!result.ok) expect(result.message).toContain("既に提出");
    }
  });

  it("sends a returned proposal to the resubmit button", () => {
    const result = transition("returned", "submit", { actor: "group", callStages: WITHOUT_PRESENTATION });
    expect(result).toMatchObject({ ok: false, code: "not_from_status" });
    if (!result.ok) expect(result.message).toContain("再提出");
  });

  it("refuses a withdrawal after the decision and explains whom to ask", () => {
    for (const status of ["adopted", "conditionally_adopted", "agreed", "in_progress"] as const) {
      const result = transition(status, "withdraw", { actor: "group", reason: "代表者の転居", callStages: WITHOUT_PRESENTATION });
      expect(result).toMatchObject({ ok: false, code: "not_from_status" });
      if (!result.ok) expect(result.message).toMatch(/決定後は取り下げできません.*協働推進課/);
    }
  });

  it("refuses a withdrawal of a draft: there is nothing to withdraw", () => {
    const result = transition("draft", "withdraw", { actor: "group", reason: "やめます", callStages: WITHOUT_PRESENTATION });
    expect(result).toMatchObject({ ok: false, code: "not_from_status" });
    if (!result.ok) expect(result.message).toContain("削除");
  });

  it("refuses everything once closed, withdrawn or rejected", () => {
    for (const status of TERMINAL_STATUSES) {
      for (const action of PROPOSAL_ACTIONS) {
        for (const actor of PROPOSAL_ACTORS) {
          const result = transition(status, action, { actor, reason: "理由", callStages: WITH_PRESENTATION });
          expect(result.ok, `${action} by ${actor} from ${status}`).toBe(false);
        }
      }
    }
  });

  it("refuses a coordinator action to the group and a group action to the coordinator, naming who may", () => {
    const byGroup = transition("submitted", "return_for_correction", { actor: "group", reason: "x", callStages: WITHOUT_PRESENTATION });
    expect(byGroup).toMatchObject({ ok: false, code: "wrong_actor" });
    if (!byGroup.ok) expect(byGroup.message).toContain("協働推進課が行う操作");

    const byCoordinator = transition("draft", "submit", { actor: "coordinator", callStages: WITHOUT_PRESENTATION });
    expect(byCoordinator).toMatchObject({ ok: false, code: "wrong_actor" });
    if (!byCoordinator.ok) expect(byCoordinator.message).toContain("団体が行う操作");

    const decideByGroup = transition("in_review", "decide_adopt", { actor: "group", callStages: WITH_PRESENTATION });
    expect(decideByGroup).toMatchObject({ ok: false, code: "wrong_actor" });
  });

  it("for every status, action and actor, agrees with availableActions", () => {
    for (const stages of STAGE_SETS) {
      for (const status of PROPOSAL_STATUSES) {
        for (const actor of PROPOSAL_ACTORS) {
          const offered = new Set(availableActions(status, actor, stages).map((r) => r.action));
          for (const action of PROPOSAL_ACTIONS) {
            const result = transition(status, action, { actor, reason: "理由があります", callStages: stages });
            expect(result.ok, `${action} by ${actor} from ${status} [${stages.join(",")}]`).toBe(offered.has(action));
          }
        }
      }
    }
  });

  it("refuses the presentation in a call without one, and an adoption before it in a call with one", () => {
    const noStage = transition("in_review", "to_presentation", { actor: "coordinator", callStages: WITHOUT_PRESENTATION });
    expect(noStage).toMatchObject({ ok: false, code: "stage_not_used" });
    if (!noStage.ok) expect(noStage.message).toContain("二次審査");

    const early = transition("in_review", "decide_adopt", { actor: "coordinator", callStages: WITH_PRESENTATION });
    expect(early).toMatchObject({ ok: false, code: "stage_pending" });
    if (!early.ok) expect(early.message).toContain("先に二次審査へ進めて");
  });

  it("explains an action that does not fit the current status, naming the status", () => {
    const result = transition("draft", "evaluate", { actor: "coordinator", callStages: WITHOUT_PRESENTATION });
    expect(result).toMatchObject({ ok: false, code: "not_from_status" });
    if (!result.ok) expect(result.message).toContain("下書き");
  });
});

describe("isFrozen", () => {
  it("lets the group edit only a draft and a proposal returned for correction", () => {
    const editable = PROPOSAL_STATUSES.filter((status) => !isFrozen(status));
    expect(editable).toEqual(["draft", "returned"]);
  });
});

describe("visibleTo", () => {
  const published = { awardPublished: true };
  const unpublished = { awardPublished: false };

  it("shows a draft to its group only", () => {
    for (const relation of PROPOSAL_RELATIONS) {
      expect(visibleTo("draft", relation, published), relation).toBe(relation === "group_member");
    }
  });

  it("shows a submitted proposal to the coordinator, related departments and assigned reviewers, not the public", () => {
    for (const status of ["submitted", "returned", "in_review", "presentation", "rejected", "withdrawn"] as const) {
      expect(visibleTo(status, "group_member", unpublished)).toBe(true);
      expect(visibleTo(status, "coordinator", unpublished)).toBe(true);
      expect(visibleTo(status, "related_department", unpublished)).toBe(true);
      expect(visibleTo(status, "assigned_reviewer", unpublished)).toBe(true);
      expect(visibleTo(status, "public", unpublished)).toBe(false);
      expect(visibleTo(status, "public", published), status).toBe(false);
    }
  });

  it("shows adopted proposals to the public only once the award is published", () => {
    for (const status of AWARDED_STATUSES) {
      expect(visibleTo(status, "public", unpublished), status).toBe(false);
      expect(visibleTo(status, "public", published), status).toBe(true);
    }
  });
});

describe("README", () => {
  it("shows the transition table exactly as the data has it", () => {
    const rows = PROPOSAL_TRANSITIONS.map((r) => {
      const stage = [...(r.requiresStages ?? []).map((x) => `${x} あり`), ...(r.skippedStages ?? []).map((x) => `${x} なし`)].join("・") || "—";
      const from = r.from.map((f) => `\`${f}\``).join(", ");
      const who = r.actors.map((a) => PROPOSAL_ACTOR_LABELS[a]).join("・");
      return `| \`${r.action}\` | ${from} | \`${r.to}\` | ${who} | ${r.reasonRequired ? "必須" : "—"} | ${stage} | ${r.label} | ${r.notice} |`;
    });
    const statuses = PROPOSAL_STATUSES.map((s) => `| \`${s}\` | ${PROPOSAL_STATUS_LABELS[s]} |`);
    const readme = readFileSync(path.join(import.meta.dirname, "README.md"), "utf8");
    const tableLines = (header: string) => {
      const lines = readme.split("\n");
      const start = lines.indexOf(header);
      const end = lines.findIndex((line, i) => i > start + 1 && !line.startsWith("|"));
      return lines.slice(start + 2, end);
    };
    expect(tableLines("| action | from | to | who | reason | stage | button | notice |")).toEqual(rows);
    expect(tableLines("| status | 表示 |")).toEqual(statuses);
  });
});
