// The evaluation (評価) of a project: self (団体), mutual (担当課) and third party (協働推進課) on the same
// five items, 1–5 with comments, side by side with notable differences marked. Once the self and the
// department's evaluations are in (and the final report accepted), the city records the evaluation
// (評価済み); the coordinator then closes the project (完了).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { statusLabel } from "~/domain/proposals/lifecycle";
import { loadProjectFor } from "~/auth/access/projects.server";
import { closeProject, evaluationSidesFor, ProjectRefusedError, recordEvaluation, submitEvaluation } from "~/domain/projects/commands.server";
import { compareEvaluations, EVALUATION_ITEMS, EVALUATION_SIDE_LABELS, EVALUATION_SIDES, evaluationFormSchema, type EvaluationSide, type StoredItem } from "~/domain/projects/evaluation";
import { listEvaluations } from "~/domain/projects/queries.server";
import { formatDate } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "評価 | 協働マッチングポータル" }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const evaluations = await listEvaluations(getDb(), project.id);
  const bySide: Partial<Record<EvaluationSide, StoredItem[]>> = Object.fromEntries(evaluations.map((e) => [e.side, e.items]));
  const open = project.status === "reported";
  return json({
    projectId: project.id,
    projectTitle: project.title,
    statusLabel: project.statusLabel,
    comparison: compareEvaluations(bySide),
    sides: EVALUATION_SIDES.map((side) => {
      const e = evaluations.find((x) => x.side === side);
      return { side, label: EVALUATION_SIDE_LABELS[side], done: Boolean(e), at: e ? formatDate(e.submitted_at) : null, by: e?.submitted_by_name ?? null, comment: e?.comment ?? "", items: e?.items ?? [] };
    }),
    writable: open ? evaluationSidesFor(viewer, subject) : [],
    may: {
      record: open && can(viewer, "project:act-as-city", subject),
      close: project.status === "evaluated" && can(viewer, "project:coordinate", subject),
    },
  });
}

type Reply = { formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const formData = await readForm(args.request);
  const values = Object.fromEntries([...formData].map(([k, v]) => [k, String(v)]));
  const db = getDb();
  const back = `/projects/${project.id}/evaluation`;
  const forbid = () => {
    forbidden();
  };
  try {
    if (values.intent === "record") {
      if (!can(viewer, "project:act-as-city", subject)) forbid();
      const applied = await recordEvaluation(db, viewer, project.id, subject);
      await mailNow(db, applied.notificationIds, args.context.origin);
      return redirectWithNotice(back, `評価を記録しました（${statusLabel(applied.to)}）。`);
    }
    if (values.intent === "close") {
      if (!can(viewer, "project:coordinate", subject)) forbid();
      const applied = await closeProject(db, viewer, project.id);
      await mailNow(db, applied.notificationIds, args.context.origin);
      return redirectWithNotice(`/projects/${project.id}`, `事業を「${statusLabel(applied.to)}」としました。`);
    }
    if (!can(viewer, "project:view", subject) || evaluationSidesFor(viewer, subject).length === 0) forbid();
    const submission = parseWithZod(formData, { schema: evaluationFormSchema });
    if (submission.status !== "success") {
      return json<Reply>({ formError: "入力内容を確認してください。", fieldErrors: (submission.reply().error ?? {}) as Record<string, string[]>, values }, { status: 400 });
    }
    await submitEvaluation(db, viewer, project.id, submission.value, subject);
    return redirectWithNotice(back, `${EVALUATION_SIDE_LABELS[submission.value.side]}を保存しました。`);
  } catch (error) {
    if (!(error instanceof ProjectRefusedError)) throw error;
    return json<Reply>({ formError: error.reason, fieldErrors: error.problems, values }, { status: error.status });
  }
}

