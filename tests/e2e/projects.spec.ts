// The collaboration project (協働事業) in a browser, on the demo data: the demo group files the final
// report of its project in progress — a spending line off its plan by more than 20 % asks for its
// explanation without losing what was typed — and the coordinator accepts it; the project's line then
// appears in the plan's progress list.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { mainMenu, pressAndConfirm, signIn, signOut } from "./helpers";

const PROJECT = "ボランティア募集サイトの多言語化と体験会の拡大";
const SUMMARY = `募集サイトを英語・やさしい日本語に対応し体験会を8回開催 ${Date.now()}`;

test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

test("団体が実績報告を提出し、協働推進課が受理すると進捗一覧に載る", async ({ page }) => {
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await mainMenu(page).getByRole("link", { name: "協働事業" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "関係する協働事業" })).toBeVisible();
  await page.getByRole("link", { name: PROJECT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await expect(page.getByText("実施中").first()).toBeVisible();
  await page.getByRole("link", { name: "実績報告（最終）" }).click();

  await page.getByLabel("実施したこと").fill("募集サイトを英語とやさしい日本語に対応させ、体験会を8回開いた。");
  await page.getByLabel("一行の要約").fill(SUMMARY);
  // Saved a few seconds after typing stops: a reload (or a lost session) keeps it.
  await expect(page.getByText(/^自動保存しました/)).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel("一行の要約")).toHaveValue(SUMMARY);
  await page.getByLabel("冊子に掲載する団体数（目標: 40団体）の実績値").fill("45団体");
  await page.getByLabel("ボランティア募集への応募（目標: 延べ300人）の実績値").fill("延べ340人");
  await page.getByLabel("印刷費の実績額").fill("300000");
  await page.getByLabel("体験会の講師謝礼の実績額").fill("90000");
  await page.getByLabel("取材交通費の実績額").fill("40000");
  await pressAndConfirm(page, "保存して提出する", "提出する");
  await expect(page.getByText("計画額との差が20%を超えています（+50%）。差の理由を入力してください")).toBeVisible();
  await expect(page.getByLabel("実施したこと")).toHaveValue("募集サイトを英語とやさしい日本語に対応させ、体験会を8回開いた。");
  await page.getByLabel("体験会の講師謝礼の差の理由").fill("体験会を2回増やしたため");
  await pressAndConfirm(page, "保存して提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText("実績報告（最終）を提出しました。");
  await expect(page.getByText("実績報告済み").first()).toBeVisible();
  await signOut(page);

  await signIn(page, "coordinator@example.jp", DEMO_PASSWORD);
  await page.goto("/projects");
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: "実績報告（最終）" }).click();
  await expect(page.getByRole("cell", { name: "+50%（20%超）" })).toBeVisible();
  await page.getByRole("button", { name: "受理する" }).click();
  await expect(page.getByRole("status")).toHaveText("実績報告（最終）を受理しました。計画の施策1件に実績として記録しました。");

  await page.goto("/plans/shiroi/progress");
  await expect(page.getByText(SUMMARY).first()).toBeVisible();
  await signOut(page);
});
