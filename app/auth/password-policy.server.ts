// What a new password must not be, beyond its length (schema.ts): one on the list of common passwords
// (zxcvbn-ts's list of about 49,000, shipped with the code; also with digits or symbols added around
// it), only digits and symbols, one character repeated, or the account's own address or name.
// Server-only: the list stays out of the browser's bundle.
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | null = null;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"]));

// ASCII digits, symbols and spaces: what people add before or after a word to pass a rule.
const DECORATION = /^[\s0-9!-/:-@[-`{-~]+|[\s0-9!-/:-@[-`{-~]+$/g;

/** Why the password is refused, in Japanese for the field, or null when it may be used. */
export function weakPasswordReason(password: string, account: { email?: string | null; displayName?: string | null }): string | null {
  const chars = [...password];
  if (chars.every((c) => c === chars[0])) return "同じ文字を繰り返しただけのパスワードは使えません。";
  const lower = password.toLowerCase();
  const core = lower.replace(DECORATION, "");
  if (core === "") return "数字や記号だけのパスワードは推測されやすいため使えません。言葉を組み合わせてください。";
  if (commonPasswords().has(lower) || commonPasswords().has(core)) {
    return "よく使われるパスワード（またはそれに数字や記号を付け足したもの）は使えません。ほかの人が思いつかない言葉を組み合わせてください。";
  }
  const email = account.email?.trim().toLowerCase() ?? "";
  const local = email.split("@")[0] ?? "";
  if (email && (lower.includes(email) || (local.length >= 3 && lower.includes(local)))) return "メールアドレスを含むパスワードは使えません。";
  const name = (account.displayName ?? "").replace(/\s/g, "").toLowerCase();
  if (name.length >= 2 && lower.replace(/\s/g, "").includes(name)) return "お名前を含むパスワードは使えません。";
  return null;
}
