import { afterEach, describe, expect, it } from "vitest";
import {
  codeForStep,
  formatKey,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchingStep,
  newRecoveryCode,
  newSecret,
  openSecret,
  otpauthUri,
  qrCodeDataUrl,
  sealSecret,
  stepAt,
} from "./totp.server";

// RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" (here in base32); 6-digit codes are the
// last six digits of the RFC's eight.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP codes", () => {
  it("are the RFC 6238 test vectors", () => {
    expect(codeForStep(RFC_SECRET, stepAt(59_000))).toBe("287082");
    expect(codeForStep(RFC_SECRET, stepAt(1_111_111_109_000))).toBe("081804");
    expect(codeForStep(RFC_SECRET, stepAt(2_000_000_000_000))).toBe("279037");
  });

  it("accept the code of now and of one step either side (clock skew), and say which step it was", () => {
    const secret = newSecret();
    const now = Date.UTC(2026, 11, 2, 3, 0, 10);
    const step = stepAt(now);
    expect(matchingStep(secret, codeForStep(secret, step), now)).toBe(step);
    expect(matchingStep(secret, codeForStep(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, codeForStep(secret, step + 1), now)).toBe(step + 1);
  });

  it("refuse a code two steps away, another secret's code, and anything not six digits", () => {
    const secret = newSecret();
    const now = Date.UTC(2026, 11, 2, 3, 0, 10);
    const step = stepAt(now);
    // (a six-digit code can match by chance; these are checked not to)
    const far = [step - 2, step + 2].map((s) => codeForStep(secret, s)).filter((c) => ![step - 1, step, step + 1].some((s) => codeForStep(secret, s) === c));
    for (const code of far) expect(matchingStep(secret, code, now)).toBeNull();
    const other = codeForStep(newSecret(), step);
    if (![step - 1, step, step + 1].some((s) => codeForStep(secret, s) === other)) expect(matchingStep(secret, other, now)).toBeNull();
    for (const junk of ["", "12345", "1234567", "12345a", "１２３４５６", "' OR 1=1"]) expect(matchingStep(secret, junk, now)).toBeNull();
  });

  it("take a code typed with a space in the middle", () => {
    const secret = newSecret();
    const now = Date.now();
    const code = codeForStep(secret, stepAt(now));
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(stepAt(now));
  });
});

describe("setting up an app", () => {
  it("makes a new 160-bit secret each time, shown in groups of four", () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newSecret()).not.toBe(a);
    expect(formatKey("ABCDEFGHIJKLMNOP")).toBe("ABCD EFGH IJKL MNOP");
  });

  it("puts the portal, the address and the secret in the QR code's otpauth address", async () => {
    const uri = otpauthUri(RFC_SECRET, "staff@example.jp");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${RFC_SECRET}`);
    expect(uri).toContain(encodeURIComponent("staff@example.jp"));
    expect(uri).toContain(`issuer=${encodeURIComponent("協働マッチングポータル")}`);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
    const image = await qrCodeDataUrl(uri);
    expect(image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(image.split(",")[1], "base64").toString()).toContain("<svg");
  });
});

describe("recovery codes", () => {
  it("are 16 unambiguous characters in groups of four, all different", () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("hash the same however they are typed back (case, spaces, hyphens), and differently from each other", () => {
    const code = newRecoveryCode();
    const typed = ` ${code.toUpperCase().replaceAll("-", " ")} `;
    expect(looksLikeRecoveryCode(typed)).toBe(true);
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toBe(hashRecoveryCode(newRecoveryCode()));
    expect(hashRecoveryCode(code)).not.toContain(code.replaceAll("-", ""));
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});

describe("the secret at rest", () => {
  const saved = process.env.TWO_FACTOR_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.TWO_FACTOR_KEY;
    else process.env.TWO_FACTOR_KEY = saved;
  });

  it("is stored as it is without TWO_FACTOR_KEY", () => {
    delete process.env.TWO_FACTOR_KEY;
    expect(sealSecret(RFC_SECRET)).toBe(RFC_SECRET);
    expect(openSecret(RFC_SECRET)).toBe(RFC_SECRET);
  });

  it("is encrypted with TWO_FACTOR_KEY (a new nonce each time), read back with it, and not without it or with another key", () => {
    process.env.TWO_FACTOR_KEY = "11".repeat(32);
    const sealed = sealSecret(RFC_SECRET);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(sealSecret(RFC_SECRET)).not.toBe(sealed);
    expect(openSecret(sealed)).toBe(RFC_SECRET);
    // a secret stored before the key was set still works
    expect(openSecret(RFC_SECRET)).toBe(RFC_SECRET);
    process.env.TWO_FACTOR_KEY = Buffer.alloc(32, 2).toString("base64");
    expect(() => openSecret(sealed)).toThrow();
    delete process.env.TWO_FACTOR_KEY;
    expect(() => openSecret(sealed)).toThrow(/TWO_FACTOR_KEY/);
  });

  it("refuses a key that is not 32 bytes", () => {
    process.env.TWO_FACTOR_KEY = "short";
    expect(() => sealSecret(RFC_SECRET)).toThrow(/32 bytes/);
  });
});
