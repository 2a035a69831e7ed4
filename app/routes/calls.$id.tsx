import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { loadCallFor } from "~/auth/access/calls.server";
import { callPhase, cityShareForYear, PHASE_LABELS } from "~/domain/calls/rules";
import { CALL_STAGES, CALL_TYPES } from "~/domain/calls/schema";
import { AwardedProjects } from "~/components/awards/awarded-projects";
import { getDb } from "~/db.server";
import { awardPublication, listAwardedProjects } from "~/domain/awards/queries.server";
import { publicProjectCells } from "~/domain/awards/results";
import { formatDateTime, formatPeriod } from "~/domain/calendar/format";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { formatYen } from "~/domain/number-format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.call.title ?? "募集"} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, call } = await loadCallFor(args, "call:view");
  const at = new Date();
  const [publication, projects] = await Promise.all([awardPublication(getDb(), call.id), listAwardedProjects(getDb(), { callId: call.id })]);
  const graceEnds = new Date(Date.parse(call.closes_at) + call.grace_minutes * 60_000).toISOString();
  return json({
    call: {
      ...call,
      phase: callPhase(call, at),
      period: formatPeriod(call.opens_at, call.closes_at),
      graceEnds: call.grace_minutes > 0 ? formatDateTime(graceEnds) : null,
    },
    canManage: can(viewer, "call:manage"),
    // Only after the call's decisions are published, only awarded projects (not-adopted proposals stay private).
    awards: publication ? { publishedAt: formatDateTime(publication.published_at), projects: projects.map((p) => ({ key: p.proposalId, ...publicProjectCells(p) })) } : null,
    // Visitors see the button too (it leads to sign-in); staff, who never propose, do not.
    canPropose: viewer === null || can(viewer, "proposal:create"),
  });
}

export default function CallPage() {
  const { call, canManage, canPropose, awards } = useLoaderData<typeof loader>();
  const shares = call.city_share_by_year;
  return (
    <>
      <h1>{call.title}</h1>
      <p>
        <span className={`status status-phase-${call.phase}`}>{PHASE_LABELS[call.phase]}</span> {formatFiscalYearWithWestern(call.fiscal_year)} · {CALL_TYPES.label(call.type)}
        {canManage ? (
          <>
            {" "}
            · <Link to={`/coordinator/calls/${call.id}/edit`}>編集する</Link> · <Link to={`/coordinator/calls/${call.id}/decisions`}>審査結果の決定と公表</Link>
          </>
        ) : null}
      </p>
      <p className="profile-text">{call.description}</p>
      {awards ? (
        <section aria-labelledby="call-awards">
          <h2 id="call-awards">採択された事業</h2>
          <p className="hint">審査結果は {awards.publishedAt} に公表しました。</p>
          {awards.projects.length === 0 ? (
            <p>採択された事業はありません。</p>
          ) : (
            <>
              <AwardedProjects rows={awards.projects} caption="採択された事業" />
              <p>
                <a href={`/calls/${call.id}/projects.csv`}>採択事業の一覧をCSVでダウンロード</a>
              </p>
            </>
          )}
        </section>
      ) : null}
      {canPropose && (call.phase === "open" || call.phase === "published") ? (
        <p>
          <Link to={`/calls/${call.id}/propose`} className="button primary">
            この募集に提案する
          </Link>{" "}
          <span className="hint">承認済みの団体のメンバーが提案書を作成できます（下書きは団体のメンバーだけが見られます）。</span>
        </p>
      ) : null}

      <h2>受付期間</h2>
      <p>{call.period}</p>
      {call.graceEnds ? <p className="hint">締切直前に送信を始めた提案は {call.graceEnds} まで受け付けます。</p> : null}

      <h2>応募資格</h2>
      <ul>
        <li>協働推進課の承認を受けた団体</li>
        {call.min_members !== null ? <li>会員数 {call.min_members}人以上</li> : null}
        {call.min_years_active !== null ? <li>活動年数 {call.min_years_active}年以上</li> : null}
      </ul>

      <h2>予算と費用負担</h2>
      <dl className="facts">
        <dt>1提案あたりの上限額</dt>
        <dd>{formatYen(call.budget_cap_per_proposal)}</dd>
        <dt>募集全体の予算額</dt>
        <dd>{formatYen(call.budget_cap_total)}</dd>
        <dt>市の負担割合</dt>
        <dd>
          {shares.length === 1 ? (
            `事業費の${shares[0]}%まで`
          ) : (
            <ol className="share-steps">
              {shares.map((_, i) => (
                <li key={i}>
                  {i + 1}年目{i === shares.length - 1 ? "以降" : ""}: 事業費の{cityShareForYear(shares, i)}%まで
                </li>
              ))}
            </ol>
          )}
        </dd>
      </dl>

      {call.type === "government" ? (
        <section aria-labelledby="call-sheets">
          <h2 id="call-sheets">対象のマッチングシート</h2>
          <ul>
            {call.sheets.map((s) => (
              <li key={s.id}>
                <Link to={`/sheets/${s.id}`}>{s.title}</Link>（{s.department_name}）
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p>市民提案型: テーマは自由です。提案書で関係する担当課を選んでください。</p>
      )}

      <h2>必要な添付書類</h2>
      {call.required_attachments.length === 0 ? (
        <p>指定はありません。</p>
      ) : (
        <ul>
          {call.required_attachments.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}

      <h2>審査の流れ</h2>
      <ol>
        {call.stages.map((s) => (
          <li key={s}>{CALL_STAGES.label(s)}</li>
        ))}
      </ol>

      <section aria-labelledby="call-criteria">
        <h2 id="call-criteria">審査項目</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">審査項目</th>
                <th scope="col">説明</th>
                <th scope="col">配点</th>
                <th scope="col">重み</th>
              </tr>
            </thead>
            <tbody>
              {call.criteria.map((c, i) => (
                <tr key={i}>
                  <td>{c.name}</td>
                  <td>{c.description}</td>
                  <td>{c.max_points}点</td>
                  <td>×{c.weight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">満点: {call.criteria.reduce((sum, c) => sum + c.max_points * c.weight, 0)}点（配点×重みの合計）</p>
      </section>
    </>
  );
}
