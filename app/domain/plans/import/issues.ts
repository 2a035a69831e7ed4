// Errors and warnings of an import, and the rule that a file with errors yields no plan at all:
// a half-imported plan would silently drop measures on re-import.

import { SpreadsheetReadError } from "../../spreadsheets/read-error";
import type { ImportIssue } from "../types";

export class PlanImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line);
    super(
      `計画書を取り込めませんでした（${sorted.length}件の問題）:\n` +
        sorted.map((issue) => `${issue.line}行目: ${issue.message}`).join("\n"),
    );
    this.name = "PlanImportError";
    this.issues = sorted;
  }
}

/** The spreadsheet reader's refusal (a file cut short, an xlsx that does not open) as the import's own. */
export function asPlanImportError(error: unknown): unknown {
  return error instanceof SpreadsheetReadError ? new PlanImportError([{ line: error.line, message: error.message }]) : error;
}

/** Collects errors and warnings while a parser walks the document. */
export class IssueLog {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  error(line: number, message: string): void {
    this.errors.push({ line, message });
  }

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  /** Throws when any error was recorded; otherwise returns the warnings in line order. */
  finish(): ImportIssue[] {
    if (this.errors.length > 0) throw new PlanImportError(this.errors);
    return [...this.warnings].sort((a, b) => a.line - b.line);
  }
}

/**
 * Hands out measure codes that are unique within a plan. A repeated code (a numbering slip in the
 * source, e.g. two ② under one 取組) gets a "#2", "#3"… suffix in document order, so the same file
 * always yields the same codes and re-import stays idempotent.
 */
export class CodeRegistry {
  private readonly seen = new Map<string, number>();

  claim(code: string, line: number, log: IssueLog): string {
    const count = (this.seen.get(code) ?? 0) + 1;
    this.seen.set(code, count);
    if (count === 1) return code;
    const unique = `${code}#${count}`;
    log.warn(line, `番号「${code}」が重複しています。「${unique}」として取り込みました。原本の番号を確認してください。`);
    return unique;
  }
}
