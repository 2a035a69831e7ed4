// The group profile form and the member and review forms: the same rules in the browser and on the
// server. Browser-safe.
import { AREAS, ACTORS, FIELDS, LEGAL_FORMS } from "../vocabulary";
import { searchQuerySchema, z } from "../zod";
import { parseFoundingYear } from "./founding";
import { parseFiscalYear } from "../calendar/fiscal-year";

export const VISIBILITIES = ["public", "staff"] as const;
export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
  public: "公開",
  staff: "市の職員のみ",
};

/** Long texts (mission, wishes …) and the limits every text field has. */
export const LONG_TEXT_MAX = 2000;
export const MAX_ACTIVITIES = 30;

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label}を入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .max(max, `${label}は${max}文字以内で入力してください`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください`)
    .optional()
    .transform((value) => value || null);

// Hiragana, katakana (half-width katakana becomes full-width under NFKC), the long-vowel mark, middle dot, spaces.
const KANA = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fb-\u30fe\s]+$/;

const kana = requiredText("ふりがな", 100)
  .transform((value) => value.normalize("NFKC"))
  .refine((value) => KANA.test(value), "ふりがなは、ひらがなまたはカタカナで入力してください（漢字・英数字は使えません）");

const phone = z
  .string()
  .trim()
  .max(30, "電話番号は30文字以内で入力してください")
  .transform((value) => value.normalize("NFKC").replace(/[‐－ー―]/g, "-"))
  .refine(
    (value) => /^\+?[0-9][0-9\-() ]*$/.test(value) && (value.match(/[0-9]/g) ?? []).length >= 10 && (value.match(/[0-9]/g) ?? []).length <= 15,
    "電話番号は数字とハイフンで入力してください（例: 047-492-1111）",
  )
  .optional()
  .transform((value) => value || null);

const email = z
  .string()
  .trim()
  .max(254, "メールアドレスが長すぎます")
  .pipe(z.email("メールアドレスの形式が正しくありません（例: info@example.jp）"))
  .transform((value) => value.toLowerCase())
  .optional()
  .transform((value) => value || null);

const website = z
  .string()
  .trim()
  .max(300, "ウェブサイトのアドレスは300文字以内で入力してください")
  .pipe(z.url({ protocol: /^https?$/, error: "ウェブサイトは http:// または https:// で始まるアドレスを入力してください" }))
  .optional()
  .transform((value) => value || null);

const visibility = (label: string) => z.enum(VISIBILITIES, { error: `${label}の公開範囲を選んでください` }).default("staff");

const currentYear = () => new Date().getFullYear();

const foundedYear = z
  .string()
  .trim()
  .max(20, "設立年は「2021」「令和3年」「R3」のように入力してください")
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const year = parseFoundingYear(value);
    if (year === null || year < 1868 || year > currentYear()) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: "設立年は「2021」「令和3年」「R3」のように入力してください（今年まで）",
      });
      return z.NEVER;
    }
    return year;
  });

const activity = z
  .object({
    fiscalYear: z.string().trim().max(20, "年度は「令和5年度」「R5」「2023」のように入力してください").optional(),
    title: z.string().trim().max(100, "活動名は100文字以内で入力してください").optional(),
    description: z.string().trim().max(1000, "活動の内容は1000文字以内で入力してください").optional(),
  })
  .superRefine((row, ctx) => {
    const filled = Boolean(row.fiscalYear || row.title || row.description);
    if (filled && !row.title) ctx.addIssue({ code: "custom", path: ["title"], message: "活動名を入力してください" });
    if (row.fiscalYear && parseFiscalYear(row.fiscalYear) === null) {
      ctx.addIssue({ code: "custom", path: ["fiscalYear"], message: "年度は「令和5年度」「R5」「2023」のように入力してください" });
    }
  });

export const groupProfileSchema = z.object({
  name: requiredText("団体名", 100),
  nameKana: kana,
  legalForm: z.enum(LEGAL_FORMS.codes, { error: "法人格・団体の種類を選んでください" }),
  actorType: z.enum(ACTORS.codes, { error: "協働主体の種類を選んでください" }),
  fields: z
    .array(z.enum(FIELDS.codes, { error: "活動分野は一覧から選んでください" }), { error: "活動分野を1つ以上選んでください" })
    .min(1, "活動分野を1つ以上選んでください"),
  areas: z
    .array(z.enum(AREAS.codes, { error: "活動地域は一覧から選んでください" }), { error: "活動地域を1つ以上選んでください" })
    .min(1, "活動地域を1つ以上選んでください"),
  foundedYear,
  foundedMonth: z
    .number({ error: "設立月は1〜12の数字で選んでください" })
    .int("設立月は1〜12の数字で選んでください")
    .min(1, "設立月は1〜12の数字で選んでください")
    .max(12, "設立月は1〜12の数字で選んでください")
    .optional()
    .transform((value) => value ?? null),
  memberCount: z
    .number({ error: "会員数は数字で入力してください" })
    .int("会員数は整数で入力してください")
    .min(1, "会員数は1以上で入力してください")
    .max(1_000_000, "会員数は1000000以下で入力してください")
    .optional()
    .transform((value) => value ?? null),
  representativeName: requiredText("代表者名", 100),
  email,
  emailVisibility: visibility("メールアドレス"),
  phone,
  phoneVisibility: visibility("電話番号"),
  address: optionalText("所在地", 200),
  addressVisibility: visibility("所在地"),
  website,
  websiteVisibility: visibility("ウェブサイト"),
  mission: requiredText("活動の目的・内容", LONG_TEXT_MAX),
  wishes: optionalText("市と取り組みたいこと", LONG_TEXT_MAX),
  pastCollaboration: optionalText("市との協働の経験", LONG_TEXT_MAX),
  activities: z
    .array(activity.optional())
    .max(MAX_ACTIVITIES, `活動実績は${MAX_ACTIVITIES}件まで入力できます`)
    .optional()
    .transform((rows) =>
      (rows ?? [])
        .filter((row): row is NonNullable<typeof row> => Boolean(row?.title))
        .map((row) => ({
          fiscalYear: row.fiscalYear ? parseFiscalYear(row.fiscalYear) : null,
          title: row.title!,
          description: row.description || null,
        })),
    ),
});

export type GroupProfileInput = z.output<typeof groupProfileSchema>;

/** The coordinator's decision on a group; a rejection or suspension always says why. */
export const reviewSchema = z
  .object({
    groupId: z.string().min(1),
    decision: z.enum(["approve", "reject", "suspend"], { error: "操作を選んでください" }),
    reason: optionalText("理由", LONG_TEXT_MAX),
  })
  .refine((value) => value.decision === "approve" || Boolean(value.reason), {
    path: ["reason"],
    message: "差戻し・停止の理由を入力してください（団体に表示されます）",
  });

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: "招待する人のメールアドレスを入力してください" })
    .trim()
    .min(1, "招待する人のメールアドレスを入力してください")
    .max(254, "メールアドレスが長すぎます")
    .pipe(z.email("メールアドレスの形式が正しくありません（例: name@example.jp）"))
    .transform((value) => value.toLowerCase()),
});

export const memberChangeSchema = z.object({
  intent: z.enum(["transfer", "remove"]),
  userId: z.string().min(1),
});

/** The directory's query string. Anything unknown is ignored rather than refused. */
export const directoryQuerySchema = z.object({
  q: searchQuerySchema,
  field: z.enum(FIELDS.codes).optional().catch(undefined),
  area: z.enum(AREAS.codes).optional().catch(undefined),
  legalForm: z.enum(LEGAL_FORMS.codes).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  return directoryQuerySchema.parse({
    q: params.get("q") ?? undefined,
    field: params.get("field") || undefined,
    area: params.get("area") || undefined,
    legalForm: params.get("legalForm") || undefined,
    page: params.get("page") ?? 1,
  });
}
