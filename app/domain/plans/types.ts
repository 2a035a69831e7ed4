// The one normalized shape every plan-document parser produces, whatever the city's layout.

/** The three cities' layouts, and the portal's own progress table (its xlsx/CSV export, re-importable). */
export const PLAN_LAYOUTS = ["shiroi-progress", "yamaguchi-action-plan", "tier-table", "portal-progress-list"] as const;
export type PlanLayout = (typeof PLAN_LAYOUTS)[number];

/** Canonical statuses of a measure (DOMAIN.md step 9). Printed variants are mapped in status.ts. */
export const MEASURE_STATUSES = ["未実施", "着手中", "一部済", "済", "済・継続"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Priority tiers as printed in the tier table (【Ⅰ】重点, 【Ⅱ-ア】, 【Ⅱ-イ】, 【Ⅲ】). */
export const TIERS = ["Ⅰ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"] as const;
export type Tier = (typeof TIERS)[number];

/** A problem found while importing; `line` is 1-based in the source text. */
export interface ImportIssue {
  line: number;
  message: string;
}

/** One cell of a yearly schedule (年次計画), label as printed: 検討, 実施, →, 見直し・実施 … */
export interface ScheduleItem {
  fiscalYear: number;
  label: string;
}

/** A progress entry (実施したこと / 実績): evidence that something was done for a measure. */
export interface ProgressEntry {
  text: string;
  fiscalYearFrom: number | null;
  fiscalYearTo: number | null;
  /** The period as printed, spaces removed and range mark unified, e.g. "平成25～29年度", "通年". */
  fiscalYearLabel: string | null;
  departments: string[];
  line: number;
}

export interface ParsedMeasure {
  /** As printed, e.g. "I-(1)-①", "1-(1)-(1)-①", "6". Unique in the plan; the re-import key. */
  code: string;
  parentCode: string | null;
  /** 0-based depth; levelNames[level] names it. */
  level: number;
  title: string;
  pageRef?: string;
  description?: string;
  departments: string[];
  /** 実施主体: who carries the measure out. */
  implementers: string[];
  /** 推進項目対象: the actors the measure is aimed at. */
  targetActors: string[];
  purpose?: string;
  currentIssues?: string;
  content?: string;
  completionCriteria?: string;
  schedule: ScheduleItem[];
  tier?: Tier;
  status?: MeasureStatus;
  nextTermProposal?: string;
  nextTermReason?: string;
  /** For 【再掲】 measures: the code of the measure listed originally. */
  relistOf?: string;
  /** Other bracketed tags printed with the title, e.g. "行政改革大綱推進計画". */
  labels: string[];
  entries: ProgressEntry[];
  line: number;
}

/** Summary buckets used by the city's tier header ("5/6：済 1/6：未"), in printed order. */
export const TIER_SUMMARY_STATUSES = ["済", "着手中", "一部済", "未"] as const;
export type TierSummaryStatus = (typeof TIER_SUMMARY_STATUSES)[number];

export interface TierSummaryCount {
  status: TierSummaryStatus;
  count: number;
  total: number;
}

export interface TierSummaryRow {
  tier: Tier;
  /** The bracketed label after the tier, e.g. "重点" in 【Ⅰ】<重点>. */
  label?: string;
  description: string;
  counts: TierSummaryCount[];
  line: number;
}

/** Fields of a measure a file may leave out (the portal's table without that column). */
export type OptionalMeasureField =
  | "departments"
  | "entries"
  | "status"
  | "tier"
  | "nextTermProposal"
  | "nextTermReason"
  | "relistOf"
  | "pageRef"
  | "labels"
  | "implementers"
  | "targetActors"
  | "purpose"
  | "currentIssues"
  | "content"
  | "completionCriteria"
  | "schedule";

/** Fields of the plan itself the portal's table may leave out (its rows above the column header). */
export type OptionalPlanField = "issued" | "tierSummary" | "documentLayout";

export interface ParsedPlan {
  layout: PlanLayout;
  /**
   * For the portal's own table: the layout of the city's document the plan was first imported from,
   * as its export records it (計画書の形式). Stored as the plan's layout instead of "portal-progress-list".
   */
  documentLayout?: PlanLayout;
  /**
   * What the file does not carry at all (the portal's table without these columns or rows): an
   * import over a stored plan keeps the stored values of these fields instead of emptying them.
   */
  absent?: { plan: OptionalPlanField[]; measure: OptionalMeasureField[] };
  title: string;
  /** Issue line such as "平成30年7月 市民活動支援課" when the document prints one. */
  issued?: string;
  levelNames: string[];
  measures: ParsedMeasure[];
  /** Tier header as printed (tier-table layout only). */
  tierSummary?: TierSummaryRow[];
  warnings: ImportIssue[];
}
