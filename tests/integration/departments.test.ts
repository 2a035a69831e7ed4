// The admin keeps the list of departments: by hand, or from the CSV a city keeps in Excel.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { clientFor, createUser, locationOf, pageText, useServer } from "./harness";

const base = useServer();

async function adminClient() {
  return clientFor(base, (await createUser(["admin"])).id);
}

async function upload(client: Awaited<ReturnType<typeof adminClient>>, bytes: Uint8Array) {
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(bytes)], { type: "text/csv" }), "departments.csv");
  return fetch(`${base()}/admin/departments/import`, {
    method: "POST",
    body,
    headers: { Cookie: client.cookieHeader(), Origin: base() },
    redirect: "manual",
  });
}

const names = async () => (await getDb().selectFrom("departments").select("name").orderBy("name").execute()).map((d) => d.name);

describe("departments", () => {
  it("adds one by hand, with Japanese errors that keep what was typed", async () => {
    const client = await adminClient();
    const bad = await client.post("/admin/departments", { name: "", parentDivision: "<b>福祉部</b>", contact: "047-492-1111" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("課名を入力してください");
    expect(html).toContain('value="&lt;b&gt;福祉部&lt;/b&gt;"');
    expect(html).toContain('value="047-492-1111"');

    const ok = await client.post("/admin/departments", { name: "障害福祉課", parentDivision: "福祉部", contact: "" });
    expect(locationOf(ok)).toBe("/admin/departments");
    const row = await getDb().selectFrom("departments").where("name", "=", "障害福祉課").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_division: "福祉部", contact: null });

    const again = await client.post("/admin/departments", { name: "障害福祉課" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("この課名は既に登録されています");
  });

  it("imports a Shift_JIS CSV as Excel saves it, then updates from a UTF-8 one, reporting what changed", async () => {
    const client = await adminClient();
    const sjis = iconv.encode("課名,部名,連絡先\r\n市民活動支援課,市民環境経済部,047-401-0000\r\n企画政策課,企画財政部,\r\n", "cp932");
    const first = await upload(client, sjis);
    expect(first.status).toBe(200);
    expect(await pageText(first)).toContain("追加 2 件、更新 0 件、変更なし 0 件");
    expect(await names()).toEqual(expect.arrayContaining(["市民活動支援課", "企画政策課"]));

    const utf8 = new TextEncoder().encode("\uFEFF課名,部名,連絡先\n市民活動支援課,市民環境経済部,047-401-9999\n企画政策課,企画財政部,\n生涯学習課,教育部,\n");
    const second = await upload(client, utf8);
    const text = await pageText(second);
    expect(text).toContain("追加 1 件、更新 1 件、変更なし 1 件");
    const updated = await getDb().selectFrom("departments").where("name", "=", "市民活動支援課").select("contact").executeTakeFirstOrThrow();
    expect(updated.contact).toBe("047-401-9999");
  });

  it("refuses a list with a bad row, says which line, and changes nothing", async () => {
    const client = await adminClient();
    const before = await names();
    const csv = new TextEncoder().encode(`課名,部名\n新しい課,総務部\n,総務部\n${"長".repeat(101)},総務部\n新しい課,総務部\n`);
    const response = await upload(client, csv);
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("3行目: 課名を入力してください");
    expect(html).toContain("4行目: 課名は100文字以内で入力してください");
    expect(html).toContain("5行目: 「新しい課」は2行目にもあります。");
    expect(await names()).toEqual(before);
  });

  it("states its limit of 1MB before the upload, takes a file of up to 1MB (1,048,576 bytes) and refuses a larger one, saying so", async () => {
    const client = await adminClient();
    const page = await pageText(await client.get("/admin/departments/import"));
    expect(page).toContain('<p class="hint" id="departments-file-hint">.csv、1MBまで</p>');
    expect(page).toContain('aria-describedby="departments-file-hint"');
    // One department and empty lines (skipped) up to the size.
    const csv = (bytes: number) => {
      const head = new TextEncoder().encode("課名,部名\n大きなファイルの課,総務部\n");
      return Uint8Array.from([...head, ...new Uint8Array(bytes - head.length).fill(0x0a)]);
    };
    const exact = await upload(client, csv(1024 * 1024));
    expect(exact.status).toBe(200);
    expect(await pageText(exact)).toContain("追加 1 件");
    const over = await upload(client, csv(1024 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(await pageText(over)).toContain("ファイルが大きすぎます（1MBまで）。");
  });

  it("refuses a file without the 課名 column", async () => {
    const response = await upload(await adminClient(), new TextEncoder().encode("name1,name2\na,b\n"));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("1行目に「課名」の列が必要です");
  });
});

describe("a department's 協働推進員", () => {
  it("is one of the department's staff, and the admin list names them", async () => {
    const client = await adminClient();
    const id = newId();
    await getDb().insertInto("departments").values({ id, name: "環境課", parent_division: "市民環境経済部", contact: null, created_at: now() }).execute();
    const staff = await createUser(["department_staff"]);
    await getDb().updateTable("users").set({ department_id: id, display_name: "推進 一子" }).where("id", "=", staff.id).execute();
    const outsider = await createUser(["department_staff"]);

    const refused = await client.post(`/admin/departments/${id}`, { name: "環境課", parentDivision: "市民環境経済部", promoterUserId: outsider.id });
    expect(refused.status).toBe(400);
    expect(await pageText(refused)).toContain("この課の職員から選んでください。");

    const saved = await client.post(`/admin/departments/${id}`, { name: "環境課", parentDivision: "市民環境経済部", promoterUserId: staff.id });
    expect(locationOf(saved)).toBe("/admin/departments");
    expect(await pageText(await client.get("/admin/departments"))).toContain("推進 一子");
  });
});
