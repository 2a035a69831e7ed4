// The ten-year big-city dataset of issue 14, generated deterministically (same seed, same rows, same
// ids) into an empty, migrated database — SQLite or PostgreSQL alike, through Kysely with multi-row
// inserts in transactions. At scale 1 ("full"): 5,000 groups, 10,000 sheets, 200 calls over ten fiscal
// years, 30,000 proposals (each naming its departments; this year's second round still drafts, drafts
// under consultation with their messages, and submitted ones waiting; the rest with 2 versions, 5
// reviewers × 8 criteria and their timeline), the groups' histories (a few hundred waiting for review), a
// plan of 5,000 measures with 20,000 entries, 200,000 notifications and 1,000,000 audit rows. Smaller scales shrink
// every count but keep one call of exactly 200 proposals (the result-sheet target) and the plan's shape.
// Past years' adoptions then become finished projects with evidence on the plan (dataset-projects.ts).
// `tests/bench/seed-dataset.ts` is its command line; `pages.bench.ts` seeds or reuses it.
import type { Insertable } from "kysely";
import type { DB } from "../../db/index";
import type { Database } from "../../db/schema";
import { seedProjects } from "./dataset-projects";
import { benchGroupProfile, benchSheetForm, wordsFrom } from "./words";

export interface DatasetCounts {
  groups: number;
  sheets: number;
  calls: number;
  proposals: number;
  measures: number;
  entries: number;
  notifications: number;
  audit: number;
}

export const FULL: DatasetCounts = { groups: 5_000, sheets: 10_000, calls: 200, proposals: 30_000, measures: 5_000, entries: 20_000, notifications: 200_000, audit: 1_000_000 };

/** `full` = 1, `small` = 0.1 (the default of `npm run bench`), or a number. */
export function countsFor(scale: string | number): DatasetCounts {
  const factor = scale === "full" ? 1 : scale === "small" || scale === undefined ? 0.1 : Number(scale);
  if (!(factor > 0 && factor <= 1)) throw new Error(`--scale must be full, small or a number in (0, 1]: ${scale}`);
  const times = (n: number, min: number) => Math.max(min, Math.round(n * factor));
  return {
    groups: times(FULL.groups, 300),
    sheets: times(FULL.sheets, 100),
    calls: times(FULL.calls, 4),
    proposals: times(FULL.proposals, 400),
    measures: times(FULL.measures, 500),
    entries: times(FULL.entries, 2_000),
    notifications: times(FULL.notifications, 2_000),
    audit: times(FULL.audit, 10_000),
  };
}

export const REVIEWERS_PER_PROPOSAL = 5;
export const CRITERIA = 8;
export const BIG_CALL_PROPOSALS = 200;
export const BENCH_PASSWORD = "bench-password-2026";
const DEPARTMENTS = 30;
const REVIEWERS = 50;
const DAY = 86_400_000;
const REJECTION_REASONS = ["活動内容の記載が不足しています。具体的な活動を記入してください。", "連絡先が確認できませんでした。電話番号を確認してください。", "会員数と活動実績の記載を補ってください。"];
const FIRST_FISCAL_YEAR = 2017; // ten fiscal years: 2017 … 2026
const YEARS = 10;

/** Who and what the benchmark signs in as and opens: found again by these fixed names in a seeded database. */
export const BENCH_NAMES = {
  coordinator: "bench-coordinator@example.jp",
  admin: "bench-admin@example.jp",
  staff: "bench-staff0@example.jp", // department 0, owner of sheet 0
  reviewer: "bench-reviewer0@example.jp",
  groupOwner: "bench-group0@example.jp", // owner of group 0, which has proposals in the big call
  bigCallTitle: "令和8年度 市民提案型協働事業（ベンチ・200件）",
  planSlug: "shiroi",
};

// A deterministic pseudo-random sequence and ids that depend only on it, so every run makes the same rows.
let idCounter = 0;
const id = (prefix: string) => `${prefix}${(++idCounter).toString(36).padStart(10, "0")}`;
const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.UTC(FIRST_FISCAL_YEAR, 3, 1);
const END = Date.UTC(2026, 10, 30);
const someTime = () => iso(START + Math.floor(random() * (END - START)));

