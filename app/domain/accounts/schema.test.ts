import { describe, expect, it } from "vitest";
import { signUpSchema } from "./schema";

const valid = { displayName: "山田 花子", email: "Hanako@Example.JP", password: "twelve chars!", passwordConfirm: "twelve chars!" };

function messages(input: Record<string, unknown>) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("signUpSchema", () => {
  it("accepts a valid form and lower-cases the e-mail", () => {
    expect(signUpSchema.parse(valid).email).toBe("hanako@example.jp");
  });
  it("explains each problem in Japanese, on its own field", () => {
    expect(messages({ ...valid, email: "hanako.example.jp" })).toEqual({ email: "メールアドレスの形式が正しくありません（例: name@example.jp）" });
    expect(messages({ ...valid, password: "elevenchars", passwordConfirm: "elevenchars" })).toEqual({
      password: "パスワードは12文字以上で入力してください",
    });
    expect(messages({ ...valid, passwordConfirm: "something else" })).toEqual({ passwordConfirm: "確認用のパスワードが一致しません" });
    expect(messages({ ...valid, displayName: undefined })).toEqual({ displayName: "お名前を入力してください" });
  });
  it("reports a mismatched confirmation together with the other errors", () => {
    expect(messages({ ...valid, email: "x", passwordConfirm: "something else" })).toEqual({
      email: "メールアドレスの形式が正しくありません（例: name@example.jp）",
      passwordConfirm: "確認用のパスワードが一致しません",
    });
  });
});
