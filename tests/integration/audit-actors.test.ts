// Who did a step, as the histories built from the audit log show it: a project's timeline and the
// history of an award's conditions name the account; one deleted since (as the clean-up of abandoned
// sign-ups deletes, its entries marked first) reads as 削除されたアカウント there, as on the audit log
// page, and never as the system.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/index";
import { newId, now } from "../../db/values";
import { listAuditEntries } from "../../app/domain/audit/queries.server";
import { Client, clientFor, createUser, pageText, useServer } from "./harness";
import { makeDepartment, makeGroup } from "./proposal-fixtures";
import { makeAwardedProject } from "./project-fixtures";

const base = useServer();
const db = () => getDb();

let coordinator: Client;
let projectId: string;
let proposalId: string;

beforeAll(async () => {
  const departmentId = await makeDepartment(`記録課 ${Date.now()}`);
  const owner = await createUser(["group_member"]);
  const groupId = await makeGroup("記録の会", [owner.id]);
  ({ projectId, proposalId } = await makeAwardedProject({ groupId, departmentId, conditions: ["会場の安全計画を提出すること"] }));
  coordinator = await clientFor(base, (await createUser(["coordinator"])).id);
});

/** An entry as the command writes it: `actorId` null for what the server did by itself. */
async function recorded(actorId: string | null, action: string, subjectType: string, subjectId: string, detail: object) {
  await db().insertInto("audit_log").values({ id: newId(), actor_user_id: actorId, action, subject_type: subjectType, subject_id: subjectId, detail: JSON.stringify(detail), created_at: now() }).execute();
}

/** Deletes the account as deleteAbandonedSignUps does: its entries say first when their actor was deleted. */
async function deleted(userId: string) {
  await db().updateTable("audit_log").set({ actor_deleted_at: now() }).where("actor_user_id", "=", userId).execute();
  await db().deleteFrom("users").where("id", "=", userId).execute();
}

describe("a step whose account was deleted since", () => {
  it("reads as 削除されたアカウント on the project's timeline, as on the audit log page; a kept account by name, the server as システム", async () => {
    const kept = await createUser(["group_member"]);
    await db().updateTable("users").set({ display_name: "記録 残る" }).where("id", "=", kept.id).execute();
    const gone = await createUser(["group_member"]);
    await recorded(kept.id, "project.evaluation", "project", projectId, {});
    await recorded(gone.id, "project.report-submit", "project", projectId, { label: "実績報告" });
    await recorded(null, "project.measure-remove", "project", projectId, { label: "1-(1)-①", reason: "計画の改定" });
    await deleted(gone.id);

    const timeline = await pageText(await coordinator.get(`/projects/${projectId}`));
    expect(timeline).toContain("記録 残るが評価を入力しました");
    expect(timeline).toContain("削除されたアカウントが報告を提出しました（実績報告）");
    expect(timeline).toContain("システムが施策を外しました（1-(1)-①） — 理由: 計画の改定");
    expect(timeline).not.toContain("システムが報告を提出しました");

    const audit = (await listAuditEntries(db()))!.entries.filter((e) => e.subject.startsWith("協働事業"));
    expect(audit.map((e) => e.actor).filter((a) => a.startsWith("（")).sort()).toEqual(["（システム）", "（削除されたアカウント）"].sort());
  });

  it("reads as 削除されたアカウント in the history of the award's conditions", async () => {
    const gone = await createUser(["group_member"]);
    await recorded(gone.id, "award.condition_answer", "proposal", proposalId, { condition: 1 });
    await recorded(null, "award.condition_confirm", "proposal", proposalId, { condition: 1 });
    await deleted(gone.id);

    const history = await pageText(await coordinator.get(`/proposals/${proposalId}/conditions`));
    expect(history).toMatch(/条件1: 団体が対応を回答（削除されたアカウント）/);
    expect(history).toMatch(/条件1: 市が確認（システム）/);
  });
});
