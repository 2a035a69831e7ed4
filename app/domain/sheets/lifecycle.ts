// A matching sheet's statuses as data: their labels and which change a department may make from which
// status. Browser-safe: the server's command and the page's buttons read the same table.
import type { SheetStatus } from "../../../db/schema";

export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = {
  draft: "下書き",
  published: "公開中",
  closed: "受付終了",
  archived: "保管済み",
};

/** Which status changes a department may make, held as data (the first one needs a complete sheet). */
export const SHEET_TRANSITIONS: { from: SheetStatus; to: SheetStatus; label: string }[] = [
  { from: "draft", to: "published", label: "公開する" },
  { from: "published", to: "closed", label: "受付を終了する" },
  { from: "closed", to: "published", label: "再び公開する" },
  { from: "closed", to: "archived", label: "保管する（一覧から外す）" },
  { from: "draft", to: "archived", label: "保管する（使わない下書き）" },
];

export function transitionsFrom(status: SheetStatus) {
  return SHEET_TRANSITIONS.filter((t) => t.from === status);
}
