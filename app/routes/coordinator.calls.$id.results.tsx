// The result sheet (審査結果一覧) of one stage of a call, for the coordinator only: rank, receipt number,
// group, title, requested amount, per-criterion averages, total, spread, pass line, sheets counted and
// excluded, ties, the running total against the call's budget, the reviewers' names — and how every
// figure was computed. Downloads: .xlsx and .csv. The chosen proposals move on to the presentation here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { Errors, type Reply } from "~/components/reviews/fields";
import { recordTieBreak, ReviewRefusedError } from "~/domain/reviews/commands.server";
import { formFields, issuesByField, tieBreakSchema } from "~/domain/reviews/schema";
import { getDb } from "~/db.server";
import { runningTotals, shortDecimal } from "~/domain/reviews/aggregation";
import { resultPageRows } from "~/domain/reviews/result-page.server";
import { loadReviewCall } from "~/auth/access/reviews.server";
import { resultSheet, reviewStagesOf } from "~/domain/reviews/queries.server";
import { REVIEW_STAGES } from "~/domain/reviews/schema";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/domain/calendar/format";
import { formatYen } from "~/domain/number-format";
import { requestedChoice } from "~/domain/zod";

export const meta: MetaFunction = () => [{ title: "審査結果一覧 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { call } = await loadReviewCall(args);
  const stages = reviewStagesOf(call.stages);
  const stage = requestedChoice(args.request, "stage", stages) ?? stages[0];
  const sheet = stage ? await resultSheet(getDb(), call, stage) : null;
  return json({
    call: { id: call.id, title: call.title, budgetCapTotal: call.budget_cap_total, hasPresentation: call.stages.includes("presentation") },
    stages: stages.map((s) => ({ code: s, label: REVIEW_STAGES.label(s) })),
    stage: stage ?? null,
    deadline: sheet?.deadline ? formatDateTime(sheet.deadline) : null,
    explanation: sheet?.explanation ?? [],
    // The coordinator settles ties by a recorded choice: the proposals still tied, to put in order.
    tiedToOrder:
      sheet?.rules.tieBreak === "coordinator"
        ? sheet.rows.filter((r) => r.result.tied).map((r) => ({ proposalId: r.proposalId, label: `${r.receiptNumber ?? ""} ${r.title}`, figure: r.result.figure ? shortDecimal(r.result.figure) : "" }))
        : [],
    criteria: sheet?.criteria.map((c) => ({ id: c.id, name: c.name })) ?? [],
    ...(sheet ? resultPageRows(sheet) : { reviewers: [], rows: [] }),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, call } = await loadReviewCall(args);
  const fields = formFields(await readForm(args.request));
  const parsed = tieBreakSchema.safeParse(fields);
  if (!parsed.success) return json<Reply>({ intent: "tie_break", fieldErrors: issuesByField(parsed.error.issues), values: fields }, { status: 400 });
  if (!reviewStagesOf(call.stages).includes(parsed.data.stage)) return json<Reply>({ intent: "tie_break", formError: "この募集にない審査の段階です。", values: fields }, { status: 400 });
  try {
    await recordTieBreak(getDb(), viewer, call, parsed.data.stage, parsed.data.order, parsed.data.reason);
  } catch (error) {
    if (!(error instanceof ReviewRefusedError)) throw error;
    return json<Reply>({ intent: "tie_break", formError: error.reason, fieldErrors: error.problems, values: fields }, { status: error.status });
  }
  return redirectWithNotice(`/coordinator/calls/${call.id}/results?stage=${parsed.data.stage}`, "同点の順番を記録しました。");
}

export default function Results() {
  const { call, stages, stage, deadline, explanation, criteria, reviewers, rows, tiedToOrder } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/coordinator/calls/${call.id}/results`;
  const totals = runningTotals(rows.map((r) => ({ ranked: r.rank !== null, amount: r.requested })));
  return (
    <>
      <h1>審査結果一覧</h1>
      <p>
        募集: <Link to={`/calls/${call.id}`}>{call.title}</Link> · <Link to={`/coordinator/calls/${call.id}/review`}>審査の運営</Link> ·{" "}
        <Link to={`/coordinator/calls/${call.id}/rules`}>集計方法</Link>
      </p>
      {stages.length > 1 ? (
        <nav aria-label="審査の段階">
          {stages.map((s) => (
            <span key={s.code}>
              {s.code === stage ? <strong>{s.label}</strong> : <Link to={`${base}?stage=${s.code}`}>{s.label}</Link>}{" "}
            </span>
          ))}
        </nav>
      ) : null}
      {stage ? (
        <p className="actions">
          <a className="button" href={`${base}.xlsx?stage=${stage}`}>
            Excel（xlsx）でダウンロード
          </a>{" "}
          <a className="button" href={`${base}.csv?stage=${stage}`}>
            CSVでダウンロード
          </a>{" "}
          <a className="button" href={`${base}.csv?stage=${stage}&encoding=sjis`}>
            CSV（Shift_JIS）
          </a>
        </p>
      ) : null}
      <p>
        締切: {deadline ?? "未定"} · 予算総額: {formatYen(call.budgetCapTotal)}
      </p>
      <section className="panel" aria-labelledby="rules-heading">
        <h2 id="rules-heading">集計方法</h2>
        <ul>
          {explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      {tiedToOrder.length && stage ? (
        <section className="panel" aria-labelledby="tie-heading">
          <h2 id="tie-heading">同点の順番を決める</h2>
          {reply?.formError ? <FormErrors id="tie-error" errors={[reply.formError]} /> : null}
          <Form method="post">
            <input type="hidden" name="stage" value={stage} />
            <fieldset className="field">
              <legend>上から順に選んでください（同じ点数の提案どうしで比べます）</legend>
              {tiedToOrder.map((_, i) => (
                <div key={i} className="field">
                  <label htmlFor={`tie-${i}`}>{i + 1}番目</label>
                  <select id={`tie-${i}`} name="order" defaultValue={tiedToOrder[i].proposalId}>
                    {tiedToOrder.map((t) => (
                      <option key={t.proposalId} value={t.proposalId}>
                        {t.label}（{t.figure}）
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <Errors reply={reply} intent="tie_break" field="order" />
            </fieldset>
            <div className="field">
              <label htmlFor="tie-reason">理由（必須）</label>
              <textarea id="tie-reason" name="reason" rows={2} />
              <Errors reply={reply} intent="tie_break" field="reason" />
            </div>
            <SubmitButton className="button">
              順番を記録する
            </SubmitButton>
          </Form>
        </section>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">まだ割り当てがありません。審査の運営のページで委員を割り当ててください。</p>
      ) : (
        <Form method="post" action={`/coordinator/calls/${call.id}/review`}>
          <input type="hidden" name="intent" value="move" />
          <div className="table-scroll">
            <table className="result-sheet">
              <thead>
                <tr>
                  {stage === "document_review" && call.hasPresentation ? <th scope="col">選択</th> : null}
                  <th scope="col">順位</th>
                  <th scope="col">受付番号</th>
                  <th scope="col">団体</th>
                  <th scope="col">提案事業名</th>
                  <th scope="col">申請額</th>
                  {criteria.map((c) => (
                    <th key={c.id} scope="col">
                      {c.name}（平均）
                    </th>
                  ))}
                  <th scope="col">合計</th>
                  <th scope="col">最低〜最高</th>
                  <th scope="col">合格ライン</th>
                  <th scope="col">提出／割当</th>
                  <th scope="col">除外</th>
                  <th scope="col">申請額の累計</th>
                  <th scope="col">予算総額内</th>
                  <th scope="col">審査委員</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.proposalId}>
                    {stage === "document_review" && call.hasPresentation ? (
                      <td>{r.movable ? <input type="checkbox" name="proposalIds" value={r.proposalId} aria-label={`${r.receiptNumber} を選ぶ`} /> : null}</td>
                    ) : null}
                    <td>
                      {r.rank ?? "—"}
                      {r.tieNote ? <div className="hint">{r.tieNote}</div> : null}
                    </td>
                    <td>{r.receiptNumber}</td>
                    <td>{r.groupName}</td>
                    <td>
                      {/* discover="none": the attribute serves lazy route discovery, which this app does not use (200 links). */}
                      <Link to={`/proposals/${r.proposalId}`} discover="none">
                        {r.title || "（無題）"}
                      </Link>
                      <details>
                        <summary>計算</summary>
                        <p>{r.explanation}</p>
                      </details>
                    </td>
                    <td>{formatYen(r.requested)}</td>
                    {criteria.map((c, k) => (
                      <td key={c.id}>{r.averages[k] ?? "—"}</td>
                    ))}
                    <td>
                      <strong>{r.figure ?? "—"}</strong>
                    </td>
                    <td>{r.spread ? `${r.spread[0]}〜${r.spread[1]}` : "—"}</td>
                    <td>{r.mark}</td>
                    <td>{`${r.submitted}/${r.assigned}`}</td>
                    <td>{r.excluded}</td>
                    <td>{totals[i] === null ? "" : `${formatYen(totals[i])}${totals[i] > call.budgetCapTotal ? "（予算総額を超過）" : ""}`}</td>
                    <td>{r.selection}</td>
                    <td>{r.reviewers.map(([name, note]) => reviewers[name] + (note ?? "")).join("、")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {stage === "document_review" && call.hasPresentation ? (
            <p className="actions">
              <SubmitButton name="action" value="to_presentation" className="button primary">
                選んだ提案を二次審査（プレゼンテーション）へ進める
              </SubmitButton>
            </p>
          ) : null}
        </Form>
      )}
    </>
  );
}
