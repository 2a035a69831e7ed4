// The coordinator's decision on one proposal (採択・条件付き採択・採択候補・不採択). Before the call's
// publication it is only prepared: nothing reaches the group. After it (a 採択候補's final decision, or
// a late one) it is published at once and the group is notified.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DecisionForm } from "~/components/awards/decision-form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { pageLink } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { loadAwardFor } from "~/auth/access/awards.server";
import { AwardRefusedError, discardDecision, prepareDecision, reviseDecision } from "~/domain/awards/commands.server";
import { outcomeLabel } from "~/domain/awards/letter";
import { callDecisionsPageOf, decisionContext } from "~/domain/awards/queries.server";
import { changeReasonSchema, DECISION_OUTCOMES, decisionSchema } from "~/domain/awards/schema";
import { cityShareForYear } from "~/domain/calls/rules";
import { mailNow } from "~/domain/notifications/commands.server";
import { statusLabel } from "~/domain/proposals/lifecycle";
import { readForm } from "~/http/form.server";
import { SubmitButton } from "~/components/forms/form";
import { formatYen } from "~/domain/number-format";

export const meta: MetaFunction = () => [{ title: "審査結果の決定 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await loadAwardFor(args, "award:manage");
  const context = await decisionContext(getDb(), proposal);
  const years = Array.from({ length: Math.max(context.yearlyTotals.length, context.decision?.amounts.length ?? 0) }, (_, i) => {
    const total = context.yearlyTotals[i] ?? 0;
    const share = cityShareForYear(context.cityShareByYear, i);
    return { total, requested: context.requestedByYear[i] ?? 0, share, limit: Math.floor((total * share) / 100) };
  });
  const decision = context.decision;
  const candidate = proposal.status === "adoption_candidate";
  // A published decision (other than a candidate's) is corrected, not re-decided: same outcome, a reason why.
  const locked = decision?.published_at != null && !candidate;
  const correctable = locked && ["adopted", "conditionally_adopted", "rejected"].includes(proposal.status);
  return json({
    proposal: { id: proposal.id, title: proposal.title || "（無題の提案）", status: statusLabel(proposal.status), receiptNumber: proposal.receipt_number, groupName: proposal.group_name, callId: proposal.call_id, callTitle: proposal.call.title },
    published: context.published,
    candidate,
    locked,
    correctable,
    current: decision
      ? { outcomeCode: decision.outcome, outcome: outcomeLabel(decision.outcome), reason: decision.reason, amounts: decision.amounts, letterNumber: decision.letter_number, publishedAt: decision.published_at }
      : null,
    // A candidate's final decision starts from its amounts; the outcome and the reason are new.
    values: decision
      ? candidate && !locked
        ? { amounts: decision.amounts.map(String) }
        : { outcome: decision.outcome, reason: decision.reason, amounts: decision.amounts.map(String), conditions: context.conditions.join("\n") }
      : undefined,
    years,
    limits: { capPerProposal: context.capPerProposal, capTotal: context.capTotal, used: context.otherAwardsFirstYear },
    outcomes: candidate ? DECISION_OUTCOMES.items.filter((o) => o.code === "adopted" || o.code === "rejected") : DECISION_OUTCOMES.items,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, proposal, decision } = await loadAwardFor(args, "award:manage");
  const db = getDb();
  const formData = await readForm(args.request);
  // Back to the page of the call's list this proposal is on (a call has hundreds, 50 a page).
  const backPage = await callDecisionsPageOf(db, proposal);
  const back = pageLink(backPage, `/coordinator/calls/${proposal.call_id}/decisions`);
  if (formData.get("intent") === "discard") {
    try {
      await discardDecision(db, viewer, proposal.id);
    } catch (error) {
      if (!(error instanceof AwardRefusedError)) throw error;
      return json({ status: "error" as const, error: { "": [error.reason] }, initialValue: null }, { status: error.status });
    }
    return redirectWithNotice(back, "準備していた審査結果を取り消しました。");
  }
  const submission = parseWithZod(formData, { schema: decisionSchema });
  const correcting = decision?.published_at != null && proposal.status !== "adoption_candidate";
  const changeReason = changeReasonSchema.safeParse(formData.get("changeReason") ?? undefined);
  if (submission.status !== "success") {
    const extra: Record<string, string[]> = correcting && !changeReason.success ? { changeReason: changeReason.error.issues.map((i) => i.message) } : {};
    return json(submission.reply({ fieldErrors: extra }), { status: 400 });
  }
  if (correcting) {
    if (!changeReason.success) return json(submission.reply({ fieldErrors: { changeReason: changeReason.error.issues.map((i) => i.message) } }), { status: 400 });
    try {
      const ids = await reviseDecision(db, viewer, proposal.id, submission.value, changeReason.data);
      await mailNow(db, ids, args.context.origin);
      return redirectWithNotice(back, "公表済みの審査結果を訂正し、団体に通知しました。");
    } catch (error) {
      if (!(error instanceof AwardRefusedError)) throw error;
      return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: error.status });
    }
  }
  try {
    const result = await prepareDecision(db, viewer, proposal.id, submission.value);
    await mailNow(db, result.notificationIds, args.context.origin);
    return redirectWithNotice(
      back,
      result.published
        ? `審査結果（${outcomeLabel(submission.value.outcome)}）を公表し、団体に通知しました（${result.letterNumber}）。`
        : `審査結果（${outcomeLabel(submission.value.outcome)}）を準備しました。公表するまで団体には届きません。`,
    );
  } catch (error) {
    if (!(error instanceof AwardRefusedError)) throw error;
    return json(submission.reply({ fieldErrors: error.problems, formErrors: [error.reason] }), { status: error.status });
  }
}

