// The projects list (`/projects`, issue 14 item 5; docs/decisions/0015, "The second half of the chain"):
// the latest 年度 first, then by title and id. Its page's ids are read from this index alone, so a page no
// longer sorts every project of ten years; the yearly summary (`where fiscal_year = ?` by title) and its
// choice of years (`distinct fiscal_year`) are served by it too, so it replaces projects_fiscal_year_idx.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("projects_list_order_idx").on("projects").columns(["fiscal_year desc", "title", "id"]).execute();
  await db.schema.dropIndex("projects_fiscal_year_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("projects_fiscal_year_idx").on("projects").columns(["fiscal_year"]).execute();
  await db.schema.dropIndex("projects_list_order_idx").execute();
}
