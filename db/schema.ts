// The database, one interface per table. Timestamps are ISO-8601 UTC strings (same on SQLite and
// PostgreSQL), ids are made in the app, booleans are 0/1 integers.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export const ROLES = ["group_member", "department_staff", "reviewer", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: string;
  email: string; // stored lower-cased
  display_name: string;
  password_hash: string;
  department_id: string | null;
  /** 'immediate': a mail per notification; 'daily': one digest a day. */
  mail_frequency: Generated<MailFrequency>;
  /** When the address was proven (a confirmation link followed, an invitation, a reset); null until then. */
  email_confirmed_at: string | null;
  /** How the account came to be; only a self sign-up ('signup') is ever deleted for never being confirmed. */
  source: AccountSource;
  created_at: string;
  updated_at: string;
}

/**
 * How an account came to be: self sign-up, a reviewer invitation accepted with a new account, the
 * operators' CLI, the demo; the test suites and benchmarks make their own ('test', 'bench'). 'unknown':
 * made before the column (migration 2026-12-05-31) with no `user.create` entry in the audit log saying how
 * (the demo's accounts, which never wrote one).
 */
export type AccountSource = "signup" | "reviewer_invite" | "cli" | "demo" | "test" | "bench" | "unknown";

export type MailFrequency = "immediate" | "daily";

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
  mailed_at: string | null;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  granted_at: string;
  granted_by: string | null;
}

/** `id` is the SHA-256 (hex) of the session token in the cookie; the token itself is never stored. */
export interface SessionTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  /** When the holder last entered their password (sign-in or re-authentication); null: not known. */
  authenticated_at: string | null;
}

