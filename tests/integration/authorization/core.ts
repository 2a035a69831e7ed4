// Accounts, administration and the pages every visitor shares.
import { adminOnly, anonymousOnly, signedIn, type AreaTable } from "./table";

export const core: AreaTable = {
  routes: {
    _index: { path: "/", get: "ok" },
    signup: { path: "/signup", get: anonymousOnly, post: anonymousOnly },
    login: { path: "/login", get: anonymousOnly, post: anonymousOnly },
    logout: { path: "/logout", get: "home", post: { anonymous: "login", others: "home" } },
    dashboard: { path: "/dashboard", get: signedIn },
    session: { path: "/session", get: "ok", post: signedIn },
    "account.password": { path: "/account/password", get: signedIn, post: signedIn },
    notifications: { path: "/notifications", get: signedIn, post: signedIn },
    "password.forgot": { path: "/password/forgot", get: anonymousOnly, post: anonymousOnly },
    "password.reset.$token": { path: "/password/reset/not-a-real-token", get: "ok", post: "ok" },
    "admin.users": { path: "/admin/users", get: adminOnly, post: adminOnly },
    "admin.audit": { path: "/admin/audit", get: adminOnly },
    "admin.departments._index": { path: "/admin/departments", get: adminOnly, post: adminOnly },
    "admin.departments.$id": { path: "/admin/departments/authz-department", get: adminOnly, post: adminOnly },
    "admin.departments.import": { path: "/admin/departments/import", get: adminOnly, post: adminOnly },
    healthz: { path: "/healthz", get: "ok" },
    $: { path: "/no/such/page", get: "missing", post: "missing" },
  },
  async prepare(db) {
    await db
      .insertInto("departments")
      .values({ id: "authz-department", name: "権限確認課", parent_division: null, contact: null, created_at: new Date().toISOString() })
      .execute();
  },
};
