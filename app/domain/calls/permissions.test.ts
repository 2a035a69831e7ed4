import { describe, expect, it } from "vitest";
import type { CallStatus } from "../../../db/schema";
import type { Viewer } from "../../auth/viewer";
import { canCall, type CallAction } from "./permissions";

const viewer = (roles: Viewer["roles"]): Viewer => ({ id: "u", email: "u@example.jp", displayName: "u", roles, departmentId: null });
const call = (status: CallStatus) => ({ kind: "call" as const, status });

describe("who may do what with a call", () => {
  const table: [string, Viewer | null, CallAction, ReturnType<typeof call> | undefined, boolean][] = [
    ["the public reads a published call", null, "call:view", call("published"), true],
    ["the public cannot read a draft", null, "call:view", call("draft"), false],
    ["a group member cannot read a draft", viewer(["group_member"]), "call:view", call("draft"), false],
    ["the coordinator reads a draft", viewer(["coordinator"]), "call:view", call("draft"), true],
    ["the coordinator manages calls", viewer(["coordinator"]), "call:manage", undefined, true],
    ["an admin does not manage calls", viewer(["admin"]), "call:manage", undefined, false],
    ["department staff do not manage calls", viewer(["department_staff"]), "call:manage", undefined, false],
    ["a reviewer does not manage calls", viewer(["reviewer"]), "call:manage", undefined, false],
    ["the public does not manage calls", null, "call:manage", undefined, false],
    ["no subject, no view", viewer(["coordinator"]), "call:view", undefined, false],
  ];
  it.each(table)("%s", (_, who, action, subject, allowed) => {
    expect(canCall(who, action, subject)).toBe(allowed);
  });
});
