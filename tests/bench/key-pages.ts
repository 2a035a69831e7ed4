// The key pages of issue 14 on the big dataset, shared by pages.bench.ts and queries.bench.ts: finds (or
// seeds, once) the database, signs the roles in (sessions written directly) and names each page's URL.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface KeyPage {
  key: string;
  path: string;
  cookie?: string;
  /** Public pages aim at ≥ 1.0× the bare route, signed-in ones at ≥ 0.5×. */
  public: boolean;
}

/** BENCH_DATABASE_URL, or data/bench-<scale>.sqlite (seeded the first time, reused after); sets DATABASE_URL. */
export function benchDatabase(scale: string): string {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const file = path.resolve(`data/bench-${scale}.sqlite`);
    if (!fs.existsSync(file)) {
      console.log(`seeding ${file} (once; later runs reuse it) …`);
      execFileSync(process.execPath, ["--import", "tsx", "tests/bench/seed-dataset.ts", `--scale=${scale}`], { stdio: "inherit" });
    }
    url = `file:${file}`;
  }
  process.env.DATABASE_URL = url;
  return url;
}

export async function keyPages(): Promise<{ pages: KeyPage[]; engine: string; counts: Record<string, number> }> {
  const { getDb, closeDb, engine } = await import("../../db/index");
  const { migrateToLatest } = await import("../../db/migrate");
  const { startSession } = await import("../../app/auth/session.server");
  const { BENCH_NAMES } = await import("./dataset");
  const db = getDb();
  await migrateToLatest(db);
  const { hasSecondFactor } = await import("../../app/domain/accounts/two-factor.server");
  const { requiresSecondFactor } = await import("../../app/auth/two-factor-policy");
  const { loadViewer } = await import("../../app/domain/accounts/queries.server");
  const { setUpSecondFactorFor } = await import("./second-factor");
  const userId = async (email: string) => (await db.selectFrom("users").where("email", "=", email).select("id").executeTakeFirstOrThrow()).id;
  // A signed-in page is measured only if it is served: an unconfirmed address or a missing second factor
  // would have every request answered by a redirect to /account/confirm or the set-up page (datasets
  // seeded before addresses were confirmed are put right here, once).
  const cookieOf = async (email: string) => {
    const id = await userId(email);
    await db.updateTable("users").set({ email_confirmed_at: new Date().toISOString() }).where("id", "=", id).where("email_confirmed_at", "is", null).execute();
    const viewer = (await loadViewer(db, id))!;
    if (requiresSecondFactor(viewer.roles) && !(await hasSecondFactor(db, id))) await setUpSecondFactorFor(id);
    return (await startSession(id)).split(";")[0];
  };
  const ownerId = await userId(BENCH_NAMES.groupOwner);
  const bigCall = await db.selectFrom("calls").where("title", "=", BENCH_NAMES.bigCallTitle).select("id").executeTakeFirstOrThrow();
  const proposal = await db
    .selectFrom("proposals")
    .innerJoin("group_members", "group_members.group_id", "proposals.group_id")
    .where("group_members.user_id", "=", ownerId)
    .where("proposals.call_id", "=", bigCall.id)
    .select("proposals.id")
    .executeTakeFirstOrThrow();
  const staffUser = await db.selectFrom("users").where("email", "=", BENCH_NAMES.staff).select("department_id").executeTakeFirstOrThrow();
  const sheet = await db.selectFrom("matching_sheets").where("department_id", "=", staffUser.department_id!).where("status", "=", "published").select("id").orderBy("id").executeTakeFirstOrThrow();
  // The department staff member's view of a proposal: a draft of their department under consultation
  // (the thread and the draft), the one with the longest thread, then the first by id.
  const consulted = await db
    .selectFrom("proposals")
    .innerJoin("proposal_departments", "proposal_departments.proposal_id", "proposals.id")
    .where("proposal_departments.department_id", "=", staffUser.department_id!)
    .where("proposals.status", "=", "draft")
    .where("proposals.consultation_opened_at", "is not", null)
    .select(["proposals.id", (eb) => eb.selectFrom("proposal_messages").whereRef("proposal_messages.proposal_id", "=", "proposals.id").select((m) => m.fn.countAll().as("n")).as("messages")])
    .orderBy("messages", "desc")
    .orderBy("proposals.id")
    .executeTakeFirst();
  const ownGroup = await db.selectFrom("group_members").where("user_id", "=", ownerId).select("group_id").executeTakeFirstOrThrow();
  // A finished project of the latest past 年度 (the first by id), signed in as its group's owner: the
  // second half of the chain (tests/bench/dataset-projects.ts). Datasets seeded before it have none.
  const project = await db
    .selectFrom("projects")
    .innerJoin("group_members", (join) => join.onRef("group_members.group_id", "=", "projects.group_id").on("group_members.role", "=", "owner"))
    .innerJoin("users", "users.id", "group_members.user_id")
    .select(["projects.id", "projects.call_id", "users.email"])
    .orderBy("projects.fiscal_year", "desc")
    .orderBy("projects.id")
    .executeTakeFirst();
  const count = async (table: "groups" | "proposals" | "audit_log" | "projects") => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const counts = { groups: await count("groups"), proposals: await count("proposals"), audit: await count("audit_log"), projects: await count("projects") };
  const cookies = {
    group: await cookieOf(BENCH_NAMES.groupOwner),
    staff: await cookieOf(BENCH_NAMES.staff),
    coordinator: await cookieOf(BENCH_NAMES.coordinator),
    reviewer: await cookieOf(BENCH_NAMES.reviewer),
    admin: await cookieOf(BENCH_NAMES.admin),
    projectOwner: project ? await cookieOf(project.email) : undefined,
  };
  const used = engine();
  await closeDb(); // the servers open the database themselves
  const results = `/coordinator/calls/${bigCall.id}/results`;
  const pages: KeyPage[] = [
    { key: "healthz", path: "/healthz", public: true },
    { key: "home", path: "/", public: true },
    // The same page signed in: no cache, the session and the frame — the floor of every signed-in page.
    { key: "home-signed-in", path: "/", cookie: cookies.group, public: false },
    { key: "groups", path: `/groups?q=${encodeURIComponent("子育")}`, public: true },
    { key: "sheets", path: "/sheets", public: true },
    { key: "sheet-page", path: `/sheets/${sheet.id}`, cookie: cookies.staff, public: false },
    { key: "calls", path: "/calls", public: true },
    { key: "proposal-group", path: `/proposals/${proposal.id}`, cookie: cookies.group, public: false },
    { key: "proposal-coordinator", path: `/proposals/${proposal.id}`, cookie: cookies.coordinator, public: false },
    { key: "results", path: results, cookie: cookies.coordinator, public: false },
    { key: "results-xlsx", path: `${results}.xlsx`, cookie: cookies.coordinator, public: false },
    { key: "plan", path: `/plans/${BENCH_NAMES.planSlug}`, public: true },
    { key: "progress", path: `/plans/${BENCH_NAMES.planSlug}/progress`, public: true },
    { key: "progress-xlsx", path: `/plans/${BENCH_NAMES.planSlug}/progress.xlsx`, public: true },
    { key: "dashboard-group", path: "/dashboard", cookie: cookies.group, public: false },
    { key: "dashboard-staff", path: "/dashboard", cookie: cookies.staff, public: false },
    { key: "dashboard-coordinator", path: "/dashboard", cookie: cookies.coordinator, public: false },
    { key: "dashboard-reviewer", path: "/dashboard", cookie: cookies.reviewer, public: false },
    { key: "dashboard-admin", path: "/dashboard", cookie: cookies.admin, public: false },
    { key: "notifications", path: "/notifications", cookie: cookies.group, public: false },
    { key: "audit", path: "/admin/audit", cookie: cookies.admin, public: false },
    { key: "proposals-coordinator", path: "/proposals", cookie: cookies.coordinator, public: false },
    // The coordinator's review of the 200-proposal call: its first page of 50 proposals, the stage's
    // 1,000 assignments counted, the page's 250 listed.
    { key: "call-review", path: `/coordinator/calls/${bigCall.id}/review`, cookie: cookies.coordinator, public: false },
    // A department's view (datasets seeded before proposals named departments have no consulted draft).
    { key: "proposals-staff", path: "/proposals", cookie: cookies.staff, public: false },
    ...(consulted ? [{ key: "proposal-staff", path: `/proposals/${consulted.id}`, cookie: cookies.staff, public: false }] : []),
    { key: "groups-review", path: "/coordinator/groups", cookie: cookies.coordinator, public: false },
    { key: "group-history", path: `/groups/${ownGroup.group_id}/history`, cookie: cookies.coordinator, public: false },
    ...(project
      ? [
          { key: "project-group", path: `/projects/${project.id}`, cookie: cookies.projectOwner, public: false },
          { key: "project-coordinator", path: `/projects/${project.id}`, cookie: cookies.coordinator, public: false },
          { key: "projects-coordinator", path: "/projects", cookie: cookies.coordinator, public: false },
          { key: "projects-staff", path: "/projects", cookie: cookies.staff, public: false },
          { key: "projects-summary", path: "/projects/summary", cookie: cookies.coordinator, public: false },
          // Public (a published call's awards) but never cached (no-store): measured against the public target.
          { key: "projects-csv", path: `/calls/${project.call_id}/projects.csv`, public: true },
        ]
      : []),
  ];
  const only = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
  return { pages: only.length ? pages.filter((p) => only.some((o) => p.key.startsWith(o))) : pages, engine: used, counts };
}