const TOPICS = [
  "子育て支援", "里山保全", "防犯パトロール", "高齢者サロン", "国際交流", "農業体験", "学習支援", "防災訓練", "障がい者の就労", "食品ロス削減",
  "空き家活用", "音楽会", "スポーツ教室", "パソコン相談", "環境学習", "読み聞かせ", "子ども食堂", "見守り活動", "外国人の日本語学習", "竹林整備",
  "ごみ拾い", "花壇づくり", "歴史の語り部", "郷土料理", "梨の援農", "野鳥観察", "自然観察会", "健康体操", "認知症カフェ", "介護者の集い",
  "手話講座", "点訳ボランティア", "おもちゃの病院", "プレーパーク", "不登校の居場所", "ひとり親の相談", "フードバンク", "リサイクル", "古着の交換会", "落語会",
];
const PLACES = ["西白井", "桜台", "南山", "大山口", "清水口", "池の上", "七次台", "冨士", "白井駅前", "公民センター", "福祉センター", "文化会館", "運動公園", "図書館", "小学校", "集会所", "商店街", "農園"];
const WAYS = ["毎週", "月に2回", "年に4回", "夏休みに", "土曜日の午後に", "平日の夕方に", "季節ごとに"];
/** The pools the dataset's texts are drawn from (the matching memory bench draws its own texts from them too). */
export const WORD_POOLS = { topics: TOPICS, places: PLACES, ways: WAYS };
const words = wordsFrom(20261202, WORD_POOLS);
const { random, pick, some, text } = words;

type Table = keyof Database;

/**
 * Inserts rows many to a statement (under both engines' bound-parameter limits), in one transaction per
 * call. Callers pass batches of a few thousand rows, so memory stays small even for the audit log.
 */
export async function insertMany<T extends Table>(db: DB, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const perStatement = Math.max(1, Math.floor(30_000 / columns));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      // Kysely's insert typing cannot follow a generic table name; the rows are typed by the caller.
      await trx.insertInto(table).values(rows.slice(i, i + perStatement) as never).execute();
    }
  });
}

export interface SeedReport {
  counts: DatasetCounts;
  seconds: Record<string, number>;
}

