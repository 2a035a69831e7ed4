// The department form and the rows of a department CSV share these rules. Browser-safe.
import { z } from "../zod";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .optional()
    .transform((value) => value || null);

export const departmentSchema = z.object({
  name: z
    .string({ error: "課名を入力してください" })
    .trim()
    .min(1, "課名を入力してください")
    .max(100, "課名は100文字以内で入力してください"),
  parentDivision: optionalText(100, "部名"),
  contact: optionalText(200, "連絡先"),
});

export type DepartmentInput = z.output<typeof departmentSchema>;

/** Editing a department also names its 協働推進員 (one of its staff), which a CSV row does not carry. */
export const departmentEditSchema = departmentSchema.extend({
  promoterUserId: z
    .string()
    .optional()
    .transform((value) => value || null),
});

export type DepartmentEditInput = z.output<typeof departmentEditSchema>;
