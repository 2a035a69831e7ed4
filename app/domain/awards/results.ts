// The public results (採択事業の一覧): the columns the call's page, the home page and the CSV share.
// Only awarded projects of published calls ever reach here (queries.server.ts). Browser-safe.
import { formatFiscalYearRange } from "../calendar/fiscal-year";
import { formatYen } from "../number-format";

export interface PublicProject {
  groupName: string;
  title: string;
  department: string;
  amount: number;
  fiscalYear: number;
  projectYear: number;
  totalYears: number;
  statusLabel: string;
}

/** 令和9年度, or 令和9～11年度 for a project of several years (from its first year). */
export function projectPeriod(p: Pick<PublicProject, "fiscalYear" | "projectYear" | "totalYears">): string {
  const first = p.fiscalYear - (p.projectYear - 1);
  return formatFiscalYearRange(first, first + Math.max(1, p.totalYears) - 1);
}

export const PUBLIC_PROJECT_HEADER = ["団体名", "事業名", "担当課", "採択額（円）", "事業期間", "状態"];

export function publicProjectRow(p: PublicProject): string[] {
  return [p.groupName, p.title, p.department, String(p.amount), projectPeriod(p), p.statusLabel];
}

export function publicProjectCells(p: PublicProject) {
  return { groupName: p.groupName, title: p.title || "（無題の事業）", department: p.department, amount: formatYen(p.amount), period: projectPeriod(p), status: p.statusLabel };
}
