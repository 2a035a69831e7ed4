// reviews in the authorization table: the table's reviewer is assigned to `authz-review-proposal`
// (submitted by authz-group to authz-call, which has a document review) through `authz-assignment`.
// Conflicts, other reviewers' assignments and drafts are in reviews.test.ts.
import { now } from "../../../db/values";
import { makeProposal } from "../proposal-fixtures";
import { coordinatorOnly, type AreaTable, type Rule } from "./table";

const reviewerOnly: Rule = { anonymous: "login", reviewer: "ok", others: "forbidden" };
const CALL = "/coordinator/calls/authz-call";

export const reviews: AreaTable = {
  routes: {
    "coordinator.calls.$id.review": { path: `${CALL}/review`, get: coordinatorOnly, post: coordinatorOnly },
    "coordinator.calls.$id.rules": { path: `${CALL}/rules`, get: coordinatorOnly, post: coordinatorOnly },
    "coordinator.calls.$id.results": { path: `${CALL}/results`, get: coordinatorOnly, post: coordinatorOnly },
    "coordinator.calls.$id.results[.]csv": { path: `${CALL}/results.csv`, get: coordinatorOnly },
    "coordinator.calls.$id.results[.]xlsx": { path: `${CALL}/results.xlsx`, get: coordinatorOnly },
    "coordinator.reviewers": { path: "/coordinator/reviewers", get: coordinatorOnly, post: coordinatorOnly },
    "reviews._index": { path: "/reviews", get: reviewerOnly },
    "reviews.$assignmentId": { path: "/reviews/authz-assignment", get: reviewerOnly, post: reviewerOnly },
    // Anyone may open an invitation link; an unknown one says so (and refuses to accept).
    "reviewer-invites.$token": { path: "/reviewer-invites/no-such-token", get: "ok", post: "ok" },
  },
  async prepare(db, users) {
    const at = now();
    await makeProposal(
      { id: "authz-review-proposal", call_id: "authz-call", group_id: "authz-group", status: "in_review", title: "審査中の提案", draft: "{}", receipt_number: "R9-市民-9002", receipt_fiscal_year: 2027, receipt_sequence: 9002 },
      db,
    );
    await db.insertInto("proposal_versions").values({ proposal_id: "authz-review-proposal", version: 1, content: "{}", submitted_at: at, submitted_by: null }).execute();
    await db.insertInto("review_stages").values({ id: "authz-stage", call_id: "authz-call", stage: "document_review", deadline: null, created_at: at, updated_at: at }).execute();
    await db.insertInto("review_panel_members").values({ stage_id: "authz-stage", reviewer_id: users.get("reviewer")!, added_by: null, added_at: at }).execute();
    await db
      .insertInto("review_assignments")
      .values({ id: "authz-assignment", stage_id: "authz-stage", proposal_id: "authz-review-proposal", reviewer_id: users.get("reviewer")!, assigned_by: null, assigned_at: at })
      .execute();
  },
};
