// The second half of the big dataset's chain (issue 14): for every published adoption of a past 年度, the
// project an award makes and what a finished one has — the agreement both sides confirmed, the accepted
// final report, the evaluations (self, department, sometimes third party), the proposal's transitions
// from conclude_agreement to close, the project's audit rows (its page's timeline reads them), 1–3 leaf
// measures of the bench plan linked with a progress entry each (the evidence, as `acceptReport` writes
// it), and for about one award in eight a conditional adoption with its conditions answered and confirmed.
// Rows are shaped as the portal's commands write them; read from the database in id order and drawn from
// the dataset's own random source, so the same seed makes the same rows.
import type { Insertable } from "kysely";
import type { DB } from "../../db/index";
import type { Database } from "../../db/schema";
import { insertMany } from "./dataset";
import type { wordsFrom } from "./words";

export interface ProjectSeedContext {
  /** The dataset's id maker (its counter continues). */
  id: (prefix: string) => string;
  words: ReturnType<typeof wordsFrom>;
  lap: (part: string) => void;
  coordinatorId: string;
  staffIds: readonly string[];
  departments: readonly { id: string; name: string }[];
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Projects and what a finished project has, for the published adoptions of past 年度. */
export async function seedProjects(db: DB, context: ProjectSeedContext): Promise<{ projects: number; links: number }> {
  const { id, words, lap, coordinatorId, staffIds, departments } = context;
  const { random, pick, text } = words;
  const { formatAgreementNumber } = await import("../../app/domain/projects/agreement");
  const { formatFiscalYearRange } = await import("../../app/domain/calendar/fiscal-year");
  const { EVALUATION_ITEMS, EVALUATION_SIDE_LABELS } = await import("../../app/domain/projects/evaluation");
  const { REPORT_KIND_LABELS, reportDueOn } = await import("../../app/domain/projects/report");
  const { readContent } = await import("../../app/domain/proposals/content");

  const awards = await db
    .selectFrom("decisions")
    .innerJoin("proposals", "proposals.id", "decisions.proposal_id")
    .innerJoin("calls", "calls.id", "decisions.call_id")
    .innerJoin("groups", "groups.id", "proposals.group_id")
    .innerJoin("group_members", (join) => join.onRef("group_members.group_id", "=", "proposals.group_id").on("group_members.role", "=", "owner"))
    .innerJoin("users as owner", "owner.id", "group_members.user_id")
    .where("decisions.outcome", "=", "adopted")
    .where("decisions.published_at", "is not", null)
    .where("calls.fiscal_year", "<", 2026)
    .select(["decisions.proposal_id", "decisions.amounts", "decisions.published_at", "proposals.call_id", "proposals.group_id", "proposals.title", "proposals.draft", "calls.fiscal_year", "groups.name as group_name", "owner.id as owner_id", "owner.display_name as owner_name"])
    .orderBy("decisions.proposal_id")
    .execute();
  const leaves = await db
    .selectFrom("measures")
    .innerJoin("plans", "plans.id", "measures.plan_id")
    .where("plans.slug", "=", "shiroi")
    .where("measures.level", "=", 2)
    .select("measures.id")
    // By code: the plan's importer gives its measures random ids, so their order would change every seed.
    .orderBy("measures.code")
    .execute();
  // Entries go after the plan's own (position max + 1 per measure, as nextEntryPosition does).
  const nextPosition = new Map<string, number>();
  for (const row of await db.selectFrom("progress_entries").select(["measure_id", (eb) => eb.fn.max<number | string>("position").as("p")]).groupBy("measure_id").execute()) {
    nextPosition.set(row.measure_id, Number(row.p) + 1);
  }
  // The department the proposal named first (dataset.ts names one or two) carries the project.
  const named = new Map<string, string>();
  for (const row of await db.selectFrom("proposal_departments").select(["proposal_id", (eb) => eb.fn.min("department_id").as("department_id")]).groupBy("proposal_id").execute()) {
    named.set(row.proposal_id, row.department_id as string);
  }
  const names = new Map((await db.selectFrom("users").where("id", "in", [coordinatorId, ...staffIds]).select(["id", "display_name"]).execute()).map((u) => [u.id, u.display_name]));
  const coordinatorName = names.get(coordinatorId)!;

  const rows = {
    projects: [] as Insertable<Database["projects"]>[],
    departments: [] as Insertable<Database["proposal_departments"]>[],
    conditions: [] as Insertable<Database["decision_conditions"]>[],
    transitions: [] as Insertable<Database["proposal_transitions"]>[],
    reports: [] as Insertable<Database["project_reports"]>[],
    evaluations: [] as Insertable<Database["project_evaluations"]>[],
    links: [] as Insertable<Database["measure_links"]>[],
    entries: [] as Insertable<Database["progress_entries"]>[],
    audit: [] as Insertable<Database["audit_log"]>[],
  };
  const conditional: string[] = [];
  const sequence = new Map<number, number>();
  for (const award of awards) {
    const projectId = id("pj");
    const fy = award.fiscal_year;
    const published = Date.parse(award.published_at!);
    const drawn = Math.floor(random() * departments.length);
    const namedIndex = departments.findIndex((d) => d.id === named.get(award.proposal_id));
    const department = namedIndex >= 0 ? namedIndex : drawn;
    const departmentName = departments[department].name;
    const staffId = staffIds[department];
    const staffName = names.get(staffId)!;
    if (namedIndex < 0) rows.departments.push({ proposal_id: award.proposal_id, department_id: departments[department].id });

    // A conditional adoption (about one in eight): its conditions answered by the group and confirmed by the city.
    const isConditional = random() < 0.125;
    const answered = published + 14 * DAY;
    if (isConditional) {
      conditional.push(award.proposal_id);
      const count = 1 + Math.floor(random() * 2);
      for (let position = 0; position < count; position++) {
        rows.conditions.push({ id: id("dc"), proposal_id: award.proposal_id, position, text: `${pick(["事業計画の", "収支予算の", "実施体制の", "安全対策の"])}見直し: ${text(1)}`, status: "confirmed", answer: text(1), answer_attachment_id: null, answered_by: award.owner_id, answered_at: iso(answered), resolved_by: coordinatorId, resolved_at: iso(answered + 3 * DAY), return_reason: null });
      }
    }

    // The agreement: the group's owner, then the department, confirm; the second gives the number.
    const groupConfirmed = published + (isConditional ? 20 : 10) * DAY;
    const cityConfirmed = groupConfirmed + 3 * DAY;
    const number = (sequence.get(fy) ?? 0) + 1;
    sequence.set(fy, number);
    const started = cityConfirmed + 5 * DAY;
    const submitted = Date.UTC(fy + 1, 3, 10 + Math.floor(random() * 15));
    const accepted = submitted + 10 * DAY;
    const evaluated = accepted + 30 * DAY;
    const closed = evaluated + 10 * DAY;
    rows.projects.push({ id: projectId, proposal_id: award.proposal_id, call_id: award.call_id, group_id: award.group_id, title: award.title, fiscal_year: fy, project_year: 1, total_years: 1, amounts: award.amounts, renewal_of_project_id: null, agreement_number: formatAgreementNumber(fy, number), group_confirmed_by: award.owner_id, group_confirmed_at: iso(groupConfirmed), city_confirmed_by: staffId, city_confirmed_at: iso(cityConfirmed), ended_at: null, ended_reason: null, created_at: award.published_at!, updated_at: iso(closed) });

    // The proposal's timeline from the agreement to the close, as applyTransition records it.
    const transition = (at: number, action: string, from: string, to: string, actor: "group" | "department" | "coordinator") =>
      rows.transitions.push({ id: id("pt"), proposal_id: award.proposal_id, at: iso(at), actor_id: actor === "group" ? award.owner_id : actor === "department" ? staffId : coordinatorId, actor_name: actor === "group" ? award.owner_name : actor === "department" ? staffName : coordinatorName, actor_role: actor, actor_organization: actor === "group" ? award.group_name : actor === "department" ? departmentName : "協働推進課", action, from_status: from, to_status: to, reason: null });
    transition(cityConfirmed, "conclude_agreement", isConditional ? "conditionally_adopted" : "adopted", "agreed", "department");
    transition(started, "start_project", "agreed", "in_progress", "department");
    transition(submitted, "report", "in_progress", "reported", "group");
    transition(evaluated, "evaluate", "reported", "evaluated", "department");
    transition(closed, "close", "evaluated", "closed", "coordinator");

    // The final report, accepted: what was done, a line for the progress list, the spending against the plan.
    const content = readContent(award.draft);
    const summary = `${award.title.replace(/（[^）]*）$/, "")}を実施（${pick(["参加者", "延べ参加者", "協力者"])}${20 + Math.floor(random() * 480)}人）`;
    const spending = content.budget
      .filter((l) => (l.year ?? 1) === 1)
      .map((l) => {
        const planned = l.amount ?? 0;
        const actual = Math.round((planned * (0.75 + random() * 0.4)) / 1000) * 1000;
        return { item: l.item, bearer: l.bearer, planned, actual, explanation: Math.abs(actual - planned) > planned * 0.2 ? "参加者数が見込みと異なったため" : "" };
      });
    rows.reports.push({ id: id("pr"), project_id: projectId, kind: "final", due_on: reportDueOn("final", fy), status: "accepted", content: JSON.stringify({ done: text(2), summary, indicators: [], spending }), summary, revision: 3, saved_by: award.owner_id, saved_at: iso(submitted - DAY), submitted_by: award.owner_id, submitted_at: iso(submitted), decided_by: staffId, decided_at: iso(accepted), return_reason: null, reminded_at: null });

    // The evaluations: self and department always, the third party's for about half.
    const sides = random() < 0.5 ? (["group", "department", "third_party"] as const) : (["group", "department"] as const);
    for (const side of sides) {
      const by = side === "group" ? award.owner_id : side === "department" ? staffId : coordinatorId;
      const items = EVALUATION_ITEMS.map(({ key }) => ({ item: key, score: 2 + Math.floor(random() * 4), comment: random() < 0.3 ? text(1) : "" }));
      rows.evaluations.push({ id: id("pe"), project_id: projectId, side, items: JSON.stringify(items), comment: text(1), submitted_by: by, submitted_at: iso(accepted + 7 * DAY) });
    }

    // Evidence: 1–3 leaf measures, each a link and a progress entry (recordProjectEvidenceIn's rows).
    const measureIds = new Set<string>();
    const wanted = 1 + Math.floor(random() * 3);
    while (measureIds.size < wanted) measureIds.add(pick(leaves).id);
    for (const measureId of measureIds) {
      rows.links.push({ id: id("ml"), measure_id: measureId, subject_type: "project", subject_id: projectId, fiscal_year: fy, department_name: departmentName, linked_by: staffId, linked_at: iso(cityConfirmed) });
      const position = nextPosition.get(measureId) ?? 0;
      nextPosition.set(measureId, position + 1);
      rows.entries.push({ id: id("pe"), measure_id: measureId, text: summary, fiscal_year_from: fy, fiscal_year_to: fy, fiscal_year_label: formatFiscalYearRange(fy, fy), departments: JSON.stringify([departmentName]), source: "project", source_id: projectId, position, created_at: iso(accepted), created_by: staffId });
    }

    // The project's own steps in the audit log, as its commands record them (its timeline reads these).
    const audit = (at: number, actor: string, action: string, detail: object) => rows.audit.push({ id: id("a"), actor_user_id: actor, action, subject_type: "project", subject_id: projectId, detail: JSON.stringify(detail), created_at: iso(at) });
    audit(groupConfirmed, award.owner_id, "project.confirm-agreement", { label: "団体" });
    audit(cityConfirmed, staffId, "project.confirm-agreement", { label: "市" });
    audit(submitted, award.owner_id, "project.report-submit", { label: REPORT_KIND_LABELS.final });
    audit(accepted, staffId, "project.report-accept", { label: REPORT_KIND_LABELS.final });
    audit(accepted, staffId, "plan.project-evidence", { measureIds: [...measureIds], fiscalYear: fy, added: measureIds.size, replaced: 0 });
    for (const side of sides) audit(accepted + 7 * DAY, side === "group" ? award.owner_id : side === "department" ? staffId : coordinatorId, "project.evaluation", { label: EVALUATION_SIDE_LABELS[side] });
  }

  // Conditional adoptions: the decision says so (its conditions are in decision_conditions).
  for (let i = 0; i < conditional.length; i += 500) {
    await db.updateTable("decisions").set({ outcome: "conditional" }).where("proposal_id", "in", conditional.slice(i, i + 500)).execute();
    await db
      .updateTable("proposal_transitions")
      .set({ action: "decide_conditional", to_status: "conditionally_adopted" })
      .where("proposal_id", "in", conditional.slice(i, i + 500))
      .where("action", "=", "decide_adopt")
      .execute();
  }
  const batches = <T>(list: T[], size = 20_000) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
  await insertMany(db, "projects", rows.projects);
  await insertMany(db, "proposal_departments", rows.departments);
  await insertMany(db, "decision_conditions", rows.conditions);
  for (const batch of batches(rows.transitions)) await insertMany(db, "proposal_transitions", batch);
  await insertMany(db, "project_reports", rows.reports);
  await insertMany(db, "project_evaluations", rows.evaluations);
  await insertMany(db, "measure_links", rows.links);
  await insertMany(db, "progress_entries", rows.entries);
  for (const batch of batches(rows.audit)) await insertMany(db, "audit_log", batch);
  lap(`projects (${rows.projects.length}, ${rows.links.length} measure links)`);
  return { projects: rows.projects.length, links: rows.links.length };
}
