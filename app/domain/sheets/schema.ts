// Matching sheets: their vocabularies, the form a department fills in, what publishing requires, and
// the forms groups use to ask and to mark interest (the statuses are in lifecycle.ts). Browser-safe.
import type { MatchingSheet } from "../../../db/schema";
import { parseFiscalYear } from "../calendar/fiscal-year";
import { AREAS, COLLABORATION_FORMS, FIELDS, labels } from "../vocabulary";
import { searchQuerySchema, z } from "../zod";
import { isCalendarDate } from "../calendar/tokyo-time";

export const BUDGET_SCALES = labels([
  { code: "none", label: "予算なし（人・場所・情報での協力）" },
  { code: "under_500k", label: "50万円未満" },
  { code: "under_1m", label: "50万円〜100万円" },
  { code: "under_3m", label: "100万円〜300万円" },
  { code: "over_3m", label: "300万円以上" },
  { code: "undecided", label: "未定（相談して決めたい）" },
] as const);

export const SHEET_PRIORITIES = labels([
  { code: "high", label: "優先度が高い" },
  { code: "normal", label: "通常" },
  { code: "low_overlooked", label: "優先度は低いが見過ごされやすい課題" },
] as const);

export const INTEREST_LEVELS = labels([
  { code: "interested", label: "関心あり" },
  { code: "consult", label: "相談したい" },
] as const);

const LONG_TEXT = 4000;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .optional()
    .transform((value) => value ?? "");

const codes = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .array(z.enum(values, { error: `${label}の選択肢から選んでください` }))
    .optional()
    .transform((value) => [...new Set(value ?? [])]);

// Digits (half- or full-width), hyphens, parentheses and spaces: what a Japanese phone number is printed with.
const PHONE = /^[0-9０-９()（）\-－‐ー\s+]{10,20}$/;

export const sheetSchema = z.object({
  title: z
    .string({ error: "件名を入力してください" })
    .trim()
    .min(1, "件名を入力してください")
    .max(100, "件名は100文字以内で入力してください"),
  background: optionalText(LONG_TEXT, "現状と課題"),
  outcomes: optionalText(LONG_TEXT, "期待する成果"),
  offerPeople: optionalText(LONG_TEXT, "市が提供できるもの（人）"),
  offerPlaces: optionalText(LONG_TEXT, "市が提供できるもの（場所）"),
  offerMoney: optionalText(LONG_TEXT, "市が提供できるもの（資金）"),
  offerInformation: optionalText(LONG_TEXT, "市が提供できるもの（情報）"),
  fields: codes(FIELDS.codes, "活動分野"),
  areas: codes(AREAS.codes, "対象地域"),
  forms: codes(COLLABORATION_FORMS.codes, "協働の形態"),
  budgetScale: z.enum(BUDGET_SCALES.codes, { error: "予算規模を選択肢から選んでください" }).optional(),
  fiscalYear: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const year = parseFiscalYear(value);
      if (year === null || year < 2000 || year > 2100) {
        ctx.addIssue({ code: "custom", message: "年度は「令和9年度」「R9」「2027」のように入力してください" });
        return z.NEVER;
      }
      return year;
    }),
  period: optionalText(100, "実施期間"),
  applyUntil: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isCalendarDate(value), "日付を選んでください（例: 2027-03-31。2月30日のような存在しない日は選べません）")
    .transform((value) => value || null),
  priority: z.enum(SHEET_PRIORITIES.codes, { error: "優先度を選んでください" }).default("normal"),
  contactName: optionalText(100, "担当者名"),
  contactPhone: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || PHONE.test(value), "電話番号は数字とハイフンで入力してください（例: 047-492-1111）")
    .transform((value) => value ?? ""),
  contactEmail: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || z.email().safeParse(value).success, "メールアドレスの形式が正しくありません（例: kyodo@city.example.jp）")
    .transform((value) => value ?? ""),
  intent: z.enum(["save", "publish"]).default("save"),
});

export type SheetInput = z.output<typeof sheetSchema>;

/**
 * What a group needs to decide whether to come forward; a sheet is published only when all of it is
 * there. Returns messages by field, like a validation result.
 */
