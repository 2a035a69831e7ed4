// The audit log in the city's words: what each recorded operation is called, what its subject is,
// and its detail as readable 「項目: 値」 pairs. Pure; the admin's audit page uses it, and a test
// checks that every operation the code records has a name here.
import type { AccountSource } from "../../../db/schema";
import { ROLE_LABELS } from "~/auth/viewer";
import { CALL_STAGES } from "~/domain/calls/schema";
import { LATE_POLICIES } from "~/domain/reviews/schema";
import { DECISION_LABELS, REVIEW_TRANSITIONS, STATUS_LABELS as GROUP_STATUS_LABELS } from "~/domain/groups/lifecycle";
import { PROFILE_FIELD_LABELS } from "~/domain/groups/profile";
import { PROPOSAL_STATUS_LABELS, PROPOSAL_TRANSITIONS } from "~/domain/proposals/lifecycle";
import { SHEET_STATUS_LABELS } from "~/domain/sheets/lifecycle";
import { formatDate, formatDateTime } from "../calendar/format";

const FIXED_ACTION_LABELS: Record<string, string> = {
  "user.create": "利用者の登録",
  "user.password.change": "パスワードの変更",
  "user.password.reset": "パスワードの再設定",
  "user.department.set": "所属課の変更",
  "user.email.confirm": "メールアドレスの確認",
  "user.email.change_request": "メールアドレス変更の申し込み",
  "user.email.change": "メールアドレスの変更",
  "user.delete_unconfirmed": "確認されなかった登録の削除",
  "user.two_factor.enable": "二段階認証の設定",
  "user.two_factor.replace": "二段階認証の認証アプリの変更",
  "user.two_factor.disable": "二段階認証の解除",
  "user.two_factor.recovery_codes": "リカバリーコードの再発行",
  "user.two_factor.recovery_code_used": "リカバリーコードでのサインイン",
  "user.two_factor.reset": "二段階認証のリセット（管理者による）",
  "role.grant": "役割の付与",
  "role.revoke": "役割の取り消し",
  "department.create": "課の登録",
  "department.update": "課の変更",
  "department.import": "課の一覧の取り込み",
  "group.register": "団体の登録",
  "group.update": "団体情報の更新",
  "group.invite": "団体メンバーの招待",
  "group.join": "団体への参加",
  "group.transfer": "代表管理者の引き継ぎ",
  "group.remove-member": "団体メンバーの削除",
  "sheet.create": "マッチングシートの作成",
  "sheet.update": "マッチングシートの更新",
  "sheet.status": "マッチングシートの公開状態の変更",
  "sheet.question": "マッチングシートへの質問",
  "sheet.answer": "質問への回答",
  "sheet.interest": "「相談したい」の表明",
  "call.create": "募集の作成",
  "call.update": "募集の更新",
  "call.publish": "募集の公開",
  "proposal.create": "提案の作成",
  "proposal.delete": "下書きの提案の削除",
  "review.rules": "審査の集計方法の設定",
  "review.stage": "審査段階の設定",
  "review.panel_add": "審査委員の追加",
  "review.panel_remove": "審査委員の解除",
  "review.assign": "審査の割り当て",
  "review.unassign": "審査の割り当ての解除",
  "review.conflict": "利害関係の登録",
  "review.reopen": "審査の再開",
  "review.tie_break": "同点の順位の決定",
  "review.invite": "審査委員の招待",
  "review.invite_accept": "審査委員の招待の受諾",
  "award.prepare": "採否の決定案の作成",
  "award.revise": "採否の決定案の修正",
  "award.discard": "採否の決定案の破棄",
  "award.publish": "採否の決定の公表",
  "award.publish_decision": "採否の通知",
  "award.condition_answer": "採択条件への回答",
  "award.condition_confirm": "採択条件の確認",
  "award.condition_return": "採択条件への回答の差戻し",
  "project.confirm-agreement": "協定内容の確認",
  "project.report-submit": "報告の提出",
  "project.report-accept": "報告の受理",
  "project.report-return": "報告の差戻し",
  "project.report-attach": "報告への添付",
  "project.evaluation": "事業の評価",
  "project.measure-add": "施策への関連付け",
  "project.measure-remove": "施策への関連付けの解除",
  "plan.import": "計画書の取り込み",
  "plan.entry.add": "実施したことの追加",
  "plan.status.set": "施策の状況の変更",
  "plan.link.add": "施策への関連付け",
  "plan.link.remove": "施策への関連付けの解除",
  "plan.project-evidence": "協働事業の実績を施策に記録",
};

