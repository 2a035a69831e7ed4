// Awards in the authorization table: `authz-awarded` (a conditional adoption of authz-group, related to
// authz-department, to which the table's staff user does not belong) in `authz-award-call`, whose
// decisions are published; `authz-prepared` (in review) in `authz-award-call-2`, whose decision is only
// prepared — its letter does not exist for the group yet. Related departments and every step are in
// awards.test.ts.
import { emptyContent } from "../../../app/domain/proposals/content";
import { now } from "../../../db/values";
import { makeCall, makeProposal } from "../proposal-fixtures";
import type { AreaTable, Rule } from "./table";

/** The proposal's group and the coordinator; staff of another department and an unassigned reviewer do not learn it exists. */
const proposalRule: Rule = { anonymous: "login", group_member: "ok", coordinator: "ok", department_staff: "missing", reviewer: "missing", others: "forbidden" };
/** Before publication: the coordinator alone; for the group the page does not exist. */
const preparedRule: Rule = { anonymous: "login", coordinator: "ok", group_member: "missing", department_staff: "missing", reviewer: "missing", others: "forbidden" };
const coordinatorOnly: Rule = { anonymous: "login", coordinator: "ok", others: "forbidden" };

export const awards: AreaTable = {
  routes: {
    "proposals.$id.decision": { path: "/proposals/authz-prepared/decision", get: preparedRule, post: preparedRule },
    "coordinator.calls.$id.decisions": { path: "/coordinator/calls/authz-award-call-2/decisions", get: coordinatorOnly, post: coordinatorOnly },
    "proposals.$id.letter": { path: "/proposals/authz-awarded/letter", get: proposalRule },
    "proposals.$id.letter[.]pdf": { path: "/proposals/authz-prepared/letter.pdf", get: preparedRule },
    "proposals.$id.conditions": { path: "/proposals/authz-awarded/conditions", get: proposalRule, post: proposalRule },
    "calls.$id_.projects[.]csv": { path: "/calls/authz-award-call/projects.csv", get: "ok" },
  },
  async prepare(db) {
    const at = now();
    await makeCall({ id: "authz-award-call", title: "権限確認の採択済み募集" }, db);
    await makeCall({ id: "authz-award-call-2", title: "権限確認の審査中の募集" }, db);
    const draft = JSON.stringify({ ...emptyContent(), title: "権限確認の採択提案" });
    for (const [id, call, status, sequence] of [
      ["authz-awarded", "authz-award-call", "conditionally_adopted", 9101],
      ["authz-prepared", "authz-award-call-2", "in_review", 9102],
    ] as const) {
      await makeProposal(
        { id, call_id: call, group_id: "authz-group", status, title: "権限確認の採択提案", draft, receipt_number: `R9-市民-${sequence}`, receipt_fiscal_year: 2027, receipt_sequence: sequence },
        db,
      );
      await db.insertInto("proposal_versions").values({ proposal_id: id, version: 1, content: draft, submitted_at: at, submitted_by: null }).execute();
      await db.insertInto("proposal_departments").values({ proposal_id: id, department_id: "authz-department" }).execute();
      const published = status === "conditionally_adopted";
      await db
        .insertInto("decisions")
        .values({
          proposal_id: id,
          call_id: call,
          outcome: published ? "conditional" : "adopted",
          reason: "権限確認の理由",
          amounts: "[100000]",
          letter_number: published ? "99協推第1号" : null,
          revision: 1,
          prepared_by: null,
          prepared_at: at,
          published_at: published ? at : null,
          updated_at: at,
        })
        .execute();
    }
    await db.insertInto("award_publications").values({ call_id: "authz-award-call", published_at: at, published_by: null }).execute();
    await db
      .insertInto("decision_conditions")
      .values({ id: "authz-condition", proposal_id: "authz-awarded", position: 0, text: "権限確認の条件", status: "open", answer: null, answer_attachment_id: null, answered_by: null, answered_at: null, resolved_by: null, resolved_at: null, return_reason: null })
      .execute();
  },
};
