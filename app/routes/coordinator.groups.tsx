import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requestedChoice, requestedPage } from "~/domain/zod";
import type { GroupStatus } from "../../db/schema";
import { requireViewer } from "~/auth/guards.server";
import { redirectWithNotice } from "~/components/layout/flash.server";
import { GroupReviewForm, reviewQueueUrl } from "~/components/groups/group-review-form";
import { PageCount, Pagination } from "~/components/layout/pagination";
import { getDb } from "~/db.server";
import { GroupRefusedError, reviewGroup } from "~/domain/groups/commands.server";
import { mailNow } from "~/domain/notifications/commands.server";
import { listGroupsForReview } from "~/domain/groups/queries.server";
import { reviewSchema } from "~/domain/groups/schema";
import { DECISION_LABELS, STATUS_LABELS } from "~/domain/groups/lifecycle";
import { LEGAL_FORMS } from "~/domain/vocabulary";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/domain/calendar/format";

export const meta: MetaFunction = () => [{ title: "団体の審査 | 協働マッチングポータル" }];

const STATUSES: GroupStatus[] = ["pending", "approved", "rejected", "suspended"];

function statusOf(request: Request): GroupStatus {
  return requestedChoice(request, "status", STATUSES) ?? "pending";
}

export async function loader(args: LoaderFunctionArgs) {
  await requireViewer(args, "group:review");
  const status = statusOf(args.request);
  const { counts, ...groups } = await listGroupsForReview(getDb(), status, requestedPage(args.request));
  return json({ status, groups, counts });
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args, "group:review");
  const submission = parseWithZod(await readForm(args.request), { schema: reviewSchema });
  if (submission.status !== "success") {
    const groupId = submission.payload.groupId;
    return json({ groupId: typeof groupId === "string" ? groupId : null, errors: submission.reply().error ?? {}, reason: submission.payload.reason }, { status: 400 });
  }
  const { groupId, decision, reason } = submission.value;
  try {
    const group = await reviewGroup(getDb(), viewer, groupId, decision, reason);
    await mailNow(getDb(), group.notificationIds, args.context.origin);
    return redirectWithNotice(reviewQueueUrl(statusOf(args.request), requestedPage(args.request)), `「${group.name}」を${DECISION_LABELS[decision]}しました。`);
  } catch (error) {
    if (!(error instanceof GroupRefusedError)) throw error;
    return json({ groupId, errors: { "": [error.reason] } as Record<string, string[] | null>, reason }, { status: error.status });
  }
}

export default function ReviewGroups() {
  const { status, groups, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>団体の審査</h1>
      <nav aria-label="審査状況">
        <ul className="tags">
          {STATUSES.map((s) => (
            <li key={s}>
              {s === status ? (
                <strong aria-current="page">
                  {STATUS_LABELS[s]}（{counts[s]}）
                </strong>
              ) : (
                <Link to={reviewQueueUrl(s)}>
                  {STATUS_LABELS[s]}（{counts[s]}）
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {groups.total === 0 ? <p className="empty">{STATUS_LABELS[status]}の団体はありません。</p> : null}
      <PageCount total={groups.total} page={groups.page} pageCount={groups.pageCount} />
      <ul className="group-list">
        {groups.rows.map((g) => {
          const errors = result?.groupId === g.id ? result.errors : null;
          return (
            <li key={g.id}>
              <h2>
                <Link to={`/groups/${g.id}`}>{g.name}</Link>
              </h2>
              <p className="hint">
                {g.nameKana}
                {g.legalForm ? `・${LEGAL_FORMS.label(g.legalForm)}` : ""}・登録 {formatDate(g.createdAt)}・更新 {formatDate(g.updatedAt)}
              </p>
              {g.statusReason ? <p className="status-reason">理由: {g.statusReason}</p> : null}
              {errors?.[""] ? (
                <p className="form-errors" role="alert">
                  {errors[""].join(" ")}
                </p>
              ) : null}
              <GroupReviewForm
                groupId={g.id}
                groupName={g.name}
                status={g.status}
                page={groups.page}
                errors={errors}
                reason={errors && typeof result?.reason === "string" ? result.reason : ""}
              />
            </li>
          );
        })}
      </ul>
      <Pagination page={groups.page} pageCount={groups.pageCount} link={(p) => reviewQueueUrl(status, p)} />
    </>
  );
}
