// Parser for Shiroi city's 市民参加・協働のまちづくりプラン 進捗一覧 (seeds 000 and 001):
//
//   1.「市民参加」～…～                                   基本目標 (level 0, code "1")
//   (1)情報の活用と提供の充実(P41～42)                     施策     (level 1, code "1-(1)")
//   (1)ICT…の充実(P41) ⇥ ⇥ description                    取組     (level 2, code "1-(1)-(1)")
//   具体的な事業 ⇥ 担当課 ⇥ 実施したこと(実施年度)          column header
//   ①市民が見やすい… ⇥ 企画政策課 秘書広報課 ⇥ <ul> ・…   具体的な事業 (level 3, code "1-(1)-(1)-①")
//
// The two renderings differ in padding cells, bullets, parentheses width and a header row that
// leaked into a data row, so columns are located from the header row, not by fixed position.

import { ERA_PREFIX } from "../../calendar/fiscal-year";
import { splitBullets, unifyRangeMarks } from "../text";
import type { ParsedMeasure, ParsedPlan } from "../types";
import { CodeRegistry, IssueLog } from "./issues";
import { createMeasure } from "./measure";
import { CIRCLED_NUMBER } from "./numbering";
import { toTableRows, type TableRow } from "./rows";
import { parseProgressCell } from "./progress-entries";

export const SHIROI_LEVEL_NAMES = ["基本目標", "施策", "取組", "具体的な事業"];

const GOAL = /^(\d+)\.\s*(.+)$/;
const NUMBERED = /^\((\d+)\)\s*(.+)$/;
const CIRCLED = new RegExp(`^(${CIRCLED_NUMBER})\\s*(.*)$`, "su");
const PAGE_REF = /\((P\s*\d+(?:\s*[~〜～\-]\s*P?\s*\d+)?)\)\s*$/;
/** "平成30年7月", "H30年7月", "H.30年7月" (cells are width-normalized, so "Ｈ３０" too), "2018年7月". */
const ISSUED = new RegExp(`^(?:${ERA_PREFIX}\\s*(?:\\d+|元)|\\d{4})\\s*年\\s*\\d+\\s*月`, "iu");
const HEADER_NAME = "具体的な事業";
const DEPARTMENT_HEADER = "担当課";
const PROGRESS_HEADER = /^実施したこと\s*\(実施年度\)/;

/** Where 担当課 and 実施したこと sit relative to the 具体的な事業 cell of a row. */
interface ColumnOffsets {
  department: number;
  progress: number;
}

const DEFAULT_OFFSETS: ColumnOffsets = { department: 1, progress: 2 };

function splitPageRef(text: string): { title: string; pageRef?: string } {
  const match = PAGE_REF.exec(text);
  if (!match) return { title: text.trim() };
  return {
    title: text.slice(0, match.index).trim(),
    pageRef: unifyRangeMarks(match[1].replace(/\s+/g, "")).replace(/-/g, "～"),
  };
}

function offsetsFromHeader(row: TableRow): ColumnOffsets {
  const department = row.cells.findIndex((cell) => cell === DEPARTMENT_HEADER);
  const progress = row.cells.findIndex((cell) => PROGRESS_HEADER.test(cell));
  if (department < 0 || progress < 0) return DEFAULT_OFFSETS;
  return { department: department - row.start, progress: progress - row.start };
}

/** Removes a header word that leaked into a data cell (seed 001: "担当課 企画政策課 …"). */
function stripLeakedHeader(cell: string, header: RegExp, row: TableRow, log: IssueLog): string {
  const match = header.exec(cell);
  if (!match) return cell;
  log.warn(row.line, `セルに見出し「${match[0].trim()}」が混入していたため取り除きました。`);
  return cell.slice(match[0].length).trim();
}

