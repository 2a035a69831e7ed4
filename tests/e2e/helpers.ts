// Small steps shared by the journeys. Every step waits for what the user would see next.
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DATA_DIR, OUTBOX_DIR } from "./env";

let counter = 0;

/** An address no other test (or earlier run against the same database) has used. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${process.pid}-${counter}@example.jp`;
}

export const NEW_PASSWORD = "あたらしい合言葉-correct-horse-2026";

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

export function newAccount(prefix: string, name = "試験 一郎"): NewAccount {
  return { name, email: uniqueEmail(prefix), password: NEW_PASSWORD };
}

/** Fills and sends the sign-up form; waits for the page saying the confirmation mail was sent. */
export async function submitSignUp(page: Page, account: NewAccount): Promise<void> {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "アカウント登録" })).toBeVisible();
  await page.getByLabel("お名前").fill(account.name);
  await page.getByLabel("メールアドレス").fill(account.email);
  await page.getByLabel("パスワード", { exact: true }).fill(account.password);
  await page.getByLabel("パスワード（確認）").fill(account.password);
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "確認メールを送信しました" })).toBeVisible();
}

/** The path of the newest confirmation link mailed to `address` at or after `since`. */
export async function confirmationLinkTo(address: string, since: Date): Promise<string> {
  let path: string | undefined;
  await expect
    .poll(
      () => {
        const mail = mailsTo(address, since).find((m) => /\/account\/confirm\//.test(m.text));
        path = mail ? new URL(/https?:\/\/\S+\/account\/confirm\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname : undefined;
        return path !== undefined;
      },
      { message: `a confirmation link mailed to ${address}`, timeout: 5_000 },
    )
    .toBe(true);
  return path!;
}

/**
 * Registers at /signup, opens the link mailed to the address, signs in there and confirms; waits for
 * the dashboard the new member lands on.
 */
export async function signUp(page: Page, account: NewAccount): Promise<void> {
  const since = new Date(Date.now() - 1_000);
  await submitSignUp(page, account);
  await page.goto(await confirmationLinkTo(account.email, since));
  await page.getByRole("link", { name: "サインインして確認する" }).click();
  await signIn(page, account.email, account.password, { goto: false });
  await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
}

/**
 * Signs in at /login (or the page it is already on) and waits to leave the sign-in page. Accounts with
 * two-step sign-in get the code their app would show; staff signing in for the first time set it up
 * as a person does (the key read from the page), and the secret is kept for their next sign-in.
 */
export async function signIn(page: Page, email: string, password: string, { goto = true } = {}): Promise<void> {
  if (goto) await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "サインイン" })).toBeVisible();
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "サインイン" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  const now = new URL(page.url()).pathname;
  // The second step is more pages than the journeys were timed for: they get the time it takes.
  if (now === "/login/two-factor") {
    test.info().setTimeout(test.info().timeout + 15_000);
    await enterCode(page, email);
  } else if (now === "/account/two-factor/setup") {
    await setUpSecondFactor(page, email);
  }
  await expect(page).not.toHaveURL(/\/login|\/account\/two-factor\/setup/);
}

// ---- two-step sign-in ----
// The secret of each account set up during the run, and the newest step whose code was used (the portal
// refuses a code twice), kept in files so that every worker process sees them. DATA_DIR is new each run.

const SECRETS_DIR = path.join(DATA_DIR, "two-factor");
const STEP_MS = 30_000;

interface Authenticator {
  secret: string;
  lastStep: number;
}

function authenticatorFile(email: string): string {
  return path.join(SECRETS_DIR, `${email}.json`);
}

/** Keeps an account's secret (and the newest step whose code was used) for its next sign-in in this run. */
export function saveAuthenticator(email: string, value: Authenticator): void {
  fs.mkdirSync(SECRETS_DIR, { recursive: true });
  fs.writeFileSync(authenticatorFile(email), JSON.stringify(value));
}

/** The code an authenticator app with this secret shows during `step` (the same library as the portal). */
export function codeAt(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: step * STEP_MS });
}

/**
 * A step the portal accepts now (one step either side of now) and newer than `lastStep`: waits past a
 * boundary under a second away, and for the next step when all three are spent (the test gets the time).
 */
