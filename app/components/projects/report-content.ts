// The report's content as its page shows it: the stored content with each spending line's deviation
// from the plan worked out and formatted (the loader does this once; the form and the view read it).
import type { ReportContent, SpendingLine } from "~/domain/projects/report";

export type ShownSpendingLine = SpendingLine & { off: boolean; deviation: string; plannedLabel: string; actualLabel: string };
export type ShownReportContent = Omit<ReportContent, "spending"> & { spending: ShownSpendingLine[] };
