// Calls for proposals (募集): the coordinator's form, its vocabularies, and the stored call in the
// shape the form shows. Browser-safe.
import type { CallStage, CallType } from "../../../db/schema";
import { parseFiscalYear } from "../calendar/fiscal-year";
import { labels } from "../vocabulary";
import { z } from "../zod";
import { isoToTokyoLocal, tokyoLocalToIso } from "../calendar/tokyo-time";

export const CALL_TYPES = labels([
  { code: "government", label: "行政提案型" },
  { code: "citizen", label: "市民提案型" },
] as const);

export const CALL_STAGES = labels([
  { code: "formal_check", label: "形式審査" },
  { code: "document_review", label: "書類審査（一次審査）" },
  { code: "presentation", label: "公開プレゼンテーション（二次審査）" },
] as const);

export const MAX_CRITERIA = 12;
const LONG_TEXT = 4000;

const money = (label: string) =>
  z
    .number({ error: `${label}は半角数字で入力してください（例: 500000）` })
    .int(`${label}は円単位の整数で入力してください`)
    .min(0, `${label}は0円以上で入力してください`)
    .max(10_000_000_000, `${label}が大きすぎます`);

const criterion = z
  .object({
    name: z.string().trim().max(50, "審査項目名は50文字以内で入力してください").optional(),
    description: z.string().trim().max(1000, "審査項目の説明は1000文字以内で入力してください").optional(),
    maxPoints: z.number({ error: "配点は数字で入力してください" }).int("配点は整数で入力してください").optional(),
    weight: z.number({ error: "重みは数字で入力してください" }).int("重みは整数で入力してください").optional(),
  })
  .superRefine((row, ctx) => {
    const filled = Boolean(row.name || row.description || row.maxPoints !== undefined || row.weight !== undefined);
    if (!filled) return;
    if (!row.name) ctx.addIssue({ code: "custom", path: ["name"], message: "審査項目名を入力してください" });
    if (row.maxPoints === undefined || row.maxPoints < 1 || row.maxPoints > 100) {
      ctx.addIssue({ code: "custom", path: ["maxPoints"], message: "配点は1〜100点で入力してください" });
    }
    if (row.weight === undefined || row.weight < 1 || row.weight > 10) {
      ctx.addIssue({ code: "custom", path: ["weight"], message: "重みは1〜10の整数で入力してください" });
    }
  });

const dateTime = (label: string) =>
  z
    .string({ error: `${label}を入力してください` })
    .trim()
    .transform((value, ctx) => {
      const iso = tokyoLocalToIso(value);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: `${label}を日時で入力してください（例: 2027-01-10 9:00）` });
        return z.NEVER;
      }
      return iso;
    });

export const callSchema = z
  .object({
    fiscalYear: z
      .string({ error: "年度を入力してください" })
      .trim()
      .transform((value, ctx) => {
        const year = parseFiscalYear(value);
        if (year === null || year < 2000 || year > 2100) {
          ctx.addIssue({ code: "custom", message: "年度は「令和9年度」「R9」「2027」のように入力してください" });
          return z.NEVER;
        }
        return year;
      }),
    type: z.enum(CALL_TYPES.codes, { error: "募集の種類を選んでください" }),
    title: z.string({ error: "募集名を入力してください" }).trim().min(1, "募集名を入力してください").max(100, "募集名は100文字以内で入力してください"),
    description: z
      .string({ error: "募集の内容を入力してください" })
      .trim()
      .min(1, "募集の内容を入力してください")
      .max(LONG_TEXT, `募集の内容は${LONG_TEXT}文字以内で入力してください`),
    minMembers: z
      .number({ error: "最低会員数は数字で入力してください" })
      .int("最低会員数は整数で入力してください")
      .min(1, "最低会員数は1人以上で入力してください（条件がなければ空欄）")
      .max(100_000, "最低会員数が大きすぎます")
      .optional()
      .transform((value) => value ?? null),
    minYearsActive: z
      .number({ error: "活動年数は数字で入力してください" })
      .int("活動年数は整数で入力してください")
      .min(1, "活動年数は1年以上で入力してください（条件がなければ空欄）")
      .max(200, "活動年数が大きすぎます")
      .optional()
      .transform((value) => value ?? null),
    opensAt: dateTime("受付開始日時"),
    closesAt: dateTime("締切日時"),
    graceMinutes: z
      .number({ error: "猶予時間は数字で入力してください" })
      .int("猶予時間は分単位の整数で入力してください")
      .min(0, "猶予時間は0分以上で入力してください")
      .max(1440, "猶予時間は1440分（24時間）以内で入力してください")
      .default(0),
    budgetCapPerProposal: money("1提案あたりの上限額"),
    budgetCapTotal: money("募集全体の予算額"),
    cityShareByYear: z
      .string({ error: "市の負担割合を入力してください（例: 90, 80, 70）" })
      .trim()
      .transform((value, ctx) => {
        const parts = value.split(/[,、，\s→]+/).filter(Boolean);
        const shares = parts.map((p) => Number(p.replace(/[%％]$/, "")));
        if (parts.length === 0 || parts.length > 10 || shares.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) {
          ctx.addIssue({ code: "custom", message: "市の負担割合は1〜100の整数を年ごとにカンマで区切って入力してください（例: 90, 80, 70）" });
          return z.NEVER;
        }
        return shares;
      }),
    requiredAttachments: z
      .string()
      .max(2000, "必要な添付書類は2000文字以内で入力してください")
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    stages: z
      .array(z.enum(CALL_STAGES.codes, { error: "審査の段階を選択肢から選んでください" }), { error: "審査の段階を1つ以上選んでください" })
      .min(1, "審査の段階を1つ以上選んでください")
      .transform((value) => CALL_STAGES.codes.filter((code) => value.includes(code))),
    sheetIds: z
      .array(z.string().max(64))
      .optional()
      .transform((value) => [...new Set(value ?? [])]),
    criteria: z
      .array(criterion.optional())
      .max(MAX_CRITERIA, `審査項目は${MAX_CRITERIA}件まで入力できます`)
      .optional()
      .transform((rows) =>
        (rows ?? [])
          .filter((row): row is NonNullable<typeof row> => Boolean(row?.name))
          .map((row) => ({ name: row.name!, description: row.description ?? "", maxPoints: row.maxPoints!, weight: row.weight! })),
      ),
    intent: z.enum(["save", "publish"]).default("save"),
  })
  .superRefine((call, ctx) => {
    if (call.opensAt && call.closesAt && call.closesAt <= call.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "締切日時は受付開始日時より後にしてください" });
    }
    if (call.budgetCapPerProposal > call.budgetCapTotal) {
      ctx.addIssue({ code: "custom", path: ["budgetCapPerProposal"], message: "1提案あたりの上限額は募集全体の予算額以下にしてください" });
    }
    if (call.type === "government" && call.sheetIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["sheetIds"], message: "行政提案型の募集では、対象のマッチングシートを1つ以上選んでください" });
    }
    if (call.criteria.length === 0) {
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "審査項目を1つ以上入力してください" });
    }
  })
  // Citizen calls have open themes: whatever sheets were ticked before switching the type are dropped.
  .transform((call) => ({ ...call, sheetIds: call.type === "citizen" ? [] : call.sheetIds }));

