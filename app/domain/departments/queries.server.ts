import type { DB } from "../../../db/index";

export async function listDepartments(db: DB) {
  return db
    .selectFrom("departments")
    .select(["id", "name", "parent_division", "contact"])
    .orderBy("parent_division")
    .orderBy("name")
    .execute();
}

export async function findDepartment(db: DB, id: string) {
  return db.selectFrom("departments").where("id", "=", id).selectAll().executeTakeFirst();
}
