// Calls for proposals in the authorization table: a published citizen call anyone may read and only
// the coordinator may manage (drafts hidden from the public: calls.test.ts).
import { now } from "../../../db/values";
import { coordinatorOnly, type AreaTable } from "./table";

const PUBLISHED = "/calls/authz-call";

export const calls: AreaTable = {
  routes: {
    "calls._index": { path: "/calls", get: "ok" },
    "calls.$id": { path: PUBLISHED, get: "ok" },
    "coordinator.calls._index": { path: "/coordinator/calls", get: coordinatorOnly },
    "coordinator.calls.new": { path: "/coordinator/calls/new", get: coordinatorOnly, post: coordinatorOnly },
    "coordinator.calls.$id.edit": { path: "/coordinator/calls/authz-call/edit", get: coordinatorOnly, post: coordinatorOnly },
  },
  async prepare(db) {
    const at = now();
    await db
      .insertInto("calls")
      .values({
        id: "authz-call",
        fiscal_year: 2027,
        type: "citizen",
        title: "権限確認の募集",
        description: "権限確認",
        min_members: null,
        min_years_active: null,
        opens_at: "2027-01-10T00:00:00.000Z",
        closes_at: "2027-02-10T08:00:00.000Z",
        grace_minutes: 0,
        budget_cap_per_proposal: 1_000_000,
        budget_cap_total: 5_000_000,
        city_share_by_year: "[100]",
        required_attachments: "[]",
        stages: '["document_review"]',
        status: "published",
        first_submitted_at: null,
        published_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db.insertInto("call_criteria").values({ id: "authz-criterion", call_id: "authz-call", position: 0, name: "公益性", description: "", max_points: 10, weight: 1 }).execute();
  },
};
