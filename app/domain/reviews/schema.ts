// The review's forms (審査): the coordinator's stage settings, panel, assignments, conflicts, batch moves
// and aggregation rules; the reviewer's conflict declaration and score sheet; the external reviewer's
// invitation. Each posted form is one zod schema; messages are Japanese and stand beside their field.
// Browser-safe.
import { tokyoLocalToIso } from "../calendar/tokyo-time";
import { PASSWORD_MIN_LENGTH } from "../accounts/schema";
import { labels } from "../vocabulary";
import { z } from "../zod";
import { aggregationRulesSchema, type AggregationRules } from "./aggregation";

export const REVIEW_STAGES = labels([
  { code: "document_review", label: "一次審査（書類審査）" },
  { code: "presentation", label: "二次審査（プレゼンテーション）" },
] as const);
export type ReviewStageCode = (typeof REVIEW_STAGES.codes)[number];

export const CONFLICT_KINDS = labels([
  { code: "member", label: "団体の構成員・役員" },
  { code: "relative", label: "親族" },
  { code: "business", label: "取引関係" },
  { code: "other", label: "その他" },
] as const);

export const LATE_POLICIES = labels([
  { code: "refuse", label: "締切後の提出を受け付けない（下書きは残ります）" },
  { code: "allow", label: "締切後も受け付け、遅延として記録する" },
] as const);

const id = z.string({ error: "選んでください" }).trim().min(1, "選んでください").max(64);
const ids = (message: string) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(64)).min(1, message).max(1000));
const note = (label: string, required = false) => {
  const base = z.string().trim().max(2000, `${label}は2000文字以内で入力してください`);
  return required ? z.string({ error: `${label}を入力してください` }).trim().min(1, `${label}を入力してください`).max(2000, `${label}は2000文字以内で入力してください`) : base.default("");
};
const stage = z.enum(REVIEW_STAGES.codes, { error: "審査の段階を選んでください" });

const deadline = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const iso = tokyoLocalToIso(value);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "締切を日時で入力してください（例: 2027-01-10 17:00、日本時間）" });
      return z.NEVER;
    }
    return iso;
  });

const conflictFields = {
  kind: z.enum(CONFLICT_KINDS.codes, { error: "利害関係の種類を選んでください" }),
  note: note("内容"),
  /** proposal: this proposal only; group: every proposal of its group. */
  scope: z.enum(["proposal", "group"], { error: "対象を選んでください" }).default("proposal"),
};

/** The coordinator's forms on /coordinator/calls/{id}/review, told apart by `intent`. */
export const panelFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("stage"),
    stage,
    deadline,
    latePolicy: z.enum(LATE_POLICIES.codes, { error: "締切後の扱いを選んでください" }).default("refuse"),
    showOthers: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
  }),
  z.object({ intent: z.literal("add_member"), stage, reviewerId: id }),
  z.object({ intent: z.literal("remove_member"), stage, reviewerId: id }),
  z.object({
    intent: z.literal("assign"),
    stage,
    reviewerIds: ids("割り当てる審査委員を選んでください"),
    /** all: every proposal under review in this stage; selected: the ticked ones. */
    scope: z.enum(["all", "selected"]).default("selected"),
    proposalIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(64)).max(1000)),
  }),
  z.object({ intent: z.literal("unassign"), assignmentId: id }),
  z.object({ intent: z.literal("conflict"), reviewerId: id, proposalId: id, ...conflictFields }),
  z.object({ intent: z.literal("move"), action: z.enum(["start_review", "to_presentation"]), proposalIds: ids("対象の提案を選んでください") }),
  z.object({ intent: z.literal("reopen"), sheetId: id, reason: note("再開の理由", true) }),
]);
export type PanelForm = z.infer<typeof panelFormSchema>;

/** The coordinator's order among tied proposals (first = best), with the reason. */
export const tieBreakSchema = z.object({
  stage,
  order: ids("順番を選んでください").refine((list) => new Set(list).size === list.length, "同じ提案を二度選ばないでください"),
  reason: note("理由", true),
});

/** A reviewer's declaration on their assignment's page. */
export const declareConflictSchema = z.object({ intent: z.literal("conflict"), ...conflictFields });

