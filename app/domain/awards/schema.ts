// The coordinator's decision form (採択・条件付き採択・採択候補・不採択) and the condition forms.
// Browser-safe: the page validates with the same schema as the server.
import type { DecisionOutcome } from "../../../db/schema";
import { labels } from "../vocabulary";
import { z } from "../zod";

export const DECISION_OUTCOMES = labels([
  { code: "adopted", label: "採択" },
  { code: "conditional", label: "条件付き採択" },
  { code: "candidate", label: "採択候補" },
  { code: "rejected", label: "不採択" },
] as const);

/** Outcomes that carry an award amount by project year. */
export const AMOUNT_OUTCOMES: readonly DecisionOutcome[] = ["adopted", "conditional", "candidate"];

/** Years of a project the form offers amounts for (a renewal is a new proposal). */
export const MAX_AWARD_YEARS = 5;

const amount = z
  .number({ error: "金額は半角数字で入力してください（例: 450000）" })
  .int("金額は円単位の整数で入力してください")
  .min(0, "金額は0円以上で入力してください")
  .max(10_000_000_000, "金額が大きすぎます");

export const decisionSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES.codes, { error: "結果を選んでください" }),
    reason: z
      .string({ error: "理由を入力してください。不採択の理由は団体に通知されます" })
      .trim()
      .min(1, "理由を入力してください。不採択の理由は団体に通知されます")
      .max(4000, "理由は4000文字以内で入力してください"),
    amounts: z.array(amount.optional()).max(MAX_AWARD_YEARS).optional(),
    /** One condition per line. */
    conditions: z.string().trim().max(4000, "条件は4000文字以内で入力してください").optional(),
  })
  .superRefine((value, ctx) => {
    const amounts = value.amounts ?? [];
    const last = amounts.reduce<number>((found, a, i) => (a === undefined ? found : i), -1);
    if (AMOUNT_OUTCOMES.includes(value.outcome)) {
      if (last < 0) ctx.addIssue({ code: "custom", path: ["amounts", 0], message: "1年目の採択額を入力してください" });
      for (let i = 0; i < last; i++) {
        if (amounts[i] === undefined) ctx.addIssue({ code: "custom", path: ["amounts", i], message: `${i + 1}年目の採択額を入力してください（事業のない年は0）` });
      }
    }
    if (value.outcome === "conditional" && conditionLines(value.conditions).length === 0) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "条件付き採択の条件を1行に1つずつ入力してください" });
    }
  })
  .transform((value) => {
    const amounts = value.amounts ?? [];
    const last = amounts.reduce<number>((found, a, i) => (a === undefined ? found : i), -1);
    return {
      outcome: value.outcome,
      reason: value.reason,
      amounts: AMOUNT_OUTCOMES.includes(value.outcome) ? amounts.slice(0, last + 1).map((a) => a ?? 0) : [],
      conditions: value.outcome === "conditional" ? conditionLines(value.conditions) : [],
    };
  });

export type DecisionInput = z.output<typeof decisionSchema>;

/** Correcting a published decision: the same form and why it changes (told to the group, recorded). */
export const changeReasonSchema = z
  .string({ error: "訂正の理由を入力してください。団体に通知されます" })
  .trim()
  .min(1, "訂正の理由を入力してください。団体に通知されます")
  .max(2000, "訂正の理由は2000文字以内で入力してください");

export function conditionLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export const conditionAnswerSchema = z.object({
  intent: z.literal("answer"),
  conditionId: z.string().max(64),
  answer: z
    .string({ error: "条件への対応を入力してください" })
    .trim()
    .min(1, "条件への対応を入力してください")
    .max(4000, "対応は4000文字以内で入力してください"),
});

export const conditionResolveSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), conditionId: z.string().max(64) }),
  z.object({
    intent: z.literal("return"),
    conditionId: z.string().max(64),
    returnReason: z
      .string({ error: "差し戻す理由を入力してください" })
      .trim()
      .min(1, "差し戻す理由を入力してください")
      .max(2000, "理由は2000文字以内で入力してください"),
  }),
]);

export const CONDITION_STATUS_LABELS = { open: "未対応", answered: "確認待ち", confirmed: "確認済み", returned: "差戻し" } as const;
export type ConditionStatus = keyof typeof CONDITION_STATUS_LABELS;

/**
 * A condition's status table, as data: the group answers an open or returned condition; the department
 * or the coordinator confirms an answer or returns it with a reason. The commands update `… where status
 * in (from)`; the README's table is checked against this one.
 */
export const CONDITION_TRANSITIONS = [
  { action: "answer", from: ["open", "returned"], to: "answered", side: "group" },
  { action: "confirm", from: ["answered"], to: "confirmed", side: "city" },
  { action: "return", from: ["answered"], to: "returned", side: "city" },
] as const satisfies readonly { action: string; from: readonly ConditionStatus[]; to: ConditionStatus; side: "group" | "city" }[];

/** The statuses a condition may be in for `action`. */
export function conditionStatusesFor(action: (typeof CONDITION_TRANSITIONS)[number]["action"]): ConditionStatus[] {
  return [...CONDITION_TRANSITIONS.find((row) => row.action === action)!.from];
}
