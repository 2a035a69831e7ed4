// Proof of the e-mail address (docs/decisions/0011): when each account's address was confirmed, the
// one-time confirmation links (sign-up and address change, stored hashed like the reset links), and
// the requests that send mail (sign-up, reset, re-sending, address change) counted for throttling.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("email_confirmed_at", "text").execute();
  // Accounts made before addresses were proven were made by operators, the demo, invitations or sign-up
  // with access at once; they keep working (the decision record says why).
  await sql`update users set email_confirmed_at = created_at`.execute(db);

  await db.schema
    .createTable("email_confirmations")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull()) // the address the link proves (the new one for a change)
    .addColumn("purpose", "text", (c) => c.notNull()) // signup | change
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("email_confirmations_user_idx").on("email_confirmations").columns(["user_id", "used_at"]).execute();

  await db.schema
    .createTable("mail_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull()) // signup | password_reset | confirmation_resend | email_change
    .addColumn("email", "text", (c) => c.notNull()) // the address the mail would go to, whether or not it has an account
    .addColumn("client_address", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mail_requests_email_idx").on("mail_requests").columns(["kind", "email", "requested_at"]).execute();
  await db.schema.createIndex("mail_requests_client_idx").on("mail_requests").columns(["kind", "client_address", "requested_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_requests").execute();
  await db.schema.dropTable("email_confirmations").execute();
  await db.schema.alterTable("users").dropColumn("email_confirmed_at").execute();
}
