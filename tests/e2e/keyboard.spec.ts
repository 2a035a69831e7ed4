// e. Keyboard smoke test: the first Tab lands on the skip link, and following it moves on to the content.
import { expect, test } from "@playwright/test";

for (const path of ["/", "/login", "/signup"]) {
  test(`最初の Tab で「本文へスキップ」にフォーカスが移る (${path})`, async ({ page }) => {
    await page.goto(path);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "本文へスキップ" });
    await expect(skip).toBeFocused();
    // Hidden off-screen until focused, then on screen.
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}#main$`));
    await expect(page.getByRole("main")).toBeFocused();
  });
}

test("スキップ後の次の Tab はフォームの最初の項目へ", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("メールアドレス")).toBeFocused();
});
