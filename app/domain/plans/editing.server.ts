// What the viewer may change on a measure page, computed once for the page and its form routes.
import type { DB } from "../../../db/index";
import { hasRole, type Viewer } from "../../auth/viewer";
import { canPlan, sameDepartmentName, type PlanSubject } from "./permissions";
import { LINKABLE_SHEETS_SHOWN, linkableSheets } from "./queries.server";

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

/**
 * The sheets offered for linking to this measure (at most LINKABLE_SHEETS_SHOWN; those already linked
 * aside), found by `q` when given (a search the route read with `requestedSearch`), with how many match
 * and the search, as LinkForm shows them.
 */
export async function sheetsToLink(db: DB, viewer: Viewer, measureId: string, q = "") {
  const found = await linkableSheets(db, { measureId, departmentId: viewer.departmentId, all: hasRole(viewer, "coordinator"), q });
  return { ...found, q, shownAtMost: LINKABLE_SHEETS_SHOWN };
}
