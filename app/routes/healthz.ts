// For load balancers and the test runner: answers once the server can reach its database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { sql } from "kysely";
import { getDb } from "~/db.server";
import { authorize } from "~/auth/guards.server";

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, "public:view");
  await sql`select 1`.execute(getDb());
  return json({ ok: true });
}
