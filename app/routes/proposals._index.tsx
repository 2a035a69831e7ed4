// 提案: the viewer's proposals — a group member's drafts and submissions, the coordinator's received
// proposals, a department's proposals that name it (submitted ones, and drafts under consultation).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/guards.server";
import { hasRole } from "~/auth/viewer";
import { getDb } from "~/db.server";
import { statusLabel, type ProposalStatus } from "~/domain/proposals/lifecycle";
import { listGroupProposals, listStaffProposals } from "~/domain/proposals/queries.server";
import { PROPOSAL_TYPE_LABELS } from "~/domain/proposals/receipt";
import { formatDateTime } from "~/domain/calendar/format";
import { Pagination } from "~/components/layout/pagination";
import { requestedPage } from "~/domain/zod";
import { formatCount } from "~/domain/number-format";

export const meta: MetaFunction = () => [{ title: "提案 | 協働マッチングポータル" }];

type Row = Awaited<ReturnType<typeof listGroupProposals>>[number];

function present(rows: Row[]) {
  return rows.map((r) => ({
    id: r.id,
    title: r.title || "（無題の提案）",
    status: statusLabel(r.status as ProposalStatus),
    type: PROPOSAL_TYPE_LABELS[r.type],
    receiptNumber: r.receipt_number,
    callTitle: r.call_title,
    closesAt: formatDateTime(r.call_closes_at),
    groupName: r.group_name,
    at: formatDateTime(r.submitted_at ?? r.updated_at),
  }));
}

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args, "proposal:list");
  const db = getDb();
  const coordinator = hasRole(viewer, "coordinator");
  const staff = coordinator || hasRole(viewer, "department_staff");
  const received = staff ? await listStaffProposals(db, { departmentId: viewer.departmentId, all: coordinator }, requestedPage(args.request)) : null;
  return json({
    own: hasRole(viewer, "group_member") ? present(await listGroupProposals(db, viewer.id)) : null,
    received: received ? { ...received, rows: present(received.rows) } : null,
    receivedHeading: coordinator ? "受け付けた提案（すべて）" : "担当課に関係する提案",
  });
}

function ProposalTable({ rows, caption }: { rows: ReturnType<typeof present>; caption: string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">提案事業名</th>
            <th scope="col">状態</th>
            <th scope="col">受付番号</th>
            <th scope="col">団体</th>
            <th scope="col">募集（提出期限）</th>
            <th scope="col">更新・提出</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/proposals/${r.id}`}>{r.title}</Link>
              </td>
              <td>{r.status}</td>
              <td>{r.receiptNumber ?? "—"}</td>
              <td>{r.groupName}</td>
              <td>
                {r.callTitle}（{r.type}・{r.closesAt}）
              </td>
              <td>{r.at}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Proposals() {
  const { own, received, receivedHeading } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>提案</h1>
      {own ? (
        <section aria-labelledby="own-proposals">
          <h2 id="own-proposals">団体の提案</h2>
          {own.length === 0 ? (
            <p className="empty-state">
              まだ提案はありません。<Link to="/calls">募集の一覧</Link>から受付中の募集を選び、「この募集に提案する」から提案書を作成してください。
            </p>
          ) : (
            <ProposalTable rows={own} caption="団体の提案（下書きを含む）" />
          )}
        </section>
      ) : null}
      {received ? (
        <section aria-labelledby="received-proposals">
          <h2 id="received-proposals">{receivedHeading}</h2>
          {received.total === 0 ? (
            <p className="empty-state">まだ提出された提案はありません。</p>
          ) : (
            <>
              <p>
                {formatCount(received.total)}{received.pageCount > 1 ? `（${received.page}／${received.pageCount}ページ）` : ""}
              </p>
              <ProposalTable rows={received.rows} caption={receivedHeading} />
              <Pagination page={received.page} pageCount={received.pageCount} />
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
