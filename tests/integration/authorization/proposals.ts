// Proposals in the authorization table: `authz-proposal` is submitted by authz-group (the group_member
// user is its member) to authz-call and names authz-department, to which the table's staff user does
// not belong; `authz-draft` is the same group's unsent draft. Related departments, consultations and
// every state are in proposals.test.ts.
import fs from "node:fs";
import path from "node:path";
import { attachmentsDir } from "../../../app/domain/attachments/store.server";
import { emptyContent } from "../../../app/domain/proposals/content";
import { now } from "../../../db/values";
import { makeProposal } from "../proposal-fixtures";
import type { AreaTable, Rule } from "./table";

const SUBMITTED = "/proposals/authz-proposal";
const DRAFT = "/proposals/authz-draft";
const ATTACHMENT = "0a0a0a0a-0000-4000-8000-000000000001";

const groupOnly: Rule = { anonymous: "login", group_member: "ok", others: "forbidden" };
/**
 * Submitted: its group and the coordinator; staff of another department, and a reviewer not assigned to
 * it, do not learn it exists (an assigned reviewer's reading is in reviews.test.ts).
 */
const submittedRule: Rule = { anonymous: "login", group_member: "ok", coordinator: "ok", department_staff: "missing", reviewer: "missing", others: "forbidden" };
/** A draft: its group alone; the coordinator, staff and reviewers get "not found". */
const draftRule: Rule = { anonymous: "login", group_member: "ok", coordinator: "missing", department_staff: "missing", reviewer: "missing", others: "forbidden" };

export const proposals: AreaTable = {
  routes: {
    "calls.$id_.propose": { path: "/calls/authz-call/propose", get: groupOnly, post: groupOnly },
    "proposals._index": { path: "/proposals", get: { anonymous: "login", group_member: "ok", department_staff: "ok", coordinator: "ok", others: "forbidden" } },
    "proposals.$id._index": { path: SUBMITTED, get: submittedRule, post: submittedRule },
    "proposals.$id.edit": { path: `${DRAFT}/edit`, get: draftRule, post: draftRule },
    "proposals.$id.attachments": { path: `${DRAFT}/attachments`, get: draftRule, post: draftRule },
    "proposals.$id.attachments.$attachmentId": { path: `${SUBMITTED}/attachments/${ATTACHMENT}`, get: submittedRule },
    "proposals.$id.versions": { path: `${SUBMITTED}/versions?from=1&to=1`, get: submittedRule },
    "proposals.$id.print": { path: `${SUBMITTED}/print`, get: submittedRule },
    "proposals.$id[.]pdf": { path: `${DRAFT}.pdf`, get: draftRule },
  },
  async prepare(db) {
    const at = now();
    const draft = JSON.stringify({ ...emptyContent(), title: "権限確認の提案" });
    for (const [id, status] of [
      ["authz-proposal", "submitted"],
      ["authz-draft", "draft"],
    ] as const) {
      const submitted = status === "submitted";
      await makeProposal(
        {
          id,
          call_id: "authz-call",
          group_id: "authz-group",
          status,
          title: "権限確認の提案",
          draft,
          receipt_number: submitted ? "R9-市民-9001" : null,
          receipt_fiscal_year: submitted ? 2027 : null,
          receipt_sequence: submitted ? 9001 : null,
        },
        db,
      );
      await db.insertInto("proposal_departments").values({ proposal_id: id, department_id: "authz-department" }).execute();
    }
    await db.insertInto("proposal_versions").values({ proposal_id: "authz-proposal", version: 1, content: draft, submitted_at: at, submitted_by: null }).execute();
    const dir = attachmentsDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, ATTACHMENT), "%PDF-1.7\n%%EOF\n");
    await db
      .insertInto("proposal_attachments")
      .values({ id: ATTACHMENT, proposal_id: "authz-proposal", label: "その他の資料", file_name: "資料.pdf", mime: "application/pdf", size: 15, sha256: "-", uploaded_by: null, uploaded_at: at })
      .execute();
  },
};
