// Keeping the list of departments: by hand or from a CSV. Every change is in the audit log.
import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import { recordAudit } from "../audit/commands.server";
import { staffOf } from "./queries.server";
import type { DepartmentEditInput, DepartmentInput } from "./schema";

export class DepartmentNameTakenError extends Error {}

/** The chosen 協働推進員 is not a staff member of the department. */
export class PromoterNotInDepartmentError extends Error {}

async function nameTaken(db: DB, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom("departments").where("name", "=", name).select("id");
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createDepartment(db: DB, actorId: string, input: DepartmentInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, input.name, null)) throw new DepartmentNameTakenError(input.name);
    const id = newId();
    await trx
      .insertInto("departments")
      .values({ id, name: input.name, parent_division: input.parentDivision, contact: input.contact, created_at: now() })
      .execute();
    await recordAudit(trx, { actorId, action: "department.create", subjectType: "department", subjectId: id, detail: input });
    return id;
  });
}

export async function updateDepartment(db: DB, actorId: string, id: string, input: DepartmentEditInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, input.name, id)) throw new DepartmentNameTakenError(input.name);
    if (input.promoterUserId && !(await staffOf(trx, id)).some((user) => user.id === input.promoterUserId)) {
      throw new PromoterNotInDepartmentError(input.promoterUserId);
    }
    await trx
      .updateTable("departments")
      .set({ name: input.name, parent_division: input.parentDivision, contact: input.contact, promoter_user_id: input.promoterUserId })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, { actorId, action: "department.update", subjectType: "department", subjectId: id, detail: input });
  });
}

export interface DepartmentImportReport {
  added: string[];
  updated: string[];
  unchanged: number;
}

/** Adds the departments of the list that are new and updates those whose 部名 or 連絡先 changed (matched by name). */
export async function importDepartments(db: DB, actorId: string, rows: DepartmentInput[]): Promise<DepartmentImportReport> {
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom("departments").selectAll().execute()).map((d) => [d.name, d]));
    const report: DepartmentImportReport = { added: [], updated: [], unchanged: 0 };
    for (const row of rows) {
      const current = existing.get(row.name);
      if (!current) {
        await trx
          .insertInto("departments")
          .values({ id: newId(), name: row.name, parent_division: row.parentDivision, contact: row.contact, created_at: now() })
          .execute();
        report.added.push(row.name);
      } else if (current.parent_division !== row.parentDivision || current.contact !== row.contact) {
        await trx
          .updateTable("departments")
          .set({ parent_division: row.parentDivision, contact: row.contact })
          .where("id", "=", current.id)
          .execute();
        report.updated.push(row.name);
      } else {
        report.unchanged++;
      }
    }
    await recordAudit(trx, { actorId, action: "department.import", subjectType: "department", subjectId: null, detail: { ...report } });
    return report;
  });
}
