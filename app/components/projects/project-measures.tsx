// 「計画の施策」 on a project's page: the plan measures the project is evidence for and, for the
// coordinator, removing one or adding one by its printed number, each with a reason.
import { Form, Link } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import type { ProjectReply } from "./project-reply";

export function MeasuresPanel({
  measures,
  plans,
  mayEdit,
  reply,
}: {
  measures: { id: string; code: string; title: string; planName: string }[];
  plans: { slug: string; name: string }[];
  mayEdit: boolean;
  reply: ProjectReply | undefined;
}) {
  const addValues = reply?.values?.intent === "add_measure" ? reply.values : undefined;
  return (
    <section aria-labelledby="measures-heading">
      <h2 id="measures-heading">計画の施策（この事業が実績となる施策）</h2>
      {measures.length === 0 ? (
        <p>結び付いた施策はありません。協定の締結時に、テーマ（マッチングシート）や募集に結び付いた施策が自動で追加されます。</p>
      ) : (
        <ul>
          {measures.map((m) => (
            <li key={m.id}>
              <Link to={`/measures/${m.id}`}>
                {m.code} {m.title}
              </Link>
              （{m.planName}）
              {mayEdit ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove_measure" />
                  <input type="hidden" name="measureId" value={m.id} />
                  <label htmlFor={`remove-${m.id}`}>外す理由</label>
                  <input id={`remove-${m.id}`} name="reason" defaultValue={reply?.values?.measureId === m.id ? reply.values.reason : ""} />
                  <SubmitButton className="link-button">
                    外す
                  </SubmitButton>
                  <FieldErrors id={`remove-${m.id}-error`} errors={reply?.values?.measureId === m.id ? reply?.fieldErrors?.reason : undefined} />
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayEdit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="add_measure" />
          <div className="field">
            <label htmlFor="measure-plan">計画</label>
            <select id="measure-plan" name="planSlug" defaultValue={addValues?.planSlug ?? ""} aria-describedby="measure-plan-error">
              <option value="">選んでください</option>
              {plans.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
            <FieldErrors id="measure-plan-error" errors={addValues ? reply?.fieldErrors?.planSlug : undefined} />
          </div>
          <div className="field">
            <label htmlFor="measure-code">施策の番号（計画に印刷されているとおり。例: I-(1)-①）</label>
            <input id="measure-code" name="code" defaultValue={addValues?.code ?? ""} aria-describedby="measure-code-error" />
            <FieldErrors id="measure-code-error" errors={addValues ? reply?.fieldErrors?.code : undefined} />
          </div>
          <div className="field">
            <label htmlFor="measure-reason">
              追加する理由<span className="required">（必須）</span>
            </label>
            <input id="measure-reason" name="reason" defaultValue={addValues?.reason ?? ""} aria-describedby="measure-reason-error" />
            <FieldErrors id="measure-reason-error" errors={addValues ? reply?.fieldErrors?.reason : undefined} />
          </div>
          <SubmitButton className="button">
            施策を追加する
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
