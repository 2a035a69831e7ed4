// The groups area's routes in the authorization table. `authz-group` is approved and the group_member
// user is a plain member of it (not its owner); `authz-pending-group` waits for review and has no
// members (its 404s are in groups.test.ts).
import { coordinatorOnly, signedIn, type AreaTable } from "./table";

const memberOnly = { anonymous: "login", group_member: "ok", others: "forbidden" } as const;

export const groups: AreaTable = {
  routes: {
    "groups._index": { path: "/groups", get: "ok" },
    "groups.new": { path: "/groups/new", get: signedIn, post: signedIn },
    "groups.$id._index": { path: "/groups/authz-group", get: "ok" },
    "groups.$id.edit": { path: "/groups/authz-group/edit", get: memberOnly, post: memberOnly },
    // Members see the list; only the owner invites, transfers or removes.
    "groups.$id.members": { path: "/groups/authz-group/members", get: memberOnly, post: { anonymous: "login", others: "forbidden" } },
    "groups.$id.history": {
      path: "/groups/authz-group/history",
      get: { anonymous: "login", group_member: "ok", coordinator: "ok", admin: "ok", others: "forbidden" },
    },
    "invites.$token": { path: "/invites/not-a-real-token", get: signedIn, post: signedIn },
    "coordinator.groups": { path: "/coordinator/groups", get: coordinatorOnly, post: coordinatorOnly },
  },
  async prepare(db, users) {
    const at = new Date().toISOString();
    for (const [id, status] of [
      ["authz-group", "approved"],
      ["authz-pending-group", "pending"],
    ] as const) {
      await db
        .insertInto("groups")
        .values({ id, name: `権限確認団体 ${id}`, name_kana: "けんげんかくにん", status, created_at: at, updated_at: at, legal_form: "voluntary", actor_type: "civic_group", founded_year: null, founded_month: null, member_count: null, representative_name: "代表 太郎", email: null, phone: null, address: null, website: null, mission: "権限の確認", wishes: null, past_collaboration: null, status_reason: null, reviewed_by: null, reviewed_at: null })
        .execute();
    }
    await db.insertInto("group_members").values({ group_id: "authz-group", user_id: users.get("group_member")!, role: "member", joined_at: at }).execute();
  },
};
