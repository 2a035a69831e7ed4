// 「継続」 on a project's page: for the group, the next year's proposal — open the one already made, or
// make it from this project's content for one of the next year's open calls.
import { Form, Link } from "@remix-run/react";
import { FieldErrors, SubmitButton } from "~/components/forms/form";
import type { ProjectReply } from "./project-reply";

export function RenewalPanel({
  renewal,
  reply,
}: {
  renewal: { calls: { id: string; title: string }[]; existingId: string | null; nextYear: number };
  reply: ProjectReply | undefined;
}) {
  return (
    <section aria-labelledby="renewal-heading">
      <h2 id="renewal-heading">継続（{renewal.nextYear}年目の提案）</h2>
      {renewal.existingId ? (
        <p>
          継続の提案は作成済みです: <Link to={`/proposals/${renewal.existingId}`}>継続の提案を開く</Link>
        </p>
      ) : renewal.calls.length === 0 ? (
        <p>次の年度の受付中の募集はまだありません。募集が公開されると、ここから継続の提案を作成できます。</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="renew" />
          <div className="field">
            <label htmlFor="renewal-call">提案する募集</label>
            <select id="renewal-call" name="callId" aria-describedby="renewal-call-error">
              {renewal.calls.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            <FieldErrors id="renewal-call-error" errors={reply?.values?.intent === "renew" ? reply.fieldErrors?.callId : undefined} />
          </div>
          <SubmitButton className="button">
            この事業の内容から継続の提案を作成する
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
