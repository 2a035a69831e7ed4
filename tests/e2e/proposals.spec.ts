// Proposals in the browser: a group consults the department on its draft and submits a 行政提案型
// proposal for a demo sheet; it submits a 市民提案型 proposal; the coordinator returns that one for
// correction; the group corrects it, resubmits, and reads the diff and the timeline.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { expectAccessible, fillProposal, mainMenu, pressAndConfirm, signIn } from "./helpers";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function startProposal(page: Page, callTitle: string, theme?: string) {
  await mainMenu(page).getByRole("link", { name: "募集" }).click();
  await page.getByRole("link", { name: callTitle }).click();
  await page.getByRole("link", { name: "この募集に提案する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "提案書の作成" })).toBeVisible();
  if (theme) await page.getByLabel("提案するテーマ（マッチングシート）").selectOption({ label: theme });
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "提案書の編集" })).toBeVisible();
}

async function attach(page: Page, label: string, fileName: string, { checkPage = false } = {}) {
  await page.getByRole("link", { name: "ファイルを添付する" }).click();
  if (checkPage) await expectAccessible(page);
  await page.getByLabel("書類の種類").selectOption(label);
  await page.getByLabel("ファイル").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "添付する" }).click();
  await expect(page.getByRole("status")).toHaveText(`「${fileName}」を添付しました。`);
}

test("団体が担当課に事前相談し、行政提案型の提案を提出すると受付番号が出る", async ({ page, browser }) => {
  test.setTimeout(90_000); // two people's sessions and a whole proposal typed in
  const title = `放課後の学習室 見守り事業 ${Date.now()}`;
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await startProposal(page, "令和8年度 行政提案型協働事業の募集", "放課後の子どもの居場所づくり（生涯学習課）");
  await fillProposal(page, title);
  // The draft saves itself a few seconds after typing stops; a reload shows what was typed.
  await expect(page.getByText(/^自動保存しました（/)).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel("提案事業名")).toHaveValue(title);
  await expect(page.getByLabel("成果指標 1行目 目標値")).toHaveValue("1,200人");
  await page.getByLabel("事業の内容 — どこで").fill("白井市公民センター 学習室");
  await page.getByRole("button", { name: "下書きを保存する" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きを保存しました。");
  await expect(page.getByLabel("事業の内容 — どこで")).toHaveValue("白井市公民センター 学習室");

  await page.getByRole("link", { name: "提案のページ（提出・事前相談・添付ファイル）" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByLabel("相談したいこと").fill("学習室を平日の午後に使える曜日を教えてください。");
  await page.getByRole("button", { name: "事前相談を始める" }).click();
  await expect(page.getByText("学習室を平日の午後に使える曜日を教えてください。")).toBeVisible();

  // The department (生涯学習課) now sees the draft under consultation and answers.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "staff-reviewer@example.jp", DEMO_PASSWORD);
  await mainMenu(staff).getByRole("link", { name: "提案" }).click();
  await staff.getByRole("link", { name: title }).click();
  await expect(staff.getByText("学習室を平日の午後に使える曜日を教えてください。")).toBeVisible();
  await staff.getByLabel("メッセージ").fill("月・水・金の15時から使えます。");
  await staff.getByRole("button", { name: "送信する" }).click();
  await expect(staff.getByText("月・水・金の15時から使えます。")).toBeVisible();
  await expect(staff.getByRole("button", { name: "提出する" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByText(/生涯学習課（生涯 学）/)).toBeVisible();
  await expect(page.getByText("月・水・金の15時から使えます。")).toBeVisible();
  await attach(page, "収支予算書", "収支予算書.pdf");
  await pressAndConfirm(page, "提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText(/^提出しました。受付番号は R\d+-行政-\d{4} です。$/);
  await expect(page.getByText("受付済み", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "提案書を編集する" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "経過" })).toContainText("しろい子育てネット（市民 さくら）が提出しました");
});

test("市民提案型の提案を協働推進課が差し戻し、団体が修正して再提出すると差分と経過が見える", async ({ page, browser }) => {
  test.setTimeout(90_000); // two people's sessions and a whole proposal typed in
  const title = `昔遊びで多世代交流 ${Date.now()}`;
  await signIn(page, "group@example.jp", DEMO_PASSWORD);
  await startProposal(page, "令和8年度 市民提案型協働事業の募集");
  await fillProposal(page, title);
  await page.getByRole("checkbox", { name: "生涯学習課" }).check();
  await pressAndConfirm(page, "保存して提出する", "提出する");
  // The call requires two documents: the page says which (a link to the attachments), and keeps the draft.
  await expect(page.getByRole("link", { name: "「収支予算書」を添付してください" })).toBeVisible();
  await expect(page.getByLabel("提案事業名")).toHaveValue(title);
  await expectAccessible(page); // the editor, filled in, with the refusal's list of what is missing
  await page.getByRole("link", { name: "提案のページ（提出・事前相談・添付ファイル）" }).click();
  await attach(page, "収支予算書", "収支予算書.pdf", { checkPage: true });
  await attach(page, "団体の規約（会則）", "規約.pdf");
  await pressAndConfirm(page, "提出する", "提出する");
  await expect(page.getByRole("status")).toHaveText(/^提出しました。受付番号は R\d+-市民-\d{4} です。$/);

  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, "coordinator@example.jp", DEMO_PASSWORD);
  await mainMenu(coordinator).getByRole("link", { name: "提案" }).click();
  await coordinator.getByRole("link", { name: title }).click();
  await coordinator.getByRole("button", { name: "差し戻す" }).click();
  await expect(coordinator.getByText("「差し戻す」には理由の入力が必要です。")).toBeVisible();
  await coordinator.getByLabel("理由").fill("スケジュールに夏休みの予定を加えてください。");
  await coordinator.getByRole("button", { name: "差し戻す" }).click();
  await expect(coordinator.getByRole("status")).toHaveText("状態を「差戻し中」にしました。");

  await page.reload();
  await expect(page.getByText("理由: スケジュールに夏休みの予定を加えてください。", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "提案書を編集する" }).click();
  await page.getByLabel("月ごとのスケジュール 2行目 時期").fill("8月");
  await page.getByLabel("月ごとのスケジュール 2行目 実施内容").fill("夏休みの昔遊び大会");
  await page.getByRole("button", { name: "下書きを保存する" }).click();
  await expect(page.getByRole("status")).toHaveText("下書きを保存しました。");
  await page.getByRole("link", { name: "提案のページ（提出・事前相談・添付ファイル）" }).click();
  await pressAndConfirm(page, "再提出する", "再提出する");
  await expect(page.getByRole("status")).toHaveText(/^再提出しました。受付番号は R\d+-市民-\d{4} です。$/);

  const timeline = page.getByRole("region", { name: "経過" });
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("協働推進課（協働 花子）が差し戻しました");
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("スケジュールに夏休みの予定を加えてください。");
  await expect(timeline.getByRole("listitem").nth(2)).toContainText("再提出しました");
  await page.getByRole("link", { name: "第1版との違い" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "版の比較" })).toBeVisible();
  await expect(page.getByText("1項目が変わりました。")).toBeVisible();
  await expect(page.getByText("＋ 8月：夏休みの昔遊び大会")).toBeVisible();
  await expectAccessible(page);
});
