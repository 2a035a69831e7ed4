// The review in the browser, on the demo's 令和7年度 call (panel of three, some sheets already in):
// reviewer@ scores one proposal with the mouse and one with the keyboard only and then sees the others'
// scores without names; staff-reviewer, a member of one applicant, cannot find that proposal; the
// coordinator's result sheet ranks them as computed by hand below, and its xlsx downloads and reads back.
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { expectAccessible, mainMenu, pressAndConfirm, signIn } from "./helpers";

const CALL = "令和7年度 市民提案型協働事業の募集";

const CRITERIA = ["公益性", "協働の必要性", "実現可能性", "先駆性", "発展性"];

test("審査委員が採点し、利害関係のある委員には見えず、協働推進課の審査結果一覧が手計算どおりに並ぶ", async ({ page, browser }) => {
  test.setTimeout(120_000); // three people's sessions in one journey
  await signIn(page, "reviewer@example.jp", DEMO_PASSWORD);
  await mainMenu(page).getByRole("link", { name: "審査" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `${CALL}（一次審査（書類審査））` })).toBeVisible();
  await expect(page.getByText("未提出 3 件 / 4 件")).toBeVisible();
  await expectAccessible(page);

  // With the mouse: a criterion left open is named beside its field, and what was typed stays.
  await page.getByRole("link", { name: "地域の公民館で学ぶシニアのスマホ教室" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /採点: R7-市民-0002/ })).toBeVisible();
  await expectAccessible(page);
  for (const [i, points] of [16, 16, 16, 8].entries()) await page.getByLabel(new RegExp(`^${CRITERIA[i]}（`)).fill(String(points));
  await page.getByLabel("提案者へのコメント（委員の名前は伝わりません）").fill("高齢者の参加を広げる工夫が具体的です。");
  await pressAndConfirm(page, "提出する", "提出する");
  await expect(page.getByText("「発展性」の点数を入力してください（0〜10点）")).toBeVisible();
  await expect(page.getByLabel(/^公益性（/)).toHaveValue("16");
  await page.getByLabel(/^発展性（/).fill("8");
  await pressAndConfirm(page, "提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText("採点票を提出しました。");
  // Submitted: the others' scores, without names.
  await expect(page.getByRole("heading", { name: "ほかの委員の採点" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "委員A" })).toBeVisible();
  await expect(page.getByText("学識 経子")).toHaveCount(0);

  // With the keyboard only.
  await page.goto("/reviews");
  await page.getByRole("link", { name: "駅前花壇を市民と育てるアダプト事業" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /採点: R7-市民-0003/ })).toBeVisible();
  await page.getByLabel(/^公益性（/).focus();
  for (const points of ["10", "10", "10", "5", "5"]) {
    await page.keyboard.type(points);
    await page.keyboard.press("Tab");
  }
  await page.keyboard.type("場所の確保の見通しを示してください。");
  await page.keyboard.press("Tab"); // the private note
  await page.keyboard.press("Tab"); // 下書きを保存する
  await page.keyboard.press("Tab"); // 提出する
  await expect(page.getByRole("button", { name: "提出する" })).toBeFocused();
  await page.keyboard.press("Enter"); // asks first, with やめる focused
  const confirm = page.getByRole("dialog", { name: "採点票を提出しますか" });
  await expect(confirm.getByRole("button", { name: "やめる" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm.getByRole("button", { name: "提出する" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("採点票を提出しました。");

  // staff-reviewer belongs to the applicant of R7-市民-0002: not in their list, and its page is "not found".
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, "coordinator@example.jp", DEMO_PASSWORD);
  await mainMenu(coordinator).getByRole("link", { name: "募集の管理" }).click();
  await coordinator.getByRole("row", { name: new RegExp(CALL) }).getByRole("link", { name: "審査", exact: true }).click();
  await expectAccessible(coordinator);
  const proposalPath = await coordinator.getByRole("link", { name: "地域の公民館で学ぶシニアのスマホ教室" }).getAttribute("href");
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "staff-reviewer@example.jp", DEMO_PASSWORD);
  await staff.goto("/reviews");
  await expect(staff.getByRole("link", { name: "転入家庭への子育て情報お届け事業" })).toBeVisible();
  await expect(staff.getByText("地域の公民館で学ぶシニアのスマホ教室")).toHaveCount(0);
  expect((await staff.goto(proposalPath!))?.status()).toBe(404);

  // By hand (five criteria, weight 1, 80 points; average of the sheets; × 100 / 80; half up to one decimal; pass line 60 %):
  // 0001: (66 + 63 + 63) / 3 = 64 → 80.   0002: (58 + 64) / 2 = 61 → 76.25 → 76.3.
  // 0004: 61 → 76.25 → 76.3 (a tie: both 2nd).   0003: (50 + 48 + 40) / 3 = 46 → 57.5, under the line.
  await coordinator.getByRole("link", { name: "審査結果一覧" }).first().click();
  const rows = coordinator.locator("table.result-sheet tbody tr");
  await expect(rows).toHaveCount(4);
  await expectAccessible(coordinator);
  const summary = async (i: number) => {
    const cells = rows.nth(i).locator("td");
    return [(await cells.nth(1).innerText()).split("\n")[0], await cells.nth(2).innerText(), await cells.nth(11).innerText(), await cells.nth(13).innerText()];
  };
  expect(await summary(0)).toEqual(["1", "R7-市民-0001", "80", ""]);
  expect((await summary(1)).slice(0, 3)).toEqual(["2", (await summary(1))[1], "76.3"]);
  expect((await summary(2)).slice(0, 3)).toEqual(["2", (await summary(2))[1], "76.3"]);
  expect([(await summary(1))[1], (await summary(2))[1]].sort()).toEqual(["R7-市民-0002", "R7-市民-0004"]);
  expect(await summary(3)).toEqual(["4", "R7-市民-0003", "57.5", "不合格ライン"]);
  await expect(rows.nth(1)).toContainText("同点（同順位）");

  const downloading = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: "Excel（xlsx）でダウンロード" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${CALL}_審査結果一覧_一次審査（書類審査）.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet("審査結果一覧")!;
  expect([sheet.getRow(3).getCell(1).value, sheet.getRow(3).getCell(2).value]).toEqual([1, "R7-市民-0001"]);
  expect([sheet.getRow(6).getCell(1).value, sheet.getRow(6).getCell(2).value]).toEqual([4, "R7-市民-0003"]);
});
