// The results report (実績報告): what the group writes, how it is checked, its due dates, and the ±20 %
// rule for spending. Browser-safe: the form and the server read the same schema and the same checks.
//
// Two checks, like the proposal form: `reportContentSchema` on every save (numbers, lengths — a draft may
// be half written), and `reportSubmissionProblems` on submit (everything the department needs to accept
// it, and an explanation for every spending line off its plan by more than the tolerance).
import { BUDGET_BEARERS, readContent, type ProposalContent } from "../proposals/content";
import { z } from "../zod";

export const REPORT_KINDS = ["interim", "final"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = { interim: "中間報告", final: "実績報告（最終）" };

export const REPORT_STATUS_LABELS = { draft: "作成中", submitted: "提出済み（確認待ち）", accepted: "受理済み", returned: "差戻し中" } as const;
export type ReportStatus = keyof typeof REPORT_STATUS_LABELS;

/**
 * The report's own status table, as data: which step may start from which status and where it leads.
 * The commands update `… where status in (from)`; the README's table is checked against this one.
 */
export const REPORT_TRANSITIONS = [
  { action: "save", from: ["draft", "returned"], to: null, side: "group" },
  { action: "submit", from: ["draft", "returned"], to: "submitted", side: "group" },
  { action: "accept", from: ["submitted"], to: "accepted", side: "city" },
  { action: "return", from: ["submitted"], to: "returned", side: "city" },
] as const satisfies readonly { action: string; from: readonly ReportStatus[]; to: ReportStatus | null; side: "group" | "city" }[];
export type ReportAction = (typeof REPORT_TRANSITIONS)[number]["action"];

/** The statuses a report may be in for `action`. */
export function reportStatusesFor(action: ReportAction): ReportStatus[] {
  return [...REPORT_TRANSITIONS.find((row) => row.action === action)!.from];
}

/** A spending line whose actual differs from its plan by more than this share needs an explanation. */
export const SPENDING_TOLERANCE = 0.2;
export const SUMMARY_MAX = 120;

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

/**
 * Due dates (YYYY-MM-DD, Tokyo) for a project of fiscal year `fiscalYear` (April–March): the interim
 * report on 31 October of that year, the final one on 30 April after the year ends.
 */
export function reportDueOn(kind: ReportKind, fiscalYear: number): string {
  return kind === "interim" ? `${fiscalYear}-10-31` : `${fiscalYear + 1}-04-30`;
}

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .optional()
    .transform((v) => v ?? "");

const yen = (label: string) =>
  z
    .number({ error: `${label}は半角数字（円）で入力してください` })
    .int(`${label}は円単位の整数で入力してください`)
    .min(0, `${label}は0円以上で入力してください`)
    .max(10_000_000_000, `${label}が大きすぎます`);

const rows = <T extends z.ZodType>(row: T, label: string) =>
  z
    .array(row.optional())
    .max(40, `${label}は40行まで入力できます`)
    .optional()
    .transform((list) => (list ?? []).filter((r): r is NonNullable<typeof r> => r !== undefined && Object.values(r as object).some((v) => v !== "" && v !== undefined && v !== null)));

export const reportContentSchema = z.object({
  done: text("実施したこと", 4000),
  summary: text("一行の要約", SUMMARY_MAX),
  indicators: rows(z.object({ name: text("指標名", 200), target: text("目標値", 200), actual: text("実績値", 200) }), "成果指標"),
  spending: rows(
    z.object({
      item: text("費目", 100),
      bearer: z.enum(BUDGET_BEARERS.codes, { error: "負担者を選んでください" }).optional(),
      planned: yen("計画額").optional(),
      actual: yen("実績額").optional(),
      explanation: text("差の理由", 500),
    }),
    "支出",
  ),
});

export type ReportContent = z.output<typeof reportContentSchema>;
export type SpendingLine = ReportContent["spending"][number];

/** The report form as posted: content, the revision it was edited from, and save or submit. */
export const reportFormSchema = reportContentSchema.extend({
  revision: z.number({ error: "ページを再読み込みしてください" }).int().min(1),
  intent: z.enum(["save", "submit"]),
});

/** (actual − planned) / planned, or null when there is no plan to compare with (planned 0 or missing). */
export function spendingDeviation(line: Pick<SpendingLine, "planned" | "actual">): number | null {
  if (line.actual === undefined) return null;
  const planned = line.planned ?? 0;
  if (planned === 0) return line.actual === 0 ? 0 : null;
  return (line.actual - planned) / planned;
}

/** Off its plan by more than ±20 % (a line spent without any plan counts as off). */
export function isOffPlan(line: Pick<SpendingLine, "planned" | "actual">): boolean {
  if (line.actual === undefined) return false;
  const deviation = spendingDeviation(line);
  return deviation === null ? line.actual > 0 : Math.abs(deviation) > SPENDING_TOLERANCE + 1e-9;
}

/** "+25%" / "−10%" / "計画外" for the table. */
export function formatDeviation(line: Pick<SpendingLine, "planned" | "actual">): string {
  if (line.actual === undefined) return "";
  const deviation = spendingDeviation(line);
  if (deviation === null) return "計画外";
  const percent = Math.round(deviation * 100);
  return `${percent > 0 ? "+" : percent < 0 ? "−" : "±"}${Math.abs(percent)}%`;
}

/** What keeps the report from being submitted, by field (empty when it may go). */
export function reportSubmissionProblems(content: ReportContent): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (!content.done) add("done", "実施したことを入力してください");
  if (!content.summary) add("summary", "進捗一覧に載せる一行の要約を入力してください");
  content.indicators.forEach((row, i) => {
    if (!row.actual) add(`indicators[${i}].actual`, `「${row.name || `指標${i + 1}`}」の実績値を入力してください`);
  });
  content.spending.forEach((line, i) => {
    if (!line.item) add(`spending[${i}].item`, "費目を入力してください");
    if (line.actual === undefined) add(`spending[${i}].actual`, "実績額を入力してください（使わなかった場合は0）");
    else if (isOffPlan(line) && !line.explanation) {
      add(`spending[${i}].explanation`, `計画額との差が${Math.round(SPENDING_TOLERANCE * 100)}%を超えています（${formatDeviation(line)}）。差の理由を入力してください`);
    }
  });
  return problems;
}

/**
 * A new report's starting content from the proposal: its indicators with their targets, and its first
 * year's budget lines as the plan (a project is one year; a renewal's proposal starts at year 1 again).
 */
export function initialReportContent(proposal: ProposalContent): ReportContent {
  return {
    done: "",
    summary: "",
    indicators: proposal.indicators.map((r) => ({ name: r.name, target: r.target, actual: "" })),
    spending: proposal.budget
      .filter((l) => (l.year ?? 1) === 1)
      .map((l) => ({ item: l.item, bearer: l.bearer, planned: l.amount ?? 0, actual: undefined, explanation: "" })),
  };
}

/** A stored report (JSON) read back, tolerant of fields added later. */
export function readReportContent(json: string): ReportContent {
  const parsed = reportContentSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { done: "", summary: "", indicators: [], spending: [] };
}

export { readContent as readProposalContent };

/** Totals by bearer, planned and actual. */
export function spendingTotals(lines: readonly SpendingLine[]) {
  const planned = lines.reduce((s, l) => s + (l.planned ?? 0), 0);
  const actual = lines.reduce((s, l) => s + (l.actual ?? 0), 0);
  const cityActual = lines.filter((l) => l.bearer === "city").reduce((s, l) => s + (l.actual ?? 0), 0);
  return { planned, actual, cityActual };
}