export function parseShiroiProgress(text: string): ParsedPlan {
  const log = new IssueLog();
  const codes = new CodeRegistry();
  const rows = toTableRows(text).filter((row) => row.start >= 0);

  const measures: ParsedMeasure[] = [];
  const childCount = new Map<string, number>();
  let title: string | undefined;
  let issued: string | undefined;
  let goal: ParsedMeasure | undefined;
  let policy: ParsedMeasure | undefined;
  let initiative: ParsedMeasure | undefined;
  let offsets = DEFAULT_OFFSETS;
  let previousDepartments: string[] = [];

  const noteChild = (parentCode: string) => childCount.set(parentCode, (childCount.get(parentCode) ?? 0) + 1);
  const add = (measure: ParsedMeasure): ParsedMeasure => {
    measures.push(measure);
    if (measure.parentCode) noteChild(measure.parentCode);
    return measure;
  };

  rows.forEach((row, index) => {
    const next = rows[index + 1];

    if (title === undefined) {
      const startsWithTree = GOAL.test(row.first) || NUMBERED.test(row.first) || CIRCLED.test(row.first);
      title = startsWithTree ? "" : row.filled.join(" ");
      if (!startsWithTree) return;
    }
    if (!goal && ISSUED.test(row.first)) {
      issued = row.filled.join(" ");
      return;
    }
    if (row.first === HEADER_NAME) {
      if (!initiative) log.error(row.line, "「具体的な事業」の見出しが取組より前にあります。");
      offsets = offsetsFromHeader(row);
      return;
    }

    const goalMatch = GOAL.exec(row.first);
    if (goalMatch && row.filled.length === 1) {
      goal = add(
        createMeasure({
          code: codes.claim(goalMatch[1], row.line, log),
          parentCode: null,
          level: 0,
          title: goalMatch[2].trim(),
          line: row.line,
        }),
      );
      policy = undefined;
      initiative = undefined;
      return;
    }

    const numbered = NUMBERED.exec(row.first);
    if (numbered) {
      // 施策 and 取組 are both printed "(1)…". A 施策 directly follows its 基本目標 and is followed
      // by its first 取組; a 取組 is followed by its column header or its first 具体的な事業.
      const isPolicy =
        (goal !== undefined && policy === undefined) ||
        (row.filled.length === 1 && next !== undefined && NUMBERED.test(next.first));
      const { title: measureTitle, pageRef } = splitPageRef(numbered[2]);
      if (isPolicy) {
        if (!goal) {
          log.error(row.line, `施策「${row.first}」が基本目標（例: 1.「市民参加」）より前にあります。`);
          return;
        }
        policy = add(
          createMeasure({
            code: codes.claim(`${goal.code}-(${numbered[1]})`, row.line, log),
            parentCode: goal.code,
            level: 1,
            title: measureTitle,
            pageRef,
            line: row.line,
          }),
        );
        initiative = undefined;
        return;
      }
      if (!policy) {
        log.error(row.line, `取組「${row.first}」の上に施策がありません。`);
        return;
      }
      const description = row.filled.slice(1).join("\n");
      initiative = add(
        createMeasure({
          code: codes.claim(`${policy.code}-(${numbered[1]})`, row.line, log),
          parentCode: policy.code,
          level: 2,
          title: measureTitle,
          pageRef,
          description: description === "" ? undefined : description,
          line: row.line,
        }),
      );
      previousDepartments = [];
      return;
    }

    const circled = CIRCLED.exec(row.first);
    if (circled) {
      if (!initiative) {
        log.error(row.line, `具体的な事業「${row.first}」の上に取組がありません。`);
        return;
      }
      const progressIndex = row.start + offsets.progress;
      if (row.cells.length <= progressIndex) {
        noteChild(initiative.code); // the row exists; only its columns are wrong
        log.error(
          row.line,
          `具体的な事業「${row.first}」の列が足りません。「具体的な事業」「担当課」「実施したこと(実施年度)」の各列をタブで区切ってください。`,
        );
        return;
      }
      const [measureTitle, ...details] = splitBullets(circled[2]);
      const departmentCell = stripLeakedHeader(row.cells[row.start + offsets.department], /^担当課\s+/, row, log);
      const progressCell = stripLeakedHeader(row.cells[progressIndex], /^実施したこと\s*\(実施年度\)\s*/, row, log);

      // An empty 担当課 cell is a merged cell in the original table: it continues the one above.
      let departments = departmentCell.split(/\s+/).filter((name) => name !== "");
      if (departments.length === 0) {
        if (previousDepartments.length === 0) {
          log.warn(row.line, `具体的な事業「${row.first}」の担当課が空欄です。`);
        }
        departments = previousDepartments;
      }
      previousDepartments = departments;

      if (progressCell === "") log.warn(row.line, `具体的な事業「${row.first}」の実施したことが空欄です。`);
      const progress = parseProgressCell(progressCell, row.line, log);
      // The file's last row ending in an entry without its 【担当課】: the file was cut inside it.
      const lastEntry = progress.entries[progress.entries.length - 1];
      if (index === rows.length - 1 && lastEntry && lastEntry.departments.length === 0) {
        log.warn(
          row.line,
          `最後の行の実施したこと「${lastEntry.text.slice(0, 40)}」に担当課【】がありません。ファイルが途中で切れていないか確認してください。`,
        );
      }
      add(
        createMeasure({
          code: codes.claim(`${initiative.code}-${circled[1]}`, row.line, log),
          parentCode: initiative.code,
          level: 3,
          title: measureTitle ?? "",
          description: details.length > 0 ? details.map((detail) => `・${detail}`).join("\n") : undefined,
          departments: [...departments],
          status: progress.status,
          entries: progress.entries,
          line: row.line,
        }),
      );
      return;
    }

    log.warn(row.line, `解釈できない行を読み飛ばしました:「${row.filled.join(" ").slice(0, 40)}」`);
  });

  if (measures.length === 0) {
    log.error(1, "基本目標（例: 1.「市民参加」～…～）が見つかりません。白井市の進捗一覧の形式ではない可能性があります。");
  }
  for (const measure of measures) {
    if (measure.level < 3 && !childCount.has(measure.code)) {
      const childName = SHIROI_LEVEL_NAMES[measure.level + 1];
      log.error(
        measure.line,
        `${SHIROI_LEVEL_NAMES[measure.level]}「${measure.title}」に${childName}がありません。ファイルが途中で切れていないか確認してください。`,
      );
    }
  }

  const warnings = log.finish();
  return {
    layout: "shiroi-progress",
    title: title ?? "",
    issued,
    levelNames: SHIROI_LEVEL_NAMES,
    measures,
    warnings,
  };
}
