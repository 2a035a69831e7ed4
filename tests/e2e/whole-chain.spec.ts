// The whole chain in one journey, as a city runs it (issue 11): a group registers and is approved → a
// department posts a matching sheet linked to a plan measure → the coordinator opens a call → the
// group proposes and submits → two reviewers score → the coordinator decides with a reason and
// publishes → the group reads its letter and its PDF → both sides confirm the agreement → the group
// files its final report → the department accepts it → the measure page and the progress list's xlsx
// show the project's entry.
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, ROOT } from "./env";
import { completeAndPublishSheet, expectAccessible, fillProposal, mainMenu, newAccount, signIn, signUp, pressAndConfirm } from "./helpers";

const SEED_000 = path.join(ROOT, "tests/fixtures/seeds/000_74861bb8ecea7f00.txt");
const STAMP = Date.now() % 1_000_000;
const SLUG = `chain-${STAMP}`;
const MEASURE = "市民が見やすいホームページの作成と管理";
const GROUP = `ホームページ応援団${STAMP}`;
const SHEET = `市のホームページを市民目線で見直す ${STAMP}`;
const CALL = `令和8年度 行政提案型 ホームページ見直し ${STAMP}`;
const PROPOSAL = `市民編集チームによるホームページ改善 ${STAMP}`;
const COMMENT = "市民の声を集める仕組みが具体的で、実現性が高い提案です。";
const REASON = "市民と一緒に情報を見直す体制が具体的で、市の課題に直接応える提案です。";
const SUMMARY = `市民編集チームがホームページ50ページを見直し ${STAMP}`;

