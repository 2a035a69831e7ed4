// Forms of the plans area: a progress entry, a status change, an evidence link, the upload options.
// Browser-safe (the same rules run on blur and on the server).
import { z } from "../zod";
import { parseFiscalYear } from "../calendar/fiscal-year";
import { MEASURE_STATUSES } from "./types";

/** "令和6年度", "R6", "H29", "2024" → 2024; anything else is an error next to the field. */
const fiscalYear = (label: string) =>
  z
    .string({ error: `${label}を入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .transform((text, ctx) => {
      const western = /^(\d{4})(?:年度)?$/.exec(text);
      const year = western ? Number(western[1]) : parseFiscalYear(text);
      if (year === null || year < 1950 || year > 2100) {
        ctx.addIssue({ code: "custom", message: `${label}は「令和6年度」「R6」「2024」のように入力してください` });
        return z.NEVER;
      }
      return year;
    });

export const progressEntrySchema = z
  .object({
    text: z
      .string({ error: "実施したことを入力してください" })
      .trim()
      .min(1, "実施したことを入力してください")
      .max(1000, "実施したことは1000文字以内で入力してください"),
    fiscalYearFrom: fiscalYear("実施年度（から）"),
    fiscalYearTo: fiscalYear("実施年度（まで）").optional(),
    /** One of the measure's departments (checked on the server against what the viewer may choose). */
    department: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => v.fiscalYearTo === undefined || v.fiscalYearTo >= v.fiscalYearFrom, {
    path: ["fiscalYearTo"],
    message: "実施年度（まで）は（から）と同じか後の年度にしてください",
  });
export type ProgressEntryInput = z.output<typeof progressEntrySchema>;

export const measureStatusSchema = z.object({
  status: z.enum(MEASURE_STATUSES, { error: "状況を選んでください" }),
  reason: z
    .string()
    .trim()
    .max(500, "理由は500文字以内で入力してください")
    .optional()
    .transform((v) => v || null),
});
export type MeasureStatusInput = z.output<typeof measureStatusSchema>;

/** Record types a measure can be linked to; 'project' links are made by recordProjectEvidence. */
export const LINK_SUBJECT_TYPES = ["matching_sheet", "call", "proposal", "project"] as const;
export const LINK_SUBJECT_LABELS: Record<(typeof LINK_SUBJECT_TYPES)[number], string> = {
  matching_sheet: "マッチングシート",
  call: "募集",
  proposal: "提案",
  project: "協働事業",
};

export const linkSchema = z.object({
  sheetId: z.string({ error: "結び付けるマッチングシートを選んでください" }).trim().min(1, "結び付けるマッチングシートを選んでください"),
});

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export const planUploadOptionsSchema = z.object({
  slug: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || SLUG_PATTERN.test(v), "識別名は英小文字・数字・-・_ で64文字以内にしてください"),
  name: z
    .string()
    .trim()
    .max(200, "計画の名前は200文字以内で入力してください")
    .optional()
    .transform((v) => v || undefined),
});
