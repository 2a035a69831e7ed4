// Reading a 実施したこと(実施年度) cell into progress entries: one entry per bullet, each ending with
// its period and department, e.g. "・ホームページリニューアル(平成 26 年度)【秘書広報課】".

import { parseFiscalYearRange } from "../../calendar/fiscal-year";
import { normalizeStatus } from "../status";
import { collapseSpaces, splitBullets, unifyRangeMarks } from "../text";
import type { MeasureStatus, ProgressEntry } from "../types";
import type { IssueLog } from "./issues";

export interface ProgressCell {
  /** A status written in place of entries, e.g. "・未実施". */
  status?: MeasureStatus;
  entries: ProgressEntry[];
}

// Some renderings drop the ・ bullets and only leave a space between entries (seed 001), so an entry
// also ends right after "(period)【department】".
const ENTRY_BOUNDARY = /(?<=\)\s?【[^【】]*】)\s+(?=\S)/;
const TRAILING_DEPARTMENT = /【([^【】]*)】\s*[。.]?$/;
const TRAILING_PARENTHESIS = /\(([^()]*)\)$/;

/** Splits a cleaned cell into entry texts (bullets and run-on entries). */
export function splitEntryTexts(cell: string): string[] {
  return splitBullets(cell).flatMap((item) =>
    item
      .split(ENTRY_BOUNDARY)
      .map(collapseSpaces)
      .filter((text) => text !== ""),
  );
}

/** The period as printed, made comparable: no spaces, one kind of range mark. */
export function normalizePeriodLabel(period: string): string {
  return unifyRangeMarks(period.replace(/\s+/g, ""));
}

function looksLikePeriod(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  return compact === "通年" || /年度/.test(compact) || parseFiscalYearRange(compact) !== null;
}

export function parseProgressEntry(item: string, line: number, log: IssueLog): ProgressEntry {
  if (/【[^】]*$/.test(item)) {
    log.error(line, `実施したこと「${item}」の【】が閉じていません。ファイルが途中で切れていないか確認してください。`);
  }

  let rest = item;
  let departments: string[] = [];
  const department = TRAILING_DEPARTMENT.exec(rest);
  if (department) {
    departments = department[1]
      .split(/[、,]/)
      .map((name) => name.trim())
      .filter((name) => name !== "");
    rest = rest.slice(0, department.index).trim();
  } else {
    log.warn(line, `実施したこと「${item}」に担当課【】がありません。`);
  }

  let fiscalYearLabel: string | null = null;
  let range: { from: number; to: number } | null = null;
  const period = TRAILING_PARENTHESIS.exec(rest);
  if (period && looksLikePeriod(period[1])) {
    fiscalYearLabel = normalizePeriodLabel(period[1]);
    range = parseFiscalYearRange(period[1]);
    if (!range && fiscalYearLabel !== "通年") {
      log.warn(line, `実施年度「${period[1]}」を年度として読み取れません。`);
    }
    rest = rest.slice(0, period.index).trim();
  } else {
    log.warn(line, `実施したこと「${item}」に実施年度（例: (平成25～29年度)）がありません。`);
  }

  return {
    text: rest,
    fiscalYearFrom: range ? range.from : null,
    fiscalYearTo: range ? range.to : null,
    fiscalYearLabel,
    departments,
    line,
  };
}

/** Reads a whole cell. A bullet that is only a status word ("・未実施") sets the status. */
export function parseProgressCell(cell: string, line: number, log: IssueLog): ProgressCell {
  const result: ProgressCell = { entries: [] };
  for (const item of splitEntryTexts(cell)) {
    const status = normalizeStatus(item);
    if (status) {
      result.status = status;
      continue;
    }
    result.entries.push(parseProgressEntry(item, line, log));
  }
  return result;
}