export default function EvaluationPage() {
  const { projectId, projectTitle, statusLabel: status, comparison, sides, writable, may } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/projects/${projectId}`}>{projectTitle}</Link>（{status}）
      </p>
      <h1>評価</h1>
      {reply?.formError ? (
        <div className="form-errors" role="alert">
          <p>{reply.formError}</p>
        </div>
      ) : null}
      <div className="table-scroll">
        <table>
          <caption>評価の比較（1〜5点。団体と担当課の差が2点以上の項目に印）</caption>
          <thead>
            <tr>
              <th scope="col">項目</th>
              {sides.map((s) => (
                <th scope="col" key={s.side}>
                  {s.label}
                </th>
              ))}
              <th scope="col">差（担当課−団体）</th>
            </tr>
          </thead>
          <tbody>
            {comparison.map((row) => (
              <tr key={row.key} className={row.notable ? "off-plan" : undefined}>
                <th scope="row">{row.label}</th>
                {sides.map((s) => (
                  <td key={s.side} className="num">
                    {row.scores[s.side] ?? "—"}
                  </td>
                ))}
                <td className="num">{row.difference === null ? "—" : row.notable ? <strong>{row.difference > 0 ? `+${row.difference}` : row.difference}（差が大きい）</strong> : row.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sides
        .filter((s) => s.done)
        .map((s) => (
          <section key={s.side} aria-label={s.label}>
            <h2>{s.label}</h2>
            <p className="meta">
              {s.by ?? ""}（{s.at}）
            </p>
            <ul>
              {s.items.filter((i) => i.comment).map((i) => (
                <li key={i.item}>
                  {EVALUATION_ITEMS.find((x) => x.key === i.item)?.label}: {i.comment}
                </li>
              ))}
            </ul>
            {s.comment ? <p className="profile-text">総評: {s.comment}</p> : null}
          </section>
        ))}
      {writable.map((side) => {
        const mine = reply?.values?.side === side;
        const value = (name: string) => (mine ? reply?.values?.[name] : undefined) ?? String((sides.find((s) => s.side === side)?.items.find((i) => `score_${i.item}` === name || `comment_${i.item}` === name) as StoredItem | undefined)?.[name.startsWith("score_") ? "score" : "comment"] ?? "");
        return (
          <Form method="post" key={side}>
            <h2>{EVALUATION_SIDE_LABELS[side]}を入力する</h2>
            <input type="hidden" name="side" value={side} />
            {EVALUATION_ITEMS.map((item) => (
              <fieldset key={item.key}>
                <legend>{item.label}</legend>
                <div className="field">
                  <label htmlFor={`${side}-score-${item.key}`}>点数（1〜5）</label>
                  <select id={`${side}-score-${item.key}`} name={`score_${item.key}`} defaultValue={value(`score_${item.key}`)} aria-describedby={`${side}-score-${item.key}-error`}>
                    <option value="">選んでください</option>
                    {[5, 4, 3, 2, 1].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                  <FieldErrors id={`${side}-score-${item.key}-error`} errors={mine ? reply?.fieldErrors?.[`score_${item.key}`] : undefined} />
                </div>
                <div className="field">
                  <label htmlFor={`${side}-comment-${item.key}`}>コメント</label>
                  <textarea id={`${side}-comment-${item.key}`} name={`comment_${item.key}`} rows={2} defaultValue={value(`comment_${item.key}`)} />
                </div>
              </fieldset>
            ))}
            <div className="field">
              <label htmlFor={`${side}-comment`}>総評</label>
              <textarea id={`${side}-comment`} name="comment" rows={3} defaultValue={mine ? reply?.values?.comment : sides.find((s) => s.side === side)?.comment} />
            </div>
            <SubmitButton className="button">
              {EVALUATION_SIDE_LABELS[side]}を保存する
            </SubmitButton>
          </Form>
        );
      })}
      {may.record ? (
        <Form method="post">
          <input type="hidden" name="intent" value="record" />
          <SubmitButton className="button primary">
            評価を記録する（評価済みにする）
          </SubmitButton>
        </Form>
      ) : null}
      {may.close ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <SubmitButton className="button primary">
            事業を完了とする
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
