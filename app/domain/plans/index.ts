// Public surface of the plans domain's pure core: types, import and export (fiscal years: ../calendar).

export type * from "./types";
export { MEASURE_STATUSES, PLAN_LAYOUTS, TIERS, TIER_SUMMARY_STATUSES } from "./types";
export { normalizeStatus, normalizeTier, STATUS_ALIASES, TIER_SUMMARY_BUCKET } from "./status";
export * from "./import";
export {
  formatProgressEntry,
  renderShiroiProgressText,
  toProgressListRows,
  type ProgressListRow,
} from "./export/progress-list";
