// Accessibility beyond what axe measures (issue 13.13): where the focus goes after a client-side
// navigation and what is announced, the error pages' titles, a notice that goes with the next page, and
// the admin pages at 320 px wide (WCAG 1.4.10 reflow: no scrolling sideways).
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { mainMenu, signIn, signOut } from "./helpers";

const SITE = "協働マッチングポータル";
const announcer = (page: Page) => page.locator("#route-announcer");

test("リンクで別のページへ移ると、新しいページの見出しにフォーカスが移り、ページ名が読み上げられる", async ({ page }) => {
  await page.goto("/");
  // The first page is the browser's own load: the focus stays where the browser puts it.
  await expect(page.locator("body")).toBeFocused();
  await expect(announcer(page)).toHaveText("");

  await mainMenu(page).getByRole("link", { name: "マッチングシート" }).click();
  await expect(page).toHaveURL(/\/sheets$/);
  await expect(page.getByRole("heading", { level: 1, name: "マッチングシート" })).toBeFocused();
  await expect(announcer(page)).toHaveText(`マッチングシート | ${SITE}`);
  await expect(announcer(page)).toHaveAttribute("aria-live", "polite");

  // Tab continues from the top of the new page's content, not from the menu link that was pressed.
  await page.keyboard.press("Tab");
  const focusedInMain = await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement));
  expect(focusedInMain).toBe(true);

  await mainMenu(page).getByRole("link", { name: "団体をさがす" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "団体をさがす" })).toBeFocused();
  await expect(announcer(page)).toHaveText(`団体をさがす | ${SITE}`);
});

test("フォームの誤りで同じページに戻るときは、見出しへ移さず誤りの場所にフォーカスを残す", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "サインイン" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "サインイン" })).toBeFocused();
  await page.getByLabel("メールアドレス").fill("group@example.jp");
  await page.getByLabel("パスワード", { exact: true }).fill("まちがったパスワード-0000");
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "サインイン" })).not.toBeFocused();
  await expect(announcer(page)).toHaveText(`サインイン | ${SITE}`); // unchanged: no new page was announced
});

test("見つからないページと権限のないページは、それぞれのタイトルを持つ", async ({ page }) => {
  const missing = await page.goto("/no-such-page/anywhere");
  expect(missing?.status()).toBe(404);
  await expect(page).toHaveTitle(`ページが見つかりません | ${SITE}`);
  await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();

  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  const refused = await page.goto("/admin/users");
  expect(refused?.status()).toBe(403);
  await expect(page).toHaveTitle(`アクセスできません | ${SITE}`);

  // Reached by a client-side navigation too: the error page is titled and announced as itself.
  await page.goto("/dashboard");
  // A link added before React has hydrated the page is thrown away with the server's markup (seen under
  // load): add it again until it stays long enough to be clicked.
  await expect(async () => {
    await page.evaluate(() => {
      if (document.getElementById("missing-sheet")) return;
      const link = document.createElement("a");
      link.id = "missing-sheet";
      link.href = "/sheets/999999999";
      link.textContent = "存在しないシート";
      document.querySelector("main")!.append(link);
    });
    await page.getByRole("link", { name: "存在しないシート" }).click({ timeout: 2_000 });
  }).toPass();
  await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
  await expect(page).toHaveTitle(`ページが見つかりません | ${SITE}`);
});

test("完了のお知らせは、次のページへ移ると消える", async ({ page }) => {
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await signOut(page); // ends on the home page with 「サインアウトしました。」
  await mainMenu(page).getByRole("link", { name: "募集" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "募集" })).toBeVisible();
  await expect(page.getByText("サインアウトしました。")).toHaveCount(0);
  // …and does not come back with the page it was shown on.
  await mainMenu(page).getByRole("link", { name: "トップ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByText("サインアウトしました。")).toHaveCount(0);
});

test("管理の画面は幅 320px でも横にスクロールしない（表は枠の中でスクロールでき、キーボードで届く）", async ({ page }) => {
  await signIn(page, "admin@example.jp", DEMO_PASSWORD);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/admin/departments");
  const firstDepartment = await page.getByRole("link", { name: /を編集$/ }).first().getAttribute("href");
  for (const path of ["/dashboard", "/admin/users", "/admin/audit", "/admin/departments", firstDepartment!, "/admin/departments/import"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width}px wide at a 320px viewport`).toBeLessThanOrEqual(320);
    // A table wider than the screen scrolls inside a named region that the keyboard can focus.
    for (const region of await page.locator(".table-scroll").all()) {
      await expect(region).toHaveAttribute("role", "region");
      await expect(region).toHaveAttribute("tabindex", "0");
      await expect(region).toHaveAccessibleName(/.+/);
    }
  }
});
