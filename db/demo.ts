// The demo loaded on the first start of an empty database: the departments named in the seed
// documents (白井市's progress list), one user of each role, about twenty groups and ten matching
// sheets, the seed plan, this year's calls, last year's call in review, a call whose decisions are
// published, and two collaboration projects, one of them evidence on a measure (db/demo/).
import type { DB } from "./index";
import type { Role } from "./schema";
import { loadDemoGroups } from "./demo/groups";
import { newId, now } from "./values";
import { hashPassword } from "../app/auth/password.server";
import { loadDemoAwards } from "./demo/awards";
import { loadDemoCalls } from "./demo/calls";
import { loadDemoReviews } from "./demo/reviews";
import { loadDemoSheetNotices, loadDemoSheets } from "./demo/sheets";
import { loadDemoProjects } from "./demo/projects";

export const DEMO_PASSWORD = "kyodo-demo-2026";

/** Departments as printed in the seeds' 担当課 columns (000/001) and the coordinator's office. */
export const DEMO_DEPARTMENTS: { name: string; parentDivision: string }[] = [
  { name: "市民活動支援課", parentDivision: "市民環境経済部" },
  { name: "企画政策課", parentDivision: "企画財政部" },
  { name: "財政課", parentDivision: "企画財政部" },
  { name: "総務課", parentDivision: "総務部" },
  { name: "行政経営改革課", parentDivision: "総務部" },
  { name: "秘書広報課", parentDivision: "総務部" },
  { name: "しろいの魅力発信課", parentDivision: "総務部" },
  { name: "市民安全課", parentDivision: "市民環境経済部" },
  { name: "産業振興課", parentDivision: "市民環境経済部" },
  { name: "社会福祉課", parentDivision: "福祉部" },
  { name: "高齢者福祉課", parentDivision: "福祉部" },
  { name: "保健福祉相談室", parentDivision: "福祉部" },
  { name: "都市計画課", parentDivision: "都市建設部" },
  { name: "生涯学習課", parentDivision: "教育部" },
  { name: "学校教育課", parentDivision: "教育部" },
  { name: "学校政策課", parentDivision: "教育部" },
  { name: "公民センター", parentDivision: "教育部" },
];

/** `unconfirmed`: an account that signed up and has not yet followed its confirmation link. */
export const DEMO_USERS: { email: string; displayName: string; roles: Role[]; department?: string; unconfirmed?: true }[] = [
  { email: "admin@example.jp", displayName: "管理 太郎", roles: ["admin"] },
  { email: "coordinator@example.jp", displayName: "協働 花子", roles: ["coordinator"], department: "市民活動支援課" },
  { email: "staff@example.jp", displayName: "企画 次郎", roles: ["department_staff"], department: "企画政策課" },
  { email: "reviewer@example.jp", displayName: "審査 三郎", roles: ["reviewer"] },
  {
    email: "staff-reviewer@example.jp",
    displayName: "生涯 学",
    roles: ["department_staff", "reviewer"],
    department: "生涯学習課",
  },
  { email: "expert-reviewer@example.jp", displayName: "学識 経子", roles: ["reviewer"] },
  { email: "group@example.jp", displayName: "市民 さくら", roles: ["group_member"] },
  { email: "unconfirmed@example.jp", displayName: "未確認 はるか", roles: ["group_member"], unconfirmed: true },
];

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Loads the demo into an empty database; returns the accounts it made. */
export async function loadDemo(db: DB): Promise<typeof DEMO_USERS> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const at = now();
    const departmentIds = new Map<string, string>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = newId();
      departmentIds.set(d.name, id);
      await trx
        .insertInto("departments")
        .values({ id, name: d.name, parent_division: d.parentDivision, contact: null, created_at: at })
        .execute();
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const id = newId();
      userIds.set(u.email, id);
      await trx
        .insertInto("users")
        .values({
          id,
          email: u.email,
          display_name: u.displayName,
          password_hash: passwordHash,
          department_id: u.department ? departmentIds.get(u.department)! : null,
          email_confirmed_at: u.unconfirmed ? null : at,
          // Not 'signup', even for the unconfirmed one: the demo's accounts are never cleaned up.
          source: "demo",
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const role of u.roles) {
        await trx.insertInto("user_roles").values({ user_id: id, role, granted_at: at, granted_by: null }).execute();
      }
    }
    await loadDemoGroups(trx, userIds);
    await loadDemoSheets(trx, departmentIds);
    await loadDemoSheetNotices(trx, userIds);
    await loadDemoCalls(trx);
    await loadDemoReviews(trx, userIds);
    await loadDemoAwards(trx, userIds);
  });
  await loadDemoProjects(db);
  return DEMO_USERS;
}
