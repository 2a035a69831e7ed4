// 「この課題で提案を受け付けている募集」: the open calls that take proposals on this sheet, each with the
// way to propose (through sign-in for someone not signed in yet).
import { Link } from "@remix-run/react";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { formatDateTime } from "~/domain/calendar/format";

export interface OpenCall {
  id: string;
  title: string;
  fiscal_year: number;
  closes_at: string;
}

export function OpenCallsPanel({ openCalls, mayPropose, signedIn }: { openCalls: OpenCall[]; mayPropose: boolean; signedIn: boolean }) {
  if (!openCalls.length) return null;
  return (
    <section className="panel" aria-labelledby="sheet-calls">
      <h2 id="sheet-calls">この課題で提案を受け付けている募集</h2>
      <ul>
        {openCalls.map((call) => {
          const propose = `/calls/${call.id}/propose`;
          return (
            <li key={call.id}>
              <Link to={`/calls/${call.id}`}>{call.title}</Link>（{formatFiscalYearWithWestern(call.fiscal_year)}・締切 {formatDateTime(call.closes_at)}）
              {mayPropose ? (
                <>
                  {" "}
                  <Link className="button primary" to={signedIn ? propose : `/login?redirectTo=${encodeURIComponent(propose)}`}>
                    この募集に提案する
                  </Link>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {mayPropose && !signedIn ? <p className="hint">提案するには、団体のメンバーとしてサインインしてください。</p> : null}
    </section>
  );
}
