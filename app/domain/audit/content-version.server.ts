// The version of what anonymous visitors can see: one counter in the database, so every server process
// (and PostgreSQL's several connections) agrees on it. recordAudit bumps it inside the transaction of
// the change, so a reader that sees the new version also sees the new rows (app/http/page-cache.ts).
import type { DB } from "../../../db/index";

const PUBLIC = "public";

export async function bumpContentVersion(db: DB): Promise<void> {
  await db
    .updateTable("content_versions")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("name", "=", PUBLIC)
    .execute();
}

/** The current version, or null where the table is missing (a database not yet migrated). */
export async function readContentVersion(db: DB): Promise<number | null> {
  try {
    const row = await db.selectFrom("content_versions").select("version").where("name", "=", PUBLIC).executeTakeFirst();
    return row ? Number(row.version) : null;
  } catch {
    return null;
  }
}
