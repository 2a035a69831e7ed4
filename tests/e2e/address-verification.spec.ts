// Proof of the address: a newcomer's account does nothing until the link mailed to it is followed; an
// address change waits for the new address's link and tells the old one; the admin sees who is confirmed.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { confirmationLinkTo, expectAccessible, mailsTo, newAccount, newestMailTo, signIn, signOut, signUp, submitSignUp } from "./helpers";

// Several pages each with an accessibility check, on a shared 2-core machine.
test.setTimeout(120_000);

test("アカウント登録 → 確認前は確認のページだけ → 再送 → メールのリンクで確認 → ダッシュボード", async ({ page }) => {
  const account = newAccount("verify", "確認 一葉");
  const signedUpAt = new Date(Date.now() - 1_000);
  await submitSignUp(page, account);
  await expect(page.getByRole("status")).toHaveText(`${account.email} 宛てに、登録を完了するためのリンクを送りました。`);
  await expectAccessible(page);
  const firstLink = await confirmationLinkTo(account.email, signedUpAt);

  // Signed in before confirming: only the page that says so, whatever is asked for.
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/account\/confirm$/);
  await expect(page.getByRole("heading", { level: 1, name: "メールアドレスの確認" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(`${account.name} さん（メールアドレス未確認）`);
  await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "ダッシュボード" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/groups/new");
  await expect(page).toHaveURL(/\/account\/confirm$/);

  // A new link, and the earlier one stops working.
  const resentAt = new Date();
  await page.getByRole("button", { name: "確認メールを再送する" }).click();
  await expect(page.getByRole("status")).toContainText(`${account.email} 宛てに確認メールを再送しました。`);
  const link = await confirmationLinkTo(account.email, resentAt);
  expect(link).not.toBe(firstLink);

  await page.goto(link);
  await expect(page.getByText(`${account.email} をこのアカウントのメールアドレスとして確認します。`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status")).toHaveText("メールアドレスを確認し、アカウントの登録が完了しました。次は団体の情報を登録しましょう。");
  await expect(page.getByRole("banner")).toContainText(`${account.name} さん（団体）`);
  await expectAccessible(page);

  for (const used of [firstLink, link]) {
    await page.goto(used);
    await expect(page.getByRole("heading", { level: 1, name: "リンクが無効です" })).toBeVisible();
  }
  await page.goto("/dashboard");
  await signOut(page);
});

test("メールアドレスの変更: 新しいアドレスのリンクを開くまで変わらず、前のアドレスに知らせが届く", async ({ page }) => {
  const account = newAccount("mover", "転居 二葉");
  await signUp(page, account);
  const newEmail = `moved-${account.email}`;
  const askedAt = new Date(); // after the sign-up's own mail to the old address

  await page.getByRole("banner").getByRole("link", { name: "メールアドレス変更" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "メールアドレス変更" })).toBeVisible();
  await expect(page.getByText(`いまのメールアドレス: ${account.email}`)).toBeVisible();
  await page.getByLabel("新しいメールアドレス").fill(newEmail);
  await page.getByLabel("現在のパスワード").fill("not my password at all");
  await page.getByRole("button", { name: "確認のリンクを送る" }).click();
  await expect(page.getByText("現在のパスワードが正しくありません。")).toBeVisible();
  await expect(page.getByLabel("新しいメールアドレス")).toHaveValue(newEmail);
  await page.getByLabel("現在のパスワード").fill(account.password);
  await page.getByRole("button", { name: "確認のリンクを送る" }).click();
  await expect(page.getByRole("status")).toHaveText(`${newEmail} 宛てに確認のリンクを送りました。リンクを開いて確認するまで、メールアドレスは変わりません。`);
  await expect(page.getByText(`いまのメールアドレス: ${account.email}`)).toBeVisible();
  await expectAccessible(page);

  await page.goto(await confirmationLinkTo(newEmail, askedAt));
  await expect(page.getByText(`アカウントのメールアドレスを ${newEmail} に変更します。`)).toBeVisible();
  await page.getByRole("button", { name: "メールアドレスを変更する" }).click();
  await expect(page).toHaveURL(/\/account\/email$/);
  await expect(page.getByRole("status")).toHaveText(`メールアドレスを ${newEmail} に変更しました。前のアドレスにもお知らせを送りました。`);
  await expect(page.getByText(`いまのメールアドレス: ${newEmail}`)).toBeVisible();
  const notice = await newestMailTo(account.email, askedAt);
  expect(notice.subject).toBe("【協働マッチングポータル】メールアドレスが変更されました");
  expect(mailsTo(account.email, askedAt)).toHaveLength(1);

  await signOut(page);
  await signIn(page, newEmail, account.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);
});

test("デモの未確認アカウントは確認のページだけ、管理者のユーザー管理では未確認と出て役割を付与できない", async ({ page }) => {
  await signIn(page, "unconfirmed@example.jp", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/account\/confirm$/);
  await expect(page.getByRole("button", { name: "確認メールを再送する" })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "サインアウト" }).click();

  await signIn(page, "admin@example.jp", DEMO_PASSWORD);
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "unconfirmed@example.jp", exact: true }) });
  await expect(row.getByRole("cell").nth(2)).toHaveText("未確認");
  await expect(row.getByText("メールアドレスの確認後に付与できます")).toBeVisible();
  await expect(row.getByRole("button", { name: "付与" })).toHaveCount(0);
  await signOut(page);
});
