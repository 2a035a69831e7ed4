// The award in the browser: the coordinator opens a call without review stages (形式審査 only), the demo group submits
// a proposal, the coordinator decides it (an amount over the city's share is refused beside the field),
// the group sees nothing until the coordinator publishes; then it reads its letter and downloads the
// PDF, and the public call page lists the awarded project.
// The demo group also opens its conditional adoption's conditions (axe on that page: the every-page tour cannot count on reaching it).
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { expectAccessible, fillProposal, mainMenu, signIn, pressAndConfirm } from "./helpers";

const STAMP = Date.now() % 1_000_000;
const CALL = `採択確認用の市民提案型募集 ${STAMP}`;
const TITLE = `放課後の見守りと昔遊び ${STAMP}`;

test.setTimeout(90_000);

test("協働推進課が審査結果を準備し、公表すると団体が通知書を読め、市民が採択事業を見られる", async ({ page, browser }) => {
  // The coordinator opens a 市民提案型 call without review stages.
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, "coordinator@example.jp", DEMO_PASSWORD);
  await coordinator.goto("/coordinator/calls/new");
  await coordinator.getByLabel("年度", { exact: true }).fill("令和8年度");
  await coordinator.getByLabel("募集の種類").selectOption({ label: "市民提案型" });
  await coordinator.getByLabel("募集名").fill(CALL);
  await coordinator.getByLabel("募集の内容").fill("地域の課題を市と一緒に解決する事業を募集します。");
  await coordinator.getByLabel("受付開始日時").fill("2026-04-01T09:00");
  await coordinator.getByLabel("締切日時").fill("2099-02-10T17:00");
  await coordinator.getByLabel("1提案あたりの上限額（円）").fill("1000000");
  await coordinator.getByLabel("募集全体の予算額（円）").fill("5000000");
  await coordinator.getByLabel("市の負担割合（%、年ごと）").fill("90");
  // 形式審査 only: no review stage (書類審査・プレゼンテーション), so 受付済み is decided directly.
  await coordinator.getByRole("checkbox", { name: "書類審査（一次審査）" }).uncheck();
  await coordinator.getByRole("button", { name: "保存して公開する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("募集を公開しました。");

  // The group proposes and submits (90,000 of 100,000 yen asked of the city).
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await mainMenu(page).getByRole("link", { name: "募集" }).click();
  await page.getByRole("link", { name: CALL }).click();
  await page.getByRole("link", { name: "この募集に提案する" }).click();
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await fillProposal(page, TITLE);
  await page.getByRole("checkbox", { name: "生涯学習課" }).check();
  await pressAndConfirm(page, "保存して提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText(/^提出しました。受付番号は R\d+-市民-\d{4} です。$/);
  const proposalUrl = page.url();

  // The coordinator decides from the proposal's page; an amount over the city's share is refused.
  await coordinator.goto(proposalUrl);
  await coordinator.getByRole("link", { name: "審査結果を決定する" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "審査結果の決定" })).toBeVisible();
  await coordinator.getByLabel("審査結果").selectOption({ label: "採択" });
  await coordinator.getByLabel("理由").fill("放課後の居場所という市の課題に応える、実現性の高い提案です。");
  await coordinator.getByLabel("1年目").fill("95000");
  await coordinator.getByRole("button", { name: "審査結果を準備する" }).click();
  await expect(coordinator.getByText("1年目の採択額（95,000円）が、事業費100,000円の市負担割合90%（90,000円）を超えています")).toBeVisible();
  await expect(coordinator.getByLabel("理由")).toHaveValue("放課後の居場所という市の課題に応える、実現性の高い提案です。");
  await coordinator.getByLabel("1年目").fill("90000");
  await coordinator.getByRole("button", { name: "審査結果を準備する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("審査結果（採択）を準備しました。公表するまで団体には届きません。");

  // Before publication the group sees nothing of it.
  await page.goto(proposalUrl);
  await expect(page.getByText("受付済み").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "審査結果通知書" })).toHaveCount(0);

  // Publication.
  await expect(coordinator.getByRole("row", { name: new RegExp(TITLE) })).toContainText("採択（準備中）");
  await coordinator.getByLabel("内容を確認しました。審査結果を公表します").check();
  await coordinator.getByRole("button", { name: "公表する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("1件の審査結果を公表し、各団体に通知しました。");

  // The group reads its letter and downloads the PDF.
  await page.reload();
  await page.getByRole("link", { name: "審査結果通知書" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "審査結果通知書" })).toBeVisible();
  await expect(page.getByRole("row", { name: /審査結果\s*採択/ })).toBeVisible();
  await expect(page.getByText("放課後の居場所という市の課題に応える、実現性の高い提案です。")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDFをダウンロード" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^審査結果通知書_\d+協推第\d+号\.pdf$/);

  // The public sees the awarded project on the call's page.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/calls");
  await visitor.getByRole("link", { name: CALL }).click();
  const awards = visitor.getByRole("region", { name: "採択された事業" });
  await expect(awards.getByRole("row", { name: new RegExp(TITLE) })).toContainText("90,000円");
});

test("団体は条件付き採択の条件を、提案のページから開いて読める（デモの条件付き採択）", async ({ page }) => {
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await mainMenu(page).getByRole("link", { name: "提案" }).click();
  await page.getByRole("link", { name: "親子で楽しむ里山の自然体験と竹林整備" }).first().click();
  await page.getByRole("link", { name: "採択の条件" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("採択の条件");
  await expect(page.getByText("伐採作業の安全管理計画（作業手順・保険・緊急連絡体制）を提出すること")).toBeVisible();
  await expect(page.getByText("子どもが参加する日の作業区域を事前に担当課と確認すること")).toBeVisible();
  await expectAccessible(page);
});
