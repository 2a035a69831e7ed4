import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requestedPage } from "~/domain/zod";
import { SuggestionList } from "~/components/matching/suggestions";
import { getDb } from "~/db.server";
import { requireViewer } from "~/auth/guards.server";
import { can, hasRole, ROLE_LABELS } from "~/auth/permissions";
import { loadDashboard } from "~/domain/dashboard/queries.server";
import { statusLabel, type ProposalStatus } from "~/domain/proposals/lifecycle";
import { SHEET_STATUS_LABELS } from "~/domain/sheets/lifecycle";
import { formatDate, formatDateTime } from "~/domain/calendar/format";
import { PageCount, Pagination } from "~/components/layout/pagination";


export const meta: MetaFunction = () => [{ title: "ダッシュボード | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "dashboard:view");
  const page = requestedPage(args.request);
  return json({ viewer, ...(await loadDashboard(getDb(), viewer, page)) });
}

const GROUP_STATUS: Record<string, string> = {
  pending: "承認待ち",
  approved: "承認済み",
  rejected: "差戻し",
  suspended: "停止中",
};

export default function Dashboard() {
  const { viewer, groups, suggestions, waitingQuestions, department, sheets, pendingGroups, users, proposals, waitingProposals, reviewAssignments } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>ダッシュボード</h1>
      <p>
        {viewer.displayName} さんの役割: {viewer.roles.map((r) => ROLE_LABELS[r]).join("・") || "なし"}
      </p>
      {viewer.roles.length === 0 ? (
        <section className="panel">
          <h2>役割がまだありません</h2>
          <p className="empty">管理者が役割を付与すると、ここに行うことが表示されます。</p>
        </section>
      ) : null}

      {groups ? (
        <section className="panel" aria-labelledby="dash-group">
          <h2 id="dash-group">団体として</h2>
          {groups.length === 0 ? (
            <p className="empty">
              まだ団体に所属していません。団体の情報（活動分野・活動実績・市と取り組みたいこと）を登録すると、協働推進課の承認後に各課のマッチングシートへ提案できるようになります。団体の代表者から招待を受けた場合は、届いたメールのリンクを開いてください。
            </p>
          ) : (
            <ul>
              {groups.map((g) => (
                <li key={g.id}>
                  <Link to={`/groups/${g.id}`}>{g.name}</Link>（{GROUP_STATUS[g.status] ?? g.status}
                  {g.role === "owner" ? "・代表管理者" : ""}）
                  {g.status === "pending" ? " — 協働推進課の承認をお待ちください。" : null}{" "}
                  <Link to={`/groups/${g.id}/edit`} aria-label={`${g.name}の団体情報を編集`}>
                    編集
                  </Link>
                  {g.status === "rejected" || g.status === "suspended" ? (
                    <p className="status-reason">
                      {g.status === "rejected" ? "差戻しの理由" : "停止の理由"}: {g.statusReason ?? "（理由の記載なし）"}
                      {g.status === "rejected" ? " — 団体情報を修正して保存すると、もう一度審査されます。" : null}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/groups/new">団体を登録する</Link>
          </p>
        </section>
      ) : null}

      {proposals ? (
        <section className="panel" aria-labelledby="dash-proposals">
          <h2 id="dash-proposals">提案</h2>
          {proposals.length === 0 ? (
            <p className="empty">
              まだ提案はありません。<Link to="/calls">募集の一覧</Link>で受付中の募集を開き、「この募集に提案する」から提案書を作成できます。
            </p>
          ) : (
            <ul>
              {proposals.slice(0, 5).map((p) => (
                <li key={p.id}>
                  <Link to={`/proposals/${p.id}`}>{p.title || "（無題の提案）"}</Link>（{statusLabel(p.status as ProposalStatus)}
                  {p.receipt_number ? `・受付番号 ${p.receipt_number}` : ""}）
                  {p.status === "draft" ? ` — 提出期限 ${formatDateTime(p.call_closes_at)}` : null}
                  {p.status === "returned" ? " — 差し戻されました。修正して再提出してください。" : null}
                </li>
              ))}
            </ul>
          )}
          {proposals.length > 5 ? (
            <p>
              <Link to="/proposals">すべての提案（{proposals.length}件）</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {waitingQuestions?.length ? (
        <section className="panel" aria-labelledby="dash-questions">
          <h2 id="dash-questions">回答待ちの質問</h2>
          <p className="hint">担当課が回答すると、お知らせが届き、シートのページで公開されます。</p>
          <ul>
            {waitingQuestions.map((q) => (
              <li key={q.id}>
                <Link to={`/sheets/${q.sheet_id}`}>{q.sheet_title}</Link>（{q.group_name}・{formatDate(q.asked_at)}）: <span className="prose">{q.question}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {suggestions?.map((s) => (
        <section className="panel" key={s.groupId} aria-labelledby={`dash-suggest-${s.groupId}`}>
          <h2 id={`dash-suggest-${s.groupId}`}>{s.groupName}に合いそうなマッチングシート</h2>
          {s.sheets.length === 0 ? (
            <p className="empty">
              いま受付中のシートで、活動分野・地域・実績が重なるものはありません。<Link to="/sheets">すべてのマッチングシート</Link>もご覧ください。
            </p>
          ) : (
            <SuggestionList suggestions={s.sheets} linkTo={(id) => `/sheets/${id}`} />
          )}
        </section>
      ))}

      {hasRole(viewer, "department_staff") ? (
        <section className="panel" aria-labelledby="dash-staff">
          <h2 id="dash-staff">担当課の職員として</h2>
          {department ? (
            <p>所属: {department.name}</p>
          ) : (
            <p className="empty">所属課が設定されていません。管理者に所属課の設定を依頼してください。</p>
          )}
          {sheets && sheets.total > 0 ? (
            <>
              {sheets.waiting.length > 0 ? (
                <div>
                  <p>回答を待っている質問があるシート（質問が早く届いた順）:</p>
                  <ul>
                    {sheets.waiting.map((w) => (
                      <li key={w.id}>
                        <Link to={`/sheets/${w.id}`}>{w.title}</Link>（未回答 {w.unanswered}件）
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <PageCount total={sheets.total} page={sheets.page} pageCount={sheets.pageCount} />
              <table>
                <caption>課のマッチングシート</caption>
                <thead>
                  <tr>
                    <th scope="col">件名</th>
                    <th scope="col">状態</th>
                    <th scope="col">未回答の質問</th>
                    <th scope="col">関心を寄せた団体</th>
                  </tr>
                </thead>
                <tbody>
                  {sheets.rows.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/sheets/${s.id}`}>{s.title}</Link>
                      </td>
                      <td>{SHEET_STATUS_LABELS[s.status]}</td>
                      <td>{s.unanswered > 0 ? <strong>{s.unanswered}件</strong> : "なし"}</td>
                      <td>{s.interested}団体</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination page={sheets.page} pageCount={sheets.pageCount} />
            </>
          ) : (
            <p className="empty">
              まだマッチングシートはありません。課が抱える課題をマッチングシートにまとめて公開すると、関心のある団体からの質問や提案が届きます。
            </p>
          )}
          {department ? (
            <p>
              <Link className="button primary" to="/sheets/new">
                マッチングシートを作成する
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {hasRole(viewer, "department_staff") && !hasRole(viewer, "coordinator") && department ? (
        <section className="panel" aria-labelledby="dash-staff-proposals">
          <h2 id="dash-staff-proposals">課に関係する提案</h2>
          {waitingProposals ? (
            <p>
              受付済みの提案と事前相談中の下書きが {waitingProposals} 件あります。<Link to="/proposals">提案の一覧</Link>で内容と相談を確認してください。
            </p>
          ) : (
            <p className="empty">いまはありません。団体が課を相手に事前相談を始めたり、課のテーマに提案を提出したりすると、ここに表示されます。</p>
          )}
        </section>
      ) : null}

      {can(viewer, "project:list") ? (
        <section className="panel" aria-labelledby="dash-projects">
          <h2 id="dash-projects">協働事業</h2>
          <p>
            採択された提案の協働事業（協定書の確認、実績報告、評価）: <Link to="/projects">協働事業の一覧</Link>
          </p>
        </section>
      ) : null}

      {hasRole(viewer, "reviewer") ? (
        <section className="panel" aria-labelledby="dash-reviewer">
          <h2 id="dash-reviewer">審査委員として</h2>
          {reviewAssignments && reviewAssignments.total > 0 ? (
            <p>
              割り当てられた提案が {reviewAssignments.total} 件あり、そのうち未提出の採点票が {reviewAssignments.open} 件あります。<Link to="/reviews">審査の一覧</Link>で締切と採点を確認してください。
            </p>
          ) : (
            <p className="empty">割り当てられた提案はまだありません。協働推進課が募集の審査を始めると、担当する提案がここに表示されます。</p>
          )}
        </section>
      ) : null}

      {pendingGroups !== null ? (
        <section className="panel" aria-labelledby="dash-coordinator">
          <h2 id="dash-coordinator">協働推進課として</h2>
          {pendingGroups === 0 ? (
            <p className="empty">承認待ちの団体はありません。新しい団体の登録があると、ここに件数が表示されます。</p>
          ) : (
            <p>
              承認待ちの団体が {pendingGroups} 件あります。<Link to="/coordinator/groups">団体の審査</Link>で内容を確認して承認または差戻しをしてください。
            </p>
          )}
          <p>
            {waitingProposals ? (
              <>
                受け付けて手続きを待つ提案（または事前相談中の下書き）が {waitingProposals} 件あります: <Link to="/proposals">提案の一覧</Link>
              </>
            ) : (
              "手続きを待つ提案はありません。"
            )}
          </p>
          <p>
            募集: <Link to="/coordinator/calls">募集の管理</Link>（行政提案型・市民提案型の募集を作成・公開します）
          </p>
          <p>
            協働の計画: <Link to="/plans/import">計画書を取り込む</Link>（進捗一覧・実行計画のファイルから施策と実施したことを登録・更新します）・
            <Link to="/plans">計画の一覧</Link>
          </p>
        </section>
      ) : null}

      {users !== null ? (
        <section className="panel" aria-labelledby="dash-admin">
          <h2 id="dash-admin">管理者として</h2>
          <p>
            登録ユーザー: {users} 人。<Link to="/admin/users">ユーザー管理</Link>で職員・審査委員・協働推進課の役割を付与できます。
            変更はすべて<Link to="/admin/audit">監査ログ</Link>に記録されます。
          </p>
        </section>
      ) : null}
    </>
  );
}
