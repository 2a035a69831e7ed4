// What a project waits for next (次の手続き), as the list shows it: one line from the proposal's status,
// the two confirmations of the agreement and the reports. Pure and browser-safe.
import { formatDate } from "../calendar/format";
import type { ProposalStatus } from "../proposals/lifecycle";
import { REPORT_KIND_LABELS, type ReportKind, type ReportStatus } from "./report";

export interface NextStepInput {
  status: ProposalStatus;
  groupConfirmed: boolean;
  cityConfirmed: boolean;
  /** Reports in due order. */
  reports: { kind: ReportKind; status: ReportStatus; dueOn: string }[];
  hasGroupEvaluation: boolean;
  hasDepartmentEvaluation: boolean;
}

export function nextStep(p: NextStepInput): string {
  switch (p.status) {
    case "adopted":
    case "conditionally_adopted":
      if (!p.groupConfirmed && !p.cityConfirmed) return "協定書の確認（団体・市）";
      return p.groupConfirmed ? "協定書の確認（市）" : "協定書の確認（団体）";
    case "agreed":
      return "事業の開始（市）";
    case "in_progress":
    case "reported": {
      const open = p.reports.find((r) => r.status !== "accepted");
      if (open?.status === "submitted") return `${REPORT_KIND_LABELS[open.kind]}の確認（市）`;
      if (open) return `${REPORT_KIND_LABELS[open.kind]}の提出（団体・期限 ${formatDate(open.dueOn)}）`;
      const missing = [!p.hasGroupEvaluation ? "自己評価" : null, !p.hasDepartmentEvaluation ? "相互評価" : null].filter(Boolean);
      return missing.length ? `評価の入力（${missing.join("・")}）` : "評価の記録（市）";
    }
    case "evaluated":
      return "完了の手続き（協働推進課）";
    default:
      return "—";
  }
}
