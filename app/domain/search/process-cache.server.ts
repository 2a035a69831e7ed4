// Data held in the server process (search lists, matching indexes) and rebuilt only when the table it
// stands on changes: a cheap stamp query (row count and latest `updated_at`, both read from the
// `updated_at` index) decides, and concurrent requests share one rebuild. See docs/decisions/0004.
import type { DB } from "../../../db/index";

/** Changes whenever a row of the table is added, removed or updated through the commands. */
export async function tableStamp(db: DB, table: "groups" | "matching_sheets", extra = ""): Promise<string> {
  // Two queries, because each alone has a shortcut (the index's last entry; a count of index pages).
  const { latest } = await db.selectFrom(table).select((eb) => eb.fn.max("updated_at").as("latest")).executeTakeFirstOrThrow();
  const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return `${n}|${latest ?? ""}|${extra}`;
}

/** A value per database handle (tests use several), rebuilt when its stamp changes. */
export class ProcessCache<T> {
  private readonly entries = new WeakMap<DB, { stamp: string; value: Promise<T> }>();

  async get(db: DB, stamp: string, build: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(db);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, value: build() };
      this.entries.set(db, entry);
      entry.value.catch(() => this.entries.delete(db));
    }
    return entry.value;
  }
}

/** Like ProcessCache, with one value per key (e.g. per review stage); at most `limit` keys are kept. */
export class KeyedProcessCache<T> {
  private readonly entries = new WeakMap<DB, Map<string, { stamp: string; value: Promise<T> }>>();
  constructor(private readonly limit = 50) {}

  async get(db: DB, key: string, stamp: string, build: () => Promise<T>): Promise<T> {
    let map = this.entries.get(db);
    if (!map) this.entries.set(db, (map = new Map()));
    let entry = map.get(key);
    if (!entry || entry.stamp !== stamp) {
      entry = { stamp, value: build() };
      map.delete(key);
      map.set(key, entry);
      if (map.size > this.limit) map.delete(map.keys().next().value!);
      const current = entry;
      entry.value.catch(() => {
        if (map!.get(key) === current) map!.delete(key);
      });
    }
    return entry.value;
  }
}
