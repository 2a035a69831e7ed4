import type { DB } from "../../../db/index";

export async function listDepartments(db: DB) {
  return db.selectFrom("departments").select(["id", "name", "parent_division"]).orderBy("parent_division").orderBy("name").execute();
}