// ---- the score sheet -----------------------------------------------------------------------------

export interface SheetCriterion {
  id: string;
  name: string;
  minPoints: number;
  maxPoints: number;
}

export interface ScoreSheetInput {
  intent: "save" | "submit";
  revision: number;
  /** criterion id → points; absent while a draft leaves it open. */
  points: Record<string, number>;
  commentForApplicant: string;
  privateNote: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * The posted score sheet (`points.<criterionId>`, `commentForApplicant`, `privateNote`, `revision`,
 * `intent`). Each score must be a whole number within its criterion's range; on submit every criterion
 * must be scored. A field naming a criterion of another call is refused.
 */
export function parseScoreSheet(form: Record<string, string>, criteria: readonly SheetCriterion[]): ParseResult<ScoreSheetInput> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  // The page's two buttons (Enter presses the first, 下書き保存) or its autosave: anything else saves nothing.
  if (form.intent !== "save" && form.intent !== "autosave" && form.intent !== "submit") add("form", "「下書きを保存する」か「提出する」のボタンで送信してください。");
  const intent = form.intent === "submit" ? "submit" : "save";
  const revision = Number(form.revision);
  if (!/^\d{1,9}$/.test(form.revision?.trim() ?? "")) add("form", "フォームが古くなっています。ページを再読み込みしてください。");
  const known = new Set(criteria.map((c) => c.id));
  for (const key of Object.keys(form)) {
    if (key.startsWith("points.") && !known.has(key.slice("points.".length))) add("form", "この募集にない審査項目の点数が送られました。ページを再読み込みしてください。");
  }
  const points: Record<string, number> = {};
  for (const c of criteria) {
    const field = `points.${c.id}`;
    const raw = (form[field] ?? "").trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    if (raw === "") {
      if (intent === "submit") add(field, `「${c.name}」の点数を入力してください（${c.minPoints}〜${c.maxPoints}点）`);
      continue;
    }
    if (!/^-?\d+$/.test(raw)) {
      add(field, `「${c.name}」の点数は${c.minPoints}〜${c.maxPoints}の整数で入力してください`);
      continue;
    }
    const n = Number(raw);
    if (n < c.minPoints || n > c.maxPoints) {
      add(field, `「${c.name}」の点数は${c.minPoints}〜${c.maxPoints}点の範囲で入力してください`);
      continue;
    }
    points[c.id] = n;
  }
  const comment = form.commentForApplicant ?? "";
  const privateNote = form.privateNote ?? "";
  if (comment.length > 4000) add("commentForApplicant", "提案者へのコメントは4000文字以内で入力してください");
  if (privateNote.length > 4000) add("privateNote", "委員会向けのメモは4000文字以内で入力してください");
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { intent, revision, points, commentForApplicant: comment.trim(), privateNote: privateNote.trim() } };
}

// ---- the aggregation rules form ------------------------------------------------------------------

const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : undefined);

/**
 * The rules form's fields → AggregationRules. Text boxes arrive as strings; empty means "not set".
 * Fields: combine, dropHighLow (checkbox), dropHighLowMinReviewers, conflictShare, scaleTo, rounding,
 * roundingDigits, passLineValue, passLineUnit, rejectCriterion ("" = any), rejectAtMost, rejectShare,
 * tieBreak, tieBreakCriteria (several).
 */