export default function DecisionPage() {
  const { proposal, published, candidate, locked, correctable, current, values, years, limits, outcomes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>審査結果の決定</h1>
      <p>
        <Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>（{proposal.groupName}
        {proposal.receiptNumber ? ` · 受付番号 ${proposal.receiptNumber}` : ""} · {proposal.status}）
      </p>
      <p>
        <Link to={`/coordinator/calls/${proposal.callId}/decisions`}>「{proposal.callTitle}」の審査結果一覧</Link>
      </p>
      {current ? (
        <dl className="facts">
          <dt>{current.publishedAt ? "公表した審査結果" : "準備中の審査結果"}</dt>
          <dd>
            {current.outcome}
            {current.amounts.length ? `（採択額 ${current.amounts.map((a, i) => `${i + 1}年目 ${formatYen(a)}`).join("・")}）` : ""}
            {current.letterNumber ? ` · ${current.letterNumber}` : ""}
          </dd>
          <dt>理由</dt>
          <dd className="profile-text">{current.reason}</dd>
        </dl>
      ) : null}
      {locked ? (
        <>
          <p className="status-reason">
            この審査結果は公表済みです（<Link to={`/proposals/${proposal.id}/letter`}>審査結果通知書</Link>）。
            {correctable ? "理由・採択額・条件に誤りがある場合は、訂正の理由を添えて訂正できます。訂正は記録され、団体に通知されます。" : "協定の手続きに進んだため、訂正はできません。"}
          </p>
          {correctable ? (
            <DecisionForm
              lastResult={reply as SubmissionResult<string[]> | undefined}
              defaultValue={values}
              years={years}
              outcomes={outcomes.filter((o) => o.code === current?.outcomeCode)}
              submitLabel="訂正して団体に通知する"
              correcting
            />
          ) : null}
        </>
      ) : (
        <>
          <p className={published ? "status-reason" : "hint"}>
            {candidate
              ? "採択候補の提案です。予算が決まったら「採択」か「不採択」を決めてください。保存するとすぐに公表され、団体に通知されます。"
              : published
                ? "この募集の審査結果は公表済みです。ここで決めた結果はすぐに公表され、団体に通知されます。"
                : "ここで決めた結果は、募集の審査結果一覧で「公表する」まで団体には届きません（状態も変わりません）。"}
          </p>
          <p className="hint">
            1提案あたりの上限 {formatYen(limits.capPerProposal)} · 募集全体の予算額 {formatYen(limits.capTotal)}（ほかの採択で1年目に {formatYen(limits.used)} を使用）
          </p>
          <DecisionForm lastResult={reply as SubmissionResult<string[]> | undefined} defaultValue={values} years={years} outcomes={outcomes} submitLabel={published || candidate ? "決定して公表する" : "審査結果を準備する"} />
          {current && !current.publishedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <SubmitButton className="link-button">
                準備した審査結果を取り消す
              </SubmitButton>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
