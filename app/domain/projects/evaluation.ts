// The evaluation (評価) of a project: the same five items scored 1–5 by the group (自己評価), the related
// department (相互評価) and a third party (第三者評価: the coordinator), shown side by side with the
// differences marked. Browser-safe.
import { z } from "../zod";

export const EVALUATION_ITEMS = [
  { key: "purpose", label: "目的の達成" },
  { key: "collaboration", label: "協働の効果" },
  { key: "roles", label: "役割分担" },
  { key: "reach", label: "市民への波及" },
  { key: "continuity", label: "継続性" },
] as const;
export type EvaluationItemKey = (typeof EVALUATION_ITEMS)[number]["key"];

export const EVALUATION_SIDES = ["group", "department", "third_party"] as const;
export type EvaluationSide = (typeof EVALUATION_SIDES)[number];
export const EVALUATION_SIDE_LABELS: Readonly<Record<EvaluationSide, string>> = {
  group: "自己評価（団体）",
  department: "相互評価（担当課）",
  third_party: "第三者評価（協働推進課）",
};

/** A difference of this many points or more between the group and the department is highlighted. */
export const NOTABLE_DIFFERENCE = 2;

const score = (label: string) =>
  z
    .number({ error: `${label}の点数を1〜5から選んでください` })
    .int(`${label}の点数を1〜5から選んでください`)
    .min(1, `${label}の点数を1〜5から選んでください`)
    .max(5, `${label}の点数を1〜5から選んでください`);

const itemFields = Object.fromEntries(
  EVALUATION_ITEMS.flatMap((item) => [
    [`score_${item.key}`, score(item.label)],
    [`comment_${item.key}`, z.string().trim().max(1000, `${item.label}のコメントは1000文字以内で入力してください`).optional().transform((v) => v ?? "")],
  ]),
) as Record<`score_${EvaluationItemKey}`, ReturnType<typeof score>> & Record<`comment_${EvaluationItemKey}`, z.ZodType<string, string | undefined>>;

/** The evaluation form: a side, `score_<item>` 1–5 and `comment_<item>` per item, and an overall comment. */
export const evaluationFormSchema = z.object({
  side: z.enum(EVALUATION_SIDES, { error: "評価の種類を選んでください" }),
  ...itemFields,
  comment: z.string().trim().max(2000, "総評は2000文字以内で入力してください").optional().transform((v) => v ?? ""),
});
export type EvaluationForm = z.output<typeof evaluationFormSchema>;

export interface StoredItem {
  item: EvaluationItemKey;
  score: number;
  comment: string;
}

export function toStoredItems(form: EvaluationForm): StoredItem[] {
  return EVALUATION_ITEMS.map(({ key }) => ({ item: key, score: form[`score_${key}`], comment: form[`comment_${key}`] }));
}

export function readItems(json: string): StoredItem[] {
  try {
    const value = JSON.parse(json) as StoredItem[];
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Per item: each side's score, and whether the group and the department differ notably. */
export function compareEvaluations(bySide: Partial<Record<EvaluationSide, StoredItem[]>>) {
  return EVALUATION_ITEMS.map(({ key, label }) => {
    const scores = Object.fromEntries(EVALUATION_SIDES.map((side) => [side, bySide[side]?.find((i) => i.item === key)?.score ?? null])) as Record<EvaluationSide, number | null>;
    const difference = scores.group !== null && scores.department !== null ? scores.department - scores.group : null;
    return { key, label, scores, difference, notable: difference !== null && Math.abs(difference) >= NOTABLE_DIFFERENCE };
  });
}
