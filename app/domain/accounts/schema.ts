// Form schemas for accounts, shared by the server actions and the forms. Browser-safe.
import { ROLES } from "../../../db/schema";
import { z } from "../zod";

export const PASSWORD_MIN_LENGTH = 12;

const email = z
  .string({ error: "メールアドレスを入力してください" })
  .trim()
  .min(1, "メールアドレスを入力してください")
  .max(254, "メールアドレスが長すぎます")
  .pipe(z.email("メールアドレスの形式が正しくありません（例: name@example.jp）"))
  .transform((value) => value.toLowerCase());

const newPassword = z
  .string({ error: "パスワードを入力してください" })
  .min(PASSWORD_MIN_LENGTH, `パスワードは${PASSWORD_MIN_LENGTH}文字以上で入力してください`)
  .max(256, "パスワードは256文字以内で入力してください");

const passwordsMatch = (value: { password: string; passwordConfirm: string }) => value.password === value.passwordConfirm;

// Checked even while other fields still have errors, so that every message shows at once.
const confirmationCheck = {
  path: ["passwordConfirm"],
  message: "確認用のパスワードが一致しません",
  when: ({ value }: { value: unknown }) => {
    const form = value as { password?: unknown; passwordConfirm?: unknown } | undefined;
    return typeof form?.password === "string" && typeof form?.passwordConfirm === "string";
  },
};

export const signUpSchema = z
  .object({
    displayName: z
      .string({ error: "お名前を入力してください" })
      .trim()
      .min(1, "お名前を入力してください")
      .max(100, "お名前は100文字以内で入力してください"),
    email,
    password: newPassword,
    passwordConfirm: z.string({ error: "確認用のパスワードを入力してください" }),
    /** Where to go once the address is confirmed (a path in the portal; checked with safeRedirectPath). */
    redirectTo: z.string().max(2000).optional(),
  })
  .refine(passwordsMatch, confirmationCheck);

export const signInSchema = z.object({
  email,
  password: z.string({ error: "パスワードを入力してください" }).min(1, "パスワードを入力してください").max(256),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    password: newPassword,
    passwordConfirm: z.string({ error: "確認用のパスワードを入力してください" }),
  })
  .refine(passwordsMatch, confirmationCheck);

export const changeEmailSchema = z.object({
  email,
  currentPassword: z
    .string({ error: "現在のパスワードを入力してください" })
    .min(1, "現在のパスワードを入力してください")
    .max(256),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, passwordConfirm: z.string({ error: "確認用のパスワードを入力してください" }) })
  .refine(passwordsMatch, confirmationCheck);

export const roleChangeSchema = z.object({
  intent: z.enum(["grant", "revoke"]),
  userId: z.string().min(1),
  role: z.enum(ROLES, { error: "役割を選んでください" }),
});

export const departmentChangeSchema = z.object({
  intent: z.literal("department"),
  userId: z.string().min(1),
  // An empty choice (no department) arrives as undefined.
  departmentId: z.string().optional(),
});

export const reauthenticateSchema = z.object({
  password: z.string({ error: "パスワードを入力してください" }).min(1, "パスワードを入力してください").max(256),
  redirectTo: z.string().optional(),
});

/** The second step of sign-in, and the confirmation on the set-up page: a code from the app (or a recovery code). */
export const secondStepSchema = z.object({
  code: z
    .string({ error: "確認コードを入力してください" })
    .trim()
    .min(1, "確認コードを入力してください")
    .max(40, "確認コードが長すぎます。認証アプリの6桁の数字か、リカバリーコードを入力してください"),
  redirectTo: z.string().optional(),
});

export const twoFactorIntentSchema = z.object({
  intent: z.enum(["regenerate", "disable"], { error: "操作を選び直してください" }),
});

export const twoFactorResetSchema = z.object({
  intent: z.literal("reset-two-factor"),
  userId: z.string().min(1),
});
