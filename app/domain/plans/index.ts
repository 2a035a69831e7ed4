// Public surface of the plans domain's pure core: types, fiscal years, import and export.

export type * from "./types";
export { MEASURE_STATUSES, PLAN_LAYOUTS, TIERS, TIER_SUMMARY_STATUSES } from "./types";
export {
  formatFiscalYear,
  formatFiscalYearRange,
  formatFiscalYearShort,
  parseFiscalYear,
  parseFiscalYearRange,
  parseFiscalYears,
  toEraYear,
} from "../calendar/fiscal-year";
export { normalizeStatus, normalizeTier, STATUS_ALIASES, TIER_SUMMARY_BUCKET } from "./status";
export * from "./import";
export {
  formatProgressEntry,
  renderShiroiProgressText,
  toProgressListRows,
  type ProgressListRow,
} from "./export/progress-list";
