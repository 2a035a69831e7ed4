// Admins grant and remove roles; every change lands in the audit log with who, what and when.
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { clientFor, createUser, locationOf, pageText, useServer } from "./harness";

const base = useServer();

describe("role administration", () => {
  it("grants and removes a role, and the audit log records both with the admin's name", async () => {
    const admin = await createUser(["admin"]);
    const target = await createUser(["department_staff"]);
    const client = await clientFor(base, admin.id);

    const granted = await client.post("/admin/users", { intent: "grant", userId: target.id, role: "reviewer" });
    expect(locationOf(granted)).toBe("/admin/users");
    const page = await (await client.get("/admin/users")).text();
    expect(page).toContain(`${target.email} に「審査委員」を付与しました。`);

    // the user now holds both roles: staff who also reviews
    const roles = await getDb().selectFrom("user_roles").where("user_id", "=", target.id).select("role").execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["department_staff", "reviewer"]);

    await client.post("/admin/users", { intent: "revoke", userId: target.id, role: "department_staff" });
    const after = await getDb().selectFrom("user_roles").where("user_id", "=", target.id).select("role").execute();
    expect(after.map((r) => r.role)).toEqual(["reviewer"]);

    const log = await getDb()
      .selectFrom("audit_log")
      .where("subject_id", "=", target.id)
      .where("action", "in", ["role.grant", "role.revoke"])
      .selectAll()
      .orderBy("created_at")
      .execute();
    expect(log.map((e) => [e.action, e.actor_user_id, JSON.parse(e.detail).role])).toEqual([
      ["role.grant", admin.id, "reviewer"],
      ["role.revoke", admin.id, "department_staff"],
    ]);
    const audit = await (await client.get("/admin/audit")).text();
    expect(audit).toContain("役割の付与");
    expect(audit).toContain(admin.email);
    // In the city's words: the subject by name, the detail as 項目: 値, no codes or JSON.
    expect(audit).toMatch(new RegExp(`利用者: テスト \\d+（${target.email}）`));
    expect(audit).toContain("役割: 審査委員");
    expect(audit).not.toContain("role.grant");
    expect(audit).not.toContain("{&quot;role");
    // Past the end of the log (read a page ahead, without a count): says so, and links to the first page.
    const pastTheEnd = await (await client.get("/admin/audit?page=9999")).text();
    expect(pastTheEnd).toContain("このページはありません。");
    expect(pastTheEnd).toContain('href="/admin/audit"');
    expect(pastTheEnd).not.toContain("新しい記録");
  });

  it("will not remove the last admin", async () => {
    await getDb().deleteFrom("user_roles").where("role", "=", "admin").execute();
    const admin = await createUser(["admin"]);
    const client = await clientFor(base, admin.id);
    const response = await client.post("/admin/users", { intent: "revoke", userId: admin.id, role: "admin" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("最後の管理者から管理者の役割は外せません");
    const roles = await getDb().selectFrom("user_roles").where("user_id", "=", admin.id).select("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["admin"]);
  });

  it("rejects a role that does not exist", async () => {
    const admin = await createUser(["admin"]);
    const target = await createUser([]);
    const client = await clientFor(base, admin.id);
    const response = await client.post("/admin/users", { intent: "grant", userId: target.id, role: "superuser" });
    expect(response.status).toBe(400);
    expect(await getDb().selectFrom("user_roles").where("user_id", "=", target.id).selectAll().execute()).toEqual([]);
  });

  it("puts a staff member in a department, shown on their dashboard and in the audit log", async () => {
    const admin = await createUser(["admin"]);
    const staff = await createUser(["department_staff"]);
    const department = { id: "dept-1", name: "生涯学習課", parent_division: "教育部", contact: null, created_at: new Date().toISOString() };
    await getDb().insertInto("departments").values(department).execute();
    const client = await clientFor(base, admin.id);

    const unknown = await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "no-such-department" });
    expect(unknown.status).toBe(404);

    const set = await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "dept-1" });
    expect(locationOf(set)).toBe("/admin/users");
    const dashboard = await pageText(await (await clientFor(base, staff.id)).get("/dashboard"));
    expect(dashboard).toContain("所属: 生涯学習課");

    await client.post("/admin/users", { intent: "department", userId: staff.id, departmentId: "" });
    const row = await getDb().selectFrom("users").where("id", "=", staff.id).select("department_id").executeTakeFirstOrThrow();
    expect(row.department_id).toBeNull();
    const log = await getDb().selectFrom("audit_log").where("action", "=", "user.department.set").where("subject_id", "=", staff.id).select("detail").orderBy("created_at").execute();
    expect(log.map((e) => JSON.parse(e.detail).department)).toEqual(["生涯学習課", null]);
  });

  it("shows each role its own dashboard sections", async () => {
    const both = await createUser(["department_staff", "reviewer"]);
    const html = await (await (await clientFor(base, both.id)).get("/dashboard")).text();
    expect(html).toContain("担当課の職員として");
    expect(html).toContain("審査委員として");
    expect(html).not.toContain("管理者として");
    expect(html).not.toContain("ユーザー管理</a></li>");
  });
});
