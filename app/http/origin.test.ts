import { describe, expect, it } from "vitest";
import { originSettings, requestOrigin } from "./origin";

describe("the portal's origin", () => {
  it("comes from PORTAL_ORIGIN, and only its host is served", () => {
    const settings = originSettings({ PORTAL_ORIGIN: "https://kyodo.city.example.jp/", NODE_ENV: "production" });
    expect(settings.origin).toBe("https://kyodo.city.example.jp");
    expect(requestOrigin(settings, "kyodo.city.example.jp", "https")).toBe("https://kyodo.city.example.jp");
    expect(requestOrigin(settings, "attacker.example", "https")).toBeNull();
    expect(requestOrigin(settings, "localhost:3000", "http")).toBeNull();
    expect(requestOrigin(settings, undefined, "https")).toBeNull();
  });

  it("refuses to start in production without it, saying what to set", () => {
    expect(() => originSettings({ NODE_ENV: "production" })).toThrow(/PORTAL_ORIGIN=https:\/\//);
    expect(() => originSettings({ PORTAL_ORIGIN: "kyodo.example.jp" })).toThrow(/not a URL/);
  });

  it("is http://localhost:PORT in development, where the loopback names on that port are served and nothing else", () => {
    const settings = originSettings({ PORT: "3210" });
    expect(settings.origin).toBe("http://localhost:3210");
    expect(requestOrigin(settings, "localhost:3210", "http")).toBe("http://localhost:3210");
    expect(requestOrigin(settings, "127.0.0.1:3210", "http")).toBe("http://127.0.0.1:3210");
    expect(requestOrigin(settings, "attacker.example", "http")).toBeNull();
    expect(requestOrigin(settings, "attacker.example:3210", "http")).toBeNull();
    expect(requestOrigin(settings, "127.0.0.1:9999", "http")).toBeNull();
  });
});
