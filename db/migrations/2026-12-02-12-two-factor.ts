// Two-step sign-in (TOTP, RFC 6238): each account's authenticator secret (confirmed, and one being set
// up), its single-use recovery codes (hashed), the half-finished sign-ins waiting for a code, and when
// each session last proved its password (for re-authentication before sensitive changes).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("second_factors")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text") // the confirmed secret (encrypted when TWO_FACTOR_KEY is set); null until confirmed
    .addColumn("confirmed_at", "text")
    .addColumn("last_used_step", "integer") // the newest 30-second step a code was accepted for: no replay
    .addColumn("pending_secret", "text") // a secret shown on the set-up page, not yet confirmed with a code
    .addColumn("pending_created_at", "text")
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull()) // SHA-256 of the normalized code (80 random bits)
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").columns(["user_id", "code_hash"]).execute();

  await db.schema
    .createTable("pending_sign_ins")
    .addColumn("id", "text", (c) => c.primaryKey()) // SHA-256 of the token in the pending cookie
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Sessions made before this migration have none: they count as not recently authenticated.
  await db.schema.alterTable("sessions").addColumn("authenticated_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("authenticated_at").execute();
  await db.schema.dropTable("pending_sign_ins").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.dropTable("second_factors").execute();
}
