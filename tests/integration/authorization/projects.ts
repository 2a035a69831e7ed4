// Projects in the authorization table: `authz-project` is the award of a proposal by authz-group (the
// group_member user is a plain member, not its owner) to authz-call, naming authz-department, to which
// the table's staff user does not belong — so staff get "not found", like an outsider group would.
// The owner's and the related department's own rights are in projects.test.ts.
import { makeAwardedProject } from "../project-fixtures";
import type { AreaTable, Rule } from "./table";

const PROJECT = "/projects/authz-project";

/** Its group and the coordinator; unrelated staff do not learn it exists; other roles may not list projects. */
const projectRule: Rule = { anonymous: "login", group_member: "ok", coordinator: "ok", department_staff: "missing", others: "forbidden" };

export const projects: AreaTable = {
  routes: {
    "projects._index": { path: "/projects", get: { anonymous: "login", group_member: "ok", department_staff: "ok", coordinator: "ok", others: "forbidden" } },
    "projects.summary": { path: "/projects/summary", get: { anonymous: "login", group_member: "ok", department_staff: "ok", coordinator: "ok", others: "forbidden" } },
    "projects.$id._index": { path: PROJECT, get: projectRule, post: projectRule },
    "projects.$id.agreement": { path: `${PROJECT}/agreement`, get: projectRule, post: projectRule },
    "projects.$id.agreement[.]pdf": { path: `${PROJECT}/agreement.pdf`, get: projectRule },
    // Writing the report is the group's; the city only accepts or returns it.
    "projects.$id.reports.$kind": { path: `${PROJECT}/reports/final`, get: projectRule, post: { ...projectRule, coordinator: "forbidden" } },
    "projects.$id.evaluation": { path: `${PROJECT}/evaluation`, get: projectRule, post: projectRule },
  },
  async prepare(db) {
    const { projectId } = await makeAwardedProject({ groupId: "authz-group", departmentId: "authz-department", callId: "authz-call" }, db);
    await db.updateTable("projects").set({ id: "authz-project" }).where("id", "=", projectId).execute();
  },
};
