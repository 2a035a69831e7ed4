import type { DB } from "../../../db/index";

export async function listDepartments(db: DB) {
  return db
    .selectFrom("departments")
    .leftJoin("users", "users.id", "departments.promoter_user_id")
    .select(["departments.id", "departments.name", "departments.parent_division", "departments.contact", "users.display_name as promoter_name"])
    .orderBy("departments.parent_division")
    .orderBy("departments.name")
    .execute();
}

export async function findDepartment(db: DB, id: string) {
  return db.selectFrom("departments").where("id", "=", id).selectAll().executeTakeFirst();
}

/** The department's staff: the people who may be its 協働推進員. */
export async function staffOf(db: DB, departmentId: string) {
  return db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .where("users.department_id", "=", departmentId)
    .where("user_roles.role", "=", "department_staff")
    .select(["users.id", "users.display_name"])
    .orderBy("users.display_name")
    .execute();
}

/** Every department by name, for a form's choice of departments (a citizen proposal's related departments). */
export async function listDepartmentNames(db: DB) {
  return db.selectFrom("departments").select(["id", "name"]).orderBy("name").execute();
}