export async function usableStep(page: Page, lastStep: number): Promise<number> {
  for (;;) {
    if (STEP_MS - (Date.now() % STEP_MS) < 1_000) await page.waitForTimeout(1_100);
    const current = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(current - 1, lastStep + 1);
    if (step <= current + 1) return step;
    test.info().setTimeout(test.info().timeout + STEP_MS);
    await page.waitForTimeout(STEP_MS - (Date.now() % STEP_MS) + 50);
  }
}

/** A fresh code for an account set up during this run, as its app would show it. */
export async function nextCode(page: Page, email: string): Promise<string> {
  const file = authenticatorFile(email);
  if (!fs.existsSync(file)) throw new Error(`E2E: ${email} has two-step sign-in, but no secret was kept for it in this run (${file}).`);
  const kept = JSON.parse(fs.readFileSync(file, "utf8")) as Authenticator;
  const step = await usableStep(page, kept.lastStep);
  saveAuthenticator(email, { ...kept, lastStep: step });
  return codeAt(kept.secret, step);
}

/** On the second step's page: gives the code and waits to leave it. */
export async function enterCode(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証" })).toBeVisible();
  await page.getByLabel("確認コード").fill(await nextCode(page, email));
  await page.getByRole("button", { name: "確認してサインイン" }).click();
  await page.waitForURL((url) => url.pathname !== "/login/two-factor");
}

/**
 * On the set-up page: reads the key shown for typing by hand, gives the app's code, reads the ten
 * recovery codes and continues. Returns the recovery codes.
 */
