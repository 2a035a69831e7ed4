// The facts about a project at the top of its page: group, call, theme, departments, proposal, amounts.
import { Link } from "@remix-run/react";

export interface ProjectFactsView {
  groupName: string;
  callId: string;
  callTitle: string;
  theme: string | null;
  sheetId: string | null;
  departments: string[];
  proposalId: string;
  receiptNumber: string | null;
  amounts: { year: string; amount: string }[];
}

export function ProjectFacts({ project }: { project: ProjectFactsView }) {
  return (
    <dl className="facts">
      <dt>団体</dt>
      <dd>{project.groupName}</dd>
      <dt>募集</dt>
      <dd>
        <Link to={`/calls/${project.callId}`}>{project.callTitle}</Link>
      </dd>
      {project.theme ? (
        <>
          <dt>テーマ</dt>
          <dd>
            <Link to={`/sheets/${project.sheetId}`}>{project.theme}</Link>
          </dd>
        </>
      ) : null}
      <dt>担当課</dt>
      <dd>{project.departments.length ? project.departments.join("、") : "協働推進課"}</dd>
      <dt>提案</dt>
      <dd>
        <Link to={`/proposals/${project.proposalId}`}>受付番号 {project.receiptNumber ?? "—"}</Link>
      </dd>
      <dt>交付額</dt>
      <dd>
        <ul className="plain">
          {project.amounts.map((a) => (
            <li key={a.year}>
              {a.year}: {a.amount}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
