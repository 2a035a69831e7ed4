// Matching sheets in the browser: a department posts a sheet; a group asks a question; the department
// answers; everyone — other groups and the public — then reads the same answer on the sheet.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { completeAndPublishSheet, mainMenu, signIn, signOut } from "./helpers";

const TITLE = `公園の花壇を地域で育てる ${Date.now()}`;
const QUESTION = "花の苗は市で用意していただけますか？";
const ANSWER = "春と秋の年2回、苗と肥料を市が用意します。";

async function openSheet(page: Page) {
  await page.goto("/sheets");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

test("担当課がシートを公開し、団体の質問に答えると、ほかの団体と市民にも同じ回答が見える", async ({ page, browser }) => {
  // The department (生涯学習課) writes and publishes a sheet from its dashboard.
  await signIn(page, "staff-reviewer@example.jp", DEMO_PASSWORD);
  await page.getByRole("link", { name: "マッチングシートを作成する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "マッチングシートの作成" })).toBeVisible();
  await page.getByLabel("件名").fill(TITLE);
  await page.getByLabel("現状と課題").fill("公園の花壇の手入れが追いつかず、雑草が目立っています。");
  // Publishing too early: the page says what is missing and keeps what was typed.
  await page.getByRole("button", { name: "保存して公開する" }).click();
  await expect(page.getByText("公開するには期待する成果を書いてください")).toBeVisible();
  await expect(page.getByLabel("件名")).toHaveValue(TITLE);

  await completeAndPublishSheet(page);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await signOut(page);

  // A member of an approved group asks.
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await openSheet(page);
  await page.getByLabel("質問", { exact: true }).fill(QUESTION);
  await page.getByRole("button", { name: "質問を送る" }).click();
  await expect(page.getByRole("status")).toHaveText("質問を送りました。担当課が回答すると、このページに公開されます。");
  // Not public until answered: the asking group alone sees it, under its own unanswered questions.
  const qaBefore = page.getByRole("region", { name: "質問と回答" });
  await expect(qaBefore).toContainText("まだ公開された質問はありません。");
  await expect(qaBefore.locator("dl")).toHaveCount(0);
  await expect(qaBefore.getByRole("listitem").filter({ hasText: QUESTION })).toBeVisible();
  await signOut(page);

  // The department sees the question and answers it.
  await signIn(page, "staff-reviewer@example.jp", DEMO_PASSWORD);
  await expect(page.getByRole("row", { name: new RegExp(TITLE) })).toContainText("1件");
  await openSheet(page);
  await expect(page.getByText(QUESTION)).toBeVisible();
  await page.getByLabel("回答する").fill(ANSWER);
  await page.getByRole("button", { name: "回答を公開する" }).click();
  await expect(page.getByRole("status")).toHaveText("回答を公開しました。すべての団体が同じ回答を見られます。");
  await signOut(page);

  // Anyone else — here a visitor who is not signed in — reads the same question and answer.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/sheets");
  await mainMenu(visitor).getByRole("link", { name: "マッチングシート" }).click();
  await visitor.getByRole("link", { name: TITLE }).click();
  const qa = visitor.getByRole("region", { name: "質問と回答" });
  await expect(qa).toContainText(QUESTION);
  await expect(qa).toContainText(ANSWER);
  await visitor.context().close();
});

test("担当課はシートのページで、合いそうな団体とその理由を見られる", async ({ page }) => {
  await signIn(page, "staff-reviewer@example.jp", DEMO_PASSWORD);
  await page.goto("/sheets");
  await page.getByRole("link", { name: "放課後の子どもの居場所づくり" }).click();
  const suggestions = page.getByRole("region", { name: "この課題に合いそうな団体（担当課と協働推進課のみに表示）" });
  await expect(suggestions).toBeVisible();
  const first = suggestions.getByRole("listitem").first();
  await expect(first.getByRole("link")).toBeVisible();
  // Every suggestion says why: the first one lists its reasons, one of them a shared field or area.
  const reasons = suggestions.getByRole("list", { name: /を挙げた理由$/ }).first();
  await expect(reasons.getByRole("listitem").first()).toBeVisible();
  await expect(reasons).toContainText(/活動分野が共通|活動地域/);
  await signOut(page);

  // A visitor sees the sheet but not the suggestions.
  await page.goto("/sheets");
  await page.getByRole("link", { name: "放課後の子どもの居場所づくり" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "放課後の子どもの居場所づくり" })).toBeVisible();
  await expect(page.getByText("この課題に合いそうな団体")).toHaveCount(0);
});
