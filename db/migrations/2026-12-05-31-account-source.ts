// How each account came to be (`users.source`: signup, reviewer_invite, cli, demo…), a column the hourly
// clean-up of abandoned sign-ups reads, instead of searching the text of the account's `user.create`
// audit entry for `"source":"signup"`. Existing accounts take it from that entry, the one place it was
// recorded; an account without one (the demo's, which never wrote one) is 'unknown' and is never
// taken for a self sign-up.
import { sql, type Kysely } from "kysely";

/** Every source insertAccount has written into `user.create`'s detail (JSON: `"source":"…"`). */
const RECORDED_SOURCES = ["signup", "reviewer_invite", "cli", "demo", "test", "bench"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("source", "text", (c) => c.notNull().defaultTo("unknown")).execute();
  // The entry is the account's own creation (its actor is the account). Its detail is written by
  // JSON.stringify, so the pair reads exactly so; an address cannot hold a quote. One pass over the log
  // for each source (not a probe of each account's own entries: on ten years of a big city's log, a
  // million rows, probing took 36 s on SQLite, the passes a few seconds).
  for (const source of RECORDED_SOURCES) {
    const pair = JSON.stringify({ source }).slice(1, -1);
    await sql`
      update users set source = ${source}
      where id in (
        select actor_user_id from audit_log
        where action = 'user.create' and detail like ${`%${pair}%`}
      )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("source").execute();
}