/** An account's authenticator (TOTP) secret: confirmed, and/or one being set up. */
export interface SecondFactorTable {
  user_id: string;
  secret: string | null;
  confirmed_at: string | null;
  last_used_step: number | null;
  pending_secret: string | null;
  pending_created_at: string | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** A correct password waiting for its second step; `id` is the SHA-256 of the pending cookie's token. */
export interface PendingSignInTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export type ConfirmationPurpose = "signup" | "change";

/** A one-time link proving an address: the account's own after sign-up, or a new one it changes to. */
export interface EmailConfirmationTable {
  token_hash: string;
  user_id: string;
  email: string;
  purpose: ConfirmationPurpose;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export type MailRequestKind = "signup" | "password_reset" | "confirmation_resend" | "email_change";

/** A request that sends mail, counted per address and per client for throttling. */
export interface MailRequestTable {
  id: string;
  kind: MailRequestKind;
  email: string;
  client_address: string;
  requested_at: string;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  client_address: string;
  succeeded: number;
  attempted_at: string;
}

export interface AuditLogTable {
  id: string;
  actor_user_id: string | null;
  /** When the actor's account was deleted (its id then emptied): shown as a deleted account, not as the system. */
  actor_deleted_at: Generated<string | null>;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string; // JSON
  created_at: string;
}

/** Counters of content that caches are keyed by; row `public` is bumped by every audited write a visitor can see (app/http/page-cache.ts). */
export interface ContentVersionTable {
  name: string;
  version: number;
}

export interface DepartmentTable {
  id: string;
  name: string;
  parent_division: string | null;
  contact: string | null;
  /** The department's 協働推進員: its contact point for proposals. */
  promoter_user_id: string | null;
  created_at: string;
}

export type GroupStatus = "pending" | "approved" | "rejected" | "suspended";

export type Visibility = "public" | "staff";

export interface GroupTable {
  id: string;
  name: string;
  name_kana: string;
  status: GroupStatus;
  created_at: string;
  updated_at: string;
  legal_form: string | null;
  actor_type: string | null;
  founded_year: number | null;
  founded_month: number | null;
  member_count: number | null;
  representative_name: string | null; // never shown publicly
  email: string | null;
  email_visibility: Generated<Visibility>;
  phone: string | null;
  phone_visibility: Generated<Visibility>;
  address: string | null;
  address_visibility: Generated<Visibility>;
  website: string | null;
  website_visibility: Generated<Visibility>;
  mission: string | null;
  wishes: string | null; // 今後の希望
  past_collaboration: string | null;
  status_reason: string | null; // why it was rejected or suspended; the group sees it
  reviewed_by: string | null;
  reviewed_at: string | null;
  search_text: Generated<string>; // foldForSearch of the public text, for LIKE '%q%'
}

export interface GroupFieldTable {
  group_id: string;
  field: string;
}

export interface GroupAreaTable {
  group_id: string;
  area: string;
}

/** 活動実績: one past activity. */
export interface GroupActivityTable {
  id: string;
  group_id: string;
  fiscal_year: number | null;
  title: string;
  description: string | null;
  position: number;
}

export interface GroupChangeTable {
  id: string;
  group_id: string;
  changed_by: string | null;
  changed_at: string;
  fields: string; // JSON string[] of changed field names
  summary: string;
}

/** `token_hash` is the SHA-256 (hex) of the token in the mailed link. */
export interface GroupInviteTable {
  token_hash: string;
  group_id: string;
  email: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
  role: "owner" | "member";
  joined_at: string;
}

export const SHEET_STATUSES = ["draft", "published", "closed", "archived"] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export interface MatchingSheetTable {
  id: string;
  department_id: string;
  title: string;
  background: string;
  outcomes: string;
  offer_people: string;
  offer_places: string;
  offer_money: string;
  offer_information: string;
  budget_scale: string | null;
  fiscal_year: number | null;
  period: string | null;
  apply_until: string | null; // YYYY-MM-DD
  priority: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: SheetStatus;
  search_text: string;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SheetFieldTable {
  sheet_id: string;
  field: string;
}

export interface SheetAreaTable {
  sheet_id: string;
  area: string;
}

export interface SheetFormTable {
  sheet_id: string;
  form: string;
}

export interface SheetQuestionTable {
  id: string;
  sheet_id: string;
  group_id: string;
  asked_by: string | null;
  question: string;
  asked_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

export type InterestLevel = "interested" | "consult";

export interface SheetInterestTable {
  sheet_id: string;
  group_id: string;
  level: InterestLevel;
  marked_by: string | null;
  marked_at: string;
}

export interface PlanTable {
  id: string;
  slug: string;
  name: string;
  city: string | null;
  first_fiscal_year: number | null;
  last_fiscal_year: number | null;
  level_names: string; // JSON string[]
  layout: string;
  title: string;
  issued: string | null;
  tier_summary: string | null; // JSON, the tier header as printed
  created_at: string;
  updated_at: string;
}

export interface MeasureTable {
  id: string;
  plan_id: string;
  code: string;
  parent_id: string | null;
  level: number;
  position: number;
  title: string;
  page_ref: string | null;
  description: string | null;
  purpose: string | null;
  current_issues: string | null;
  content: string | null;
  completion_criteria: string | null;
  tier: string | null;
  status: string | null;
  next_term_proposal: string | null;
  next_term_reason: string | null;
  relist_of_measure_id: string | null;
  target_actors: string; // JSON string[]
  implementers: string; // JSON string[]
  labels: string; // JSON string[]
  schedule: string; // JSON {fiscalYear, label}[]
  created_at: string;
  updated_at: string;
}

/** Department names as printed in the plan (not all of them are in `departments`). */
export interface MeasureDepartmentTable {
  measure_id: string;
  position: number;
  department_name: string;
}

export const PROGRESS_ENTRY_SOURCES = ["imported", "staff", "project"] as const;
export type ProgressEntrySource = (typeof PROGRESS_ENTRY_SOURCES)[number];

export interface ProgressEntryTable {
  id: string;
  measure_id: string;
  text: string;
  fiscal_year_from: number | null;
  fiscal_year_to: number | null;
  fiscal_year_label: string | null;
  departments: string; // JSON string[]
  source: ProgressEntrySource;
  source_id: string | null;
  position: number;
  created_at: string;
  created_by: string | null;
}

export interface MeasureStatusChangeTable {
  id: string;
  measure_id: string;
  from_status: string | null;
  to_status: string | null;
  changed_by: string | null;
  reason: string | null;
  changed_at: string;
}

export const MEASURE_LINK_SUBJECTS = ["matching_sheet", "call", "proposal", "project"] as const;
export type MeasureLinkSubject = (typeof MEASURE_LINK_SUBJECTS)[number];

export interface MeasureLinkTable {
  id: string;
  measure_id: string;
  subject_type: MeasureLinkSubject;
  subject_id: string;
  fiscal_year: number | null;
  department_name: string | null;
  linked_by: string | null;
  linked_at: string;
}

export type CallType = "government" | "citizen";
export type CallStatus = "draft" | "published";
export type CallStage = "formal_check" | "document_review" | "presentation";

/** A call for proposals (募集). Open / closed are not stored: they follow from the dates of a published call. */
export interface CallTable {
  id: string;
  fiscal_year: number;
  type: CallType;
  title: string;
  description: string;
  min_members: number | null;
  min_years_active: number | null;
  opens_at: string; // ISO UTC
  closes_at: string; // ISO UTC
  grace_minutes: number;
  budget_cap_per_proposal: number; // yen
  budget_cap_total: number; // yen
  city_share_by_year: string; // JSON number[] (percent per project year)
  required_attachments: string; // JSON string[]
  stages: string; // JSON CallStage[]
  /** 1: the call's projects file an interim report (中間報告) besides the final one. */
  interim_report: Generated<number>;
  status: CallStatus;
  /** Set by the first submitted proposal; from then on the rubric and the rules are frozen. */
  first_submitted_at: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CallSheetTable {
  call_id: string;
  sheet_id: string;
}

/** One review criterion (審査項目) of a call's rubric. */
export interface CallCriterionTable {
  id: string;
  call_id: string;
  position: number;
  name: string;
  description: string;
  max_points: number;
  /** The lowest score allowed (0 or 1 in most rubrics). */
  min_points: Generated<number>;
  weight: number;
}

/** A group's proposal (提案書) to a call. Status codes: app/domain/proposals/lifecycle.ts. */
export interface ProposalTable {
  id: string;
  call_id: string;
  group_id: string;
  type: CallType;
  sheet_id: string | null;
  status: string;
  title: string;
  /** JSON ProposalContent being edited (while draft / returned); the submitted text is in proposal_versions. */
  draft: string;
  /** Raised by every save; a save that started from an older revision is refused. */
  revision: number;
  saved_by: string | null;
  saved_at: string;
  /** The last submitted version (0 before the first submission). */
  current_version: number;
  receipt_number: string | null;
  receipt_fiscal_year: number | null;
  receipt_sequence: number | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  consultation_opened_at: string | null;
  /** A renewal (継続) for the next project year names the project it continues. */
  renewal_of_project_id: Generated<string | null>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProposalDepartmentTable {
  proposal_id: string;
  department_id: string;
}

/** A submitted version: written once, never updated. */
export interface ProposalVersionTable {
  proposal_id: string;
  version: number;
  content: string; // JSON ProposalContent
  submitted_at: string;
  submitted_by: string | null;
}

/** One line of the proposal's timeline. */
export interface ProposalTransitionTable {
  id: string;
  proposal_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string; // group | coordinator | department
  actor_organization: string | null;
  action: string;
  from_status: string;
  to_status: string;
  reason: string | null;
}

export interface ProposalAttachmentTable {
  id: string;
  proposal_id: string;
  label: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** A message of the consultation (事前相談) between the group and the related departments. */
export interface ProposalMessageTable {
  id: string;
  proposal_id: string;
  author_id: string | null;
  author_name: string;
  author_side: "group" | "department" | "coordinator";
  author_organization: string | null;
  body: string;
  created_at: string;
}

export interface ProposalReminderTable {
  proposal_id: string;
  kind: "days_7" | "days_1";
  sent_at: string;
}

// ---- review (審査) ------------------------------------------------------------------------------------

export type ReviewStageCode = "document_review" | "presentation";

/** A call's aggregation rules (JSON `AggregationRules`, app/domain/reviews/aggregation.ts). */
export interface ReviewRulesTable {
  call_id: string;
  rules: string;
  updated_by: string | null;
  updated_at: string;
}

/** One review stage of a call with its panel's settings. */
export interface ReviewStageTable {
  id: string;
  call_id: string;
  stage: ReviewStageCode;
  deadline: string | null; // ISO UTC
  late_policy: Generated<"refuse" | "allow">;
  show_others: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ReviewPanelMemberTable {
  stage_id: string;
  reviewer_id: string;
  added_by: string | null;
  added_at: string;
}

export interface ReviewAssignmentTable {
  id: string;
  stage_id: string;
  proposal_id: string;
  reviewer_id: string;
  assigned_by: string | null;
  assigned_at: string;
}

export type ConflictKind = "member" | "relative" | "business" | "other";

/** A declared conflict of interest (利害関係): with one proposal, or with every proposal of a group. */
export interface ReviewConflictTable {
  id: string;
  reviewer_id: string;
  proposal_id: string | null;
  group_id: string | null;
  kind: ConflictKind;
  note: string;
  declared_by: string | null;
  declared_side: "reviewer" | "coordinator";
  declared_at: string;
}

export interface ScoreSheetTable {
  id: string;
  assignment_id: string;
  status: "draft" | "submitted";
  comment_for_applicant: Generated<string>;
  private_note: Generated<string>;
  revision: number;
  saved_at: string;
  submitted_at: string | null;
  submitted_late: Generated<number>;
  excluded_at: string | null;
  excluded_reason: string | null;
}

export interface ScoreTable {
  sheet_id: string;
  criterion_id: string;
  points: number;
}

export interface ScoreSheetEventTable {
  id: string;
  sheet_id: string;
  at: string;
  actor_id: string | null;
  action: "submit" | "submit_late" | "late_refused" | "reopen" | "exclude";
  reason: string | null;
}

/** `token_hash` is the SHA-256 (hex) of the token in the mailed link. */
export interface ReviewerInviteTable {
  token_hash: string;
  email: string;
  display_name: string;
  affiliation: string | null;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

export interface ReviewReminderTable {
  stage_id: string;
  reviewer_id: string;
  kind: "days_3" | "all_in";
  sent_at: string;
}

export interface ReviewTieBreakTable {
  stage_id: string;
  proposal_id: string;
  position: number;
  reason: string;
  decided_by: string | null;
  decided_at: string;
}

// ---- award and project (採択・協働事業) ----------------------------------------------------------------

export type DecisionOutcome = "adopted" | "conditional" | "candidate" | "rejected";

export interface DecisionTable {
  proposal_id: string;
  call_id: string;
  outcome: DecisionOutcome;
  reason: string;
  amounts: string; // JSON number[] by project year
  letter_number: string | null;
  revision: number;
  prepared_by: string | null;
  prepared_at: string;
  published_at: string | null;
  updated_at: string;
}

export interface AwardPublicationTable {
  call_id: string;
  published_at: string;
  published_by: string | null;
}

export type ConditionStatus = "open" | "answered" | "confirmed" | "returned";

export interface DecisionConditionTable {
  id: string;
  proposal_id: string;
  position: number;
  text: string;
  status: ConditionStatus;
  answer: string | null;
  answer_attachment_id: string | null;
  answered_by: string | null;
  answered_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  return_reason: string | null;
}

/** A collaboration project (協働事業): made by an award; its status is its proposal's. */
export interface ProjectTable {
  id: string;
  proposal_id: string;
  call_id: string;
  group_id: string;
  title: string;
  fiscal_year: number;
  project_year: number;
  total_years: number;
  amounts: string; // JSON number[]
  renewal_of_project_id: string | null;
  agreement_number: string | null;
  group_confirmed_by: string | null;
  group_confirmed_at: string | null;
  city_confirmed_by: string | null;
  city_confirmed_at: string | null;
  ended_at: string | null;
  ended_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type ReportKind = "interim" | "final";
export type ReportStatus = "draft" | "submitted" | "accepted" | "returned";

export interface ProjectReportTable {
  id: string;
  project_id: string;
  kind: ReportKind;
  due_on: string;
  status: ReportStatus;
  content: string; // JSON
  summary: Generated<string>;
  revision: number;
  saved_by: string | null;
  saved_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  return_reason: string | null;
  reminded_at: string | null;
}

export type EvaluationSide = "group" | "department" | "third_party";

export interface ProjectEvaluationTable {
  id: string;
  project_id: string;
  side: EvaluationSide;
  items: string; // JSON {item, score, comment}[]
  comment: Generated<string>;
  submitted_by: string | null;
  submitted_at: string;
}

export interface Database {
  notifications: NotificationTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  second_factors: SecondFactorTable;
  recovery_codes: RecoveryCodeTable;
  pending_sign_ins: PendingSignInTable;
  password_resets: PasswordResetTable;
  sign_in_attempts: SignInAttemptTable;
  email_confirmations: EmailConfirmationTable;
  mail_requests: MailRequestTable;
  audit_log: AuditLogTable;
  content_versions: ContentVersionTable;
  departments: DepartmentTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  group_fields: GroupFieldTable;
  group_areas: GroupAreaTable;
  group_activities: GroupActivityTable;
  group_changes: GroupChangeTable;
  group_invites: GroupInviteTable;
  matching_sheets: MatchingSheetTable;
  sheet_fields: SheetFieldTable;
  sheet_areas: SheetAreaTable;
  sheet_forms: SheetFormTable;
  sheet_questions: SheetQuestionTable;
  sheet_interests: SheetInterestTable;
  plans: PlanTable;
  measures: MeasureTable;
  measure_departments: MeasureDepartmentTable;
  progress_entries: ProgressEntryTable;
  measure_status_changes: MeasureStatusChangeTable;
  measure_links: MeasureLinkTable;
  calls: CallTable;
  call_sheets: CallSheetTable;
  call_criteria: CallCriterionTable;
  proposals: ProposalTable;
  proposal_departments: ProposalDepartmentTable;
  proposal_versions: ProposalVersionTable;
  proposal_transitions: ProposalTransitionTable;
  proposal_attachments: ProposalAttachmentTable;
  proposal_messages: ProposalMessageTable;
  proposal_reminders: ProposalReminderTable;
  review_rules: ReviewRulesTable;
  review_stages: ReviewStageTable;
  review_panel_members: ReviewPanelMemberTable;
  review_assignments: ReviewAssignmentTable;
  review_conflicts: ReviewConflictTable;
  score_sheets: ScoreSheetTable;
  scores: ScoreTable;
  score_sheet_events: ScoreSheetEventTable;
  reviewer_invites: ReviewerInviteTable;
  review_reminders: ReviewReminderTable;
  review_tie_breaks: ReviewTieBreakTable;
  decisions: DecisionTable;
  award_publications: AwardPublicationTable;
  decision_conditions: DecisionConditionTable;
  projects: ProjectTable;
  project_reports: ProjectReportTable;
  project_evaluations: ProjectEvaluationTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Department = Selectable<DepartmentTable>;
export type Group = Selectable<GroupTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type MatchingSheet = Selectable<MatchingSheetTable>;
export type Call = Selectable<CallTable>;
export type Proposal = Selectable<ProposalTable>;
export type Plan = Selectable<PlanTable>;
export type Measure = Selectable<MeasureTable>;
export type ProgressEntryRow = Selectable<ProgressEntryTable>;
export type ReviewStage = Selectable<ReviewStageTable>;
export type ScoreSheet = Selectable<ScoreSheetTable>;
export type Decision = Selectable<DecisionTable>;
export type Project = Selectable<ProjectTable>;
export type ProjectReport = Selectable<ProjectReportTable>;
