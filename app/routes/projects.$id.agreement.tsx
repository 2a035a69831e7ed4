// The agreement (協定書) of a project as a printable page, with each side's confirmation: the group's
// owner for the group, the related department's staff or the coordinator for the city. The second
// confirmation concludes the agreement (協定締結済み); refused while a condition of the award is open.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { AgreementPrint } from "~/components/projects/agreement-print";
import { PrintButton } from "~/components/proposals/proposal-print";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { getDb } from "~/db.server";
import { readForm } from "~/http/form.server";
import { openConditionCount } from "~/domain/awards/conditions.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { loadProjectFor } from "~/auth/access/projects.server";
import { confirmAgreement, ProjectRefusedError } from "~/domain/projects/commands.server";
import { agreementDocument } from "~/domain/projects/queries.server";
import { z } from "~/domain/zod";
import { SubmitButton } from "~/components/forms/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `協定書 ${data?.doc.number ?? ""} | 協働マッチングポータル` }];

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const awaiting = project.status === "adopted" || project.status === "conditionally_adopted";
  const open = awaiting ? await openConditionCount(getDb(), project.proposal_id) : 0;
  return json({
    id: project.id,
    doc: agreementDocument(project),
    openConditions: open,
    may: {
      confirmAsGroup: awaiting && !project.ended_at && subject.isOwner && can(viewer, "project:act-as-group", subject) && !project.group_confirmed_at,
      confirmAsCity: awaiting && !project.ended_at && can(viewer, "project:act-as-city", subject) && !project.city_confirmed_at,
      memberNotOwner: awaiting && subject.isMember && !subject.isOwner && !project.group_confirmed_at,
    },
  });
}

const schema = z.object({ side: z.enum(["group", "city"], { error: "確認する側を選んでください" }) });

export async function action(args: ActionFunctionArgs) {
  const { viewer, project, subject } = await loadProjectFor(args, "project:view");
  const parsed = schema.safeParse(Object.fromEntries(await readForm(args.request)));
  if (!parsed.success) return json({ formError: "確認する側を選んでください。", problems: [] as string[] }, { status: 400 });
  const side = parsed.data.side;
  if (!can(viewer, side === "group" ? "project:act-as-group" : "project:act-as-city", subject)) forbidden();
  const db = getDb();
  try {
    const result = await confirmAgreement(db, viewer, project.id, side, subject);
    await mailNow(db, result.notificationIds, args.context.origin);
    return redirectWithNotice(
      `/projects/${project.id}/agreement`,
      result.concluded ? `協定を締結しました（協定番号 ${result.agreementNumber}）。` : "協定書を確認しました。もう一方の確認を待っています。",
    );
  } catch (error) {
    if (!(error instanceof ProjectRefusedError)) throw error;
    return json({ formError: error.reason, problems: Object.values(error.problems).flat() }, { status: error.status });
  }
}

export default function AgreementPage() {
  const { id, doc, openConditions, may } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p className="actions no-print">
        <Link to={`/projects/${id}`}>協働事業のページに戻る</Link> <PrintButton />{" "}
        <a href={`/projects/${id}/agreement.pdf`} className="button">
          PDFをダウンロード
        </a>
      </p>
      {reply?.formError ? (
        <div className="form-errors no-print" role="alert">
          <p>{reply.formError}</p>
          {reply.problems.length ? (
            <ul>
              {reply.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {openConditions > 0 ? (
        <p className="status-reason no-print">採択の条件のうち{openConditions}件がまだ確認されていません。すべての条件が確認されるまで、協定は締結できません。</p>
      ) : null}
      {may.confirmAsGroup || may.confirmAsCity ? (
        <div className="actions no-print">
          {may.confirmAsGroup ? (
            <Form method="post">
              <input type="hidden" name="side" value="group" />
              <SubmitButton className="button primary">
                団体として協定書を確認する
              </SubmitButton>
            </Form>
          ) : null}
          {may.confirmAsCity ? (
            <Form method="post">
              <input type="hidden" name="side" value="city" />
              <SubmitButton className="button primary">
                市として協定書を確認する
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      ) : null}
      {may.memberNotOwner ? <p className="hint no-print">団体側の確認は、団体の代表者（オーナー）が行います。</p> : null}
      <AgreementPrint doc={doc} />
    </>
  );
}
