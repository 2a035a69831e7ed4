// The proposal form (提案書) in the order cities print it: what a group writes, how it is checked, and
// its text per section for the printed page, the PDF and the version diff. Browser-safe.
//
// Two checks: `proposalContentSchema` on every save (lengths, numbers, rows — a draft may be half
// written), and `submissionProblems` on submit (everything the review needs, and the money against the
// call's cap and cost-sharing rule). Both give Japanese messages by field.
import { checkBudget, type BudgetRules } from "../calls/rules";
import { labels } from "../vocabulary";
import { z } from "../zod";
import { formatYen } from "../number-format";

export const BUDGET_BEARERS = labels([
  { code: "city", label: "市" },
  { code: "group", label: "団体" },
  { code: "other", label: "その他（助成金・参加費など）" },
] as const);
export type BudgetBearer = (typeof BUDGET_BEARERS.codes)[number];

export const TITLE_MAX = 100;
export const TEXT_MAX = 4000;
export const MAX_ROWS = 24;
export const MAX_PROJECT_YEARS = 5;

/** The long texts of the form, in print order, with their labels (also the diff's and the PDF's). */
export const TEXT_SECTIONS = [
  { key: "problem", label: "地域の課題とその根拠" },
  { key: "purpose", label: "事業の目的と成果目標" },
  { key: "contentWho", label: "事業の内容 — 誰を対象に" },
  { key: "contentWhat", label: "事業の内容 — 何をするか" },
  { key: "contentWhere", label: "事業の内容 — どこで" },
  { key: "contentScale", label: "事業の内容 — 規模（回数・人数など）" },
  { key: "whyCollaboration", label: "協働が必要な理由" },
  { key: "groupBrings", label: "団体が担うこと・提供するもの" },
  { key: "cityBrings", label: "市に求めること・市が提供するもの" },
  { key: "effects", label: "期待される効果" },
  { key: "beneficiaries", label: "受益者" },
  { key: "continuity", label: "事業終了後の継続性" },
  { key: "team", label: "実施体制" },
] as const;
export type TextKey = (typeof TEXT_SECTIONS)[number]["key"];

/** Required on submission (the rest may stay empty). */
/** The text sections a submission needs (the form marks them （必須）). */
export const REQUIRED_TEXTS: readonly TextKey[] = ["problem", "purpose", "contentWho", "contentWhat", "whyCollaboration", "groupBrings", "cityBrings", "effects", "team"];

const text = (label: string, max = TEXT_MAX) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .optional()
    .transform((v) => v ?? "");

const cell = (label: string, max = 200) => text(label, max);

const rows = <T extends z.ZodType>(row: T, label: string) =>
  z
    .array(row.optional())
    .max(MAX_ROWS, `${label}は${MAX_ROWS}行まで入力できます`)
    .optional()
    .transform((list) => (list ?? []).filter((r): r is NonNullable<typeof r> => r !== undefined && Object.values(r as object).some((v) => v !== "" && v !== undefined && v !== null)));

const yen = z
  .number({ error: "金額は半角数字（円）で入力してください" })
  .int("金額は円単位の整数で入力してください")
  .min(0, "金額は0円以上で入力してください")
  .max(10_000_000_000, "金額が大きすぎます");

const budgetRow = z.object({
  item: cell("費目", 100),
  year: z
    .number({ error: "年目は数字で入力してください" })
    .int("年目は整数で入力してください")
    .min(1, "年目は1以上で入力してください")
    .max(MAX_PROJECT_YEARS, `年目は${MAX_PROJECT_YEARS}年目までです`)
    .optional(),
  amount: yen.optional(),
  bearer: z.enum(BUDGET_BEARERS.codes, { error: "負担者を選んでください" }).optional(),
});

export const proposalContentSchema = z.object({
  title: text("提案事業名", TITLE_MAX),
  sheetId: z.string().max(64).optional().transform((v) => v ?? ""),
  departmentIds: z
    .array(z.string().max(64))
    .max(10, "関係課は10課まで選べます")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  ...(Object.fromEntries(TEXT_SECTIONS.map((s) => [s.key, text(s.label)])) as Record<TextKey, ReturnType<typeof text>>),
  schedule: rows(z.object({ month: cell("時期", 30), activity: cell("実施内容", 500) }), "スケジュール"),
  roles: rows(z.object({ task: cell("役割（作業）", 200), group: cell("団体の役割", 500), city: cell("市の役割", 500) }), "役割分担"),
  budget: rows(budgetRow, "予算"),
  indicators: rows(z.object({ name: cell("指標名", 200), target: cell("目標値", 200) }), "成果指標"),
});

export type ProposalContent = z.output<typeof proposalContentSchema>;
export type BudgetLine = ProposalContent["budget"][number];

export function emptyContent(): ProposalContent {
  return proposalContentSchema.parse({});
}

/** A stored content (JSON) read back, tolerant of fields added later. */
export function readContent(json: string): ProposalContent {
  const parsed = proposalContentSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { ...emptyContent(), ...(JSON.parse(json) as Partial<ProposalContent>) };
}

/** Yearly totals from the budget lines: the project's cost and what it asks of the city, per year. */
export function budgetTotals(lines: readonly BudgetLine[]) {
  const years = Math.max(1, ...lines.map((l) => l.year ?? 1));
  const total = Array.from({ length: years }, () => 0);
  const city = Array.from({ length: years }, () => 0);
  for (const line of lines) {
    const i = (line.year ?? 1) - 1;
    total[i] += line.amount ?? 0;
    if (line.bearer === "city") city[i] += line.amount ?? 0;
  }
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return { yearlyTotals: total, requestedByYear: city, totalCost: sum(total), requested: sum(city) };
}