export function publishProblems(sheet: SheetInput, today: string): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const need = (field: string, missing: boolean, message: string) => {
    if (missing) problems[field] = [message];
  };
  need("background", !sheet.background, "公開するには現状と課題を書いてください");
  need("outcomes", !sheet.outcomes, "公開するには期待する成果を書いてください");
  need(
    "offerPeople",
    !sheet.offerPeople && !sheet.offerPlaces && !sheet.offerMoney && !sheet.offerInformation,
    "公開するには市が提供できるもの（人・場所・資金・情報のいずれか）を書いてください",
  );
  need("fields", sheet.fields.length === 0, "公開するには活動分野を1つ以上選んでください");
  need("areas", sheet.areas.length === 0, "公開するには対象地域を1つ以上選んでください");
  need("forms", sheet.forms.length === 0, "公開するには協働の形態を1つ以上選んでください");
  need("budgetScale", !sheet.budgetScale, "公開するには予算規模を選んでください");
  need("period", !sheet.period, "公開するには実施期間を書いてください");
  need("contactName", !sheet.contactName, "公開するには担当者名を書いてください");
  need("contactPhone", !sheet.contactPhone && !sheet.contactEmail, "公開するには電話番号かメールアドレスを書いてください");
  need("applyUntil", sheet.applyUntil !== null && sheet.applyUntil < today, "受付期限が過ぎています。今日以降の日付にしてください");
  return problems;
}

export const questionSchema = z.object({
  intent: z.literal("ask"),
  groupId: z.string({ error: "質問する団体を選んでください" }).min(1, "質問する団体を選んでください"),
  question: z
    .string({ error: "質問を入力してください" })
    .trim()
    .min(1, "質問を入力してください")
    .max(2000, "質問は2000文字以内で入力してください"),
});

export const answerSchema = z.object({
  intent: z.literal("answer"),
  questionId: z.string().min(1),
  answer: z
    .string({ error: "回答を入力してください" })
    .trim()
    .min(1, "回答を入力してください")
    .max(4000, "回答は4000文字以内で入力してください"),
});

export const interestSchema = z.object({
  intent: z.literal("interest"),
  groupId: z.string({ error: "団体を選んでください" }).min(1, "団体を選んでください"),
  level: z.enum([...INTEREST_LEVELS.codes, "none"], { error: "選択肢から選んでください" }),
});

export const statusSchema = z.object({
  intent: z.literal("status"),
  to: z.enum(["draft", "published", "closed", "archived"]),
});

export const sheetFiltersSchema = z.object({
  q: searchQuerySchema,
  department: z.string().max(64).catch(""),
  field: z.enum(["", ...FIELDS.codes]).catch(""),
  form: z.enum(["", ...COLLABORATION_FORMS.codes]).catch(""),
  open: z.enum(["", "1"]).catch(""),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});

export type SheetFilters = z.output<typeof sheetFiltersSchema>;

/** A sheet as stored (with its codes), in the shape the form and the publishing check use. */
export type StoredSheet = Omit<MatchingSheet, "id" | "department_id" | "status" | "search_text" | "published_at" | "created_by" | "created_at" | "updated_at"> & {
  fields: string[];
  areas: string[];
  forms: string[];
};

/** The stored sheet as the form shows it (the fiscal year as the western year it is stored as). */
export function sheetFormValues(sheet: StoredSheet) {
  return {
    title: sheet.title,
    background: sheet.background,
    outcomes: sheet.outcomes,
    offerPeople: sheet.offer_people,
    offerPlaces: sheet.offer_places,
    offerMoney: sheet.offer_money,
    offerInformation: sheet.offer_information,
    fields: sheet.fields,
    areas: sheet.areas,
    forms: sheet.forms,
    budgetScale: sheet.budget_scale ?? "",
    fiscalYear: sheet.fiscal_year === null ? "" : String(sheet.fiscal_year),
    period: sheet.period ?? "",
    applyUntil: sheet.apply_until ?? "",
    priority: sheet.priority,
    contactName: sheet.contact_name,
    contactPhone: sheet.contact_phone,
    contactEmail: sheet.contact_email,
  };
}

/** The stored sheet read back through the schema (for checking it before a status change). */
export function storedSheetInput(sheet: StoredSheet): SheetInput {
  const values = sheetFormValues(sheet);
  return sheetSchema.parse({ ...values, budgetScale: values.budgetScale || undefined });
}