/** Seeds the dataset into `db` (migrated and empty). Logs each part's time through `log`. */
export async function seedDataset(db: DB, counts: DatasetCounts, log: (line: string) => void = () => {}): Promise<SeedReport> {
  words.restart();
  idCounter = 0;
  const { hashPassword } = await import("../../app/auth/password.server");
  const { profileColumns } = await import("../../app/domain/groups/commands.server");
  const { groupProfileSchema } = await import("../../app/domain/groups/schema");
  const { sheetColumns } = await import("../../app/domain/sheets/commands.server");
  const { sheetSchema } = await import("../../app/domain/sheets/schema");
  const { FIELDS, AREAS, COLLABORATION_FORMS } = await import("../../app/domain/vocabulary");
  const { emptyContent } = await import("../../app/domain/proposals/content");
  const { importPlan } = await import("../../app/domain/plans/commands.server");
  const { formatFiscalYearRange } = await import("../../app/domain/calendar/fiscal-year");
  const { MEASURE_STATUSES } = await import("../../app/domain/plans/types");
  const { PROFILE_FIELD_LABELS } = await import("../../app/domain/groups/profile");
  const REGISTERED_FIELDS = Object.keys(PROFILE_FIELD_LABELS).filter((f) => f !== "status" && f !== "members");
  const EDITED_FIELDS = ["mission", "wishes", "activities", "memberCount", "areas", "fields", "phone", "website", "pastCollaboration"];

  const seconds: Record<string, number> = {};
  let clock = performance.now();
  const lap = (part: string) => {
    const now = performance.now();
    seconds[part] = (now - clock) / 1000;
    clock = now;
    log(`  ${part.padEnd(28)} ${seconds[part].toFixed(1)} s`);
  };
  const at = iso(END);
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  // Departments, and the people: one owner per group, one staff member per department, reviewers.
  const departments = Array.from({ length: DEPARTMENTS }, (_, i) => ({ id: id("d"), name: `ベンチ課${String(i).padStart(2, "0")}`, parent_division: `ベンチ部${i % 6}`, contact: null, created_at: at }));
  await insertMany(db, "departments", departments);
  const users: Insertable<Database["users"]>[] = [];
  const roles: Insertable<Database["user_roles"]>[] = [];
  const user = (email: string, name: string, role: Database["user_roles"]["role"], departmentId: string | null = null) => {
    const userId = id("u");
    // Confirmed addresses: an unconfirmed account is sent to /account/confirm by every guard.
    users.push({ id: userId, email, display_name: name, password_hash: passwordHash, department_id: departmentId, email_confirmed_at: at, source: "bench", created_at: at, updated_at: at });
    roles.push({ user_id: userId, role, granted_at: at, granted_by: null });
    return userId;
  };
  const coordinatorId = user(BENCH_NAMES.coordinator, "ベンチ 協働", "coordinator");
  user(BENCH_NAMES.admin, "ベンチ 管理", "admin");
  const staffIds = departments.map((d, i) => user(`bench-staff${i}@example.jp`, `ベンチ 職員${i}`, "department_staff", d.id));
  const reviewerIds = Array.from({ length: REVIEWERS }, (_, i) => user(`bench-reviewer${i}@example.jp`, `ベンチ 委員${i}`, "reviewer"));
  const ownerIds = Array.from({ length: counts.groups }, (_, i) => user(`bench-group${i}@example.jp`, `ベンチ 代表${i}`, "group_member"));
  await insertMany(db, "users", users);
  await insertMany(db, "user_roles", roles);
  lap(`users (${users.length})`);

  // Groups (95% approved), their lists, activities and owners.
  const groupIds: string[] = [];
  const groupRows: Insertable<Database["groups"]>[] = [];
  const fieldRows: Insertable<Database["group_fields"]>[] = [];
  const areaRows: Insertable<Database["group_areas"]>[] = [];
  const activityRows: Insertable<Database["group_activities"]>[] = [];
  const memberRows: Insertable<Database["group_members"]>[] = [];
  const changeRows: Insertable<Database["group_changes"]>[] = [];
  const groupNames: string[] = [];
  for (let i = 0; i < counts.groups; i++) {
    const input = groupProfileSchema.parse(benchGroupProfile(words, i, { fields: FIELDS.codes, areas: AREAS.codes }));
    const groupId = id("g");
    groupIds.push(groupId);
    groupNames.push(input.name);
    const created = someTime();
    const approved = i === 0 || random() < 0.95;
    // The group's history as the commands write it: registerGroup's row, the coordinator's review
    // (reviewGroup), the members' edits (updateGroup). 2 in 5 pending groups were sent back once and
    // have resubmitted (「再審査を依頼しました」): the coordinator's queue holds both kinds.
    const change = (at: string, by: string, fields: string[], summary: string) => changeRows.push({ id: id("gc"), group_id: groupId, changed_by: by, changed_at: at, fields: JSON.stringify(fields), summary });
    const later = (from: string, days: number) => iso(Date.parse(from) + Math.floor(random() * Math.min(days * DAY, END - Date.parse(from))));
    change(created, ownerIds[i], REGISTERED_FIELDS, "団体を登録しました");
    let updated = created;
    let review: Pick<Insertable<Database["groups"]>, "status_reason" | "reviewed_by" | "reviewed_at"> = { status_reason: null, reviewed_by: null, reviewed_at: null };
    if (approved) {
      updated = later(created, 30);
      review = { status_reason: null, reviewed_by: coordinatorId, reviewed_at: updated };
      change(updated, coordinatorId, ["status"], "協働推進課が承認しました");
      // Group 0 (benchmarked) has kept its profile up to date for years: three pages of history.
      const edits = i === 0 ? 120 : Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        updated = later(updated, i === 0 ? 20 : 400);
        change(updated, ownerIds[i], some(EDITED_FIELDS, 1 + Math.floor(random() * 3)), "団体情報を更新しました");
      }
    } else if (random() < 0.4) {
      const reason = pick(REJECTION_REASONS);
      const rejected = later(created, 30);
      change(rejected, coordinatorId, ["status"], `協働推進課が差戻ししました（理由: ${reason}）`);
      updated = later(rejected, 60);
      review = { status_reason: reason, reviewed_by: coordinatorId, reviewed_at: rejected };
      change(updated, ownerIds[i], [...some(EDITED_FIELDS, 1 + Math.floor(random() * 3)), "status"], "団体情報を修正し、再審査を依頼しました");
    }
    groupRows.push({ id: groupId, status: approved ? "approved" : "pending", created_at: created, updated_at: updated, ...review, ...profileColumns(input) });
    for (const field of new Set(input.fields)) fieldRows.push({ group_id: groupId, field });
    for (const area of new Set(input.areas)) areaRows.push({ group_id: groupId, area });
    input.activities.forEach((a, position) => activityRows.push({ id: id("ga"), group_id: groupId, fiscal_year: a.fiscalYear, title: a.title, description: a.description, position }));
    memberRows.push({ group_id: groupId, user_id: ownerIds[i], role: "owner", joined_at: created });
  }
  await insertMany(db, "groups", groupRows);
  await insertMany(db, "group_fields", fieldRows);
  await insertMany(db, "group_areas", areaRows);
  await insertMany(db, "group_activities", activityRows);
  await insertMany(db, "group_members", memberRows);
  await insertMany(db, "group_changes", changeRows);
  lap(`groups (${counts.groups}, ${changeRows.length} history rows)`);

  // Sheets: 60% published, the rest drafts, closed or archived; sheet 0 is department 0's, published.
  const sheetIds: string[] = [];
  // The published sheets of each fiscal year (the year their form names), with their department: a
  // government call of that year lists some of them (call_sheets), and its proposals answer one.
  const publishedSheets: { id: string; department: number }[][] = Array.from({ length: YEARS }, () => []);
  const sheetRows: Insertable<Database["matching_sheets"]>[] = [];
  const codeRows = { fields: [] as Insertable<Database["sheet_fields"]>[], areas: [] as Insertable<Database["sheet_areas"]>[], forms: [] as Insertable<Database["sheet_forms"]>[] };
  for (let i = 0; i < counts.sheets; i++) {
    const department = i === 0 ? 0 : Math.floor(random() * DEPARTMENTS);
    const input = sheetSchema.parse(benchSheetForm(words, i, { fields: FIELDS.codes, areas: AREAS.codes, forms: COLLABORATION_FORMS.codes }, `${FIRST_FISCAL_YEAR + (i % YEARS)}年度`));
    const sheetId = id("s");
    sheetIds.push(sheetId);
    const roll = random();
    const status = i === 0 || roll < 0.6 ? "published" : roll < 0.7 ? "draft" : roll < 0.9 ? "closed" : "archived";
    const created = someTime();
    if (status === "published") publishedSheets[i % YEARS].push({ id: sheetId, department });
    sheetRows.push({ id: sheetId, department_id: departments[department].id, ...sheetColumns(input, departments[department].name), status, published_at: status === "draft" ? null : created, created_by: staffIds[department], created_at: created, updated_at: created });
    for (const field of input.fields) codeRows.fields.push({ sheet_id: sheetId, field });
    for (const area of input.areas) codeRows.areas.push({ sheet_id: sheetId, area });
    for (const form of input.forms) codeRows.forms.push({ sheet_id: sheetId, form });
  }
  await insertMany(db, "matching_sheets", sheetRows);
  await insertMany(db, "sheet_fields", codeRows.fields);
  await insertMany(db, "sheet_areas", codeRows.areas);
  await insertMany(db, "sheet_forms", codeRows.forms);
  lap(`sheets (${counts.sheets})`);

  // Calls over ten fiscal years; proposals spread over them, the first call (this year's) gets exactly
  // 200. Past years' proposals and the big call's were submitted (2 versions) and reviewed (5 reviewers ×
  // 8 criteria); past years are decided and published. This year's other calls are its second round,
  // open until January (the dataset's "now", END, is in November): 30% of their proposals are drafts, 30%
  // drafts under consultation (事前相談) with the departments they name, and 40% submitted and waiting
  // for the review to start — half of those consulted first. A government call lists 12 of its year's
  // published sheets (call_sheets); each of its proposals answers one (sheet_id), whose department is
  // its related department (proposal_departments), as createDraft writes them; a citizen proposal names
  // 1–2 departments (saveDraft). Every status change has its timeline row (applyTransition's
  // proposal_transitions), every consultation its messages (postMessage's proposal_messages).
  const SHEETS_PER_CALL = 12;
  const groupNumber = new Map(groupIds.map((g, i) => [g, i]));
  const content = (title: string, amount: number, theme: { sheetId: string; departmentIds: string[] }) =>
    JSON.stringify({ ...emptyContent(), title, problem: text(3), purpose: text(2), budget: [{ year: 1, item: "事業費", amount, bearer: "city" }], ...theme });
  const perCall = Math.floor((counts.proposals - BIG_CALL_PROPOSALS) / Math.max(1, counts.calls - 1));
  const receiptSequence = new Map<string, number>();
  const between = (from: string, to: string) => iso(Date.parse(from) + Math.floor(random() * (Date.parse(to) - Date.parse(from))));
  const now = iso(END);
  let proposalsMade = 0;
  let letters = 0;
  let consultations = 0;
  let messagesMade = 0;
  let transitionsMade = 0;
  for (let c = 0; c < counts.calls; c++) {
    const fiscalYear = c === 0 ? 2026 : FIRST_FISCAL_YEAR + (c % YEARS);
    const current = fiscalYear === 2026;
    const open = current && c !== 0; // this year's second round, still taking proposals
    const type = c % 3 === 2 ? "government" : "citizen";
    const callId = id("c");
    const opens = iso(open ? Date.UTC(fiscalYear, 9, 1) : Date.UTC(fiscalYear, 4, 1));
    const closes = iso(open ? Date.UTC(fiscalYear + 1, 0, 29) : Date.UTC(fiscalYear, 5, 30));
    const title = c === 0 ? BENCH_NAMES.bigCallTitle : `${fiscalYear}年度 ${type === "citizen" ? "市民提案型" : "行政提案型"}協働事業 第${c}回`;
    await insertMany(db, "calls", [
      { id: callId, fiscal_year: fiscalYear, type, title, description: text(2), min_members: null, min_years_active: null, opens_at: opens, closes_at: closes, grace_minutes: 0, budget_cap_per_proposal: 1_000_000, budget_cap_total: 50_000_000, city_share_by_year: "[90]", required_attachments: "[]", stages: JSON.stringify(["document_review"]), status: "published", first_submitted_at: opens, published_at: opens, created_by: coordinatorId, created_at: opens, updated_at: opens },
    ]);
    const yearSheets = publishedSheets[fiscalYear - FIRST_FISCAL_YEAR];
    const themes = type === "government" ? some(yearSheets.length ? yearSheets : publishedSheets.flat(), SHEETS_PER_CALL) : [];
    await insertMany(db, "call_sheets", themes.map((sheet) => ({ call_id: callId, sheet_id: sheet.id })));
    const criteria = Array.from({ length: CRITERIA }, (_, i) => ({ id: id("k"), call_id: callId, position: i, name: `審査項目${i + 1}`, description: "", max_points: 10, weight: 1 + (i % 3) }));
    await insertMany(db, "call_criteria", criteria);
    await insertMany(db, "review_rules", [{ call_id: callId, rules: JSON.stringify({ dropHighLow: true, scaleTo: 100, rounding: "half_up", roundingDigits: 1, passLine: { value: 50, unit: "percent" } }), updated_by: coordinatorId, updated_at: opens }]);
    const stageId = id("rs");
    await insertMany(db, "review_stages", [{ id: stageId, call_id: callId, stage: "document_review", deadline: closes, created_at: opens, updated_at: opens }]);
    const panel = Array.from({ length: REVIEWERS_PER_PROPOSAL }, (_, i) => reviewerIds[(c * REVIEWERS_PER_PROPOSAL + i) % REVIEWERS]);
    if (c === 0) panel[0] = reviewerIds[0];
    await insertMany(db, "review_panel_members", panel.map((reviewer_id) => ({ stage_id: stageId, reviewer_id, added_by: coordinatorId, added_at: opens })));

    const count = c === 0 ? BIG_CALL_PROPOSALS : c === counts.calls - 1 ? counts.proposals - proposalsMade : perCall;
    const proposals: Insertable<Database["proposals"]>[] = [];
    const related: Insertable<Database["proposal_departments"]>[] = [];
    const versions: Insertable<Database["proposal_versions"]>[] = [];
    const transitions: Insertable<Database["proposal_transitions"]>[] = [];
    const messages: Insertable<Database["proposal_messages"]>[] = [];
    const assignments: Insertable<Database["review_assignments"]>[] = [];
    const sheets: Insertable<Database["score_sheets"]>[] = [];
    const scores: Insertable<Database["scores"]>[] = [];
    const decisions: Insertable<Database["decisions"]>[] = [];
    const usedGroups = new Set<string>();
    for (let p = 0; p < count; p++) {
      // Group 0 has a proposal in the big call (its dashboard and proposal page are benchmarked).
      let groupId = c === 0 && p === 0 ? groupIds[0] : pick(groupIds);
      while (usedGroups.has(groupId)) groupId = pick(groupIds);
      usedGroups.add(groupId);
      const owner = groupNumber.get(groupId)!;
      const proposalId = id("p");
      const roll = open ? random() : 1;
      const kind = !open ? "reviewed" : roll < 0.3 ? "draft" : roll < 0.6 ? "consulting" : "waiting";
      const submitted = kind === "reviewed" || kind === "waiting";
      const sheet = type === "government" ? pick(themes) : null;
      const departmentNumbers = sheet ? [sheet.department] : [...new Set([Math.floor(random() * DEPARTMENTS), ...(random() < 0.4 ? [Math.floor(random() * DEPARTMENTS)] : [])])];
      const theme = { sheetId: sheet?.id ?? "", departmentIds: sheet ? [] : departmentNumbers.map((d) => departments[d].id) };
      for (const d of departmentNumbers) related.push({ proposal_id: proposalId, department_id: departments[d].id });
      const adopted = random() < 0.3;
      const status = kind === "draft" || kind === "consulting" ? "draft" : kind === "waiting" ? "submitted" : current ? "in_review" : adopted ? "closed" : "rejected";
      const proposalTitle = `${pick(TOPICS)}で${pick(PLACES)}をつなぐ事業（${c}-${p}）`;
      const amount = 100_000 + Math.floor(random() * 900) * 1000;
      const draft = content(proposalTitle, amount, theme);
      // When it was started, last saved and (if it was) submitted; a draft is still being written.
      const created = open ? between(opens, now) : opens;
      const submittedAt = kind === "reviewed" ? closes : kind === "waiting" ? between(created, now) : null;
      const updated = submittedAt ?? between(created, now);
      const consultedAt = kind === "consulting" || (kind === "waiting" && random() < 0.5) ? between(created, updated) : null;
      let sequence: number | null = null;
      if (submitted) {
        const key = `${fiscalYear}:${type}`;
        sequence = (receiptSequence.get(key) ?? 0) + 1;
        receiptSequence.set(key, sequence);
      }
      const ownerName = `ベンチ 代表${owner}`;
      proposals.push({
        id: proposalId, call_id: callId, group_id: groupId, type, sheet_id: sheet?.id ?? null, status, title: proposalTitle, draft,
        revision: submitted ? 2 : 1 + Math.floor(random() * 8), saved_by: open ? ownerIds[owner] : null, saved_at: updated,
        current_version: kind === "reviewed" ? 2 : kind === "waiting" ? 1 : 0,
        receipt_number: sequence === null ? null : `${fiscalYear}-${type === "citizen" ? "市民" : "行政"}-${String(sequence).padStart(5, "0")}`, receipt_fiscal_year: sequence === null ? null : fiscalYear, receipt_sequence: sequence,
        first_submitted_at: kind === "reviewed" ? opens : submittedAt, submitted_at: submittedAt, consultation_opened_at: consultedAt,
        created_by: open ? ownerIds[owner] : null, created_at: created, updated_at: updated,
      });
      if (consultedAt) {
        // The group opens the thread; the department (its first related one) and the group take turns.
        consultations++;
        const department = departmentNumbers[0];
        const thread = 1 + Math.floor(random() * 6);
        for (let m = 0; m < thread; m++) {
          const side = m % 2 === 0 ? "group" : "department";
          const at = iso(Date.parse(consultedAt) + Math.floor(((Date.parse(updated) - Date.parse(consultedAt)) * m) / thread));
          messages.push(
            side === "group"
              ? { id: id("pm"), proposal_id: proposalId, author_id: ownerIds[owner], author_name: ownerName, author_side: side, author_organization: groupNames[owner], body: `${text(1)}ご相談させてください。`, created_at: at }
              : { id: id("pm"), proposal_id: proposalId, author_id: staffIds[department], author_name: `ベンチ 職員${department}`, author_side: side, author_organization: departments[department].name, body: `${text(1)}担当課として協力できます。`, created_at: at },
          );
        }
        messagesMade += thread;
      }
      if (!submitted) continue;
      const step = (at: string, actor: "group" | "coordinator", action: string, from: string, to: string, reason: string | null = null) =>
        transitions.push({ id: id("pt"), proposal_id: proposalId, at, actor_id: actor === "group" ? ownerIds[owner] : coordinatorId, actor_name: actor === "group" ? ownerName : "ベンチ 協働", actor_role: actor, actor_organization: actor === "group" ? groupNames[owner] : null, action, from_status: from, to_status: to, reason });
      if (kind === "waiting") {
        versions.push({ proposal_id: proposalId, version: 1, content: draft, submitted_at: submittedAt!, submitted_by: ownerIds[owner] });
        step(submittedAt!, "group", "submit", "draft", "submitted");
        continue;
      }
      versions.push({ proposal_id: proposalId, version: 1, content: content(proposalTitle, amount + 50_000, theme), submitted_at: opens, submitted_by: null });
      versions.push({ proposal_id: proposalId, version: 2, content: draft, submitted_at: closes, submitted_by: null });
      step(opens, "group", "submit", "draft", "submitted");
      step(closes, "coordinator", "start_review", "submitted", "in_review");
      for (const reviewerId of panel) {
        const assignmentId = id("ra");
        assignments.push({ id: assignmentId, stage_id: stageId, proposal_id: proposalId, reviewer_id: reviewerId, assigned_by: coordinatorId, assigned_at: opens });
        const sheetId = id("ss");
        sheets.push({ id: sheetId, assignment_id: assignmentId, status: "submitted", revision: 1, saved_at: closes, submitted_at: closes, excluded_at: null, excluded_reason: null });
        for (const criterion of criteria) scores.push({ sheet_id: sheetId, criterion_id: criterion.id, points: Math.floor(random() * 11) });
      }
      if (!current) {
        const reason = adopted ? "審査の結果、協働の効果が見込まれるため採択とします。" : "審査の結果、採択に至りませんでした。";
        decisions.push({ proposal_id: proposalId, call_id: callId, outcome: adopted ? "adopted" : "rejected", reason: adopted ? "" : reason, amounts: JSON.stringify(adopted ? [amount] : []), letter_number: `ベンチ第${++letters}号`, revision: 1, prepared_by: coordinatorId, prepared_at: closes, published_at: closes, updated_at: closes });
        if (!adopted) {
          step(closes, "coordinator", "decide_reject", "in_review", "rejected", reason);
        } else {
          // Decided at the publication; the project's steps after it (agreement … close) are written with
          // the project (dataset-projects.ts), which also turns some adoptions into conditional ones.
          step(closes, "coordinator", "decide_adopt", "in_review", "adopted", reason);
        }
      }
    }
    proposalsMade += count;
    transitionsMade += transitions.length;
    await insertMany(db, "proposals", proposals);
    await insertMany(db, "proposal_departments", related);
    await insertMany(db, "proposal_versions", versions);
    await insertMany(db, "proposal_transitions", transitions);
    await insertMany(db, "proposal_messages", messages);
    await insertMany(db, "review_assignments", assignments);
    await insertMany(db, "score_sheets", sheets);
    await insertMany(db, "scores", scores);
    await insertMany(db, "decisions", decisions);
    if (!current) await insertMany(db, "award_publications", [{ call_id: callId, published_at: closes, published_by: coordinatorId }]);
  }
  lap(`calls (${counts.calls}), proposals (${proposalsMade}; ${consultations} consultations, ${messagesMade} messages, ${transitionsMade} transitions)`);

  // The plan: three levels, `measures` of them, `entries` progress entries, through the importer itself.
  const leafCount = Math.max(100, counts.measures - 110); // 10 goals and 100 policies above the leaves
  type ParsedMeasure = import("../../app/domain/plans/types").ParsedMeasure;
  const measures: ParsedMeasure[] = [];
  const leaves: ParsedMeasure[] = [];
  const base = { implementers: [], targetActors: [], schedule: [], labels: [], line: 0 };
  for (let g = 1; g <= 10; g++) {
    measures.push({ ...base, entries: [], code: `${g}`, parentCode: null, level: 0, title: `基本目標${g}`, departments: [] });
    for (let p = 1; p <= 10; p++) {
      const policy = `${g}-(${p})`;
      measures.push({ ...base, entries: [], code: policy, parentCode: `${g}`, level: 1, title: `施策${g}-${p}`, departments: [] });
      const policyIndex = (g - 1) * 10 + (p - 1);
      const leavesHere = Math.floor(leafCount / 100) + (policyIndex < leafCount % 100 ? 1 : 0);
      for (let l = 1; l <= leavesHere; l++) {
        const leaf: ParsedMeasure = { ...base, entries: [], code: `${policy}-${l}`, parentCode: policy, level: 2, title: `具体的な事業 ${g}-${p}-${l} 市民と協働して地域の課題を解決する取り組み`, departments: [departments[l % DEPARTMENTS].name, departments[(l + 2) % DEPARTMENTS].name], status: MEASURE_STATUSES[l % MEASURE_STATUSES.length] };
        measures.push(leaf);
        leaves.push(leaf);
      }
    }
  }
  for (let i = 0; i < counts.entries; i++) {
    const from = FIRST_FISCAL_YEAR + (i % 8);
    const to = from + (i % 3);
    leaves[i % leaves.length].entries.push({ text: `実施したこと${i + 1}: 講座の開催と報告書の公開、関係団体との意見交換`, fiscalYearFrom: from, fiscalYearTo: to, fiscalYearLabel: formatFiscalYearRange(from, to), departments: [departments[i % DEPARTMENTS].name], line: 0 });
  }
  await importPlan(db, { layout: "shiroi-progress", title: "白井市 協働のまちづくり推進計画（ベンチ）", levelNames: ["基本目標", "施策", "具体的な事業"], measures, warnings: [] }, { slug: BENCH_NAMES.planSlug, actorId: null });
  lap(`plan (${measures.length} measures, ${counts.entries} entries)`);

  // Notifications: 200,000 over everyone who gets them, a third unread.
  const recipients = [...ownerIds, ...staffIds, ...reviewerIds, coordinatorId];
  for (let done = 0; done < counts.notifications; ) {
    const batch: Insertable<Database["notifications"]>[] = [];
    for (; batch.length < 20_000 && done < counts.notifications; done++) {
      const created = someTime();
      batch.push({ id: id("n"), user_id: done < 200 ? ownerIds[0] : pick(recipients), kind: pick(["proposal.status", "group.approved", "review.assigned", "sheet.question"]), title: `${pick(TOPICS)}についてのお知らせ`, body: text(1), link: "/dashboard", created_at: created, read_at: random() < 0.33 ? null : created, mailed_at: created });
    }
    await insertMany(db, "notifications", batch);
  }
  lap(`notifications (${counts.notifications})`);

  // The audit log: a million rows, written 50,000 to a transaction.
  // Operations the portal records, each with its own kind of subject and a detail of the usual shape, so
  // that the audit log's page reads (and looks names up) as it would in a city's database.
  const actors = [coordinatorId, ...staffIds, ...ownerIds.slice(0, 1000)];
  const operations: Array<() => Pick<Insertable<Database["audit_log"]>, "action" | "subject_type" | "subject_id" | "detail">> = [
    () => ({ action: "group.update", subject_type: "group", subject_id: pick(groupIds), detail: JSON.stringify({ fields: [pick(["活動内容", "連絡先", "活動地域"])] }) }),
    () => ({ action: "sheet.status", subject_type: "matching_sheet", subject_id: pick(sheetIds), detail: JSON.stringify({ from: "draft", to: "published" }) }),
    () => ({ action: "user.password.change", subject_type: "user", subject_id: pick(ownerIds), detail: "{}" }),
    () => ({ action: "group.join", subject_type: "group", subject_id: pick(groupIds), detail: JSON.stringify({ userId: pick(ownerIds) }) }),
  ];
  for (let done = 0; done < counts.audit; ) {
    const batch: Insertable<Database["audit_log"]>[] = [];
    for (; batch.length < 50_000 && done < counts.audit; done++) {
      batch.push({ id: id("a"), actor_user_id: pick(actors), ...pick(operations)(), created_at: someTime() });
    }
    await insertMany(db, "audit_log", batch);
  }
  lap(`audit log (${counts.audit})`);
  await seedProjects(db, { id, words, lap, coordinatorId, staffIds, departments });
  return { counts, seconds };
}