/** Every operation the portal records, with its name: the fixed ones, each proposal transition, each group decision. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  ...FIXED_ACTION_LABELS,
  ...Object.fromEntries(PROPOSAL_TRANSITIONS.map((t) => [`proposal.${t.action}`, `提案: ${t.label.replace(/(する|とする|を始める|へ進める)$/, "")}`])),
  ...Object.fromEntries(Object.keys(REVIEW_TRANSITIONS).map((d) => [`group.${d}`, `団体の${DECISION_LABELS[d as keyof typeof DECISION_LABELS]}`])),
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? `その他の操作（${action}）`;
}

export const AUDIT_SUBJECT_LABELS: Readonly<Record<string, string>> = {
  user: "利用者",
  department: "課",
  group: "団体",
  matching_sheet: "マッチングシート",
  call: "募集",
  proposal: "提案",
  project: "協働事業",
  plan: "計画",
  measure: "施策",
};

/** Detail keys that name a record another table holds: shown by the record's name, looked up by the query. */
const DETAIL_REFERENCES: Readonly<Record<string, { type: string; label: string }>> = {
  userId: { type: "user", label: "利用者" },
  reviewerId: { type: "user", label: "審査委員" },
  toUserId: { type: "user", label: "引き継ぎ先" },
  groupId: { type: "group", label: "団体" },
  callId: { type: "call", label: "募集" },
  sheetId: { type: "matching_sheet", label: "マッチングシート" },
  planId: { type: "plan", label: "計画" },
};

const DETAIL_KEY_LABELS: Record<string, string> = {
  from: "変更前",
  to: "変更後",
  reason: "理由",
  role: "役割",
  roles: "役割",
  source: "経路",
  email: "メールアドレス",
  signedUpAt: "登録日時",
  invitedEmail: "招待したアドレス",
  name: "名前",
  title: "件名",
  status: "状態",
  frozen: "内容の確定",
  label: "対象",
  file: "ファイル",
  count: "件数",
  outcome: "結果",
  previous: "以前の結果",
  amounts: "金額",
  letterNumber: "通知番号",
  receiptNumber: "受付番号",
  stage: "審査段階",
  order: "順位",
  created: "作成数",
  skippedConflicts: "利害関係で除いた数",
  scope: "範囲",
  kind: "種類",
  side: "申告者",
  excludedSheets: "除外した採点票",
  level: "関わり方",
  condition: "条件",
  affiliation: "所属",
  text: "内容",
  fields: "変更した項目",
  slug: "識別名",
  dryRun: "試行",
  measures: "施策",
  entries: "実施したこと",
  fiscalYear: "年度",
  added: "追加",
  updated: "更新",
  removed: "削除",
  unchanged: "変更なし",
  kept: "残したもの",
  replaced: "置き換え",
  // The plan import's report (plans/commands.server.ts, ImportPlanReport without its summary).
  planUpdated: "計画の項目の更新",
  changes: "変更した施策",
  statuses: "状態の変更",
  statusChanges: "状態を変更した施策の数",
  code: "施策番号",
  keptFields: "ファイルになく残した列",
  warnings: "注意の数",
  // Evidence linked to a measure, a review stage's settings, accounts.
  subjectType: "対象の種類",
  departmentName: "担当課",
  deadline: "締切",
  latePolicy: "締切後の扱い",
  showOthers: "他の委員の採点を見せる",
  emailConfirmed: "メールアドレス確認済み",
  remaining: "残りのリカバリーコード",
  changeReason: "変更の理由",
  before: "変更前",
  after: "変更後",
};

/** The label of a detail's key; `created` is a count where a review stage's sheets are made, a yes/no for a plan. */
function keyLabel(key: string, value: unknown): string {
  if (key === "created" && typeof value === "boolean") return "新しく作成";
  return DETAIL_KEY_LABELS[key] ?? key;
}

