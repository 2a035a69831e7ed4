// c. A member who forgot the password gets a one-time link by mail and sets a new password.
import { expect, test } from "@playwright/test";
import { mailsTo, newAccount, newestMailTo, signIn, signOut, signUp } from "./helpers";

// Signing up includes confirming the address through the mailed link (a sign-in and two more pages).
test.setTimeout(60_000);

test("パスワードの再設定: メールのリンクから新しいパスワードを設定し、リンクは一度しか使えない", async ({ page }) => {
  // An account of its own: the demo accounts' passwords must stay as printed for the other journeys.
  const account = newAccount("reset", "再設定 さくら");
  await signUp(page, account);
  await signOut(page);
  const EMAIL = account.email;
  const newPassword = `新しいパスワード-${Date.now()}`;
  const requestedAt = new Date(Date.now() - 1_000);

  await page.goto("/login");
  await page.getByRole("link", { name: "パスワードを忘れた方" }).click();
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await expect(page.getByRole("heading", { level: 1, name: "パスワードの再設定" })).toBeVisible();
  await page.getByLabel("メールアドレス").fill(EMAIL);
  await page.getByRole("button", { name: "再設定用のリンクを送る" }).click();
  await expect(page.getByRole("status")).toContainText(`${EMAIL} 宛てに、登録がある場合は再設定用のリンクを送信しました。`);

  const mail = await newestMailTo(EMAIL, requestedAt);
  expect(mail.subject).toBe("【協働マッチングポータル】パスワード再設定のご案内");
  const link = mail.text.match(/https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, `reset link in:\n${mail.text}`).toBeTruthy();
  const resetPath = new URL(link!).pathname;

  await page.goto(resetPath);
  await expect(page.getByRole("heading", { level: 1, name: "新しいパスワードの設定" })).toBeVisible();
  await page.getByLabel("新しいパスワード", { exact: true }).fill(newPassword);
  await page.getByLabel("新しいパスワード（確認）").fill(newPassword);
  await page.getByRole("button", { name: "設定する" }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("新しいパスワードを設定しました。サインインしてください。");

  // The old password no longer works; the new one does.
  await page.getByLabel("メールアドレス").fill(EMAIL);
  await page.getByLabel("パスワード", { exact: true }).fill(account.password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("alert")).toHaveText("メールアドレスまたはパスワードが正しくありません。");
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, EMAIL, newPassword, { goto: false });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
  await expect(page.getByText("再設定 さくら さんの役割: 団体")).toBeVisible();
  await signOut(page);

  // The link was used up.
  await page.goto(resetPath);
  await expect(page.getByRole("heading", { level: 1, name: "リンクが無効です" })).toBeVisible();
  await expect(page.getByRole("link", { name: "再設定用のリンクをもう一度申し込む" })).toBeVisible();
});

test("登録のないアドレスでも同じ案内が出て、メールは送られない", async ({ page }) => {
  const unknown = `nobody-${Date.now()}@example.jp`;
  const requestedAt = new Date(Date.now() - 1_000);
  await page.goto("/password/forgot");
  await page.getByLabel("メールアドレス").fill(unknown);
  await page.getByRole("button", { name: "再設定用のリンクを送る" }).click();
  await expect(page.getByRole("status")).toContainText(`${unknown} 宛てに、登録がある場合は再設定用のリンクを送信しました。`);
  // Mail goes out after the answer, in order: once a later request's mail (for a demo account) is in the
  // outbox, a mail for the unknown address would be too.
  await page.getByLabel("メールアドレス").fill("group@example.jp");
  await page.getByRole("button", { name: "再設定用のリンクを送る" }).click();
  await expect(page.getByRole("status")).toContainText("group@example.jp 宛てに");
  await newestMailTo("group@example.jp", requestedAt);
  expect(mailsTo(unknown, requestedAt)).toHaveLength(0);
});

test("でたらめなリンクは無効と表示される", async ({ page }) => {
  await page.goto("/password/reset/not-a-real-token");
  await expect(page.getByRole("heading", { level: 1, name: "リンクが無効です" })).toBeVisible();
});