export async function setUpSecondFactor(page: Page, email: string): Promise<string[]> {
  test.info().setTimeout(test.info().timeout + 30_000);
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証の設定" })).toBeVisible();
  const secret = (await page.locator("#manual-key").textContent())!.replaceAll(" ", "");
  const step = await usableStep(page, -1);
  await page.getByLabel("確認コード（6桁）").fill(codeAt(secret, step));
  await page.getByRole("button", { name: "設定を完了する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "二段階認証を設定しました" })).toBeVisible();
  saveAuthenticator(email, { secret, lastStep: step });
  const codes = await page.getByRole("list", { name: "リカバリーコード（10個）" }).getByRole("listitem").allTextContents();
  await page.getByRole("link", { name: "リカバリーコードを保存したので続ける" }).click();
  await page.waitForURL((url) => url.pathname !== "/account/two-factor/setup");
  return codes;
}

/** The header's サインアウト button; ends on the home page with the notice. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "サインアウト" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status")).toHaveText("サインアウトしました。");
  await expect(page.getByRole("banner").getByRole("link", { name: "サインイン" })).toBeVisible();
}

export function mainMenu(page: Page) {
  return page.getByRole("navigation", { name: "メインメニュー" });
}

export interface OutboxMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

function readOutbox(): OutboxMail[] {
  if (!fs.existsSync(OUTBOX_DIR)) return [];
  return fs
    .readdirSync(OUTBOX_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(OUTBOX_DIR, f), "utf8")) as OutboxMail);
}

/** Mails sent to `address` at or after `since`, newest first. */
export function mailsTo(address: string, since: Date): OutboxMail[] {
  return readOutbox()
    .filter((m) => m.to === address && new Date(m.sentAt) >= since)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

/** The newest mail sent to `address` after `since`, waiting briefly for it to arrive. */
export async function newestMailTo(address: string, since: Date): Promise<OutboxMail> {
  let found: OutboxMail | undefined;
  await expect
    .poll(
      () => {
        found = mailsTo(address, since)[0];
        return found !== undefined;
      },
      { message: `a mail to ${address} in ${OUTBOX_DIR}`, timeout: 5_000 },
    )
    .toBe(true);
  return found!;
}

/**
 * On the sheet form (/sheets/new or an edit page), fills everything publishing needs beyond the title
 * and the background, then publishes; waits for the published sheet's page.
 */
export async function completeAndPublishSheet(page: Page, { fiscalYear = "" }: { fiscalYear?: string } = {}): Promise<void> {
  if (!(await page.getByLabel("現状と課題").inputValue())) await page.getByLabel("現状と課題").fill("担い手が足りず、取り組みが広がっていません。");
  await page.getByLabel("期待する成果").fill("地域の人が担い手になり、取り組みが続くこと。");
  await page.getByLabel("場所（施設・会場など）").fill("市内の公共施設を使えます。");
  await page.getByRole("checkbox", { name: "アドプト制度" }).check();
  await page.getByRole("checkbox", { name: "まちづくり" }).check();
  await page.getByRole("checkbox", { name: "桜台地区" }).check();
  await page.getByLabel("予算規模").selectOption({ label: "予算なし（人・場所・情報での協力）" });
  if (fiscalYear) await page.getByLabel("年度").fill(fiscalYear);
  await page.getByLabel("実施期間").fill("令和9年4月～令和10年3月");
  await page.getByLabel("担当者名").fill("担当 一郎");
  await page.getByLabel("電話番号").fill("047-492-1111");
  await page.getByRole("button", { name: "保存して公開する" }).click();
  await expect(page.getByRole("status")).toHaveText("マッチングシートを公開しました。");
}

/** Fills every part of the proposal form the submission needs (the edit page is open). */
export async function fillProposal(page: Page, title: string) {
  await page.getByLabel("提案事業名").fill(title);
  await page.getByLabel("地域の課題とその根拠").fill("放課後を一人で過ごす小学生が増えている。\n保護者アンケートでは約4割が居場所が足りないと答えた。");
  await page.getByLabel("事業の目的と成果目標").fill("公民センターの学習室を放課後の居場所として開き、年間延べ1,200人が利用する。");
  await page.getByLabel("事業の内容 — 誰を対象に").fill("市内の小学生");
  await page.getByLabel("事業の内容 — 何をするか").fill("宿題の見守り、昔遊び、季節の工作");
  await page.getByLabel("月ごとのスケジュール 1行目 時期").fill("4月");
  await page.getByLabel("月ごとのスケジュール 1行目 実施内容").fill("ボランティアの募集と研修");
  await page.getByLabel("役割分担（団体／市） 1行目 作業").fill("見守り");
  await page.getByLabel("役割分担（団体／市） 1行目 団体の役割").fill("見守りボランティアの配置");
  await page.getByLabel("役割分担（団体／市） 1行目 市の役割").fill("学習室の提供と学校への周知");
  await page.getByLabel("協働が必要な理由").fill("場所と学校との連携は市に、見守りの人手は団体にある。");
  await page.getByLabel("団体が担うこと・提供するもの").fill("見守りボランティア20人");
  await page.getByLabel("市に求めること・市が提供するもの").fill("学習室の平日午後の利用");
  await page.getByLabel("期待される効果").fill("子どもが安心して過ごせる場所が増える。");
  await page.getByLabel("予算（費目ごと） 1行目 費目").fill("ボランティア保険");
  await page.getByLabel("予算（費目ごと） 1行目 金額（円）").fill("90000");
  await page.getByLabel("予算（費目ごと） 1行目 負担者").selectOption({ label: "市" });
  await page.getByLabel("予算（費目ごと） 2行目 費目").fill("教材費");
  await page.getByLabel("予算（費目ごと） 2行目 金額（円）").fill("10000");
  await page.getByLabel("予算（費目ごと） 2行目 負担者").selectOption({ label: "団体" });
  await page.getByLabel("成果指標 1行目 指標").fill("延べ利用者数");
  await page.getByLabel("成果指標 1行目 目標値").fill("1,200人");
  await page.getByLabel("実施体制").fill("代表と見守りボランティア20人");
}

/** The rule sets the portal is held to: WCAG 2.1 A and AA. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The automated WCAG 2.1 AA checks (axe) on the whole page as it stands: each violation with the elements it names. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The page as it stands passes the automated WCAG 2.1 AA checks (axe): each violation is named. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** Presses a button for something that cannot be undone and answers its question (a modal dialog) with `answer`. */
export async function pressAndConfirm(page: Page, button: string, answer: string): Promise<void> {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: answer, exact: true }).click();
  // The dialog closes when the answer has come back (a refusal keeps the page): the page is settled.
  await expect(dialog).toBeHidden();
}
