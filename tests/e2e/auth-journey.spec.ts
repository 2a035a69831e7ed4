// a. A newcomer registers, confirms the address from the mail, lands on the dashboard, signs out, signs
// in again and signs out.
import { expect, test } from "@playwright/test";
import { confirmationLinkTo, mainMenu, newAccount, signIn, signOut } from "./helpers";

// Signing up includes confirming the address through the mailed link (a sign-in and two more pages).
test.setTimeout(60_000);

test("アカウント登録 → 確認メールのリンク → ダッシュボード → サインアウト → サインイン → サインアウト", async ({ page }) => {
  const since = new Date(Date.now() - 1_000);
  const account = newAccount("journey", "協働 一花");

  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "アカウント登録" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole("heading", { level: 1, name: "アカウント登録" })).toBeVisible();

  await page.getByLabel("お名前").fill(account.name);
  await page.getByLabel("メールアドレス").fill(account.email);
  await page.getByLabel("パスワード", { exact: true }).fill(account.password);
  await page.getByLabel("パスワード（確認）").fill(account.password);
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "確認メールを送信しました" })).toBeVisible();

  // The link in the mail; signed in there, one button confirms the address.
  await page.goto(await confirmationLinkTo(account.email, since));
  await page.getByRole("link", { name: "サインインして確認する" }).click();
  await signIn(page, account.email, account.password, { goto: false });
  await page.getByRole("button", { name: "メールアドレスを確認する" }).click();

  // The dashboard of a new group member: the notice, their name and role, the empty 団体 state.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status")).toHaveText("メールアドレスを確認し、アカウントの登録が完了しました。次は団体の情報を登録しましょう。");
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(`${account.name} さん（団体）`);
  await expect(page.getByRole("heading", { level: 2, name: "団体として" })).toBeVisible();
  await expect(page.getByText("まだ団体に所属していません。")).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "ダッシュボード" })).toHaveAttribute("aria-current", "page");

  await signOut(page);
  await expect(page.getByRole("banner")).not.toContainText(account.name);

  // Signed out, the dashboard is behind the sign-in page again.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
  await expect(page.getByText(`${account.name} さんの役割: 団体`)).toBeVisible();
  await expect(page.getByText("まだ団体に所属していません。")).toBeVisible();

  await signOut(page);
});

test("間違ったパスワードではサインインできない", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill("admin@example.jp");
  await page.getByLabel("パスワード", { exact: true }).fill("wrong-password-123");
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("alert")).toHaveText("メールアドレスまたはパスワードが正しくありません。");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("メールアドレス")).toHaveValue("admin@example.jp");
});
