// The progress list (進捗一覧) in the column shape the Shiroi seed publishes:
//   具体的な事業 | 担当課 | 実施したこと(実施年度)
// as plain data rows for the xlsx/CSV export, and as tab-separated text the Shiroi parser re-imports.

import { formatFiscalYearRange } from "../../calendar/fiscal-year";
import type { MeasureStatus, ParsedMeasure, ParsedPlan, ProgressEntry } from "../types";

export interface ProgressListRow {
  measureCode: string;
  title: string;
  /** Sub-bullets printed under the title ("・…" lines), if any. */
  description?: string;
  departments: string[];
  /** One line per progress entry, "text(平成25～29年度)【課名】"; a status alone ("未実施") when there is no entry. */
  entryLines: string[];
  status?: MeasureStatus;
}

/** The period of an entry as printed; recomputed from the years when the entry has no printed label. */
export function formatEntryPeriod(entry: ProgressEntry): string | null {
  if (entry.fiscalYearLabel) return entry.fiscalYearLabel;
  if (entry.fiscalYearFrom !== null && entry.fiscalYearTo !== null) {
    return formatFiscalYearRange(entry.fiscalYearFrom, entry.fiscalYearTo);
  }
  return null;
}

/** "ホームページリニューアル(平成26年度)【秘書広報課】" */
export function formatProgressEntry(entry: ProgressEntry): string {
  const period = formatEntryPeriod(entry);
  const departments = entry.departments.length > 0 ? `【${entry.departments.join("、")}】` : "";
  return `${entry.text}${period ? `(${period})` : ""}${departments}`;
}

function leafMeasures(plan: ParsedPlan): ParsedMeasure[] {
  const parents = new Set(plan.measures.map((measure) => measure.parentCode));
  return plan.measures.filter((measure) => !parents.has(measure.code));
}

/** One row per measure that carries progress (the leaves of the measure tree), in document order. */
export function toProgressListRows(plan: ParsedPlan): ProgressListRow[] {
  return leafMeasures(plan).map((measure) => {
    const entryLines = measure.entries.map(formatProgressEntry);
    return {
      measureCode: measure.code,
      title: measure.title,
      description: measure.description,
      departments: [...measure.departments],
      entryLines: entryLines.length === 0 && measure.status ? [measure.status] : entryLines,
      status: measure.status,
    };
  });
}

/** The number as printed: "1-(1)-(1)-①" → "①"; disambiguated duplicates print their original number. */
function printedNumber(code: string): string {
  const last = code.split("-").pop() ?? code;
  return last.replace(/#\d+$/, "");
}

function withPageRef(title: string, pageRef: string | undefined): string {
  return pageRef ? `${title}(${pageRef})` : title;
}

function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s*\n\s*/g, " ");
}

/**
 * The whole four-level Shiroi progress list as tab-separated text, re-importable by
 * parseShiroiProgress. Only plans of that layout have the 基本目標/施策/取組/具体的な事業 tree.
 */
export function renderShiroiProgressText(plan: ParsedPlan): string {
  if (plan.layout !== "shiroi-progress") {
    throw new Error(`renderShiroiProgressText expects a shiroi-progress plan, got ${plan.layout}`);
  }
  const rows = new Map(toProgressListRows(plan).map((row) => [row.measureCode, row]));
  const lines: string[] = [plan.title];
  if (plan.issued) lines.push("", plan.issued);

  for (const measure of plan.measures) {
    const number = printedNumber(measure.code);
    if (measure.level === 0) lines.push("", `${number}. ${measure.title}`);
    if (measure.level === 1) lines.push("", `${number}${withPageRef(measure.title, measure.pageRef)}`, "");
    if (measure.level === 2) {
      lines.push(`${number}${withPageRef(measure.title, measure.pageRef)}\t\t${oneLine(measure.description)}`);
      lines.push("具体的な事業\t担当課\t実施したこと(実施年度)");
    }
    if (measure.level === 3) {
      const row = rows.get(measure.code);
      const name = [`${number}${measure.title}`, oneLine(measure.description)].filter((part) => part !== "").join(" ");
      const progress = (row?.entryLines ?? []).map((line) => `・${line}`).join(" ");
      lines.push(`${name}\t${measure.departments.join(" ")}\t${progress}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
