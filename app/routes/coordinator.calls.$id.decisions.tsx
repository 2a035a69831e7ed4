// The coordinator's decisions for one call: the proposals past their draft, 50 a page, with their prepared
// or published decisions, and the one button that publishes them all at one moment (状態の変更・通知書・
// 通知), with how many of the whole call are prepared and undecided.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { PageCount, pageLink, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { requireViewer } from "~/auth/guards.server";
import { AwardRefusedError, publishDecisions } from "~/domain/awards/commands.server";
import { outcomeLabel } from "~/domain/awards/letter";
import { awardPublication, listCallDecisions } from "~/domain/awards/queries.server";
import { loadCallFor } from "~/auth/access/calls.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { requestedPage, z } from "~/domain/zod";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";
import { formatYen } from "~/domain/number-format";

export const meta: MetaFunction = () => [{ title: "審査結果の決定と公表 | 協働マッチングポータル" }];

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { call } = await loadCallFor(args, "call:manage");
  const viewer = await requireViewer(args, "award:manage");
  return { viewer, call };
}

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await load(args);
  const db = getDb();
  const [{ rows, total, page, pageCount, undecided, prepared }, publication] = await Promise.all([listCallDecisions(db, call.id, requestedPage(args.request)), awardPublication(db, call.id)]);
  return json({
    call: { id: call.id, title: call.title, stages: call.stages },
    publishedAt: publication ? formatDateTime(publication.published_at) : null,
    undecided,
    prepared,
    total,
    page,
    pageCount,
    rows: rows.map((r) => ({
      ...r,
      decision: r.decision
        ? { outcome: outcomeLabel(r.decision.outcome), total: r.decision.amounts.reduce((a, b) => a + b, 0), letterNumber: r.decision.letterNumber, published: r.decision.publishedAt !== null }
        : null,
      decidable: ["submitted", "in_review", "presentation", "adoption_candidate"].includes(r.status),
      correctable: ["adopted", "conditionally_adopted", "rejected"].includes(r.status),
    })),
  });
}

const publishSchema = z.object({
  intent: z.literal("publish"),
  confirm: z.literal("yes", { error: "公表してよいか確認のチェックを入れてください" }),
});

type Reply = { formError?: string; problems?: string[]; fieldErrors?: Record<string, string[]> };

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await load(args);
  const form = Object.fromEntries(await readForm(args.request));
  const parsed = publishSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return json<Reply>({ fieldErrors }, { status: 400 });
  }
  const db = getDb();
  try {
    const result = await publishDecisions(db, viewer, call.id);
    await mailNow(db, result.notificationIds, args.context.origin);
    return redirectWithNotice(pageLink(requestedPage(args.request), `/coordinator/calls/${call.id}/decisions`), `${result.count}件の審査結果を公表し、各団体に通知しました。`);
  } catch (error) {
    if (!(error instanceof AwardRefusedError)) throw error;
    return json<Reply>({ formError: error.reason, problems: error.problems.publish ?? [] }, { status: error.status });
  }
}

export default function CallDecisions() {
  const { call, publishedAt, undecided, prepared, total, page, pageCount, rows } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>審査結果の決定と公表</h1>
      <p>
        <Link to={`/calls/${call.id}`}>{call.title}</Link> · <Link to="/coordinator/calls">募集の管理</Link>
        {call.stages.includes("document_review") || call.stages.includes("presentation") ? (
          <>
            {" "}
            · <Link to={`/coordinator/calls/${call.id}/results`}>審査の集計結果</Link>
          </>
        ) : null}
      </p>
      {publishedAt ? (
        <p className="status-reason">審査結果は {publishedAt} に公表しました。採択候補の最終決定や、あとから決める審査結果は、決定と同時に公表されます。</p>
      ) : (
        <p className="hint">提案ごとに審査結果を準備し、すべて決まったら下の「公表する」で一度に公表します。公表するまで、団体には結果も通知も届きません。</p>
      )}
      {reply?.formError ? (
        <div className="form-errors" role="alert">
          <p>{reply.formError}</p>
          {reply.problems?.length ? (
            <ul>
              {reply.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p>この募集に提出された提案はまだありません。</p>
      ) : (
        <>
          <PageCount total={total} page={page} pageCount={pageCount} order="受付番号順" />
          <table className="data-table">
            <caption>提案と審査結果</caption>
            <thead>
              <tr>
                <th scope="col">受付番号</th>
                <th scope="col">団体</th>
                <th scope="col">提案</th>
                <th scope="col">状態</th>
                <th scope="col">審査結果</th>
                <th scope="col">採択額</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.receiptNumber}</td>
                  <td>{r.groupName}</td>
                  <td>
                    <Link to={`/proposals/${r.id}`}>{r.title || "（無題の提案）"}</Link>
                  </td>
                  <td>{r.statusLabel}</td>
                  <td>{r.decision ? `${r.decision.outcome}${r.decision.published ? `（公表済み ${r.decision.letterNumber}）` : "（準備中）"}` : "未決定"}</td>
                  <td className="numeric">{r.decision && r.decision.total > 0 ? formatYen(r.decision.total) : "—"}</td>
                  <td>
                    {r.decidable && !(r.decision?.published && r.status !== "adoption_candidate") ? (
                      <Link to={`/proposals/${r.id}/decision`}>{r.status === "adoption_candidate" ? "最終決定する" : r.decision ? "変更する" : "決定する"}</Link>
                    ) : r.decision?.published && r.correctable ? (
                      <Link to={`/proposals/${r.id}/decision`}>訂正する</Link>
                    ) : null}
                    {r.decision ? (
                      <>
                        {" "}
                        <Link to={`/proposals/${r.id}/letter`}>通知書</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
      {publishedAt ? null : (
        <section aria-labelledby="publish">
          <h2 id="publish">公表</h2>
          <p>
            準備済み {prepared}件 · 未決定 {undecided}件。公表すると、提案の状態が審査結果に変わり、審査結果通知書に文書番号が付いて、各団体にお知らせとメールが届きます。公表は取り消せません。
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <div className="field">
              <label>
                <input type="checkbox" name="confirm" value="yes" aria-describedby="confirm-error" /> 内容を確認しました。審査結果を公表します
              </label>
              <FieldErrors id="confirm-error" errors={reply?.fieldErrors?.confirm} />
            </div>
            <SubmitButton className="button primary">
              公表する
            </SubmitButton>
          </Form>
        </section>
      )}
    </>
  );
}
