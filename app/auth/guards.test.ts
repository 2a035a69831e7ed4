import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./guards.server";

describe("safeRedirectPath", () => {
  it("keeps paths inside the portal", () => {
    expect(safeRedirectPath("/admin/users?x=1")).toBe("/admin/users?x=1");
  });
  it("turns anything that could leave the portal into the dashboard", () => {
    for (const to of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/\t/evil.example/phish", "/\n/evil.example", "/\\/evil.example", "", null, undefined]) {
      expect(safeRedirectPath(to)).toBe("/dashboard");
    }
  });
});
