// The collaboration plan: the coordinator uploads a plan document and sees its tree, downloads the
// progress list as xlsx; department staff link their matching sheet to a measure and see it there.
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, ROOT } from "./env";
import { completeAndPublishSheet, mainMenu, signIn, signOut } from "./helpers";

const SEED_000 = path.join(ROOT, "tests/fixtures/seeds/000_74861bb8ecea7f00.txt");
const SLUG = `shiroi-e2e-${Date.now()}`;

test.describe.configure({ mode: "serial" });

test("協働推進課が計画書を取り込み、施策の一覧を見て、進捗一覧をExcelでダウンロードする", async ({ page }) => {
  await signIn(page, "coordinator@example.jp", DEMO_PASSWORD);
  await page.getByRole("link", { name: "計画書を取り込む" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "計画書の取り込み" })).toBeVisible();

  await page.getByLabel("計画書のファイル").setInputFiles(SEED_000);
  await page.getByLabel("計画の識別名（URLに使います）").fill(SLUG);
  await page.getByRole("button", { name: "内容を確認する" }).click();
  const preview = page.getByRole("region", { name: "取り込みの確認（まだ書き込んでいません）" });
  await expect(preview).toBeVisible();
  await expect(preview).toContainText("新しい計画として登録します");
  await expect(preview.getByRole("row", { name: /施策/ }).first()).toContainText("105件");

  await page.getByRole("button", { name: "この内容で取り込む" }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${SLUG}$`));
  await expect(page.getByRole("status")).toContainText("を取り込みました");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("市民参加・協働のまちづくりプラン");
  await expect(page.getByRole("link", { name: "市民が見やすいホームページの作成と管理" })).toBeVisible();
  await expect(page.getByText("階層: 基本目標 › 施策 › 取組 › 具体的な事業")).toBeVisible();

  await mainMenu(page).getByRole("link", { name: "協働の計画" }).click();
  // The page's own Content-Security-Policy blocked the charts' inline styles: nothing may be refused.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.getByRole("row", { name: /市民参加・協働のまちづくりプラン/ }).getByRole("link", { name: "進捗一覧", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "進捗一覧" })).toBeVisible();
  await expect(page.locator(".chart svg").first()).toBeVisible();
  expect(refused).toEqual([]);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel（xlsx）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("市民参加・協働のまちづくりプラン 進捗一覧.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  // Title, the plan's own row (計画書の形式: a re-import keeps the plan's layout), header, 105 measures.
  expect(sheet.getRow(2).getCell(1).value).toBe("計画書の形式");
  expect(sheet.getRow(3).getCell(4).value).toBe("実施したこと(実施年度)");
  expect(sheet.rowCount).toBe(3 + 105);
  await signOut(page);
});

test("サインインしていない市民が、スクリプトなしで届く進捗一覧からExcelを受け取り、計画と施策のページへ進む", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(`/plans/${SLUG}/progress`);
  expect(await page.locator("script").count()).toBe(0); // a document to read: no app, no hydration
  await expect(page.locator(".chart svg").first()).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel（xlsx）" }).click();
  expect((await downloading).suggestedFilename()).toBe("市民参加・協働のまちづくりプラン 進捗一覧.xlsx");
  await page.getByRole("link", { name: "市民参加・協働のまちづくりプラン" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/plans/${SLUG}$`));
  expect(await page.locator("script").count()).toBe(0);
  await page.getByRole("link", { name: "市民が見やすいホームページの作成と管理" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("市民が見やすいホームページの作成と管理");
  expect(await page.locator("script").count()).toBeGreaterThan(0); // any other page is the app as before
  expect(refused).toEqual([]);
});

test("担当課の職員がマッチングシートを施策に結び付け、施策のページで確かめる", async ({ page }) => {
  // The department (企画政策課) publishes a matching sheet on the sheet pages …
  const sheetTitle = `ホームページを一緒に見直す団体募集 ${Date.now()}`;
  await signIn(page, "staff@example.jp", DEMO_PASSWORD);
  await page.goto("/sheets/new");
  await page.getByLabel("件名").fill(sheetTitle);
  await completeAndPublishSheet(page, { fiscalYear: "R8" });
  await signOut(page);

  // … and links it to a measure of the plan.
  await signIn(page, "staff@example.jp", DEMO_PASSWORD);
  await page.goto(`/plans/${SLUG}`);
  await page.getByRole("link", { name: "市民が見やすいホームページの作成と管理" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("市民が見やすいホームページの作成と管理");
  await page.getByText("マッチングシートを結び付ける").click();
  await page.getByLabel("マッチングシート").selectOption({ label: `${sheetTitle}（企画政策課・令和8年度）` });
  await page.getByRole("button", { name: "この施策に結び付ける" }).click();

  await expect(page.getByRole("status")).toContainText(`マッチングシート「${sheetTitle}」を結び付けました。`);
  const evidence = page.getByRole("region", { name: /結び付いた記録/ });
  const row = evidence.getByRole("row", { name: new RegExp(sheetTitle) });
  await expect(row).toContainText("マッチングシート");
  await expect(row).toContainText("令和8年度（2026年度）");
  await expect(row).toContainText("企画政策課");
  await signOut(page);
});
