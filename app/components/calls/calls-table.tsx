// The list of calls as the public and the coordinator see it: name, year, type, period, phase; the
// coordinator's list adds whether proposals have fixed the call's rules, and the links to manage it.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CallType } from "../../../db/schema";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { PHASE_LABELS, type CallPhase } from "~/domain/calls/rules";
import { CALL_TYPES } from "~/domain/calls/schema";

export interface CallListRow {
  id: string;
  title: string;
  fiscalYear: number;
  type: CallType;
  phase: CallPhase;
  period: string;
  /** A proposal has been submitted, so the call's rules no longer change (coordinator's list). */
  frozen?: boolean;
}

export function CallsTable({ calls, actions }: { calls: CallListRow[]; actions?: (call: CallListRow) => ReactNode }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">募集名</th>
            <th scope="col">年度</th>
            <th scope="col">種類</th>
            <th scope="col">受付期間</th>
            <th scope="col">状況</th>
            {actions ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/calls/${c.id}`}>{c.title}</Link>
              </td>
              <td>{formatFiscalYearWithWestern(c.fiscalYear)}</td>
              <td>{CALL_TYPES.label(c.type)}</td>
              <td>{c.period}</td>
              <td>
                <span className={`status status-phase-${c.phase}`}>{PHASE_LABELS[c.phase]}</span>
                {c.frozen ? "（提案あり・条件確定）" : ""}
              </td>
              {actions ? <td>{actions(c)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
