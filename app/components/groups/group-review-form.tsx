// The coordinator's decision on one group: the buttons the group's status allows, and the reason a
// rejection or suspension needs (the group sees it). Posts to the review queue, on the page it was sent
// from, where the coordinator comes back to.
import { Form } from "@remix-run/react";
import type { GroupStatus } from "../../../db/schema";
import { DECISION_LABELS, decisionsFrom } from "~/domain/groups/lifecycle";
import { FieldErrors } from "../forms/form";
import { pageLink } from "../layout/pagination";

/** The coordinator's review queue of groups in one status, at one of its pages. */
export function reviewQueueUrl(status: GroupStatus, page = 1): string {
  return pageLink(page, "/coordinator/groups", { status });
}

export function GroupReviewForm({
  groupId,
  groupName,
  status,
  page,
  errors,
  reason = "",
}: {
  groupId: string;
  groupName: string;
  status: GroupStatus;
  /** The page of the queue the form is on (the first when sent from elsewhere). */
  page?: number;
  errors?: Record<string, string[] | null> | null;
  reason?: string;
}) {
  const reasonId = `reason-${groupId}`;
  const decisions = decisionsFrom(status);
  return (
    <Form method="post" action={reviewQueueUrl(status, page)} aria-label={`${groupName}の審査`}>
      <input type="hidden" name="groupId" value={groupId} />
      {decisions.some((d) => d !== "approve") ? (
        <div className="field">
          <label htmlFor={reasonId}>差戻し・停止の理由（団体に表示されます）</label>
          <textarea
            id={reasonId}
            name="reason"
            rows={2}
            defaultValue={reason}
            aria-invalid={errors?.reason ? true : undefined}
            aria-describedby={errors?.reason ? `${reasonId}-error` : undefined}
          />
          <FieldErrors id={`${reasonId}-error`} errors={errors?.reason ?? undefined} />
        </div>
      ) : null}
      <div className="inline-form">
        {decisions.map((d) => (
          <button key={d} type="submit" name="decision" value={d} className={d === "approve" ? "button primary" : "button"}>
            {DECISION_LABELS[d]}する
          </button>
        ))}
      </div>
    </Form>
  );
}
