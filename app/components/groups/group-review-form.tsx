// The coordinator's decision on one group: the buttons the group's status allows, and the reason a
// rejection or suspension needs (the group sees it). Posts to the review queue.
import { Form } from "@remix-run/react";
import type { GroupStatus } from "../../../db/schema";
import { DECISION_LABELS, decisionsFrom } from "~/domain/groups/lifecycle";
import { FieldErrors } from "../forms/form";

export function GroupReviewForm({
  groupId,
  groupName,
  status,
  errors,
  reason = "",
}: {
  groupId: string;
  groupName: string;
  status: GroupStatus;
  errors?: Record<string, string[] | null> | null;
  reason?: string;
}) {
  const reasonId = `reason-${groupId}`;
  const decisions = decisionsFrom(status);
  return (
    <Form method="post" action={`/coordinator/groups?status=${status}`} aria-label={`${groupName}の審査`}>
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