export interface SubmissionContext {
  type: "government" | "citizen";
  call: BudgetRules;
  /** The sheets a government proposal may answer (the call's sheets). */
  sheetIds: readonly string[];
  /** Required attachments of the call that have no file yet. */
  missingAttachments: readonly string[];
}

/** What keeps this content from being submitted, by field (empty when it may go). */
export function submissionProblems(content: ProposalContent, context: SubmissionContext): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  if (!content.title) add("title", "提案事業名を入力してください");
  if (context.type === "government" && !context.sheetIds.includes(content.sheetId)) add("sheetId", "提案するテーマ（マッチングシート）を選んでください");
  if (context.type === "citizen" && content.departmentIds.length === 0) add("departmentIds", "関係する課を1つ以上選んでください");
  for (const key of REQUIRED_TEXTS) {
    if (!content[key]) add(key, `${TEXT_SECTIONS.find((s) => s.key === key)!.label}を入力してください`);
  }
  if (content.schedule.length === 0) add("schedule", "スケジュールを1行以上入力してください");
  if (content.roles.length === 0) add("roles", "役割分担を1行以上入力してください");
  content.budget.forEach((line, i) => {
    if (!line.item) add(`budget[${i}].item`, "費目を入力してください");
    if (line.amount === undefined) add(`budget[${i}].amount`, "金額を入力してください");
    if (!line.bearer) add(`budget[${i}].bearer`, "負担者を選んでください");
  });
  if (content.budget.length === 0) add("budget", "予算を1行以上入力してください");
  else {
    const { yearlyTotals, requestedByYear } = budgetTotals(content.budget);
    for (const message of checkBudget({ call: context.call, yearlyTotals, requestedByYear })) add("budget", message);
  }
  if (content.indicators.length === 0) add("indicators", "成果指標を1行以上入力してください");
  content.indicators.forEach((row, i) => {
    if (!row.name) add(`indicators[${i}].name`, "指標名を入力してください");
    if (!row.target) add(`indicators[${i}].target`, "目標値を入力してください");
  });
  for (const label of context.missingAttachments) add("attachments", `「${label}」を添付してください`);
  return problems;
}

/** The editor's form id: its fields are `proposal-<name>`, a table's cells `proposal-<table>-<row>-<column>`. */
export const PROPOSAL_FORM_ID = "proposal";

/**
 * Where a member fixes what a submission lacks: the field in the editor, or the attachments page.
 * `field` is a key of `submissionProblems` (`title`, `budget`, `budget[2].amount`, `attachments`).
 */
export function problemHref(proposalId: string, field: string, { onEditor = false } = {}): string {
  if (field === "attachments") return `/proposals/${proposalId}/attachments`;
  const tableCell = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(field);
  const anchor = tableCell ? `${PROPOSAL_FORM_ID}-${tableCell[1]}-${tableCell[2]}-${tableCell[3]}` : `${PROPOSAL_FORM_ID}-${field}`;
  return onEditor ? `#${anchor}` : `/proposals/${proposalId}/edit#${anchor}`;
}

/** The problems as one list in the form's order, each with where to fix it. */
export function problemList(proposalId: string, problems: Record<string, string[]>, options: { onEditor?: boolean } = {}) {
  return Object.entries(problems).flatMap(([field, messages]) => messages.map((text) => ({ field, text, href: problemHref(proposalId, field, options) })));
}

/**
 * Every part of the form as labelled text, in print order: the printed page, the PDF and the diff
 * between versions all read this, so they cannot disagree. Tables become one line per row.
 */
export function contentSections(content: ProposalContent): { key: string; label: string; text: string }[] {
  const { totalCost, requested } = budgetTotals(content.budget);
  const section = (key: string, label: string, text: string) => ({ key, label, text });
  return [
    section("title", "提案事業名", content.title),
    ...TEXT_SECTIONS.slice(0, 6).map((s) => section(s.key, s.label, content[s.key])),
    section("schedule", "月ごとのスケジュール", content.schedule.map((r) => `${r.month}：${r.activity}`).join("\n")),
    section("roles", "役割分担（団体／市）", content.roles.map((r) => `${r.task}：団体 ${r.group || "—"}／市 ${r.city || "—"}`).join("\n")),
    ...TEXT_SECTIONS.slice(6, 11).map((s) => section(s.key, s.label, content[s.key])),
    section(
      "budget",
      "予算",
      [
        ...content.budget.map((l) => `${l.year ?? 1}年目 ${l.item}：${formatYen(l.amount ?? 0)}（${l.bearer ? BUDGET_BEARERS.label(l.bearer) : "負担者未定"}）`),
        `総事業費：${formatYen(totalCost)}`,
        `市への申請額：${formatYen(requested)}`,
      ].join("\n"),
    ),
    section("indicators", "成果指標", content.indicators.map((r) => `${r.name}：${r.target}`).join("\n")),
    ...TEXT_SECTIONS.slice(11).map((s) => section(s.key, s.label, content[s.key])),
  ];
}

/** The content as the form's default values (numbers as text, empty rows to type into). */
export function contentFormValues(content: ProposalContent) {
  return {
    ...content,
    budget: content.budget.map((l) => ({ ...l, year: l.year === undefined ? "" : String(l.year), amount: l.amount === undefined ? "" : String(l.amount) })),
  };
}
