// Test-only: rows the plan tests need from other areas (a department, a matching sheet), written directly.
import type { DB } from "../../../../db/index";

export async function insertDepartment(db: DB, id: string, name: string): Promise<string> {
  await db.insertInto("departments").values({ id, name, parent_division: null, contact: null, created_at: new Date().toISOString() }).execute();
  return id;
}

export async function insertSheet(db: DB, sheet: { id: string; departmentId: string; title: string; fiscalYear?: number | null; status?: string }): Promise<string> {
  const at = new Date().toISOString();
  await db
    .insertInto("matching_sheets")
    .values({
      id: sheet.id,
      department_id: sheet.departmentId,
      title: sheet.title,
      background: "現状と課題",
      outcomes: "期待する成果",
      offer_people: "",
      offer_places: "",
      offer_money: "",
      offer_information: "",
      budget_scale: null,
      fiscal_year: sheet.fiscalYear ?? 2026,
      period: null,
      apply_until: null,
      priority: "normal",
      contact_name: "担当者",
      contact_phone: "000-0000-0000",
      contact_email: "sheet@example.jp",
      status: (sheet.status ?? "published") as never,
      search_text: sheet.title,
      published_at: at,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return sheet.id;
}
