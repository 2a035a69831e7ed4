// What the viewer may change on a measure page, computed once for the page and its form routes.
import type { DB } from "../../../db/index";
import { hasRole, type Viewer } from "../../auth/viewer";
import { canPlan, sameDepartmentName, type PlanSubject } from "./permissions";
import { linkableSheets } from "./queries.server";

export interface MeasureEditing {
  canAddEntry: boolean;
  canSetStatus: boolean;
  canLink: boolean;
  /** Departments an entry may be recorded for: all of the measure's for the coordinator, else the viewer's own. */
  entryDepartments: string[];
}

export function measureEditing(viewer: Viewer | null, subject: PlanSubject): MeasureEditing {
  const canAddEntry = canPlan(viewer, "plan:add-entry", subject);
  const coordinator = hasRole(viewer, "coordinator");
  const own = subject.viewerDepartmentName;
  const ownMatches = own ? subject.departmentNames.filter((name) => sameDepartmentName(name, own)) : [];
  return {
    canAddEntry,
    canSetStatus: canPlan(viewer, "plan:set-status", subject),
    canLink: canPlan(viewer, "plan:link-evidence", { ...subject, recordDepartmentId: undefined }),
    entryDepartments: !canAddEntry ? [] : coordinator ? (subject.departmentNames.length > 0 ? subject.departmentNames : own ? [own] : []) : ownMatches,
  };
}

/** Sheets the viewer may link to this measure, minus those already linked. */
export async function sheetsToLink(db: DB, viewer: Viewer, measureId: string) {
  const linked = new Set(
    (await db.selectFrom("measure_links").where("measure_id", "=", measureId).where("subject_type", "=", "matching_sheet").select("subject_id").execute()).map(
      (l) => l.subject_id,
    ),
  );
  const sheets = await linkableSheets(db, viewer.departmentId, hasRole(viewer, "coordinator"));
  return sheets.filter((s) => !linked.has(s.id));
}
