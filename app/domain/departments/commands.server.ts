// Keeping the list of departments: by hand or from a CSV. Every change is in the audit log.
import type { DB } from "../../../db/index";
import { newId, now } from "../../../db/values";
import type { Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/commands.server";
import { staffOf } from "./queries.server";
import type { DepartmentEditInput, DepartmentInput } from "./schema";

/** A refusal the page shows: `reason` above the form, `problems` beside the fields, `status` the HTTP answer. */
export class DepartmentRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}

const NAME_TAKEN = "この課名は既に登録されています。";
const nameTakenError = () => new DepartmentRefusedError(NAME_TAKEN, { name: [NAME_TAKEN] });

async function nameTaken(db: DB, name: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom("departments").where("name", "=", name).select("id");
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createDepartment(db: DB, viewer: Viewer, input: DepartmentInput): Promise<string> {
  const actorId = viewer.id;
  return db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, input.name, null)) throw nameTakenError();
    const id = newId();
    await trx
      .insertInto("departments")
      .values({ id, name: input.name, parent_division: input.parentDivision, contact: input.contact, created_at: now() })
      .execute();
    await recordAudit(trx, { actorId, action: "department.create", subjectType: "department", subjectId: id, detail: input });
    return id;
  });
}

export async function updateDepartment(db: DB, viewer: Viewer, id: string, input: DepartmentEditInput): Promise<void> {
  const actorId = viewer.id;
  await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, input.name, id)) throw nameTakenError();
    // The 協働推進員 is the department's contact point: one of its own staff.
    if (input.promoterUserId && !(await staffOf(trx, id)).some((user) => user.id === input.promoterUserId)) {
      const message = "この課の職員から選んでください。";
      throw new DepartmentRefusedError(message, { promoterUserId: [message] });
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
export async function importDepartments(db: DB, viewer: Viewer, rows: DepartmentInput[]): Promise<DepartmentImportReport> {
  const actorId = viewer.id;
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
