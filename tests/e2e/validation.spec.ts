// b. A sign-up with mistakes shows the errors next to the fields and keeps what was typed —
// without JavaScript (the server answers) and with it (the browser validates first).
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "./helpers";

async function checkValidation(page: Page) {
  const name = "入力 保子";
  await page.goto("/signup");
  const nameInput = page.getByLabel("お名前");
  const emailInput = page.getByLabel("メールアドレス");
  const password = page.getByLabel("パスワード", { exact: true });
  const confirm = page.getByLabel("パスワード（確認）");

  await nameInput.fill(name);
  await emailInput.fill("hoko.example.jp");
  await password.fill("short");
  await confirm.fill("different");
  await page.getByRole("button", { name: "登録する" }).click();

  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("heading", { level: 1, name: "アカウント登録" })).toBeVisible();
  // Each error stands by its field and is the field's accessible description.
  await expect(emailInput).toHaveAttribute("aria-invalid", "true");
  await expect(emailInput).toHaveAccessibleDescription(/メールアドレスの形式が正しくありません/);
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/パスワードは12文字以上で入力してください/);
  await expect(page.getByText("メールアドレスの形式が正しくありません（例: name@example.jp）")).toBeVisible();
  await expect(page.getByText("パスワードは12文字以上で入力してください")).toBeVisible();
  // The mismatched confirmation is reported in the same round, not after the others are fixed.
  await expect(confirm).toHaveAccessibleDescription(/確認用のパスワードが一致しません/);
  // The name has no error; what was typed is still there.
  await expect(nameInput).not.toHaveAttribute("aria-invalid", "true");
  await expect(nameInput).toHaveValue(name);
  await expect(emailInput).toHaveValue("hoko.example.jp");

  // Fix the address and the length; the confirmation still differs.
  const email = uniqueEmail("validation");
  await emailInput.fill(email);
  await password.fill("long-enough-password");
  await confirm.fill("long-enough-passw0rd");
  await page.getByRole("button", { name: "登録する" }).click();

  await expect(page).toHaveURL(/\/signup$/);
  await expect(confirm).toHaveAccessibleDescription(/確認用のパスワードが一致しません/);
  await expect(page.getByText("確認用のパスワードが一致しません")).toBeVisible();
  await expect(page.getByText("メールアドレスの形式が正しくありません（例: name@example.jp）")).toHaveCount(0);
  await expect(nameInput).toHaveValue(name);
  await expect(emailInput).toHaveValue(email);

  // And with everything right, the confirmation link is mailed (the account works once it is followed).
  await password.fill("long-enough-password");
  await confirm.fill("long-enough-password");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "確認メールを送信しました" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`${email} 宛てに、登録を完了するためのリンクを送りました。`);
}

test.describe("JavaScript なし", () => {
  test.use({ javaScriptEnabled: false });

  test("登録フォームの入力エラー: 日本語のエラーが項目の横に出て、入力した値が残る", async ({ page }) => {
    await checkValidation(page);
  });

  test("サーバーが返すページにはパスワードが残らない", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("お名前").fill("入力 保子");
    await page.getByLabel("メールアドレス").fill("no-at-mark");
    await page.getByLabel("パスワード", { exact: true }).fill("short");
    await page.getByLabel("パスワード（確認）").fill("short");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signup"),
      page.getByRole("button", { name: "登録する" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByLabel("パスワード", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("パスワード（確認）")).toHaveValue("");
    await expect(page.getByLabel("お名前")).toHaveValue("入力 保子");
  });
});

test.describe("JavaScript あり", () => {
  test("登録フォームの入力エラー: 日本語のエラーが項目の横に出て、入力した値が残る", async ({ page }) => {
    await checkValidation(page);
  });
});
