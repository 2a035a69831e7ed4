// Group journeys: a new group registers (a mistake first), the coordinator approves it, and it is
// found in the directory; a visitor finds a demo group by a two-character word.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";
import { mainMenu, newAccount, signIn, signUp } from "./helpers";

// Signing up includes confirming the address through the mailed link (a sign-in and two more pages).
test.setTimeout(60_000);

test("団体を登録し、協働推進課が承認すると「団体をさがす」に載る", async ({ page, browser }) => {
  const account = newAccount("group-owner", "登録 花子");
  await signUp(page, account);
  await page.getByRole("link", { name: "団体を登録する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "団体の登録" })).toBeVisible();

  const groupName = `桜台こども見守り隊${Date.now() % 100000}`;
  await page.getByLabel("団体名").fill(groupName);
  await page.getByLabel("ふりがな").fill("桜台こどもみまもりたい"); // kanji: refused
  // Leaving the field shows the message at once (and moves what is below it, so wait for it).
  await page.getByLabel("ふりがな").blur();
  await expect(page.getByText("ふりがなは、ひらがなまたはカタカナで入力してください（漢字・英数字は使えません）")).toBeVisible();
  await page.getByLabel("法人格・団体の種類").selectOption({ label: "任意団体" });
  await page.getByLabel("協働主体の種類").selectOption({ label: "地域コミュニティ" });
  await page.getByLabel("子どもの健全育成").check();
  await page.getByLabel("地域安全").check();
  await page.getByLabel("桜台地区").check();
  await page.getByLabel("設立年").fill("R3");
  await page.getByLabel("設立月").selectOption({ label: "4月" });
  await page.getByLabel("代表者名").fill("見守 太郎");
  await page.getByLabel("電話番号", { exact: true }).fill("047-492-1234");
  await page.getByLabel("活動の目的・内容").fill("登下校の時間に通学路で子どもたちを見守っています。");
  await page.getByLabel("市と取り組みたいこと（今後の希望）").fill("通学路の危険箇所を市と一緒に点検したい。");
  await page.getByLabel("年度").first().fill("令和5年度");
  await page.getByLabel("活動名").first().fill("通学路の見守り");
  await page.getByRole("button", { name: "登録する" }).click();

  const kana = page.getByLabel("ふりがな");
  await expect(kana).toHaveAttribute("aria-invalid", "true");
  await expect(kana).toHaveAccessibleDescription(/ふりがなは、ひらがなまたはカタカナで入力してください/);
  await expect(page.getByLabel("団体名")).toHaveValue(groupName);
  await expect(page.getByLabel("活動名").first()).toHaveValue("通学路の見守り");
  await kana.fill("さくらだいこどもみまもりたい");
  await page.getByRole("button", { name: "登録する" }).click();

  await expect(page.getByRole("status")).toHaveText(`「${groupName}」を登録しました。協働推進課の承認をお待ちください。`);
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "審査状況: 承認待ち" })).toBeVisible();
  await expect(page.getByText("2021年（令和3年）4月")).toBeVisible();
  const profileUrl = page.url();

  // Not public yet.
  await page.goto(`/groups?q=${encodeURIComponent(groupName)}`);
  await expect(page.getByRole("link", { name: groupName })).toHaveCount(0);

  // The coordinator approves it.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, "coordinator@example.jp", DEMO_PASSWORD);
  await mainMenu(coordinator).getByRole("link", { name: "団体の審査" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "団体の審査" })).toBeVisible();
  const item = coordinator.getByRole("listitem").filter({ has: coordinator.getByRole("heading", { name: groupName }) });
  await item.getByRole("button", { name: "承認する" }).click();
  await expect(coordinator.getByRole("status")).toHaveText(`「${groupName}」を承認しました。`);
  await coordinatorContext.close();

  // Listed for everyone, and the owner's dashboard says so.
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "団体として" })).toContainText(`${groupName}（承認済み・代表管理者）`);
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/groups");
  await visitor.getByLabel("キーワード").fill("見守り隊");
  await visitor.getByRole("button", { name: "検索" }).click();
  await visitor.getByRole("link", { name: groupName }).click();
  await expect(visitor).toHaveURL(profileUrl);
  await expect(visitor.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  // the phone number was left 市の職員のみ, and the representative is never public
  await expect(visitor.getByText("047-492-1234")).toHaveCount(0);
  await expect(visitor.getByText("見守 太郎")).toHaveCount(0);
  await visitorContext.close();
});

test("「子育」の2文字で子育て支援の団体が見つかり、分野でも絞り込める", async ({ page }) => {
  await page.goto("/");
  await mainMenu(page).getByRole("link", { name: "団体をさがす" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "団体をさがす" })).toBeVisible();
  await page.getByLabel("キーワード").fill("子育");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/\/groups\?q=%E5%AD%90%E8%82%B2/);
  await expect(page.getByRole("link", { name: "NPO法人 しろい子育てネット" })).toBeVisible();
  // a group still waiting for review is not listed
  await expect(page.getByRole("link", { name: "南山子育てサークル ぴよぴよ" })).toHaveCount(0);

  await page.getByRole("search").getByLabel("活動分野").selectOption({ label: "環境の保全" });
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page.getByRole("status")).toContainText("条件に合う団体は見つかりませんでした");

  await page.getByLabel("キーワード").fill("さとやま");
  await page.getByRole("button", { name: "検索" }).click();
  await page.getByRole("link", { name: "白井里山の会" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "白井里山の会" })).toBeVisible();
  await expect(page.getByRole("table", { name: "活動実績" })).toContainText("令和元年度");
});

test.describe("JavaScript なし", () => {
  test.use({ javaScriptEnabled: false });

  test("団体登録の入力エラー: サーバーの日本語メッセージが項目の横に出て、入力した内容が残る", async ({ page }) => {
    await signUp(page, newAccount("group-nojs", "無効 次郎"));
    await page.goto("/groups/new");
    await page.getByLabel("団体名").fill("<script>alert(1)</script>の会");
    await page.getByLabel("ふりがな").fill("かな");
    await page.getByLabel("法人格・団体の種類").selectOption({ label: "NPO法人" });
    await page.getByLabel("協働主体の種類").selectOption({ label: "市民活動団体" });
    await page.getByLabel("国際協力").check();
    await page.getByLabel("市内全域").check();
    await page.getByLabel("代表者名").fill("代表 次郎");
    await page.getByLabel("電話番号", { exact: true }).fill("047-ABC-0000");
    await page.getByLabel("メールアドレス", { exact: true }).fill("no-at.example.jp");
    await page.getByLabel("活動の目的・内容").fill("日本語教室を開いています。");
    await page.getByRole("button", { name: "登録する" }).click();

    const phone = page.getByLabel("電話番号", { exact: true });
    await expect(phone).toHaveAccessibleDescription(/電話番号は数字とハイフンで入力してください/);
    await expect(page.getByLabel("メールアドレス", { exact: true })).toHaveAccessibleDescription(/メールアドレスの形式が正しくありません/);
    await expect(page.getByLabel("団体名")).toHaveValue("<script>alert(1)</script>の会");
    await expect(page.getByLabel("国際協力")).toBeChecked();
    await expect(page.getByLabel("活動の目的・内容")).toHaveValue("日本語教室を開いています。");

    await phone.fill("047-000-0000");
    await page.getByLabel("メールアドレス", { exact: true }).fill("nihongo@example.jp");
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "<script>alert(1)</script>の会" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "審査状況: 承認待ち" })).toBeVisible();
  });
});
