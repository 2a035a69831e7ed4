// What the applicant learns of the review (審査結果通知書): per criterion the average of the submitted
// score sheets that count (not excluded by a conflict), and the comments written for the applicant —
// never who scored or wrote them, nor the reviewers' private notes.
import type { DB } from "../../../db/index";
import { conflictsOf, isConflicted } from "./queries.server";

export interface ApplicantFeedback {
  criteria: { name: string; maxPoints: number; average: number | null }[];
  comments: string[];
  /** Score sheets that counted. */
  sheetCount: number;
}

/** Of the last stage the proposal was scored in (the presentation after the document review). */
export async function applicantFeedback(db: DB, proposalId: string): Promise<ApplicantFeedback> {
  const sheets = await db
    .selectFrom("score_sheets")
    .innerJoin("review_assignments", "review_assignments.id", "score_sheets.assignment_id")
    .innerJoin("review_stages", "review_stages.id", "review_assignments.stage_id")
    .where("review_assignments.proposal_id", "=", proposalId)
    .where("score_sheets.status", "=", "submitted")
    .where("score_sheets.excluded_at", "is", null)
    .select(["score_sheets.id", "score_sheets.comment_for_applicant", "review_stages.stage", "review_stages.call_id", "review_assignments.reviewer_id"])
    .execute();
  const proposal = await db.selectFrom("proposals").where("id", "=", proposalId).select(["call_id", "group_id"]).executeTakeFirstOrThrow();
  // A reviewer conflicted with the proposal (say, who joined the group after scoring) counts as the result sheet counts them: not at all.
  const conflicts = await conflictsOf(db, sheets.map((s) => s.reviewer_id));
  const lastStage = sheets.some((s) => s.stage === "presentation") ? "presentation" : "document_review";
  const counted = sheets.filter((s) => s.stage === lastStage && !isConflicted(conflicts, s.reviewer_id, { id: proposalId, group_id: proposal.group_id }));
  const criteria = await db.selectFrom("call_criteria").where("call_id", "=", proposal.call_id).orderBy("position").select(["id", "name", "max_points"]).execute();
  const scores = counted.length
    ? await db.selectFrom("scores").where("sheet_id", "in", counted.map((s) => s.id)).select(["criterion_id", "points"]).execute()
    : [];
  return {
    criteria: criteria.map((c) => {
      const points = scores.filter((s) => s.criterion_id === c.id).map((s) => s.points);
      // One decimal, as the letter prints it; rounded from the exact sum, not from a float average.
      const average = points.length ? Math.round((points.reduce((a, b) => a + b, 0) * 10) / points.length) / 10 : null;
      return { name: c.name, maxPoints: c.max_points, average };
    }),
    comments: counted.map((s) => s.comment_for_applicant.trim()).filter(Boolean),
    sheetCount: counted.length,
  };
}
