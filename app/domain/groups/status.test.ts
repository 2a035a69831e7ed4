import { describe, expect, it } from "vitest";
import { decisionsFrom, nextStatus } from "./status";

describe("the review of a group", () => {
  it("moves between statuses only along the table", () => {
    expect(nextStatus("pending", "approve")).toBe("approved");
    expect(nextStatus("pending", "reject")).toBe("rejected");
    expect(nextStatus("pending", "suspend")).toBeNull();
    expect(nextStatus("approved", "suspend")).toBe("suspended");
    expect(nextStatus("approved", "reject")).toBeNull();
    expect(nextStatus("approved", "approve")).toBeNull();
    expect(nextStatus("suspended", "approve")).toBe("approved");
  });

  it("offers the coordinator only the decisions that apply", () => {
    expect(decisionsFrom("pending")).toEqual(["approve", "reject"]);
    expect(decisionsFrom("approved")).toEqual(["suspend"]);
    expect(decisionsFrom("rejected")).toEqual(["approve"]);
    expect(decisionsFrom("suspended")).toEqual(["approve"]);
  });
});
