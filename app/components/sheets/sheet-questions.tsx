// 「質問と回答」: the published questions with their answers (the department answers or corrects each
// here), the viewer's groups' questions still waiting, and the form to ask one.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { FormErrors, SelectField, SubmitButton, TextArea, useSchemaForm } from "~/components/forms/form";
import { formatDate } from "~/domain/calendar/format";
import { answerSchema, type questionSchema } from "~/domain/sheets/schema";

type FormResult = Parameters<typeof useSchemaForm>[1];

export interface SheetQuestion {
  id: string;
  question: string;
  answer: string | null;
  /** Who asked: shown to the department only. */
  group_name: string | null;
}

export interface WaitingQuestion {
  id: string;
  question: string;
  asked_at: string;
  group_name: string;
}

export function QuestionsPanel({
  sheetStatus,
  questions,
  myUnanswered,
  myGroups,
  may,
  signedIn,
  askForm: [askForm, askFields],
  answerResult,
}: {
  sheetStatus: string;
  questions: SheetQuestion[];
  myUnanswered: WaitingQuestion[];
  myGroups: { id: string; name: string }[];
  may: { answer: boolean; ask: boolean };
  signedIn: boolean;
  /** The ask form, made by the page (its ids come from where the page makes it). */
  askForm: ReturnType<typeof useSchemaForm<typeof questionSchema>>;
  /** The last answer refused, with the question it was for. */
  answerResult: (questionId: string) => FormResult;
}) {
  return (
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
                {may.answer ? <AnswerForm questionId={q.id} current={q.answer} result={answerResult(q.id)} /> : null}
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
      ) : sheetStatus === "published" && !may.answer ? (
        <p className="hint">{signedIn ? "質問や関心の表明は、協働推進課の承認を受けた団体のメンバーができます。" : "質問や関心の表明は、団体のメンバーとしてサインインするとできます。"}</p>
      ) : null}
    </section>
  );
}

function AnswerForm({ questionId, current, result }: { questionId: string; current: string | null; result: FormResult }) {
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
