// Two-step sign-in: a new department staff member is sent to set it up at sign-in, reads the key beside
// the QR code into their app, keeps the recovery codes, signs out, and signs in again with the app's code
// — and with a recovery code, which then works no more. Every page passes the accessibility checks.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { codeAt, expectAccessible, mainMenu, newAccount, nextCode, saveAuthenticator, signIn, signOut, signUp, usableStep } from "./helpers";

test("担当課の職員が二段階認証を設定し、確認コードとリカバリーコードでサインインする", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A new account, made staff by the administrator in another browser.
  const staff = newAccount("totp-staff", "二段 認子");
  await signUp(page, staff);
  await signOut(page);
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, "admin@example.jp", DEMO_PASSWORD);
  await adminPage.goto("/admin/users");
  const row = adminPage.getByRole("row").filter({ has: adminPage.getByRole("cell", { name: staff.email, exact: true }) });
  await row.getByLabel(`${staff.email} に付与する役割`).selectOption({ label: "担当課" });
  await row.getByRole("button", { name: "付与" }).click();
  await expect(adminPage.getByRole("status")).toHaveText(`${staff.email} に「担当課」を付与しました。`);
  await expect(row.getByRole("cell").nth(6)).toHaveText("未設定（次のサインインで設定）");

  // The password alone leads to the set-up page, and nothing else is offered.
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード", { exact: true }).fill(staff.password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await expect(page).toHaveURL(/\/account\/two-factor\/setup\?redirectTo=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証の設定" })).toBeVisible();
  await expect(page.getByRole("img", { name: `認証アプリに登録するQRコード（協働マッチングポータル ${staff.email}）` })).toBeVisible();
  await expect(mainMenu(page).getByRole("link", { name: "ダッシュボード" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/sheets/new");
  await expect(page).toHaveURL(/\/account\/two-factor\/setup\?redirectTo=%2Fsheets%2Fnew$/);

  // The key typed by hand into an app; a wrong code first, then the right one.
  const key = (await page.locator("#manual-key").textContent())!;
  expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  const secret = key.replaceAll(" ", "");
  const step = Math.floor(Date.now() / 30_000);
  const wrong = ["000000", "111111", "222222"].find((c) => ![step - 1, step, step + 1].some((s) => codeAt(secret, s) === c))!;
  await page.getByLabel("確認コード（6桁）").fill(wrong);
  await page.getByRole("button", { name: "設定を完了する" }).click();
  await expect(page.getByText("確認コードが正しくありません。認証アプリに今表示されている6桁の数字を入力してください。")).toBeVisible();
  const used = await usableStep(page, -1);
  await page.getByLabel("確認コード（6桁）").fill(codeAt(secret, used));
  await page.getByRole("button", { name: "設定を完了する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証を設定しました" })).toBeVisible();
  const codes = await page.getByRole("list", { name: "リカバリーコード（10個）" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(page);
  await page.getByRole("link", { name: "リカバリーコードを保存したので続ける" }).click();
  await expect(page).toHaveURL(/\/sheets\/new$/);
  await expect(mainMenu(page).getByRole("link", { name: "ダッシュボード" })).toBeVisible();
  // The secret kept as the app keeps it (the step just used is spent).
  saveAuthenticator(staff.email, { secret, lastStep: used });
  await signOut(page);

  // Signing in again: the password, then the code on a page of its own.
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード", { exact: true }).fill(staff.password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "サインイン" })).toBeVisible(); // not signed in yet
  await expectAccessible(page);
  await page.getByLabel("確認コード").fill(await nextCode(page, staff.email));
  await page.getByRole("button", { name: "確認してサインイン" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("banner")).toContainText(`${staff.name} さん（担当課・団体）`);
  await signOut(page);

  // A recovery code instead of the app: once.
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード", { exact: true }).fill(staff.password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await page.getByLabel("確認コード").fill(codes[0]);
  await page.getByRole("button", { name: "確認してサインイン" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status")).toContainText("リカバリーコードでサインインしました（使ったコードはもう使えません。残り9個）");
  await page.getByRole("banner").getByRole("link", { name: "二段階認証" }).click();
  await expect(page.getByText("未使用のリカバリーコード: 9個")).toBeVisible();
  await expect(page.getByRole("button", { name: "二段階認証を解除する" })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード", { exact: true }).fill(staff.password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await page.getByLabel("確認コード").fill(codes[0]);
  await page.getByRole("button", { name: "確認してサインイン" }).click();
  await expect(page.getByText("確認コードが正しくありません。認証アプリに今表示されている6桁の数字か、リカバリーコードを入力してください。")).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor/);

  // The administrator sees it set, and can reset it (recorded in the audit log).
  await adminPage.goto("/admin/users");
  await expect(row.getByRole("cell").nth(6)).toContainText("設定済み");
  await row.getByRole("button", { name: `${staff.email} の二段階認証をリセット` }).click();
  await expect(adminPage.getByRole("status")).toContainText(`${staff.email} の二段階認証をリセットしました。`);
  await adminPage.goto("/admin/audit");
  await expect(adminPage.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText("二段階認証のリセット（管理者による）");
  await adminPage.context().close();
});