export function parseRulesForm(form: Record<string, string | string[]>): ParseResult<AggregationRules> {
  const one = (k: string) => {
    const v = form[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const many = (k: string) => {
    const v = form[k];
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter(Boolean);
  };
  const errors: Record<string, string[]> = {};
  if (one("intent") !== "rules") return { ok: false, fieldErrors: { form: ["フォームが古くなっています。ページを再読み込みしてください。"] } };
  const numberField = (k: string, label: string) => {
    const value = num(one(k));
    if (value !== undefined && Number.isNaN(value)) (errors[k] ??= []).push(`${label}は半角数字で入力してください`);
    return value;
  };
  const passLineValue = numberField("passLineValue", "合格ライン");
  const rejectAtMost = numberField("rejectAtMost", "点数");
  const scaleTo = numberField("scaleTo", "換算後の満点");
  const minReviewers = numberField("dropHighLowMinReviewers", "人数");
  const candidate = {
    combine: one("combine") || undefined,
    dropHighLow: one("dropHighLow") === "on",
    dropHighLowMinReviewers: minReviewers,
    conflictShare: one("conflictShare") || undefined,
    absentShare: one("absentShare") || undefined,
    shareRounding: one("shareRounding") || undefined,
    scaleTo: scaleTo ?? null,
    rounding: one("rounding") || undefined,
    roundingDigits: num(one("roundingDigits")),
    passLine: passLineValue !== undefined ? { value: passLineValue, unit: one("passLineUnit") || "points" } : null,
    rejections: rejectAtMost !== undefined ? [{ criterionId: one("rejectCriterion") || null, atMost: rejectAtMost, share: one("rejectShare") || "half_or_more" }] : [],
    tieBreak: one("tieBreak") || undefined,
    tieBreakCriteria: many("tieBreakCriteria"),
    stages: one("stages") || undefined,
  };
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  const parsed = aggregationRulesSchema.safeParse(candidate);
  if (!parsed.success) {
    const map: Record<string, string> = { passLine: "passLineValue", rejections: "rejectAtMost" };
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? "form");
      (errors[map[head] ?? head] ??= []).push(issue.message);
    }
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, value: parsed.data };
}

/** The rules as the form's fields (for the page's default values). */
export function rulesFormValues(rules: AggregationRules): Record<string, string | string[]> {
  const rejection = rules.rejections[0];
  return {
    combine: rules.combine,
    dropHighLow: rules.dropHighLow ? "on" : "",
    dropHighLowMinReviewers: String(rules.dropHighLowMinReviewers),
    conflictShare: rules.conflictShare,
    absentShare: rules.absentShare,
    shareRounding: rules.shareRounding,
    scaleTo: rules.scaleTo === null ? "" : String(rules.scaleTo),
    rounding: rules.rounding,
    roundingDigits: String(rules.roundingDigits),
    passLineValue: rules.passLine ? String(rules.passLine.value) : "",
    passLineUnit: rules.passLine?.unit ?? "points",
    rejectCriterion: rejection?.criterionId ?? "",
    rejectAtMost: rejection ? String(rejection.atMost) : "",
    rejectShare: rejection?.share ?? "half_or_more",
    tieBreak: rules.tieBreak,
    tieBreakCriteria: rules.tieBreakCriteria,
    stages: rules.stages,
  };
}

// ---- external reviewers --------------------------------------------------------------------------

export const reviewerInviteSchema = z.object({
  email: z
    .string({ error: "メールアドレスを入力してください" })
    .trim()
    .min(1, "メールアドレスを入力してください")
    .max(254, "メールアドレスが長すぎます")
    .pipe(z.email("メールアドレスの形式が正しくありません（例: name@example.jp）"))
    .transform((v) => v.toLowerCase()),
  displayName: z.string({ error: "お名前を入力してください" }).trim().min(1, "お名前を入力してください").max(100, "お名前は100文字以内で入力してください"),
  affiliation: z.string().trim().max(100, "区分・所属は100文字以内で入力してください").optional(),
});

/** A posted form as an object: a field sent several times (checkboxes) becomes an array. */
export function formFields(data: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value !== "string") continue;
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** zod issues → messages per field (the first path segment), for the page to show beside each field. */
export function issuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return out;
}

/** An invited reviewer making their account: their name and a password (the address is the invitation's). */
export const reviewerAccountSchema = z
  .object({
    displayName: z.string({ error: "お名前を入力してください" }).trim().min(1, "お名前を入力してください").max(100, "お名前は100文字以内で入力してください"),
    password: z
      .string({ error: "パスワードを入力してください" })
      .min(PASSWORD_MIN_LENGTH, `パスワードは${PASSWORD_MIN_LENGTH}文字以上で入力してください`)
      .max(256, "パスワードは256文字以内で入力してください"),
    passwordConfirm: z.string({ error: "確認用のパスワードを入力してください" }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "確認用のパスワードが一致しません" });
