// What an import kept because the file lacked the column (or plan row): the report's shape and the
// sentence the preview and the CLI show. Browser-safe (the import page renders it).
import type { OptionalMeasureField, OptionalPlanField } from "./types";

export interface KeptField {
  field: OptionalMeasureField | OptionalPlanField;
  /** As the file would name it: 目的, 年次計画, 発行 … */
  label: string;
  /** Measures that had something there (1 for a field of the plan itself). */
  count: number;
}

const PLAN_FIELDS: readonly string[] = ["issued", "tierSummary", "documentLayout"] satisfies OptionalPlanField[];

/** The sentence the preview and the CLI show for kept fields, or null when nothing was kept. */
export function keptFieldsMessage(kept: KeptField[]): string | null {
  if (kept.length === 0) return null;
  const names = kept.map((k) => (PLAN_FIELDS.includes(k.field) ? `「${k.label}」` : `「${k.label}」（施策${k.count}件）`));
  return `このファイルには${names.join("")}の列・行がないため、登録済みの内容を空にせず、そのまま残します。`;
}