const OUTCOME_LABELS: Record<string, string> = { adopted: "採択", conditionally_adopted: "条件付き採択", rejected: "不採択" };
/** How an account came to be (`users.source`, a `user.create` entry's detail), and how a role was granted (`group`). */
const SOURCE_LABELS: Record<AccountSource | "group", string> = {
  cli: "運用コマンド",
  signup: "新規登録",
  group: "団体の登録・参加",
  reviewer_invite: "審査委員の招待",
  demo: "デモデータ",
  test: "自動テスト",
  bench: "性能測定用データ",
  unknown: "不明（記録の開始前）",
};

/** A status word, whichever area's it is. */
function statusWord(value: string): string {
  return (
    (PROPOSAL_STATUS_LABELS as Record<string, string>)[value] ??
    (GROUP_STATUS_LABELS as Record<string, string>)[value] ??
    (SHEET_STATUS_LABELS as Record<string, string>)[value] ??
    value
  );
}

function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "なし";
  if (typeof value === "boolean") return value ? "はい" : "いいえ";
  if (key === "keptFields" && Array.isArray(value)) {
    // [{ field, label, count }]: the column as the file names it, and how many measures had something there.
    return value.length === 0 ? "なし" : value.map((f: { label?: unknown; count?: unknown }) => `${String(f.label)}（${String(f.count)}件）`).join("、");
  }
  if (Array.isArray(value)) return value.length === 0 ? "なし" : value.map((v) => describeValue(key, v)).join("、");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${keyLabel(k, v)} ${describeValue(k, v)}`)
      .join("、");
  }
  const text = String(value);
  if (key === "role" || key === "roles") return (ROLE_LABELS as Record<string, string>)[text] ?? text;
  if (key === "from" || key === "to" || key === "status") return statusWord(text);
  if (key === "outcome" || key === "previous") return OUTCOME_LABELS[text] ?? text;
  if (key === "stage") return CALL_STAGES.label(text); // a vocabulary's label() gives an unknown code back as it is
  if (key === "source") return SOURCE_LABELS[text as AccountSource] ?? text;
  if (key === "fields") return PROFILE_FIELD_LABELS[text] ?? text; // a group's changed profile fields (group.update)
  if (key === "subjectType") return AUDIT_SUBJECT_LABELS[text] ?? text;
  if (key === "latePolicy") return LATE_POLICIES.label(text);
  // Times are stored as ISO UTC; a person reads them on the Tokyo clock.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return formatDateTime(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  return text;
}

export interface DetailLine {
  label: string;
  value: string;
}

/**
 * A stored detail, parsed once for both the names it refers to and its lines: one entry's detail can be
 * large (a plan import lists every changed measure's code, 55 kB on a 5,000-measure plan), and parsing
 * it twice cost half a millisecond of the audit log's page (docs/decisions/0015, "Audit log by cursor").
 * `fields` is empty for JSON that is not an object; text that is not JSON is kept to be shown as it is.
 */
export type AuditDetail = { fields: Readonly<Record<string, unknown>> } | { unreadable: string };

export function readAuditDetail(detailJson: string): AuditDetail {
  let detail: unknown;
  try {
    detail = JSON.parse(detailJson);
  } catch {
    return { unreadable: detailJson };
  }
  return { fields: detail && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>) : {} };
}

/**
 * The detail as 「項目: 値」 lines. References (userId …) are shown by the names in `names`
 * (id → name; an unknown id says so); other ids (entryId, questionId …) are internal and left out.
 */
export function describeAuditDetail(detail: AuditDetail, names: ReadonlyMap<string, string>): DetailLine[] {
  if ("unreadable" in detail) return [{ label: "内容", value: detail.unreadable }];
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(detail.fields)) {
    const reference = DETAIL_REFERENCES[key];
    if (reference) {
      if (typeof value === "string") lines.push({ label: reference.label, value: names.get(value) ?? "（削除済み）" });
      continue;
    }
    if (/Ids?$/.test(key)) continue;
    lines.push({ label: keyLabel(key, value), value: describeValue(key, value) });
  }
  return lines;
}

/** The ids a detail refers to, by the table they are in: for the query that looks their names up. */
export function detailReferences(detail: AuditDetail): Array<{ type: string; id: string }> {
  if ("unreadable" in detail) return [];
  return Object.entries(detail.fields).flatMap(([key, value]) =>
    DETAIL_REFERENCES[key] && typeof value === "string" ? [{ type: DETAIL_REFERENCES[key].type, id: value }] : [],
  );
}
