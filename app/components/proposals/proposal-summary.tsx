// The head of a proposal's page: its status line and the facts about it (call, theme, departments,
// which version is shown). The fields come from the proposal page's loader, already formatted.
import { Link } from "@remix-run/react";

export interface ProposalSummary {
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  type: string;
  receiptNumber: string | null;
  callId: string;
  callTitle: string;
  closesAt: string;
  groupName: string;
  sheetTitle: string | null;
  sheetId: string | null;
  departments: string[];
  shownVersion: { version: number; submittedAt: string } | null;
}

export function ProposalStatusLine({ proposal }: { proposal: Pick<ProposalSummary, "status" | "statusLabel" | "receiptNumber" | "type" | "groupName"> }) {
  return (
    <p>
      <span className={`status status-proposal-${proposal.status}`}>{proposal.statusLabel}</span>
      {proposal.receiptNumber ? <> · 受付番号 <strong>{proposal.receiptNumber}</strong></> : null} · {proposal.type} · {proposal.groupName}
    </p>
  );
}

export function ProposalFacts({ proposal }: { proposal: ProposalSummary }) {
  return (
    <dl className="facts">
      <dt>募集</dt>
      <dd>
        <Link to={`/calls/${proposal.callId}`}>{proposal.callTitle}</Link>（提出期限 {proposal.closesAt}）
      </dd>
      {proposal.sheetTitle ? (
        <>
          <dt>テーマ</dt>
          <dd>
            <Link to={`/sheets/${proposal.sheetId}`}>{proposal.sheetTitle}</Link>
          </dd>
        </>
      ) : null}
      <dt>関係する課</dt>
      <dd>{proposal.departments.length ? proposal.departments.join("、") : "未選択"}</dd>
      <dt>表示している内容</dt>
      <dd>{proposal.shownVersion ? `第${proposal.shownVersion.version}版（${proposal.shownVersion.submittedAt} 提出）` : "編集中の下書き（団体のメンバーだけが見られます）"}</dd>
    </dl>
  );
}