async function as(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

test("団体の登録から、採択された事業が施策の進捗一覧に載るまで", async ({ page, browser }) => {
  // 1. A group registers and the coordinator approves it.
  const owner = newAccount("chain-owner", "応援 一花");
  await signUp(page, owner);
  await page.getByRole("link", { name: "団体を登録する" }).click();
  await page.getByLabel("団体名").fill(GROUP);
  await page.getByLabel("ふりがな").fill("ほーむぺーじおうえんだん");
  await page.getByLabel("法人格・団体の種類").selectOption({ label: "任意団体" });
  await page.getByLabel("協働主体の種類").selectOption({ label: "市民活動団体" });
  await page.getByLabel("まちづくり").check();
  await page.getByLabel("桜台地区").check();
  await page.getByLabel("設立年").fill("R1");
  await page.getByLabel("代表者名").fill("応援 一花");
  await page.getByLabel("活動の目的・内容").fill("市の情報を市民にわかりやすく届ける活動をしています。");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("status")).toHaveText(`「${GROUP}」を登録しました。協働推進課の承認をお待ちください。`);

  const coordinator = await as(browser, "coordinator@example.jp");
  await mainMenu(coordinator).getByRole("link", { name: "団体の審査" }).click();
  const item = coordinator.getByRole("listitem").filter({ has: coordinator.getByRole("heading", { name: GROUP }) });
  await item.getByRole("button", { name: "承認する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText(`「${GROUP}」を承認しました。`);

  // 2. The coordinator imports the plan; the department posts a sheet and links it to a measure.
  await coordinator.goto("/plans/import");
  await coordinator.getByLabel("計画書のファイル").setInputFiles(SEED_000);
  await coordinator.getByLabel("計画の識別名（URLに使います）").fill(SLUG);
  await coordinator.getByRole("button", { name: "内容を確認する" }).click();
  await coordinator.getByRole("button", { name: "この内容で取り込む" }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/plans/${SLUG}$`));

  const staff = await as(browser, "staff@example.jp");
  await staff.goto("/sheets/new");
  await staff.getByLabel("件名").fill(SHEET);
  await staff.getByLabel("現状と課題").fill("ホームページの情報が探しにくいという声が多く寄せられています。");
  await completeAndPublishSheet(staff, { fiscalYear: "R8" });
  await staff.goto(`/plans/${SLUG}`);
  await staff.getByRole("link", { name: MEASURE }).click();
  await staff.waitForURL(/\/measures\/[^/]+$/);
  const measureUrl = staff.url();
  await staff.getByText("マッチングシートを結び付ける").click();
  await staff.getByLabel("マッチングシート").selectOption({ label: `${SHEET}（企画政策課・令和8年度）` });
  await staff.getByRole("button", { name: "この施策に結び付ける" }).click();
  await expect(staff.getByRole("status")).toContainText(`マッチングシート「${SHEET}」を結び付けました。`);

  // 3. The coordinator opens a government call on the sheet, with a document review.
  await coordinator.goto("/coordinator/calls/new");
  await coordinator.getByLabel("年度", { exact: true }).fill("令和8年度");
  await coordinator.getByLabel("募集の種類").selectOption({ label: "行政提案型" });
  await coordinator.getByLabel("募集名").fill(CALL);
  await coordinator.getByLabel("募集の内容").fill("ホームページを市民と一緒に見直す提案を募集します。");
  await coordinator.getByLabel("受付開始日時").fill("2026-04-01T09:00");
  await coordinator.getByLabel("締切日時").fill("2099-02-10T17:00");
  await coordinator.getByLabel("1提案あたりの上限額（円）").fill("1000000");
  await coordinator.getByLabel("募集全体の予算額（円）").fill("5000000");
  await coordinator.getByLabel("市の負担割合（%、年ごと）").fill("90, 80, 70");
  await coordinator.getByRole("checkbox", { name: new RegExp(SHEET) }).check();
  await coordinator.getByRole("button", { name: "保存して公開する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("募集を公開しました。");

  // 4. The group proposes and submits.
  await page.goto("/calls");
  await page.getByRole("link", { name: CALL }).click();
  await page.getByRole("link", { name: "この募集に提案する" }).click();
  await page.getByLabel("提案するテーマ（マッチングシート）").selectOption({ label: `${SHEET}（企画政策課）` });
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await fillProposal(page, PROPOSAL);
  await pressAndConfirm(page, "保存して提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText(/^提出しました。受付番号は R\d+-行政-\d{4} です。$/);
  const receipt = /R\d+-行政-\d{4}/.exec((await page.getByRole("status").textContent())!)![0];
  const proposalUrl = page.url();

  // 5. The coordinator starts the document review, forms the panel and assigns a reviewer, who scores.
  await coordinator.goto("/coordinator/calls");
  await coordinator.getByRole("row", { name: new RegExp(CALL) }).getByRole("link", { name: "審査", exact: true }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "審査の運営" })).toBeVisible();
  await coordinator.getByRole("checkbox", { name: `${receipt} を選ぶ` }).check();
  await coordinator.getByRole("button", { name: "選んだ提案の一次審査（書類審査）を始める" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("1 件の提案を一次審査中にしました。");
  await coordinator.getByLabel("審査の締切（日本時間）").fill("2099-03-01T17:00");
  await coordinator.getByRole("button", { name: "設定を保存する" }).click();
  await expect(coordinator.getByRole("status")).toContainText("設定を保存しました。");
  for (const member of ["審査 三郎（reviewer@example.jp）", "学識 経子（expert-reviewer@example.jp）"]) {
    await coordinator.getByLabel("委員会に加える審査委員").selectOption({ label: member });
    await coordinator.getByRole("button", { name: "加える" }).click();
    await expect(coordinator.getByRole("status")).toHaveText("審査委員を委員会に加えました。");
  }
  await coordinator.getByRole("checkbox", { name: "審査 三郎", exact: true }).check();
  await coordinator.getByRole("checkbox", { name: "学識 経子", exact: true }).check();
  await coordinator.getByRole("button", { name: "割り当てる" }).click();
  await expect(coordinator.getByRole("status")).toContainText("2 件を割り当てました。");

  // Two reviewers score: every criterion at its highest (the label says the range: 「…（0〜5点）」).
  for (const [email, comment] of [
    ["reviewer@example.jp", COMMENT],
    ["expert-reviewer@example.jp", ""],
  ]) {
    const reviewer = await as(browser, email);
    await mainMenu(reviewer).getByRole("link", { name: "審査", exact: true }).click();
    await reviewer.getByRole("link", { name: PROPOSAL }).click();
    await expect(reviewer.getByRole("heading", { level: 1, name: new RegExp(`採点: ${receipt}`) })).toBeVisible();
    const scoreLabels = reviewer.locator('.review-sheet label[for^="score-"]');
    for (let i = 0; i < (await scoreLabels.count()); i++) {
      const label = scoreLabels.nth(i);
      const max = /〜(\d+)点/.exec((await label.textContent())!)![1];
      await reviewer.locator(`#${await label.getAttribute("for")}`).fill(max);
    }
    if (comment) await reviewer.getByLabel("提案者へのコメント（委員の名前は伝わりません）").fill(comment);
    if (email === "reviewer@example.jp") await expectAccessible(reviewer);
    await pressAndConfirm(reviewer, "提出する", "提出する");
    await expect(reviewer.getByRole("status")).toHaveText("採点票を提出しました。");
  }

  await coordinator.goto("/coordinator/calls");
  await coordinator.getByRole("row", { name: new RegExp(CALL) }).getByRole("link", { name: "審査結果", exact: true }).click();
  await expect(coordinator.getByRole("row", { name: new RegExp(receipt) })).toBeVisible();

  // 6. The coordinator decides with a reason and the amount, then publishes the call's decisions.
  await coordinator.goto(proposalUrl);
  await coordinator.getByRole("link", { name: "審査結果を決定する" }).click();
  await coordinator.getByLabel("審査結果").selectOption({ label: "採択" });
  await coordinator.getByLabel("理由").fill(REASON);
  await coordinator.getByLabel("1年目").fill("90000");
  await coordinator.getByRole("button", { name: "審査結果を準備する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("審査結果（採択）を準備しました。公表するまで団体には届きません。");
  await coordinator.getByLabel("内容を確認しました。審査結果を公表します").check();
  await coordinator.getByRole("button", { name: "公表する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("1件の審査結果を公表し、各団体に通知しました。");

  // 7. The group reads its letter (the reviewer's comment, never the reviewer's name) and its PDF.
  await page.goto(proposalUrl);
  await page.getByRole("link", { name: "審査結果通知書" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "審査結果通知書" })).toBeVisible();
  await expect(page.getByText(REASON)).toBeVisible();
  await expect(page.getByText(COMMENT)).toBeVisible();
  await expect(page.getByText(/審査 三郎|学識 経子/)).toHaveCount(0);
  await expectAccessible(page);
  const [letter] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDFをダウンロード" }).click()]);
  expect(letter.suggestedFilename()).toMatch(/^審査結果通知書_\d+協推第\d+号\.pdf$/);

  // 8. Both sides confirm the agreement; the department starts the project (found from the proposal too).
  await page.goto(proposalUrl);
  await expect(page.getByRole("link", { name: "協働事業のページ" })).toBeVisible();
  await mainMenu(page).getByRole("link", { name: "協働事業" }).click();
  await page.getByRole("link", { name: PROPOSAL }).click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  const projectUrl = page.url();
  await page.getByRole("link", { name: "協定書を見る・確認する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /協定書/ }).first()).toBeVisible();
  await page.getByRole("button", { name: "団体として協定書を確認する" }).click();
  await expect(page.getByRole("status")).toHaveText("協定書を確認しました。もう一方の確認を待っています。");
  await staff.goto(`${projectUrl}/agreement`);
  await staff.getByRole("button", { name: "市として協定書を確認する" }).click();
  await expect(staff.getByRole("status")).toHaveText(/^協定を締結しました（協定番号 R\d+-協定-\d{3}）。$/);
  await staff.goto(projectUrl);
  await staff.getByRole("button", { name: "事業を開始する" }).click();
  await expect(staff.getByRole("status")).toHaveText("事業を開始しました（実施中）。");

  // 9. The group files its final report; the department accepts it and the project becomes evidence.
  await page.goto(projectUrl);
  await page.getByRole("link", { name: "実績報告（最終）" }).click();
  await page.getByLabel("実施したこと").fill("市民編集チーム12人でホームページの50ページを見直し、検索しやすくした。");
  await page.getByLabel("一行の要約").fill(SUMMARY);
  await page.getByLabel(/延べ利用者数.*実績値/).fill("1,350人");
  await page.getByLabel("ボランティア保険の実績額").fill("90000");
  await page.getByLabel("教材費の実績額").fill("10000");
  await expectAccessible(page);
  await pressAndConfirm(page, "保存して提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText("実績報告（最終）を提出しました。");

  await staff.goto(projectUrl);
  await staff.getByRole("link", { name: "実績報告（最終）" }).click();
  await staff.getByRole("button", { name: "受理する" }).click();
  await expect(staff.getByRole("status")).toHaveText("実績報告（最終）を受理しました。計画の施策1件に実績として記録しました。");

  // 10. The measure's page and the progress list's xlsx show the project's entry.
  await page.goto(measureUrl);
  await expect(page.getByText(SUMMARY).first()).toBeVisible();
  await coordinator.goto(`/plans/${SLUG}/progress`);
  await expect(coordinator.getByText(SUMMARY).first()).toBeVisible();
  const [xlsx] = await Promise.all([coordinator.waitForEvent("download"), coordinator.getByRole("link", { name: "Excel（xlsx）" }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const cells: string[] = [];
  workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ""))));
  expect(cells.some((text) => text.includes(SUMMARY))).toBe(true);
});