export type CallInput = z.output<typeof callSchema>;

/** A stored call with its JSON columns read, its sheets and its criteria. */
export interface StoredCall {
  fiscal_year: number;
  type: CallType;
  title: string;
  description: string;
  min_members: number | null;
  min_years_active: number | null;
  opens_at: string;
  closes_at: string;
  grace_minutes: number;
  budget_cap_per_proposal: number;
  budget_cap_total: number;
  city_share_by_year: number[];
  required_attachments: string[];
  stages: CallStage[];
  sheetIds: string[];
  criteria: { name: string; description: string; max_points: number; weight: number }[];
}

/** The stored call as the form shows it (times as Tokyo local date-times). */
export function callFormValues(call: StoredCall) {
  return {
    fiscalYear: String(call.fiscal_year),
    type: call.type,
    title: call.title,
    description: call.description,
    minMembers: call.min_members === null ? "" : String(call.min_members),
    minYearsActive: call.min_years_active === null ? "" : String(call.min_years_active),
    opensAt: isoToTokyoLocal(call.opens_at),
    closesAt: isoToTokyoLocal(call.closes_at),
    graceMinutes: String(call.grace_minutes),
    budgetCapPerProposal: String(call.budget_cap_per_proposal),
    budgetCapTotal: String(call.budget_cap_total),
    cityShareByYear: call.city_share_by_year.join(", "),
    requiredAttachments: call.required_attachments.join("\n"),
    stages: call.stages,
    sheetIds: call.sheetIds,
    criteria: call.criteria.map((c) => ({ name: c.name, description: c.description, maxPoints: String(c.max_points), weight: String(c.weight) })),
  };
}

/**
 * The rubric and the rules: everything but the title and the description, which stay correctable (a
 * typo fix) after the first proposal is submitted. Compared as one canonical JSON string.
 */
export function frozenPart(call: {
  fiscalYear: number;
  type: CallType;
  minMembers: number | null;
  minYearsActive: number | null;
  opensAt: string;
  closesAt: string;
  graceMinutes: number;
  budgetCapPerProposal: number;
  budgetCapTotal: number;
  cityShareByYear: number[];
  requiredAttachments: string[];
  stages: string[];
  sheetIds: string[];
  criteria: { name: string; description: string; maxPoints: number; weight: number }[];
}): string {
  return JSON.stringify([
    call.fiscalYear,
    call.type,
    call.minMembers,
    call.minYearsActive,
    call.opensAt,
    call.closesAt,
    call.graceMinutes,
    call.budgetCapPerProposal,
    call.budgetCapTotal,
    call.cityShareByYear,
    call.requiredAttachments,
    call.stages,
    [...call.sheetIds].sort(),
    call.criteria.map((c) => [c.name, c.description, c.maxPoints, c.weight]),
  ]);
}

/** The stored call in the shape `frozenPart` compares. */
export function storedFrozenPart(call: StoredCall): string {
  return frozenPart({
    fiscalYear: call.fiscal_year,
    type: call.type,
    minMembers: call.min_members,
    minYearsActive: call.min_years_active,
    opensAt: call.opens_at,
    closesAt: call.closes_at,
    graceMinutes: call.grace_minutes,
    budgetCapPerProposal: call.budget_cap_per_proposal,
    budgetCapTotal: call.budget_cap_total,
    cityShareByYear: call.city_share_by_year,
    requiredAttachments: call.required_attachments,
    stages: call.stages,
    sheetIds: call.sheetIds,
    criteria: call.criteria.map((c) => ({ name: c.name, description: c.description, maxPoints: c.max_points, weight: c.weight })),
  });
}
