// d. What each role may see and do: the admin grants a role (and the audit log records it), a group
// member is refused the admin pages, an anonymous visitor is sent to sign in, menus differ by role.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { mainMenu, newAccount, setUpSecondFactor, signIn, signOut, signUp } from "./helpers";

// Signing up includes confirming the address through the mailed link (a sign-in and two more pages).
test.setTimeout(60_000);

test("管理者がユーザー管理で審査委員を付与し、監査ログに残る", async ({ page, browser }) => {
  // A fresh member, registered in a browser of their own.
  const member = newAccount("grantee", "審査 候補");
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, member);

  await signIn(page, "admin@example.jp", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("banner")).toContainText("管理 太郎 さん（システム管理者）");
  await expect(page.getByRole("heading", { level: 2, name: "管理者として" })).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "ユーザー管理" })).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "監査ログ" })).toBeVisible();

  await mainMenu(page).getByRole("link", { name: "ユーザー管理" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "ユーザー管理" })).toBeVisible();

  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: member.email, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(0)).toHaveText(member.name);
  await expect(row.getByRole("cell").nth(2)).toHaveText("確認済み");
  await expect(row.getByRole("cell").nth(4)).toHaveText("団体外す");

  await row.getByLabel(`${member.email} に付与する役割`).selectOption({ label: "審査委員" });
  await row.getByRole("button", { name: "付与" }).click();

  await expect(page.getByRole("status")).toHaveText(`${member.email} に「審査委員」を付与しました。`);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(row.getByRole("button", { name: `${member.email} から審査委員を外す` })).toBeVisible();
  await expect(row.getByRole("cell").nth(4)).toContainText("審査委員");
  // A role already held is no longer offered.
  await expect(row.getByLabel(`${member.email} に付与する役割`).locator("option", { hasText: "審査委員" })).toHaveCount(0);

  await mainMenu(page).getByRole("link", { name: "監査ログ" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "監査ログ" })).toBeVisible();
  const newest = page.getByRole("row").nth(1); // row 0 is the header; newest first
  // In the city's words: the person by name and address, the operation's name, the detail as 項目: 値.
  await expect(newest.getByRole("cell").nth(1)).toHaveText(/^.+（admin@example\.jp）$/);
  await expect(newest.getByRole("cell").nth(2)).toHaveText("役割の付与");
  await expect(newest.getByRole("cell").nth(4)).toHaveText("役割: 審査委員");

  // The member sees the new role after their next page load — first setting up two-step sign-in, which
  // the reviewer role requires; then they are back on the dashboard.
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/account\/two-factor\/setup\?redirectTo=%2Fdashboard$/);
  await expect(memberPage.getByText("あなたの役割（市の職員・審査委員・協働推進課・システム管理者）では、二段階認証が必須です。")).toBeVisible();
  await expect(mainMenu(memberPage).getByRole("link", { name: "ダッシュボード" })).toHaveCount(0);
  await setUpSecondFactor(memberPage, member.email);
  await expect(memberPage).toHaveURL(/\/dashboard$/);
  await expect(memberPage.getByRole("banner")).toContainText(`${member.name} さん（団体・審査委員）`);
  await expect(memberPage.getByRole("heading", { level: 2, name: "審査委員として" })).toBeVisible();
  await memberContext.close();

  await signOut(page);
});

test("団体のメンバーには管理メニューがなく、/admin/users は 403 のページになる", async ({ page }) => {
  const member = newAccount("member403", "団体 会員");
  await signUp(page, member);

  await expect(mainMenu(page).getByRole("link", { name: "ダッシュボード" })).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "ユーザー管理" })).toHaveCount(0);
  await expect(mainMenu(page).getByRole("link", { name: "監査ログ" })).toHaveCount(0);

  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "アクセスできません" })).toBeVisible();
  await expect(page.getByText("このページを見る、またはこの操作を行う権限がありません。")).toBeVisible();
  await expect(page.getByText("エラーコード: 403")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  const audit = await page.goto("/admin/audit");
  expect(audit?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "アクセスできません" })).toBeVisible();
});

test("サインインしていない人が /dashboard を開くとサインインへ送られ、サインイン後に戻る", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "サインイン" })).toBeVisible();
  await expect(mainMenu(page).getByRole("link")).toHaveText(["トップ", "マッチングシート", "募集", "団体をさがす", "協働の計画"]);

  await signIn(page, "staff@example.jp", DEMO_PASSWORD, { goto: false });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 2, name: "担当課の職員として" })).toBeVisible();
  await expect(page.getByText("所属: 企画政策課")).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "ユーザー管理" })).toHaveCount(0);
});
