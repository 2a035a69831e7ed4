// Calls for proposals in the authorization table: a published citizen call anyone may read and only
// the coordinator may manage (drafts hidden from the public: calls.test.ts).
import { makeCall } from "../proposal-fixtures";
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
    await makeCall(
      {
        id: "authz-call",
        title: "権限確認の募集",
        fiscalYear: 2027,
        opensAt: "2027-01-10T00:00:00.000Z",
        closesAt: "2027-02-10T08:00:00.000Z",
        cap: 1_000_000,
        capTotal: 5_000_000,
        cityShareByYear: [100],
        stages: ["document_review"],
      },
      db,
    );
  },
};
