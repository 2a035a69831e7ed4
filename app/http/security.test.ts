import { describe, expect, it } from "vitest";
import { bodyRefusal, contentSecurityPolicy, FORM_BODY_LIMIT, isOriginAllowed } from "./security";

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

describe("bodyRefusal", () => {
  it("reads a form of up to FORM_BODY_LIMIT bytes and refuses a longer one, stating the limit as the portal states sizes", () => {
    const form = "application/x-www-form-urlencoded";
    expect(bodyRefusal("POST", form, String(FORM_BODY_LIMIT))).toBeNull();
    const refused = bodyRefusal("POST", form, String(FORM_BODY_LIMIT + 1));
    expect(refused?.status).toBe(413);
    expect(refused?.message).toContain("送信された内容が大きすぎます（1MBまで）。");
  });
});
