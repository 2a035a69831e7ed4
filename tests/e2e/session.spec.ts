// Nothing typed is lost when the sign-in session ends while a proposal is being written (issue 13, item 6):
// the page warns five minutes before the end and extends it on request; an autosave that finds the session
// ended keeps the page, says so, and saves once the member has signed in again in another tab; and a
// reload that goes through the sign-in page comes back to the editor with the text put back.
//
// Time: the server's side of a session is its row's expires_at, which these tests set the way time would
// have (four minutes left; ended a minute ago) in the e2e database; the browser's side — the timer that
// opens the warning — is moved on with Playwright's clock. Nothing else is faked.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { DATABASE_FILE, DEMO_PASSWORD } from "./env";
import { expectAccessible, signIn, signOut } from "./helpers";

const MEMBER = "group@example.jp";

/** Sets when the member's newest session ends, as the server keeps it. */
function setSessionEnd(email: string, endsAt: Date) {
  const db = new Database(DATABASE_FILE);
  try {
    db.prepare(
      `update sessions set expires_at = ? where id = (
         select s.id from sessions s join users u on u.id = s.user_id where u.email = ? order by s.created_at desc limit 1)`,
    ).run(endsAt.toISOString(), email);
  } finally {
    db.close();
  }
}

function sessionEnd(email: string): Date {
  const db = new Database(DATABASE_FILE, { readonly: true });
  try {
    const row = db
      .prepare("select s.expires_at from sessions s join users u on u.id = s.user_id where u.email = ? order by s.created_at desc limit 1")
      .get(email) as { expires_at: string };
    return new Date(row.expires_at);
  } finally {
    db.close();
  }
}

async function startDraft(page: Page) {
  await page.goto("/calls");
  await page.getByRole("link", { name: "令和8年度 市民提案型協働事業の募集" }).click();
  await page.getByRole("link", { name: "この募集に提案する" }).click();
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "提案書の編集" })).toBeVisible();
}

const saved = (page: Page) => expect(page.getByText(/^自動保存しました/)).toBeVisible({ timeout: 20_000 });

test("ログインの有効期限の5分前に知らせ、「延長する」で延びる", async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await signIn(page, MEMBER, DEMO_PASSWORD);
  await startDraft(page);
  await page.getByLabel("提案事業名").fill(`期限の前に知らせる ${Date.now()}`);
  await saved(page);

  // Nearly two hours without a request: the server's session has four minutes left.
  setSessionEnd(MEMBER, new Date(Date.now() + 4 * 60_000));
  await page.clock.fastForward("01:56:00");
  const warning = page.getByRole("dialog", { name: "まもなくログインの有効期限が切れます" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/あと約[45]分/);
  // The keyboard is on the dialog's own answer, not left on the page behind it.
  await expect(warning.getByRole("button", { name: "延長する" })).toBeFocused();
  await expectAccessible(page);

  await warning.getByRole("button", { name: "延長する" }).click();
  await expect(warning).toBeHidden();
  // Extended by the full idle period (120 minutes by default) from now.
  expect(sessionEnd(MEMBER).getTime()).toBeGreaterThan(Date.now() + 100 * 60_000);
  await expect(page).toHaveURL(/\/edit$/);
});

test("期限が切れた後の自動保存: ページはそのまま、別のタブでサインインすると保存を続ける", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, MEMBER, DEMO_PASSWORD);
  await startDraft(page);
  const title = `期限切れでも失わない ${Date.now()}`;
  await page.getByLabel("提案事業名").fill(title);
  await saved(page);
  const editor = page.url();

  setSessionEnd(MEMBER, new Date(Date.now() - 60_000));
  const purpose = "公民センターの学習室を放課後の居場所として開く。";
  await page.getByLabel("事業の目的と成果目標").fill(purpose);

  const expired = page.getByRole("dialog", { name: "ログインの有効期限が切れました" });
  await expect(expired).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(editor);
  await expect(page.getByLabel("事業の目的と成果目標")).toHaveValue(purpose);
  await expect(expired.getByRole("link", { name: "別のタブでサインインする" })).toBeFocused();
  await expectAccessible(page);

  // Not signed in yet: the dialog says so and stays.
  await expired.getByRole("button", { name: "サインインしたので続ける" }).click();
  await expect(expired.getByRole("alert")).toHaveText(/まだサインインしていません/);

  const other = await page.context().newPage();
  await signIn(other, MEMBER, DEMO_PASSWORD);
  await other.close();
  await expired.getByRole("button", { name: "サインインしたので続ける" }).click();
  await expect(expired).toBeHidden();
  await saved(page);

  await page.reload();
  await expect(page.getByLabel("事業の目的と成果目標")).toHaveValue(purpose);
  await expect(page.getByLabel("提案事業名")).toHaveValue(title);
});

