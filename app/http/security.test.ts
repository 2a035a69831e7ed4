import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isOriginAllowed } from "./security";

describe("isOriginAllowed", () => {
  const own = "http://localhost:3000";
  it("lets reads through whatever their origin", () => {
    expect(isOriginAllowed("GET", undefined, own)).toBe(true);
    expect(isOriginAllowed("HEAD", "https://evil.example", own)).toBe(true);
  });
  it("lets a state-changing request through only from the portal's own origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isOriginAllowed(method, own, own)).toBe(true);
      expect(isOriginAllowed(method, undefined, own)).toBe(false);
      expect(isOriginAllowed(method, "null", own)).toBe(false);
      expect(isOriginAllowed(method, "http://localhost:3000.evil.example", own)).toBe(false);
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only from the portal and with this response's nonce, and no framing", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
