import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "./password-policy.server";

const account = { email: "hanako.kyodo@example.jp", displayName: "協働 花子" };

describe("weakPasswordReason", () => {
  it("refuses what the issue found passing: 12 spaces, password1234 and the account's own address", () => {
    expect(weakPasswordReason("            ", account)).toContain("同じ文字");
    expect(weakPasswordReason("password1234", account)).toContain("よく使われる");
    expect(weakPasswordReason("hanako.kyodo@example.jp", account)).toContain("メールアドレス");
  });

  it("refuses common passwords with decoration, digits only, one repeated character, the address's name part and the name", () => {
    expect(weakPasswordReason("!!Qwerty123456", account)).toContain("よく使われる");
    expect(weakPasswordReason("1qaz2wsx3edc", account)).toContain("よく使われる");
    expect(weakPasswordReason("123456789012", account)).toContain("数字や記号だけ");
    expect(weakPasswordReason("ああああああああああああ", account)).toContain("同じ文字");
    expect(weakPasswordReason("my-HANAKO.KYODO-2026", account)).toContain("メールアドレス");
    expect(weakPasswordReason("協働花子のパスワード", account)).toContain("お名前");
  });

  it("accepts passphrases that are none of these", () => {
    for (const password of ["correct horse battery staple", "kyodo-demo-2026", "みどりの公園で朝ラジオ体操", "reset password 2026"]) {
      expect(weakPasswordReason(password, account), password).toBeNull();
    }
  });
});
