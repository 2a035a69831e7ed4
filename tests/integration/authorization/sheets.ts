// Matching sheets in the authorization table: a published sheet of 権限確認課, which staff of another
// department may read but not write (drafts and the department's own staff: sheets.test.ts).
import { now } from "../../../db/values";
import type { AreaTable, Rule } from "./table";

const PUBLISHED = "/sheets/authz-sheet";

// The table's staff user belongs to no department, so staff are "another department's staff" here;
// the department's own staff are tested in sheets.test.ts.
const departmentOnly: Rule = { anonymous: "login", others: "forbidden" };

export const sheets: AreaTable = {
  routes: {
    "sheets._index": { path: "/sheets", get: "ok" },
    "sheets.new": { path: "/sheets/new", get: departmentOnly, post: departmentOnly },
    "sheets.$id._index": { path: PUBLISHED, get: "ok", post: "ok" },
    "sheets.$id.edit": { path: `${PUBLISHED}/edit`, get: departmentOnly, post: departmentOnly },
  },
  async prepare(db) {
    const at = now();
    await db
      .insertInto("matching_sheets")
      .values({
        id: "authz-sheet",
        department_id: "authz-department",
        title: "権限確認シート",
        background: "現状",
        outcomes: "成果",
        offer_people: "職員",
        offer_places: "",
        offer_money: "",
        offer_information: "",
        budget_scale: "none",
        fiscal_year: 2027,
        period: "令和9年度",
        apply_until: null,
        priority: "normal",
        contact_name: "担当",
        contact_phone: "047-000-0000",
        contact_email: "",
        status: "published",
        search_text: "権限確認",
        published_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  },
};

