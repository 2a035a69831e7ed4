import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { redirectWithNotice } from "~/components/flash.server";
import { FormErrors, SelectField, SubmitButton, TextArea, useSchemaForm } from "~/components/form";
import { SuggestionList } from "~/components/suggestions";
import { getDb } from "~/db.server";
import { loadSheetFor } from "~/auth/access/sheets.server";
import {
  answerQuestion,
  askQuestion,
  changeSheetStatus,
  markInterest,
  SheetRefusedError,
} from "~/domain/sheets/commands.server";
import { suggestGroupsForSheet } from "~/domain/matching/suggestions.server";
import { openCallsForSheet } from "~/domain/calls/queries.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { approvedGroupsOf, listInterests, listQuestions, unansweredQuestionsOfMember } from "~/domain/sheets/queries.server";
import {
  answerSchema,
  BUDGET_SCALES,
  INTEREST_LEVELS,
  interestSchema,
  questionSchema,
  SHEET_PRIORITIES,
  statusSchema,
  storedSheetInput,
} from "~/domain/sheets/schema";
import { SHEET_STATUS_LABELS, transitionsFrom } from "~/domain/sheets/lifecycle";
import { formatFiscalYearWithWestern } from "~/domain/calendar/fiscal-year";
import { AREAS, COLLABORATION_FORMS, FIELDS } from "~/domain/vocabulary";
import { readForm } from "~/http/form.server";
import { formatDate, formatDateTime } from "~/domain/calendar/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.sheet.title ?? "マッチングシート"} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, sheet, subject } = await loadSheetFor(args, "sheet:view");
  const db = getDb();
  const forDepartment = can(viewer, "sheet:view-interest", subject);
  const [questions, interests, suggestions, myGroups, openCalls, myUnanswered] = await Promise.all([
    listQuestions(db, sheet.id, { forDepartment }),
    forDepartment ? listInterests(db, sheet.id) : Promise.resolve(null),
    forDepartment ? suggestGroupsForSheet(db, sheet) : Promise.resolve(null),
    viewer && can(viewer, "sheet:ask", subject) ? approvedGroupsOf(db, viewer.id, sheet.id) : Promise.resolve([]),
    sheet.status === "published" ? openCallsForSheet(db, sheet.id) : Promise.resolve([]),
    // The department sees every question already; a member sees its own groups' ones still waiting.
    viewer && !forDepartment ? unansweredQuestionsOfMember(db, viewer.id, sheet.id) : Promise.resolve([]),
  ]);
  return json({
    sheet,
    questions,
    interests,
    suggestions,
    myGroups,
    openCalls,
    myUnanswered,
    may: {
      edit: can(viewer, "sheet:edit", subject),
      answer: can(viewer, "sheet:answer", subject),
      changeStatus: can(viewer, "sheet:change-status", subject),
      ask: can(viewer, "sheet:ask", subject),
      // Anyone not signed in may be a group member yet: the link takes them through sign-in to the call.
      propose: viewer === null || can(viewer, "proposal:create"),
    },
    signedIn: viewer !== null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const formData = await readForm(args.request);
  const intent = formData.get("intent");
  const db = getDb();
  const here = `/sheets/${args.params.id}`;

  if (intent === "ask") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:ask");
    const submission = parseWithZod(formData, { schema: questionSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      const { notificationIds } = await askQuestion(db, viewer!, sheet.id, submission.value.groupId, submission.value.question);
      await mailNow(db, notificationIds, args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: error.problems }) }, { status: error.status });
    }
    return redirectWithNotice(here, "質問を送りました。担当課が回答すると、このページに公開されます。");
  }

  if (intent === "interest") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:mark-interest");
    const submission = parseWithZod(formData, { schema: interestSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await mailNow(db, await markInterest(db, viewer!, sheet.id, submission.value.groupId, submission.value.level), args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: error.problems }) }, { status: error.status });
    }
    return redirectWithNotice(here, submission.value.level === "none" ? "関心の表明を取り消しました。" : "担当課に関心を伝えました。");
  }

  if (intent === "answer") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:answer");
    const submission = parseWithZod(formData, { schema: answerSchema });
    const questionId = String(formData.get("questionId") ?? "");
    if (submission.status !== "success") return json({ intent, questionId, result: submission.reply() }, { status: 400 });
    try {
      const notificationIds = await answerQuestion(db, viewer!, sheet.id, submission.value.questionId, submission.value.answer);
      await mailNow(db, notificationIds, args.context.origin);
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      return json({ intent, questionId, result: submission.reply({ formErrors: [error.reason] }) }, { status: error.status });
    }
    return redirectWithNotice(here, "回答を公開しました。すべての団体が同じ回答を見られます。");
  }

  if (intent === "status") {
    const { viewer, sheet } = await loadSheetFor(args, "sheet:change-status");
    const submission = parseWithZod(formData, { schema: statusSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await changeSheetStatus(db, viewer!, sheet, submission.value.to, storedSheetInput(sheet));
    } catch (error) {
      if (!(error instanceof SheetRefusedError)) throw error;
      // The status form has no fields: what publishing still needs is listed under the reason.
      const missing = Object.values(error.problems).flat();
      return json({ intent, result: submission.reply({ formErrors: [error.reason, ...missing] }) }, { status: error.status });
    }
    return redirectWithNotice(here, `「${SHEET_STATUS_LABELS[submission.value.to]}」にしました。`);
  }

  await loadSheetFor(args, "sheet:view");
  return json({ intent: null, result: null }, { status: 400 });
}