test("期限切れのまま再読み込みしても、サインインすると同じページに入力が戻る", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, MEMBER, DEMO_PASSWORD);
  await startDraft(page);
  await page.getByLabel("提案事業名").fill(`再読み込みでも失わない ${Date.now()}`);
  await saved(page);
  const editor = new URL(page.url()).pathname;

  setSessionEnd(MEMBER, new Date(Date.now() - 60_000));
  const team = "代表と見守りボランティア20人";
  await page.getByLabel("実施体制").fill(team);
  await page.reload();

  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await signIn(page, MEMBER, DEMO_PASSWORD, { goto: false });
  await expect(page).toHaveURL(editor);
  await expect(page.getByText(/まだ保存されていなかった内容を戻しました/)).toBeVisible();
  await expect(page.getByLabel("実施体制")).toHaveValue(team);
  await saved(page);
  await page.reload();
  await expect(page.getByLabel("実施体制")).toHaveValue(team);
});

test("団体情報の編集: 期限切れのまま保存しても、サインインし直すと入力が戻り、保存すると残りは消える", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, MEMBER, DEMO_PASSWORD);
  await page.goto("/dashboard");
  await page.getByRole("link", { name: /の団体情報を編集$/ }).first().click();
  await expect(page).toHaveURL(/\/groups\/[^/]+\/edit$/);
  const editor = new URL(page.url()).pathname;
  const wishes = `放課後の学習室を市と一緒に開きたい ${Date.now()}`;

  setSessionEnd(MEMBER, new Date(Date.now() - 60_000));
  await page.getByLabel("市と取り組みたいこと（今後の希望）").fill(wishes);
  await page.getByRole("button", { name: "保存する" }).click();

  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await signIn(page, MEMBER, DEMO_PASSWORD, { goto: false });
  await expect(page).toHaveURL(editor);
  await expect(page.getByText(/まだ保存されていなかった内容を戻しました/)).toBeVisible();
  await expect(page.getByLabel("市と取り組みたいこと（今後の希望）")).toHaveValue(wishes);
  await expectAccessible(page);

  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status")).toHaveText("団体情報を保存しました。");
  await expect(page.getByText(wishes)).toBeVisible();
  // The server has it: the editor opens with the saved text and nothing put back.
  await page.goto(editor);
  await expect(page.getByLabel("市と取り組みたいこと（今後の希望）")).toHaveValue(wishes);
  await expect(page.getByText(/まだ保存されていなかった内容を戻しました/)).toHaveCount(0);
});

test("サインアウトすると、このブラウザに残っていた自分の入力の控えも消える（共用のパソコン）", async ({ page }) => {
  await signIn(page, MEMBER, DEMO_PASSWORD);
  await page.goto("/dashboard");
  await page.getByRole("link", { name: /の団体情報を編集$/ }).first().click();
  await expect(page).toHaveURL(/\/groups\/[^/]+\/edit$/);
  const wishes = `共用のパソコンに残さない ${Date.now()}`;
  await page.getByLabel("市と取り組みたいこと（今後の希望）").fill(wishes);
  const copies = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("kyodo:draft:")).map((key) => [key, localStorage.getItem(key) ?? ""]));
  await expect.poll(async () => (await copies()).some(([, text]) => text.includes(wishes))).toBe(true);
  // Someone else's copy on the same computer is theirs: it stays.
  await page.evaluate(() => localStorage.setItem("kyodo:draft:another-member:group:x", "{}"));

  await signOut(page);
  expect((await copies()).map(([key]) => key)).toEqual(["kyodo:draft:another-member:group:x"]);
});
