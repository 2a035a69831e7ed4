// Accounts, administration and the pages every visitor shares.
import { adminOnly, anonymousOnly, signedIn, type AreaTable } from "./table";

export const core: AreaTable = {
  routes: {
    _index: { path: "/", get: "ok" },
    signup: { path: "/signup", get: anonymousOnly, post: anonymousOnly },
    login: { path: "/login", get: anonymousOnly, post: anonymousOnly },
    logout: { path: "/logout", get: "home", post: { anonymous: "login", unconfirmed: "home", others: "home" } },
    dashboard: { path: "/dashboard", get: signedIn },
    session: { path: "/session", get: "ok", post: signedIn },
    "account.password": { path: "/account/password", get: signedIn, post: signedIn },
    "account.email": { path: "/account/email", get: signedIn, post: signedIn },
    // The page an unconfirmed account is sent to, and re-sending the link (back to the same page).
    "account.confirm._index": {
      path: "/account/confirm",
      get: { anonymous: "login", unconfirmed: "ok", others: "dashboard" },
      post: { anonymous: "login", unconfirmed: "confirm", others: "dashboard" },
    },
    // The mailed link: anyone may open it (told to sign in); following it needs the account's session.
    "account.confirm.$token": {
      path: "/account/confirm/not-a-real-token",
      get: { anonymous: "ok", unconfirmed: "ok", others: "ok" },
      post: { anonymous: "login", unconfirmed: "ok", others: "ok" },
    },
    // without a half-way sign-in (a right password first) the second step sends back to sign in
    "login_.two-factor": { path: "/login/two-factor", get: { anonymous: "login", others: "dashboard" }, post: { anonymous: "login", others: "dashboard" } },
    "account.reauthenticate": { path: "/account/reauthenticate", get: signedIn, post: signedIn },
    "account.two-factor._index": { path: "/account/two-factor", get: signedIn, post: signedIn },
    "account.two-factor.setup": { path: "/account/two-factor/setup", get: signedIn, post: signedIn },
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