function Paragraphs({ text }: { text: string }) {
  return text ? <p className="prose">{text}</p> : <p className="empty">（未記入）</p>;
}

function Tags({ codes, label, of }: { codes: string[]; label: string; of: (code: string) => string }) {
  return codes.length ? (
    <ul className="tags" aria-label={label}>
      {codes.map((c) => (
        <li key={c}>{of(c)}</li>
      ))}
    </ul>
  ) : (
    <p className="empty">（未選択）</p>
  );
}

export default function SheetPage() {
  const { sheet, questions, interests, suggestions, myGroups, openCalls, myUnanswered, may, signedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultOf = (intent: string) => (actionData && actionData.intent === intent ? actionData.result : null);
  const [askForm, askFields] = useSchemaForm(questionSchema, resultOf("ask"), { intent: "ask", groupId: myGroups[0]?.id });
  const [interestForm, interestFields] = useSchemaForm(interestSchema, resultOf("interest"), { intent: "interest", groupId: myGroups[0]?.id });
  const statusResult = resultOf("status");

  return (
    <article>
      <p>
        <Link to="/sheets">マッチングシートの一覧</Link>
      </p>
      <h1>{sheet.title}</h1>
      <p>
        {sheet.department_name} · <span className={`status status-${sheet.status}`}>{SHEET_STATUS_LABELS[sheet.status]}</span>
        {sheet.priority !== "normal" ? ` · ${SHEET_PRIORITIES.label(sheet.priority)}` : null}
      </p>
      {may.edit || may.changeStatus ? (
        <section className="panel" aria-labelledby="sheet-manage">
          <h2 id="sheet-manage">担当課の操作</h2>
          {statusResult?.error?.[""] ? <FormErrors id="status-errors" errors={statusResult.error[""] ?? undefined} /> : null}
          <div className="actions">
            {may.edit ? (
              <Link className="button" to={`/sheets/${sheet.id}/edit`}>
                編集する
              </Link>
            ) : null}
            {may.changeStatus
              ? transitionsFrom(sheet.status).map((t) => (
                  <Form method="post" key={t.to}>
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="to" value={t.to} />
                    <button type="submit" className={t.to === "published" ? "button primary" : "button"}>
                      {t.label}
                    </button>
                  </Form>
                ))
              : null}
          </div>
        </section>
      ) : null}

      <h2>現状と課題</h2>
      <Paragraphs text={sheet.background} />
      <h2>期待する成果</h2>
      <Paragraphs text={sheet.outcomes} />
      <h2>市が提供できるもの</h2>
      <dl className="facts">
        <dt>人</dt>
        <dd className="prose">{sheet.offer_people || "—"}</dd>
        <dt>場所</dt>
        <dd className="prose">{sheet.offer_places || "—"}</dd>
        <dt>資金</dt>
        <dd className="prose">{sheet.offer_money || "—"}</dd>
        <dt>情報</dt>
        <dd className="prose">{sheet.offer_information || "—"}</dd>
      </dl>
      <h2>協働の形態</h2>
      <Tags codes={sheet.forms} label="協働の形態" of={COLLABORATION_FORMS.label} />
      <h2>活動分野・対象地域</h2>
      <Tags codes={sheet.fields} label="活動分野" of={FIELDS.label} />
      <Tags codes={sheet.areas} label="対象地域" of={AREAS.label} />
      <h2>実施の条件と担当者</h2>
      <dl className="facts">
        <dt>予算規模</dt>
        <dd>{sheet.budget_scale ? BUDGET_SCALES.label(sheet.budget_scale) : "—"}</dd>
        <dt>年度</dt>
        <dd>{sheet.fiscal_year ? formatFiscalYearWithWestern(sheet.fiscal_year) : "—"}</dd>
        <dt>実施期間</dt>
        <dd>{sheet.period || "—"}</dd>
        <dt>受付期限</dt>
        <dd>{sheet.apply_until ? formatDate(sheet.apply_until) : "期限なし"}</dd>
        <dt>担当者</dt>
        <dd>
          {sheet.department_name} {sheet.contact_name}
          {sheet.contact_phone ? ` · 電話 ${sheet.contact_phone}` : null}
          {sheet.contact_email ? ` · ${sheet.contact_email}` : null}
        </dd>
        {sheet.promoter_name ? (
          <>
            <dt>協働推進員</dt>
            <dd>{sheet.promoter_name}（提案の相談窓口）</dd>
          </>
        ) : null}
      </dl>

      {openCalls.length ? (
        <section className="panel" aria-labelledby="sheet-calls">
          <h2 id="sheet-calls">この課題で提案を受け付けている募集</h2>
          <ul>
            {openCalls.map((call) => {
              const propose = `/calls/${call.id}/propose`;
              return (
                <li key={call.id}>
                  <Link to={`/calls/${call.id}`}>{call.title}</Link>（{formatFiscalYearWithWestern(call.fiscal_year)}・締切 {formatDateTime(call.closes_at)}）
                  {may.propose ? (
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
          {may.propose && !signedIn ? <p className="hint">提案するには、団体のメンバーとしてサインインしてください。</p> : null}
        </section>
      ) : null}

      <section aria-labelledby="sheet-qa">
        <h2 id="sheet-qa">質問と回答</h2>
        {questions.length === 0 ? (
          <p className="empty">まだ公開された質問はありません。</p>
        ) : (
          <dl className="qa">
            {questions.map((q) => (
              <div key={q.id}>
                <dt>
                  質問{q.group_name ? `（${q.group_name}）` : null}: <span className="prose">{q.question}</span>
                </dt>
                <dd>
                  {q.answer ? (
                    <>
                      回答: <span className="prose">{q.answer}</span>
                    </>
                  ) : (
                    <span className="empty">未回答</span>
                  )}
                  {may.answer ? (
                    <AnswerForm
                      questionId={q.id}
                      current={q.answer}
                      result={actionData && "questionId" in actionData && actionData.questionId === q.id ? actionData.result : null}
                    />
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {myUnanswered.length ? (
          <div className="panel" aria-labelledby="sheet-my-questions">
            <h3 id="sheet-my-questions">あなたの団体の回答待ちの質問</h3>
            <p className="hint">担当課が回答すると、お知らせが届き、上の一覧に公開されます。</p>
            <ul>
              {myUnanswered.map((q) => (
                <li key={q.id}>
                  {q.group_name}（{formatDate(q.asked_at)}）: <span className="prose">{q.question}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {may.ask ? (
          <Form method="post" {...getFormProps(askForm)}>
            <h3>質問する</h3>
            <p className="hint">回答はこのページで公開され、すべての団体が同じ回答を見られます（質問した団体名は公開されません）。</p>
            <FormErrors id={askForm.errorId} errors={askForm.errors} />
            <input type="hidden" name="intent" value="ask" />
            <SelectField field={askFields.groupId} label="質問する団体" options={myGroups.map((g) => ({ code: g.id, label: g.name }))} />
            <TextArea field={askFields.question} label="質問" rows={4} />
            <SubmitButton>質問を送る</SubmitButton>
          </Form>
        ) : sheet.status === "published" && !may.answer ? (
          <p className="hint">{signedIn ? "質問や関心の表明は、協働推進課の承認を受けた団体のメンバーができます。" : "質問や関心の表明は、団体のメンバーとしてサインインするとできます。"}</p>
        ) : null}
      </section>

      {may.ask ? (
        <section className="panel" aria-labelledby="sheet-interest">
          <h2 id="sheet-interest">関心を伝える</h2>
          <ul>
            {myGroups.map((g) => (
              <li key={g.id}>
                {g.name}: {g.level ? INTEREST_LEVELS.label(g.level) : "未表明"}
              </li>
            ))}
          </ul>
          <Form method="post" {...getFormProps(interestForm)}>
            <FormErrors id={interestForm.errorId} errors={interestForm.errors} />
            <input type="hidden" name="intent" value="interest" />
            <SelectField field={interestFields.groupId} label="団体" options={myGroups.map((g) => ({ code: g.id, label: g.name }))} />
            <SelectField
              field={interestFields.level}
              label="伝えること"
              options={[...INTEREST_LEVELS.items, { code: "none", label: "表明を取り消す" }]}
            />
            <SubmitButton>担当課に伝える</SubmitButton>
          </Form>
        </section>
      ) : null}

      {interests ? (
        <section className="panel" aria-labelledby="sheet-interests">
          <h2 id="sheet-interests">関心を寄せている団体（担当課と協働推進課のみに表示）</h2>
          {interests.length === 0 ? (
            <p className="empty">まだありません。{sheet.status === "published" ? null : "公開すると、団体がこのシートを見て関心を伝えられるようになります。"}</p>
          ) : (
            <ul>
              {interests.map((i) => (
                <li key={i.group_id}>
                  <Link to={`/groups/${i.group_id}`}>{i.group_name}</Link> — {INTEREST_LEVELS.label(i.level)}（{formatDate(i.marked_at)}）
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {suggestions ? (
        <section className="panel" aria-labelledby="sheet-suggestions">
          <h2 id="sheet-suggestions">この課題に合いそうな団体（担当課と協働推進課のみに表示）</h2>
          <p className="hint">承認済みの団体の活動分野・活動地域・活動実績・団体の文章から、共通点の多い順に並べています。声をかけるきっかけにしてください。</p>
          {suggestions.length === 0 ? (
            <p className="empty">共通点のある団体は見つかりませんでした。活動分野や対象地域、課題の説明を見直すと見つかることがあります。</p>
          ) : (
            <SuggestionList suggestions={suggestions} linkTo={(id) => `/groups/${id}`} />
          )}
        </section>
      ) : null}
    </article>
  );
}

function AnswerForm({ questionId, current, result }: { questionId: string; current: string | null; result: Parameters<typeof useSchemaForm>[1] }) {
  const [form, fields] = useSchemaForm(answerSchema, result, { intent: "answer", questionId, answer: current ?? "" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="questionId" value={questionId} />
      <TextArea field={fields.answer} label={current ? "回答を直す" : "回答する"} rows={3} />
      <SubmitButton>{current ? "回答を更新する" : "回答を公開する"}</SubmitButton>
    </Form>
  );
}
