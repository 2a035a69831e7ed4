// e. Keyboard only: the first Tab lands on the skip link, and following it moves on to the content; and
// the three journeys people do most — signing in, registering a group, writing a proposal — done with Tab,
// typing, Space, the arrow keys and Enter alone (no click, no fill).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { newAccount, signIn, signUp } from "./helpers";

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

/** Presses Tab (forward only) until `target` has the focus: it must be reachable, in order, within `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached with Tab within ${limit} presses`).toBeFocused();
}

/** On a focused closed <select>: the arrow keys until the option labelled `label` is chosen. */
async function arrowToOption(page: Page, select: Locator, label: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    if ((await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)) === label) return;
    await page.keyboard.press("ArrowDown");
  }
  await expect(select.locator("option:checked")).toHaveText(label);
}

async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

test("キーボードだけでサインインできる", async ({ page }) => {
  await page.goto("/login");
  await typeInto(page, page.getByLabel("メールアドレス"), "group@example.jp");
  await typeInto(page, page.getByLabel("パスワード", { exact: true }), DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
  // The new page's heading has the focus, so the next Tab goes on from there.
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeFocused();
});

test("キーボードだけで団体を登録できる", async ({ page }) => {
  test.setTimeout(60_000); // signing up includes confirming the address
  await signUp(page, newAccount("keyboard-group", "鍵盤 花子"));
  await tabTo(page, page.getByRole("link", { name: "団体を登録する" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "団体の登録" })).toBeFocused();

  const name = `キーボードの会${Date.now() % 100000}`;
  await typeInto(page, page.getByLabel("団体名"), name);
  await typeInto(page, page.getByLabel("ふりがな"), "きーぼーどのかい");
  await tabTo(page, page.getByLabel("法人格・団体の種類"));
  await arrowToOption(page, page.getByLabel("法人格・団体の種類"), "任意団体");
  await tabTo(page, page.getByLabel("協働主体の種類"));
  await arrowToOption(page, page.getByLabel("協働主体の種類"), "市民活動団体");
  await tabTo(page, page.getByRole("checkbox", { name: "地域安全" }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("checkbox", { name: "子どもの健全育成" }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("checkbox", { name: "桜台地区" }));
  await page.keyboard.press("Space");
  await typeInto(page, page.getByLabel("設立年"), "R3");
  await typeInto(page, page.getByLabel("代表者名"), "鍵盤 花子");
  await typeInto(page, page.getByLabel("電話番号", { exact: true }), "047-492-1234");
  await typeInto(page, page.getByLabel("活動の目的・内容"), "キーボードだけで使える地域の掲示板をつくっています。");
  await typeInto(page, page.getByLabel("市と取り組みたいこと（今後の希望）"), "市の掲示板も誰でも使えるようにしたい。");
  await typeInto(page, page.getByLabel("年度").first(), "令和5年度");
  await typeInto(page, page.getByLabel("活動名").first(), "掲示板の点検");
  await tabTo(page, page.getByRole("button", { name: "登録する" }), 120);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toHaveText(`「${name}」を登録しました。協働推進課の承認をお待ちください。`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();
  await expect(page.getByText("地域安全")).toBeVisible();
});

test("キーボードだけで提案書を書き、保存し、提出の確認を開いて閉じられる", async ({ page }) => {
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await page.goto("/calls");
  await tabTo(page, page.getByRole("link", { name: "令和8年度 市民提案型協働事業の募集" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "この募集に提案する" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "提案書の作成" })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "下書きを作成する" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "提案書の編集" })).toBeFocused();

  const title = `キーボードで書いた提案 ${Date.now()}`;
  await typeInto(page, page.getByLabel("提案事業名"), title);
  await typeInto(page, page.getByLabel("地域の課題とその根拠"), "掲示板の文字が小さく、読めない人がいる。");
  await typeInto(page, page.getByLabel("予算（費目ごと） 1行目 費目"), "印刷費");
  await typeInto(page, page.getByLabel("予算（費目ごと） 1行目 金額（円）"), "12000");
  await tabTo(page, page.getByLabel("予算（費目ごと） 1行目 負担者"));
  await arrowToOption(page, page.getByLabel("予算（費目ごと） 1行目 負担者"), "団体");
  await tabTo(page, page.getByRole("button", { name: "下書きを保存する" }), 200);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("下書きを保存しました。");
  await expect(page.getByLabel("提案事業名")).toHaveValue(title);
  await expect(page.getByLabel("予算（費目ごと） 1行目 負担者")).toHaveValue(/.+/);

  // Submitting asks first: the question opens on 「やめる」, and Escape closes it without submitting.
  await tabTo(page, page.getByRole("button", { name: "保存して提出する" }), 200);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "やめる" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "保存して提出する" })).toBeFocused(); // back where it was
  await expect(page.getByRole("heading", { level: 1, name: "提案書の編集" })).toBeVisible();
});
