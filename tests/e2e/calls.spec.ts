// Calls for proposals in the browser: the coordinator creates a government call on a demo matching
// sheet and publishes it; an anonymous visitor finds it open (受付中) with its criteria.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { mainMenu, signIn } from "./helpers";

const TITLE = `令和8年度 行政提案型協働事業 ${Date.now()}`;

test("協働推進課が行政提案型の募集を公開すると、市民が受付中の募集と審査項目を見られる", async ({ page, browser }) => {
  await signIn(page, "coordinator@example.jp", DEMO_PASSWORD);
  await page.getByRole("link", { name: "募集の管理" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "募集の管理" })).toBeVisible();
  await page.getByRole("link", { name: "募集を作成する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "募集の作成" })).toBeVisible();

  await page.getByLabel("年度", { exact: true }).fill("令和8年度");
  await page.getByLabel("募集の種類").selectOption({ label: "行政提案型" });
  await page.getByLabel("募集名").fill(TITLE);
  await page.getByLabel("募集の内容").fill("担当課のマッチングシートの課題について、団体からの提案を募集します。");
  await page.getByLabel("受付開始日時").fill("2026-04-01T09:00");
  await page.getByLabel("締切日時").fill("2099-02-10T17:00");
  await page.getByLabel("1提案あたりの上限額（円）").fill("1000000");
  await page.getByLabel("募集全体の予算額（円）").fill("5000000");
  await page.getByLabel("市の負担割合（%、年ごと）").fill("90, 80, 70");
  // Publishing without a sheet: the page says what is missing beside the field and keeps what was typed.
  await page.getByRole("button", { name: "保存して公開する" }).click();
  await expect(page.getByText("行政提案型の募集では、対象のマッチングシートを1つ以上選んでください")).toBeVisible();
  await expect(page.getByLabel("募集名")).toHaveValue(TITLE);

  // Searching for a sheet (its own GET form) loses nothing typed, nor a sheet ticked before.
  const labels = await page.locator('input[name="sheetIds"] + label').allTextContents();
  const other = labels.find((label) => !label.includes("放課後の子どもの居場所づくり"))!;
  await page.getByRole("checkbox", { name: other, exact: true }).check();
  await page.getByLabel("ほかのシートを探す（件名・担当課などの言葉）").fill("居場所");
  await page.getByRole("button", { name: "探す", exact: true }).click();
  await expect(page.getByText(/「居場所」に一致する、公開中のマッチングシート: \d+件/)).toBeVisible();
  await expect(page).toHaveURL(/sheetq=/);
  await expect(page.getByLabel("募集名")).toHaveValue(TITLE);
  await expect(page.getByLabel("市の負担割合（%、年ごと）")).toHaveValue("90, 80, 70");
  await expect(page.getByRole("checkbox", { name: other, exact: true })).toBeChecked();
  await page.getByRole("checkbox", { name: other, exact: true }).uncheck();

  await page.getByRole("checkbox", { name: /放課後の子どもの居場所づくり/ }).check();
  await page.getByRole("button", { name: "保存して公開する" }).click();
  await expect(page.getByRole("status")).toHaveText("募集を公開しました。");
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

  // An anonymous visitor.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await mainMenu(visitor).getByRole("link", { name: "募集" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "募集" })).toBeVisible();
  const row = visitor.getByRole("row", { name: new RegExp(TITLE) });
  await expect(row).toContainText("受付中");
  await expect(row).toContainText("行政提案型");
  await expect(row).toContainText("令和8年度（2026年度）"); // the 年度 in the era, with the Western year
  await row.getByRole("link", { name: TITLE }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(visitor.getByText("令和8年4月1日（水）9:00〜令和81年2月10日（火）17:00")).toBeVisible();
  const criteria = visitor.getByRole("region", { name: "審査項目" });
  await expect(criteria.getByRole("row", { name: /公益性.*10点.*×1/ })).toBeVisible();
  await expect(criteria.getByRole("row")).toHaveCount(7); // header + the six default criteria
  await visitor.getByRole("link", { name: "放課後の子どもの居場所づくり" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "放課後の子どもの居場所づくり" })).toBeVisible();
});
