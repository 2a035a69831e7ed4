// The public list of awarded projects (採択事業): group, project, department, amount, period.
import { Link } from "@remix-run/react";
export interface AwardedProjectRow {
  key: string;
  groupName: string;
  title: string;
  department: string;
  amount: string;
  period: string;
  status: string;
  callTitle?: string;
  callId?: string;
}

export function AwardedProjects({ rows, caption, showCall = false }: { rows: AwardedProjectRow[]; caption: string; showCall?: boolean }) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">団体</th>
            <th scope="col">事業名</th>
            <th scope="col">担当課</th>
            <th scope="col">採択額</th>
            <th scope="col">事業期間</th>
            <th scope="col">状態</th>
            {showCall ? <th scope="col">募集</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.groupName}</td>
              <td>{r.title}</td>
              <td>{r.department}</td>
              <td className="num">{r.amount}</td>
              <td>{r.period}</td>
              <td>{r.status}</td>
              {showCall ? <td>{r.callId ? <Link to={`/calls/${r.callId}`}>{r.callTitle}</Link> : r.callTitle}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
